#!/usr/bin/env python3
"""Replays Adobe's Postman collections against a running `pendo-replay serve`.

    pendo-replay serve --port 0 &          # prints {"event":"listening","url":"http://127.0.0.1:PORT",...}
    scripts/replay-adobe-collections.py --url http://127.0.0.1:PORT \
        --collections ../shared/reference/adobe-postman

Each in-scope request of Tests/InletEmulatorTests/Conformance/adobe-collections.json is read from
the collection file itself (method, URL, headers, body; the script stops if the manifest's copy
differs from the collection), its placeholders filled as the manifest says (the seed's bodies where
the collection has {{body}}), sent, and its answer checked against what Adobe documents: status,
the headers clients read (Location) and the body's shape. Prints one line per request and a
summary; exits 0 when every request got Adobe's answer, 1 otherwise, 2 on bad usage.
Newman is not needed (and not available offline): the standard library does everything.
"""
import argparse
import json
import os
import re
import sys
import urllib.error
import urllib.request

ESCAPES = {'"': "%22", " ": "%20", "<": "%3C", ">": "%3E", "{": "%7B", "}": "%7D", "|": "%7C", "\\": "%5C", "^": "%5E", "`": "%60"}
HERE = os.path.dirname(os.path.abspath(__file__))
MANIFEST = os.path.join(HERE, "..", "Tests", "InletEmulatorTests", "Conformance", "adobe-collections.json")


def collection_requests(directory, file_name):
    """The requests of one collection by name (first of a name wins, as in the manifest)."""
    path = os.path.join(directory, file_name)
    try:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
    except (OSError, ValueError) as error:
        sys.exit(f"error: cannot read the collection {path}: {error} (pass --collections DIR, or --manifest-requests)")
    found = {}

    def walk(items):
        for item in items:
            if "item" in item:
                walk(item["item"])
            else:
                found.setdefault(item["name"], item["request"])

    walk(document.get("item", []))
    return found


def as_request(raw):
    url = raw["url"]["raw"] if isinstance(raw["url"], dict) else raw["url"]
    headers = [[h["key"], h["value"]] for h in raw.get("header", []) if not h.get("disabled")]
    body = (raw.get("body") or {}).get("raw")
    return {"method": raw["method"], "url": url, "headers": headers, "body": body}


class Run:
    def __init__(self, manifest, base):
        self.base = base.rstrip("/")
        self.gateway = re.sub(r"^https?://", "", self.base)
        self.variables = dict(manifest["variables"])
        self.variables["PLATFORM_GATEWAY"] = self.gateway

    def substitute(self, text):
        return re.sub(r"\{\{([^}]+)\}\}", lambda m: self.variables.get(m.group(1), ""), text)

    def resolve(self, step, request):
        for name, value in step.get("set", {}).items():
            self.variables[name] = self.substitute(value if isinstance(value, str) else json.dumps(value))
        url = re.sub(r"/:([A-Za-z0-9_]+)", r"/{{\1}}", request["url"])
        # Characters a request line cannot carry (an etag's quotes in ?if-match=) go percent-encoded,
        # as Postman sends them.
        url = "".join(ESCAPES.get(c, c) for c in self.substitute(url))
        for prefix in ("https://platform.adobe.io", "https://" + self.gateway, "http://" + self.gateway):
            if url.startswith(prefix):
                url = self.base + url[len(prefix):]
                break
        if not url.startswith(self.base):
            raise SystemExit(f"error: {step['name']}: {url} is not on the emulator")
        headers = [(k, self.substitute(v)) for k, v in request["headers"]]
        if step.get("collection") == "Check_Streaming_to_Profile.json" and not any(k.lower() == "authorization" for k, _ in headers):
            headers.append(("Authorization", "Bearer " + self.variables.get("ACCESS_TOKEN", "")))
        body = self.substitute(request["body"]) if request.get("body") is not None else None
        return request["method"], url, headers, body

    @staticmethod
    def value_at(path, root):
        current = root
        for token in path.split("."):
            match = re.fullmatch(r"(.*?)((?:\[\d+\])*)", token)
            key, indices = match.group(1), re.findall(r"\[(\d+)\]", match.group(2))
            if key:
                if not isinstance(current, dict) or key not in current:
                    return None, False
                current = current[key]
            for index in indices:
                if not isinstance(current, list) or int(index) >= len(current):
                    return None, False
                current = current[int(index)]
        return current, True

    def mismatch(self, value, present, rule):
        if rule == "absent":
            return None if not present else "present, expected absent"
        if not present:
            return f"absent, expected {rule}"
        shown = value if isinstance(value, str) else json.dumps(value, separators=(",", ":"))
        if rule.startswith("="):
            expected = self.substitute(rule[1:])
            return None if shown == expected else f"{shown}, expected {expected}"
        if rule.startswith("~"):
            return None if re.search(rule[1:], shown) else f"{shown} does not match {rule[1:]}"
        kind = ("null" if value is None else "boolean" if isinstance(value, bool) else "integer" if isinstance(value, int)
                else "number" if isinstance(value, float) else "string" if isinstance(value, str)
                else "array" if isinstance(value, list) else "object")
        return None if kind == rule or (rule == "number" and kind == "integer") else f"{kind}, expected {rule}"

    def check(self, step, status, headers, body):
        failures = []
        expect = step["expect"]
        text = body.decode("utf-8", "replace")
        if "status" in expect and status != expect["status"]:
            failures.append(f"status {status}, expected {expect['status']}: {text[:300]}")
        lower = {k.lower(): v for k, v in headers}
        if "contentType" in expect and not lower.get("content-type", "").startswith(expect["contentType"]):
            failures.append(f"Content-Type {lower.get('content-type')}, expected {expect['contentType']}")
        for name, rule in expect.get("headers", {}).items():
            problem = self.mismatch(lower.get(name.lower()), name.lower() in lower, rule)
            if problem:
                failures.append(f"header {name}: {problem}")
        try:
            document = json.loads(text) if text else None
        except ValueError:
            document = None
        for path, rule in expect.get("body", {}).items():
            value, present = self.value_at(self.substitute(path), document) if document is not None else (None, False)
            problem = self.mismatch(value, present, rule)
            if problem:
                failures.append(f"body {path}: {problem}")
        for name, source in step.get("capture", {}).items():
            spec, _, segment = source.partition("|")
            value = None
            if spec.startswith("header:"):
                value = lower.get(spec[len("header:"):].lower())
            elif spec.startswith("body:") and document is not None:
                found, present = self.value_at(spec[len("body:"):], document)
                value = (found if isinstance(found, str) else json.dumps(found)) if present else None
            if value is not None and segment.startswith("/"):
                parts = value.split("/")
                index = int(segment[1:])
                value = parts[index] if index < len(parts) else None
            if value is None:
                failures.append(f"nothing to capture as {name} from {source}")
            else:
                self.variables[name] = value
        return failures


def send(method, url, headers, body, timeout):
    data = body.encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    for name, value in headers:
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return answer.status, list(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as answer:
        return answer.code, list(answer.headers.items()), answer.read()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True, help="the emulator's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--collections", default=os.path.join(HERE, "..", "..", "shared", "reference", "adobe-postman"),
                        help="the folder holding Adobe's .postman_collection.json files")
    parser.add_argument("--manifest", default=MANIFEST)
    parser.add_argument("--manifest-requests", action="store_true",
                        help="send the manifest's copies of the requests instead of reading the collection files "
                             "(for a checkout without shared/reference; the copies are checked against the "
                             "collections whenever they are read)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    arguments = parser.parse_args()
    if not arguments.url.startswith("http://"):
        parser.error("--url must be http://HOST:PORT (the emulator serves plain HTTP)")
    with open(arguments.manifest, encoding="utf-8") as handle:
        manifest = json.load(handle)
    collections = {}
    run = Run(manifest, arguments.url)
    passed = failed = 0
    for step in manifest["steps"]:
        request = step["request"]
        if step["collection"] and not arguments.manifest_requests:
            requests = collections.setdefault(step["collection"], collection_requests(arguments.collections, step["collection"]))
            # A step whose request is not the collection's own is a setup step with the collection's URL.
            if step["name"] not in requests:
                sys.exit(f"error: {step['collection']} has no request named {step['name']!r}")
            request = as_request(requests[step["name"]])
            if request != step["request"]:
                sys.exit(f"error: the manifest's copy of {step['name']!r} differs from {step['collection']}: regenerate it with scripts/make-adobe-conformance-manifest.py")
        method, url, headers, body = run.resolve(step, request)
        try:
            status, answer_headers, answer_body = send(method, url, headers, body, arguments.timeout)
        except OSError as error:
            sys.exit(f"error: {method} {url}: {error} (is `pendo-replay serve` running at {arguments.url}?)")
        failures = run.check(step, status, answer_headers, answer_body)
        label = f"[{step['collection'] or 'setup'}] {step['name']}"
        if failures:
            failed += 1
            print(f"FAIL {status} {label}")
            for failure in failures:
                print(f"     {failure}")
        else:
            passed += 1
            print(f"ok   {status} {label}")
    in_scope = sum(1 for s in manifest["steps"] if s["collection"])
    print(f"{passed} of {passed + failed} requests answered as Adobe documents ({in_scope} from the collections)")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
