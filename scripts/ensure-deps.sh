#!/usr/bin/env bash
# Installs the npm dependencies when node_modules is missing or older than package-lock.json.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh # npm runs on the project's Node
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
	echo "installing npm dependencies..."
	# Not `npm ci`: npm 11 omits other platforms' optional packages (jest's resolver bindings)
	# from the lock file and then refuses it in `npm ci`; `npm install` installs the locked versions.
	npm install --no-audit --no-fund --loglevel=error
fi
# npm copies resources/provider-kit/provider-loader into node_modules once (install-links) and does
# not refresh the copy when the folder changes: keep it the same code.
loader=resources/provider-kit/provider-loader
if ! diff -rq "$loader" node_modules/logto-pulumi-provider-loader >/dev/null 2>&1; then
	rm -rf node_modules/logto-pulumi-provider-loader
	cp -r "$loader" node_modules/logto-pulumi-provider-loader
fi
