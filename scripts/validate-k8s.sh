#!/usr/bin/env bash
# Validates deploy/kubernetes offline against Kubernetes' own schemas (strict: unknown fields are
# errors), with kubernetes-validate from PyPI (`pip install kubernetes-validate`). With kubectl, the
# kustomization is rendered first (`kubectl kustomize`) and the rendered objects are validated, so
# the check covers what would be applied; without it, each manifest is validated as written.
# Usage: scripts/validate-k8s.sh [KUBERNETES_VERSION]   (default: kubernetes-validate's newest)
set -euo pipefail
cd "$(dirname "$0")/.."
deploy=deploy/kubernetes
if ! command -v kubernetes-validate >/dev/null 2>&1; then
    echo "validate-k8s: kubernetes-validate is not installed: pip install kubernetes-validate" >&2
    exit 2
fi
version=()
if [ $# -gt 0 ]; then version=(-k "$1"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manifests=("$deploy"/namespace.yaml "$deploy"/run-config.yaml "$deploy"/volumes.yaml "$deploy"/shards-job.yaml "$deploy"/merge-job.yaml)
if command -v kubectl >/dev/null 2>&1; then
    kubectl kustomize "$deploy" > "$work/rendered.yaml"
    echo "validate-k8s: rendered $deploy with kubectl kustomize"
    manifests=("$work/rendered.yaml")
else
    echo "validate-k8s: no kubectl: validating each manifest as written (the kustomization itself is not rendered)"
fi
kubernetes-validate --strict "${version[@]}" "${manifests[@]}"
# What the schemas cannot say: the Indexed Job runs all its shards at once, one per index.
python3 - "${manifests[@]}" <<'PY'
import sys, yaml
jobs = [d for f in sys.argv[1:] for d in yaml.safe_load_all(open(f)) if d and d.get("kind") == "Job"]
shards = [j for j in jobs if j["spec"].get("completionMode") == "Indexed"]
assert len(shards) == 1, "one Indexed Job (the shards)"
spec = shards[0]["spec"]
assert spec["completions"] == spec["parallelism"], "completions = parallelism: every shard runs at once"
args = " ".join(spec["template"]["spec"]["containers"][0]["args"])
assert "--shards" in args and "--run-id" in args, "the shards' command names --shards and --run-id"
annotations = spec["template"]["metadata"]["annotations"]
assert annotations.get("prometheus.io/scrape") == "true", "the shards' pods carry the scrape annotations"
print("validate-k8s: Indexed Job with %d shards at once; merge Job present: %s" % (spec["completions"], len(jobs) == 2))
PY
