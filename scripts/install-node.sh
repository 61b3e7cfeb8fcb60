#!/usr/bin/env bash
# Makes sure the project runs on a Node.js it supports (package.json "engines"). The `node` on
# PATH is used when it is at least $MINIMUM; otherwise Node.js $PINNED, taken from the npm
# registry (package node-<os>-<arch>, integrity checked by npm), is installed once into
#   ${LOGTO_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/logto-pulumi}/node/v<version>
# outside the clone, where later clones reuse it. `scripts/env.sh` puts it first on PATH, so npm,
# jest, pulumi's language host and dynamic providers, the sandbox and the bench all run on it.
#   bash scripts/install-node.sh            # install if needed; says which Node will be used
#   bash scripts/install-node.sh --bin-dir  # the same, then prints the directory to put first on
#                                           # PATH (nothing when the machine's Node is used)
set -euo pipefail

PINNED=24.22.3  # Node 24 LTS
MINIMUM=22.19.0 # undici 8 declares >=22.19.0; Logto's packages ^22.14.0
say() { echo "$*" >&2; }

# Succeeds when `$1 --version` reports at least $MINIMUM.
supported() {
	local version
	version=$("$1" --version 2>/dev/null) || return 1
	version=${version#v}
	local IFS=.
	# shellcheck disable=SC2206 # split on dots on purpose
	local have=($version) want=($MINIMUM)
	for i in 0 1 2; do
		((${have[i]:-0} > ${want[i]})) && return 0
		((${have[i]:-0} < ${want[i]})) && return 1
	done
	return 0
}

cache=${LOGTO_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/logto-pulumi}/node
home=$cache/v$PINNED
pinned_ok() { [ -x "$home/bin/node" ] && [ "$("$home/bin/node" --version 2>/dev/null)" = "v$PINNED" ]; }

if own=$(command -v node 2>/dev/null) && [ "$(dirname "$own")" != "$home/bin" ] && supported "$own"; then
	[ "${1:-}" = --bin-dir ] || say "using the machine's Node.js $("$own" --version) ($own)"
	exit 0
fi

install() {
	mkdir -p "$cache"
	# Serialize concurrent installs (parallel test workers or CI jobs sharing the cache).
	if command -v flock >/dev/null; then
		exec 9>"$cache/.install-$PINNED.lock"
		flock 9
		pinned_ok && return
	fi
	command -v npm >/dev/null || { say "error: npm is needed to fetch Node.js $PINNED from the npm registry"; exit 1; }
	local os arch
	case "$(uname -s)" in Linux) os=linux ;; Darwin) os=darwin ;; *) os=unsupported ;; esac
	case "$(uname -m)" in x86_64 | amd64) arch=x64 ;; aarch64 | arm64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
	local package=node-$os-$arch@$PINNED
	say "the machine's Node.js ${own:+$("$own" --version) }is older than $MINIMUM: installing $package from the npm registry into $home..."
	staging=$(mktemp -d "$cache/.install-$PINNED.XXXXXX")
	trap 'rm -rf "$staging"' EXIT
	local tarball
	if ! tarball=$(cd "$staging" && npm pack --silent --ignore-scripts "$package" 2>"$staging/npm.log"); then
		cat "$staging/npm.log" >&2
		say "error: could not fetch $package; install Node.js $MINIMUM or newer (24 LTS recommended) and put it on PATH"
		exit 1
	fi
	tar -xzf "$staging/$tarball" -C "$staging"
	[ "$("$staging/package/bin/node" --version)" = "v$PINNED" ] || { say "error: $package does not run here"; exit 1; }
	rm -rf "$home"
	mv "$staging/package" "$home"
	say "Node.js $PINNED installed in $home"
}

pinned_ok || install
[ "${1:-}" = --bin-dir ] && echo "$home/bin" || say "using Node.js $PINNED ($home/bin/node)"
