#!/usr/bin/env bash
# kubectl (with its built-in kustomize) for ManifestsTest, from Debian's kubernetes-client when the machine has no
# kubectl. Needs root, as CI and the development machines run.
set -euo pipefail
if command -v kubectl >/dev/null; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "kubectl is not installed and this user cannot install it: apt-get install kubernetes-client" >&2
    exit 2
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null
