#!/usr/bin/env python3
"""Writes N distinct Pendo-webhook-shaped events as JSON Lines (one second apart), for load benchmarks.
usage: make-bench-corpus.py N OUT.jsonl [SEED]"""
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 7)
kinds = ["guideDisplayed", "pollDisplayed", "pollSubmitted", "npsDisplayed", "npsSubmitted"]
with open(out, "w") as f:
    for i in range(n):
        ev = {
            "app": {"id": -271828, "name": "acme-web", "platform": "web"},
            "accountId": "acct-%04d" % rng.randrange(5000),
            "subscription": {"id": 5123456789012345, "name": "acme"},
            "userAgent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
            "event": rng.choice(kinds),
            "properties": {"guideId": "g%06d" % rng.randrange(300), "guideProperties": {"id": "g1", "name": "Onboarding tour",
                           "createdAt": 1700000000000, "steps": [{"id": "Zx81pQ", "type": "building-block"}]},
                           "guideStepId": "Zx81pQ", "language": "en-US"},
            "timestamp": 1701234567 + i,
            "visitorId": "visitor-%d" % rng.randrange(100000),
            "uniqueId": "%040x" % rng.getrandbits(160),
        }
        f.write(json.dumps(ev, separators=(",", ":")) + "\n")
