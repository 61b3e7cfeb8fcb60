#!/usr/bin/env bash
# `npm run generate -- generate --out <dir> …`: the package's `logto-pulumi` command, from source.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/env.sh"
exec node -r ts-node/register/transpile-only "$here/generate/cli.ts" "$@"
