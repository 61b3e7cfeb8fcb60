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
