#!/usr/bin/env bash
# Runs every test on the project's Node (scripts/env.sh): type check, then jest (unit, sandbox, and real-engine tests).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/ensure-deps.sh
bash scripts/install-pulumi.sh
echo "type checking..."
npx tsc --noEmit -p .
# @logto packages are ES modules, loaded with import() from our CommonJS code.
NODE_OPTIONS="--experimental-vm-modules --no-warnings ${NODE_OPTIONS:-}" npx jest "$@"
