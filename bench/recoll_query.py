#!/usr/bin/python3
"""Times the committed query set on a Recoll index, in process (python3-recoll):
execute, fetch the top 10, and make each one's abstract (Recoll's snippet).

usage: recoll_query.py CONFDIR QUERIES_JSON [BUDGET_MS MIN_ITERS MAX_ITERS WARMUP]
Prints one JSON object: the engine, per query p50/p99 in microseconds, peak RSS.
"""
import json
import math
import sys
import time

from recoll import recoll


def percentile(samples, p):
    s = sorted(samples)
    if not s:
        return None
    rank = math.ceil(p / 100.0 * len(s))
    return s[min(max(rank, 1), len(s)) - 1]


def peak_rss_kb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def main():
    conf, queries = sys.argv[1], sys.argv[2]
    budget_ms, min_iters, max_iters, warmup = (int(a) for a in (sys.argv[3:7] or [2000, 10, 1000, 3]))
    qs = json.load(open(queries))["queries"]
    db = recoll.connect(confdir=conf)

    def once(text):
        q = db.query()
        total = q.execute(text, stemming=1, stemlang="english")
        docs = q.fetchmany(10)
        first = ""
        for d in docs:
            a = q.makedocabstract(d)
            if not first:
                first = a
        return total, first

    out = []
    for spec in qs:
        text = spec.get("recoll")
        if text is None:
            continue
        last = (0, "")
        for _ in range(warmup):
            last = once(text)
        samples = []
        start = time.perf_counter()
        while len(samples) < max(max_iters, 1) and (
            len(samples) < min_iters or (time.perf_counter() - start) * 1000 < budget_ms
        ):
            t = time.perf_counter()
            last = once(text)
            samples.append((time.perf_counter() - t) * 1e6)
        out.append({
            "name": spec["name"],
            "p50_us": percentile(samples, 50),
            "p99_us": percentile(samples, 99),
            "samples": len(samples),
            "samples_us": samples,
            "total": last[0],
            "snippet": (last[1] or "")[:200],
        })
    print(json.dumps({"engine": "recoll", "queries": out, "rss_kb": peak_rss_kb()}))


if __name__ == "__main__":
    main()
