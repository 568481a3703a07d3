#!/usr/bin/env python3
"""Builds `regions.txt`, the first-level divisions of every country (states,
provinces, regions: "Assam", "Gujarat", "Fife", "Bavaria"'s "Bayern"), from
the npm package country-region-data (MIT; see SOURCES.md).

Run by hand when the input changes; the output is committed:

  python3 build_regions.py COUNTRY_REGION_DATA_JSON

  COUNTRY_REGION_DATA_JSON  package/data.json from `npm pack
                            country-region-data@4.1.0`

A region's name is left out when it is already in `places.txt`, when it is a
common English word, a given name or a surname of the lists beside this
script (as "Angus", "Brent", "Bolton" are), a single word of three letters
or fewer ("Ba", "Ra"), when it is one of `build.py`'s
STOP words, when it is not in Latin script, or when it is written as a
list or with a comma ("Barking and Dagenham", "Bristol, City of").
"""

import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build import STOP, keep  # noqa: E402


def lines(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        countries = json.load(f)
    places = set(lines("places.txt"))
    common = set(lines("common_words.txt"))
    people = {n.lower() for n in lines("given_names.txt") + lines("surnames.txt")}
    out = set()
    for country in countries:
        for region in country["regions"]:
            name = region["name"].strip()
            words = name.split()
            if (
                not keep(name)
                or name in places
                or "," in name
                or "(" in name
                or " and " in name
                or name.lower() in common
                or name.lower() in STOP
                or (len(words) == 1 and name.lower() in people)
                or (len(words) == 1 and len(name) <= 3)
                or any(w.lower() in STOP for w in words[:1])
            ):
                continue
            out.add(name)
    with open(os.path.join(HERE, "regions.txt"), "w", encoding="utf-8") as f:
        f.write("".join(n + "\n" for n in sorted(out)))
    print(len(out), "regions")


if __name__ == "__main__":
    main()
