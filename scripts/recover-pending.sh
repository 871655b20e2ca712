#!/usr/bin/env bash
# Recovers a stack after `pulumi up` was killed mid-apply: adopts the creates it left pending,
# clears them, re-runs `pulumi up`. See scripts/recover-pending.ts and docs/faults.md.
# Run it from the program directory with the environment `pulumi up` uses (backend, passphrase).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$repo/dist/scripts/recover-pending.js" ]; then
  echo "recover-pending: build first (npm run build in $repo)" >&2
  exit 1
fi
exec node "$repo/dist/scripts/recover-pending.js" "$@"
