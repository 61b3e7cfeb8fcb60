#!/usr/bin/env bash
# `npm run recover`: see scripts/recover.ts. Runs in the current directory's Pulumi project.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/scripts/env.sh"
exec node -r ts-node/register/transpile-only "$here/scripts/recover.ts" "$@"
