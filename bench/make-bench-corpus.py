#!/usr/bin/env python3
"""Writes N distinct Pendo-webhook-shaped events as JSON Lines (one second apart), for load benchmarks.
Fast enough for 10M events (a template, not a JSON encoder per event).
usage: make-bench-corpus.py N OUT.jsonl [SEED]"""
import random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
kinds = ["guideDisplayed", "pollDisplayed", "pollSubmitted", "npsDisplayed", "npsSubmitted"]
template = ('{"app":{"id":-271828,"name":"acme-web","platform":"web"},"accountId":"acct-%04d",'
            '"subscription":{"id":5123456789012345,"name":"acme"},'
            '"userAgent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",'
            '"event":"%s","properties":{"guideId":"g%06d","guideProperties":{"id":"g1","name":"Onboarding tour",'
            '"createdAt":1700000000000,"steps":[{"id":"Zx81pQ","type":"building-block"}]},"guideStepId":"Zx81pQ",'
            '"language":"en-US"},"timestamp":%d,"visitorId":"visitor-%d","uniqueId":"%040x"}\n')
with open(out, "w", buffering=1 << 20) as f:
    lines = []
    for i in range(n):
        lines.append(template % (rng.randrange(5000), kinds[i % 5], rng.randrange(300), 1701234567 + i,
                                 rng.randrange(100000), rng.getrandbits(160)))
        if len(lines) == 10000:
            f.write("".join(lines)); lines = []
    f.write("".join(lines))
