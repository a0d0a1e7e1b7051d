"""Writes a wrk Lua script that POSTs a bundle's first event, each request with its own uniqueId (a
counter and a random number), so that every request is a new record.

usage: python3 bench/wrk-event.py BUNDLE OUT.lua
"""
import gzip
import json
import sys

bundle, out = sys.argv[1], sys.argv[2]
with gzip.open(bundle + "/events.jsonl.gz", "rt") as f:
    event = json.loads(f.readline())
event["uniqueId"] = "UNIQUE"
body = json.dumps(event, separators=(",", ":"))
head, tail = body.split("UNIQUE")
with open(out, "w") as f:
    f.write(
        'local n = 0\n'
        'request = function()\n'
        '  n = n + 1\n'
        '  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, [==[%s]==] .. n .. "-" .. math.random(1e9) .. [==[%s]==])\n'
        'end\n' % (head, tail))
