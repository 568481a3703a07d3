"""Scores extractors' outputs against each page's expected.html (the text
Readability.js extracts, from Mozilla's test suite) with the same measure as
crates/dossier-text/tests/article_eval.rs: bag-of-words token F1, tokens =
lowercase runs of letters and digits, each Han/kana/Hangul/Thai/Myanmar
character alone. Usage: python score.py PAGES NAME=DIR [NAME=DIR ...]
(DIR holds <page>.txt or <page>.md and times.tsv)."""
import os
import sys
from collections import Counter
from html.parser import HTMLParser


def unspaced(c):
    o = ord(c)
    return (0x3040 <= o <= 0x30FF or 0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF
            or 0xAC00 <= o <= 0xD7AF or 0xF900 <= o <= 0xFAFF or 0x0E00 <= o <= 0x0E7F
            or 0x1000 <= o <= 0x109F)


def tokens(text):
    out, word = Counter(), []
    for c in text:
        if unspaced(c):
            if word:
                out["".join(word)] += 1
                word = []
            out[c] += 1
        elif c.isalnum():
            word.append(c.lower())
        elif word:
            out["".join(word)] += 1
            word = []
    if word:
        out["".join(word)] += 1
    return out


class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(path):
    p = Text()
    with open(path, encoding="utf-8", errors="replace") as f:
        p.feed(f.read())
    return " ".join(p.parts)


def f1(got, want):
    g, w = sum(got.values()), sum(want.values())
    if g == 0 and w == 0:
        return 1.0
    common = sum((got & want).values())
    p = common / g if g else 0.0
    r = common / w if w else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


pages = sys.argv[1]
names = sorted(n for n in os.listdir(pages) if os.path.exists(os.path.join(pages, n, "expected.html")))
want = {n: tokens(html_text(os.path.join(pages, n, "expected.html"))) for n in names}
print(f"{'extractor':<14} {'pages':>5} {'mean F1':>8} {'median ms/page':>15} {'mean ms/page':>13}")
for arg in sys.argv[2:]:
    label, d = arg.split("=", 1)
    scores = []
    for n in names:
        text = ""
        for ext in (".md", ".txt"):
            fp = os.path.join(d, n + ext)
            if os.path.exists(fp):
                with open(fp, encoding="utf-8", errors="replace") as f:
                    text = f.read()
                break
        scores.append(f1(tokens(text), want[n]))
    ms = []
    tp = os.path.join(d, "times.tsv")
    if os.path.exists(tp):
        with open(tp) as f:
            ms = sorted(float(line.split("\t")[1]) for line in f if "\t" in line)
    med = ms[len(ms) // 2] if ms else float("nan")
    mean_ms = sum(ms) / len(ms) if ms else float("nan")
    print(f"{label:<14} {len(scores):>5} {sum(scores) / len(scores):>8.3f} {med:>15.1f} {mean_ms:>13.1f}")
