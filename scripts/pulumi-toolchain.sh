#!/usr/bin/env bash
# Makes `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` available and prints
# the directory that holds them. Order of preference:
#   1. a recent enough `pulumi` already on PATH (with its own language host);
#   2. the pinned version built from Pulumi's Go modules, cached under $HOME keyed by version;
#   3. otherwise one clear message on how to install Pulumi, and exit 1.
# Progress goes to stderr; stdout carries only the bin directory, so callers can do
#   PATH="$(scripts/pulumi-toolchain.sh):$PATH"
set -euo pipefail

PULUMI_VERSION="${PULUMI_VERSION:-3.276.0}"
MIN_PULUMI_ON_PATH="3.139.0" # dynamic-provider `configure` needs CLI >= 3.139
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE_ROOT="${PULUMI_TOOLCHAIN_CACHE:-$HOME/.cache/pulumi-dataiku/pulumi}"
HOST_SRC="$REPO_ROOT/scripts/language-host"
# The language host is ours (see scripts/language-host/README.md), so its cache key includes its source.
HOST_HASH="$(cat "$HOST_SRC/go.mod.in" "$HOST_SRC"/*.go 2>/dev/null | sha256sum | cut -c1-12)"
PREFIX="$CACHE_ROOT/v$PULUMI_VERSION-host-$HOST_HASH"
DYNAMIC_SCRIPT="$REPO_ROOT/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

log() { printf 'pulumi-toolchain: %s\n' "$*" >&2; }

version_ge() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

link_dynamic_provider() { # the engine only shows provider logs when the file has exactly this name
  local bin="$1"
  if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ]; then
    if [ ! -f "$DYNAMIC_SCRIPT" ]; then
      log "node_modules/@pulumi/pulumi is missing: run 'npm ci' first."
      exit 1
    fi
    # A copy, not a link: the cache outlives any one checkout. The script only asks node to resolve
    # @pulumi/pulumi from the program's directory, so one copy serves every project.
    cp "$DYNAMIC_SCRIPT" "$bin/pulumi-resource-pulumi-nodejs"
    chmod 755 "$bin/pulumi-resource-pulumi-nodejs"
  fi
}

on_path="$(command -v pulumi 2>/dev/null || true)"
case "$on_path" in "$CACHE_ROOT"/*) on_path="" ;; esac # an older build of ours is not "a pulumi on PATH"
if [ -n "$on_path" ] && [ -z "${PULUMI_TOOLCHAIN_FORCE_BUILD:-}" ]; then
  have="$("$on_path" version 2>/dev/null | sed 's/^v//')"
  if [ -n "$have" ] && version_ge "$have" "$MIN_PULUMI_ON_PATH" && command -v pulumi-language-nodejs >/dev/null 2>&1; then
    log "using pulumi v$have from PATH"
    dirname "$on_path"
    exit 0
  fi
  log "ignoring pulumi on PATH (version '${have:-unknown}' or its language host is not usable)"
fi

if [ -x "$PREFIX/bin/pulumi" ] && [ -x "$PREFIX/bin/pulumi-language-nodejs" ]; then
  link_dynamic_provider "$PREFIX/bin"
  echo "$PREFIX/bin"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "no usable pulumi found and Go is not installed, so it cannot be built."
  log "Install Pulumi >= $MIN_PULUMI_ON_PATH (https://www.pulumi.com/docs/install/) and put it on PATH,"
  log "or install Go >= 1.26 with access to the Go module proxy and run this script again."
  exit 1
fi

log "building pulumi v$PULUMI_VERSION from the Go module proxy into $PREFIX (first run only; takes minutes)"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp "$HOST_SRC"/*.go "$work/"
sed "s/@PULUMI_VERSION@/v$PULUMI_VERSION/g" "$HOST_SRC/go.mod.in" > "$work/go.mod"
cd "$work"
# pkg/go.mod and sdk/go.mod carry `replace` lines that a dependent module does not inherit: copy the
# non-local ones of this exact tag, as `go install pkg@version` would otherwise fail.
if ! go mod download -json "github.com/pulumi/pulumi/pkg/v3@v$PULUMI_VERSION" "github.com/pulumi/pulumi/sdk/v3@v$PULUMI_VERSION" > mods.json; then
  log "the Go module proxy did not serve pulumi v$PULUMI_VERSION. Install Pulumi by hand (https://www.pulumi.com/docs/install/)."
  exit 1
fi
for gomod in $(sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' mods.json); do
  grep -h '^replace .*=>' "$gomod" | grep -v '=> *\.' || true
done | sort -u | while read -r _ from _ to ver; do
  go mod edit "-replace=$from=$to@$ver"
done
go mod tidy
for m in pkg sdk; do
  got="$(go list -m -f '{{.Version}}' "github.com/pulumi/pulumi/$m/v3")"
  [ "$got" = "v$PULUMI_VERSION" ] || { log "version drift: $m/v3 resolved to $got"; exit 1; }
done
mkdir -p "$PREFIX.tmp/bin"
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$PREFIX.tmp/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
go build -trimpath -ldflags "$ldflags" -o "$PREFIX.tmp/bin/pulumi-language-nodejs" .
rm -rf "$PREFIX" && mv "$PREFIX.tmp" "$PREFIX"
# Builds of an older language host are dead weight (each is ~140 MB).
for old in "$CACHE_ROOT"/v*-host-*; do
  [ "$old" = "$PREFIX" ] || rm -rf "$old"
done
link_dynamic_provider "$PREFIX/bin"
log "built: $("$PREFIX/bin/pulumi" version)"
echo "$PREFIX/bin"
