#!/usr/bin/env bash
# The demo, from a fresh clone: installs what is missing, starts the DSS emulator, runs the real
# `pulumi up` of the Wave 4 demo config (examples/demo/dataiku.yml), and prints what DSS now holds.
# State, emulator data and the generated API key live under .demo/ (delete it to start over).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash scripts/setup.sh
# shellcheck source=scripts/env.sh
. scripts/env.sh
npm run build --silent

config="${1:-examples/demo/dataiku.yml}"
demo="$repo/.demo"
mkdir -p "$demo/state" "$demo/pulumi-home"
# A random API key, readable only by us; it reaches Pulumi as a secret and the emulator through env.
[ -f "$demo/api-key" ] || (umask 077 && node -e 'process.stdout.write("dkuaps-" + require("crypto").randomBytes(24).toString("hex"))' > "$demo/api-key")
DATAIKU_API_KEY="$(cat "$demo/api-key")"

DATAIKU_API_KEY="$DATAIKU_API_KEY" node dist/provider/emulator/cli.js --data-dir "$demo/dss" > "$demo/emulator.out" 2> "$demo/emulator.log" &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do grep -q '"url"' "$demo/emulator.out" 2>/dev/null && break; sleep 0.1; done
url="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").split("\n")[0]).url)' "$demo/emulator.out")"
echo "DSS emulator: $url (data in .demo/dss)"

export PULUMI_BACKEND_URL="file://$demo/state" PULUMI_HOME="$demo/pulumi-home" PULUMI_CONFIG_PASSPHRASE="demo"
# Run the repository's own Pulumi project (Pulumi.yaml at the root) from a copy under .demo/, so the
# demo's stack settings (Pulumi.dev.yaml) never land in the work tree.
mkdir -p "$demo/project"
sed "s|^main: |main: $repo/|" Pulumi.yaml > "$demo/project/Pulumi.yaml"
case "$config" in /*) ;; *) config="$repo/$config" ;; esac
p() { pulumi "$@" --cwd "$demo/project" --stack dev --non-interactive; }
pulumi stack select dev --create --cwd "$demo/project" --non-interactive >/dev/null
p config set dataiku:url "$url"
printf '%s' "$DATAIKU_API_KEY" | p config set --secret dataiku:apiKey
p config set dataiku:configFile "$config"

p preview --diff
p up --yes --skip-preview
echo
DATAIKU_DSS_URL="$url" DATAIKU_API_KEY="$DATAIKU_API_KEY" node dist/scripts/show-dss.js
