#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (scripts/setup.sh), then lint,
# type check, build, unit tests, the official-client conformance test and the end-to-end tests on
# the real Pulumi engine. Extra arguments go to mocha (e.g. --grep).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh

echo "== lint"
npx eslint .
echo "== type check and build"
npx tsc -p tsconfig.json
echo "== tests"
npx mocha --timeout 600000 'dist/test/**/*.test.js' "$@"
# Benchmarks are figures, not tests: CI runs only the smallest size, and fails only when a DSS-call
# target (0 calls for a no-op, <= 3 per create, 1 per delete) is missed.
echo "== benchmark smoke run"
node dist/bench/run.js --smoke --check --out "$(mktemp -d)/bench-smoke.json"
