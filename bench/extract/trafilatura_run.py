"""Runs trafilatura over every PAGES/*/source.html and writes OUT/<page>.txt
(the main text) and OUT/times.tsv (page, ms). Usage: python trafilatura_run.py PAGES OUT"""
import os
import sys
import time

import trafilatura

pages, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
times = []
for name in sorted(os.listdir(pages)):
    path = os.path.join(pages, name, "source.html")
    if not os.path.exists(path):
        continue
    with open(path, encoding="utf-8", errors="replace") as f:
        html = f.read()
    start = time.perf_counter()
    try:
        text = trafilatura.extract(html, include_tables=True, include_comments=False) or ""
    except Exception:  # a page it cannot read scores zero
        text = ""
    ms = (time.perf_counter() - start) * 1000
    with open(os.path.join(out, name + ".txt"), "w", encoding="utf-8") as f:
        f.write(text)
    times.append(f"{name}\t{ms:.2f}")
with open(os.path.join(out, "times.tsv"), "w") as f:
    f.write("\n".join(times) + "\n")
