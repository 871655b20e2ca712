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
log="$(mktemp)"
set +e
npx mocha --no-color --timeout 600000 'dist/test/**/*.test.js' "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
passed="$(sed -n 's/^ *\([0-9][0-9]*\) passing.*/\1/p' "$log" | tail -n 1)"
failed="$(sed -n 's/^ *\([0-9][0-9]*\) failing.*/\1/p' "$log" | tail -n 1)"
rm -f "$log"
if [ "$status" -eq 0 ]; then
  # Benchmarks are figures, not tests: CI runs only the smallest size, and fails only when a
  # DSS-call target (0 calls for a no-op, <= 3 per create, 1 per delete) is missed.
  echo "== benchmark smoke run"
  node dist/bench/run.js --smoke --check --out "$(mktemp -d)/bench-smoke.json"
fi
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
