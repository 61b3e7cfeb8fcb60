#!/usr/bin/env bash
# Provides a real `pulumi` CLI (built from Go modules, no download from get.pulumi.com) plus a
# Node.js language host and the dynamic-provider plugin, in
#   $PULUMI_HOME/versions/<version>/bin        (PULUMI_HOME defaults to ~/.pulumi)
# which is where the Automation API's PulumiCommand.install()/get({root}) look for
# `<root>/bin/pulumi`. Keep PULUMI_HOME and the Go module/build caches between CI runs to reuse
# an earlier build. Usage: bash scripts/install-pulumi.sh   (then: source scripts/env.sh)
set -euo pipefail

VERSION=3.276.0 # keep equal to @pulumi/pulumi in package.json
start=$(date +%s%N)
elapsed() { awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2fs", ns / 1e9 }'; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pulumi_home=${PULUMI_HOME:-$HOME/.pulumi}
root=$pulumi_home/versions/$VERSION
bin=$root/bin
export PULUMI_SKIP_UPDATE_CHECK=true

# A usable install: pulumi of exactly this version with the language host and the
# dynamic-provider plugin next to it.
usable() {
	[ -x "$1/pulumi" ] && [ -x "$1/pulumi-language-nodejs" ] && [ -x "$1/pulumi-resource-pulumi-nodejs" ] &&
		[ "$("$1/pulumi" version 2>/dev/null)" = "v$VERSION" ] &&
		[ "$("$1/pulumi-language-nodejs" -version 2>/dev/null)" = "v$VERSION" ]
}

if usable "$bin"; then
	echo "pulumi v$VERSION already installed in $bin ($(elapsed))"
	exit 0
fi

mkdir -p "$pulumi_home/versions"
# Serialize concurrent installs (parallel CI jobs or test workers sharing PULUMI_HOME).
if command -v flock >/dev/null; then
	exec 9>"$pulumi_home/versions/.install-$VERSION.lock"
	flock 9
	if usable "$bin"; then
		echo "pulumi v$VERSION installed by a concurrent run in $bin ($(elapsed))"
		exit 0
	fi
fi

# An install of the same version elsewhere on PATH: link it into the cache layout, no build.
if on_path=$(command -v pulumi 2>/dev/null) && on_path=$(dirname "$(readlink -f "$on_path")") &&
	[ "$on_path" != "$(readlink -f "$bin" 2>/dev/null)" ] && usable "$on_path"; then
	rm -rf "$bin" && mkdir -p "$bin"
	for f in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do ln -s "$on_path/$f" "$bin/$f"; done
	echo "pulumi v$VERSION found in $on_path, linked into $bin ($(elapsed))"
	exit 0
fi

command -v go >/dev/null || { echo "error: Go is required to build pulumi (go.dev/dl)" >&2; exit 1; }
echo "building pulumi v$VERSION from Go modules into $bin (the first build takes several minutes)..."

# The checksum database has no entry for these pulumi versions; go.sum (committed) pins the hashes.
export GOFLAGS=-mod=mod GOSUMDB=off
staging=$(mktemp -d "$pulumi_home/versions/.build-$VERSION.XXXXXX")
trap 'rm -rf "$staging"' EXIT
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION"
(
	cd "$repo/tools/pulumi-engine"
	go build -trimpath -ldflags "$ldflags" -o "$staging/bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
	go build -trimpath -ldflags "$ldflags" -o "$staging/bin/pulumi-language-nodejs" ./cmd/pulumi-language-nodejs
)

# Same as node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs of the official distribution:
# the engine starts it in the program directory, so @pulumi/pulumi resolves from the project.
cat >"$staging/bin/pulumi-resource-pulumi-nodejs" <<'EOF'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ -n "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    exec node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" "$@"
fi
EOF
chmod +x "$staging/bin/pulumi-resource-pulumi-nodejs"

usable "$staging/bin" || { echo "error: the built pulumi does not report v$VERSION" >&2; exit 1; }
rm -rf "$bin"
mkdir -p "$root"
mv "$staging/bin" "$bin"
echo "pulumi v$VERSION built into $bin in $(elapsed)"
