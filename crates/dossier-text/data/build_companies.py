#!/usr/bin/env python3
"""Builds `companies.txt`, the names of the companies of the world's main
stock indices (S&P 500, S&P 600, NASDAQ 100, Dow Jones, FTSE 100, DAX, CAC
40, Nikkei 225, EURO STOXX 50, IBEX 35, AEX, …) from the PyPI package
pytickersymbols (MIT; see SOURCES.md).

Run by hand when the input changes; the output is committed:

  python3 build_companies.py INDICES_DATA_PY

  INDICES_DATA_PY  pytickersymbols/indices_data.py from `pip download
                   --no-deps pytickersymbols==1.17.10`

Each company is written as the package names it ("Apple Inc.") and as
news writes it, without its legal form ("Apple", "Ford Motor", "Exxon
Mobil"); "The" before a name goes too. A name is left out when it is a
place of `places.txt` or `regions.txt`, a single letter or digit string,
all capitals of four letters or fewer (acronyms speak for themselves), or
not in Latin script. A last word that only names a trade ("Motor",
"Industries") is dropped for a third form ("Toyota"), unless one plain
English word would be left ("General Motors"). Common English words
("Apple", "Target"), given names and surnames of one word ("Nielsen")
stay: the suggester does not let them vouch for a capital at a sentence's
start, and weighs them less than a person's cues.
"""

import ast
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build import keep  # noqa: E402

# Legal forms and the words that only say a company is a group of them.
LEGAL = re.compile(
    r"(?:,?\s+(?:Inc\.?|Incorporated|Corporation|Corp\.?|Company|Co\.?|Companies"
    r"|Group|plc|PLC|Plc|Ltd\.?|Limited|Holdings?|AG|SE|SA|S\.A\.|N\.V\.|NV|ASA|AB"
    r"|Oyj|A/S|KGaA|& Co\.?|AG & Co\.|Co\., Ltd\.?|L\.P\.|LP|LLC|Trust|Bancorp"
    r"|\(The\)|Class [A-C]))+$"
)


def lines(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


# A last word that says what trade a company is in: "Toyota Motor",
# "Huntington Ingalls Industries" are written "Toyota", "Huntington
# Ingalls" as often.
TRADE = {
    "Motor", "Motors", "Industries", "International", "Technologies",
    "Technology", "Systems", "Enterprises", "Brands", "Pharmaceuticals",
    "Financial", "Entertainment", "Communications", "Networks", "Solutions",
    "Therapeutics", "Semiconductor", "Electronics", "Airlines", "Software",
}


def forms(name, common):
    name = " ".join(name.split())
    out = {name}
    short = LEGAL.sub("", name).strip(" ,")
    if short.startswith("The "):
        short = short[4:]
    if short:
        out.add(short)
    words = short.split()
    # Not when what is left is one plain word ("General" of "General Motors").
    if len(words) >= 2 and words[-1] in TRADE:
        rest = words[:-1]
        if len(rest) > 1 or rest[0].lower() not in common:
            out.add(" ".join(rest))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        source = f.read()
    # The module is one assignment of a literal: read it as data, run nothing.
    tree = ast.parse(source)
    indices = None
    for node in tree.body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "INDICES":
            indices = ast.literal_eval(node.value)
    if indices is None:
        sys.exit("no INDICES in " + sys.argv[1])
    places = set(lines("places.txt")) | set(lines("regions.txt"))
    common = set(lines("common_words.txt"))
    out = set()
    for index in indices.values():
        for company in index["companies"]:
            for name in forms(company["name"], common):
                words = name.split()
                if (
                    not keep(name)
                    or name in places
                    or len(name) < 2
                    or name.isdigit()
                ):
                    continue
                out.add(name)
    with open(os.path.join(HERE, "companies.txt"), "w", encoding="utf-8") as f:
        for name in sorted(out):
            f.write(name + "\n")
    print(len(out), "names")


if __name__ == "__main__":
    main()
