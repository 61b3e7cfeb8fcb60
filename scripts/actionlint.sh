#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint (github.com/rhysd/actionlint), built from its
# Go module on first use and cached in
#   ${ACTIONLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/logto-pulumi/actionlint}/v<version>/actionlint
# so later runs start it at once. Keep that directory (and Go's module/build caches) between CI
# runs to skip the build. An actionlint of the same version on PATH is used as it is.
#   bash scripts/actionlint.sh            # every workflow in .github/workflows
#   bash scripts/actionlint.sh FILE...    # arguments go to actionlint
# Findings go to stdout (exit 1 when there are any); build messages go to stderr. When shellcheck
# is on PATH (it is on GitHub's runners), actionlint checks the `run:` scripts with it too.
set -euo pipefail

VERSION=1.7.12
start=$(date +%s%N)
elapsed() { awk -v ns=$(($(date +%s%N) - start)) 'BEGIN { printf "%.2fs", ns / 1e9 }'; }
say() { echo "$*" >&2; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=${ACTIONLINT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/logto-pulumi/actionlint}
bin=$cache/v$VERSION/actionlint

usable() { [ -x "$1" ] && [ "$("$1" -version 2>/dev/null | head -n 1)" = "v$VERSION" ]; }

install() {
	mkdir -p "$cache"
	# Serialize concurrent builds (parallel test workers or CI jobs sharing the cache).
	if command -v flock >/dev/null; then
		exec 9>"$cache/.build-$VERSION.lock"
		flock 9
		usable "$bin" && return
	fi
	if on_path=$(command -v actionlint 2>/dev/null) && usable "$on_path"; then
		mkdir -p "$(dirname "$bin")" && ln -sf "$(readlink -f "$on_path")" "$bin"
		say "actionlint v$VERSION found at $on_path, linked into $bin ($(elapsed))"
		return
	fi
	command -v go >/dev/null || { say "error: Go is required to build actionlint (go.dev/dl)"; exit 2; }
	say "building actionlint v$VERSION from Go modules into $bin..."
	staging=$(mktemp -d "$cache/.build-$VERSION.XXXXXX")
	trap 'rm -rf "$staging"' EXIT
	local module=github.com/rhysd/actionlint/cmd/actionlint@v$VERSION
	if ! GOBIN=$staging go install "$module" 2>"$staging/go.log"; then
		if grep -q 'sum.golang.org\|verifying .*module\|checksum' "$staging/go.log"; then
			# Only when the checksum database cannot be reached or refuses: the module proxy's copy
			# is then taken without that second check.
			say "warning: the Go checksum database refused; building without it"
			GOBIN=$staging GOFLAGS=-mod=mod GOSUMDB=off go install "$module"
		else
			cat "$staging/go.log" >&2
			exit 2
		fi
	fi
	usable "$staging/actionlint" || { say "error: the built actionlint does not report v$VERSION"; exit 2; }
	mkdir -p "$(dirname "$bin")"
	mv -f "$staging/actionlint" "$bin"
	rm -rf "$staging"
	say "actionlint v$VERSION built into $bin in $(elapsed)"
}

usable "$bin" || { install; exec 9>&-; }
cd "$repo"
# Files named explicitly, so that a tree without .git is linted too (actionlint finds the project,
# and with it the local actions in .github/actions, only in a Git work tree).
[ $# -gt 0 ] || set -- .github/workflows/*.yml
exec "$bin" "$@"
