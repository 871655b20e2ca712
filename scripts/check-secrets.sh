#!/usr/bin/env bash
# Fails when a tracked file holds something shaped like a DSS API key (`dkuaps-` followed by a long
# token). Tests make their keys at run time; none may be committed.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
pattern='dkuaps-[A-Za-z0-9]{16,}'
if hits="$(git ls-files -z | xargs -0 grep -nIE "$pattern" -- 2>/dev/null)"; then
  echo "check-secrets: possible DSS API keys in tracked files:" >&2
  echo "$hits" | sed -E "s/$pattern/dkuaps-<redacted>/g" >&2
  exit 1
fi
echo "check-secrets: no DSS API keys in tracked files"
