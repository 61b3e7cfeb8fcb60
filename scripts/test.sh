#!/usr/bin/env bash
# Runs every test: type check, then jest (unit, sandbox, and real-engine tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/ensure-deps.sh
bash scripts/install-pulumi.sh
. scripts/env.sh
echo "type checking..."
npx tsc --noEmit -p .
# @logto packages are ES modules, loaded with import() from our CommonJS code.
NODE_OPTIONS="--experimental-vm-modules --no-warnings ${NODE_OPTIONS:-}" npx jest "$@"
