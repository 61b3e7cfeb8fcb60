#!/usr/bin/env bash
# `npm run bench`: ours against the floor, through the real pulumi CLI and the local sandbox.
# Not part of `npm test`. Settings by environment, see bench/main.ts (BENCH_RUNS, BENCH_SIZES, ...).
# `npm run bench -- profile`: CPU profiles of every process instead, by category (bench/profile.ts).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/ensure-deps.sh
bash scripts/install-pulumi.sh >&2
case "${1:-}" in
"") exec node -r ts-node/register/transpile-only bench/main.ts ;;
profile) exec node -r ts-node/register/transpile-only bench/profile.ts ;;
*) echo "usage: npm run bench [-- profile]" >&2 && exit 2 ;;
esac
