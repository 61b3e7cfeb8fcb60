#!/usr/bin/env bash
# `npm run bench`: ours against the floor, through the real pulumi CLI and the local sandbox.
# Not part of `npm test`. Settings by environment, see bench/main.ts (BENCH_RUNS, BENCH_SIZES, ...).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/ensure-deps.sh
bash scripts/install-pulumi.sh >&2
exec node -r ts-node/register/transpile-only bench/main.ts
