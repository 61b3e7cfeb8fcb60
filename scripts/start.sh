#!/usr/bin/env bash
# The README's first command: installs what is missing (npm packages, the pulumi CLI), starts the
# local Logto sandbox and runs `pulumi up` on the `local` stack, which creates the Auth.js app.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/ensure-deps.sh
bash scripts/install-pulumi.sh
. scripts/local-env.sh

mkdir -p .local/state
pulumi stack select local 2>/dev/null || pulumi stack init local --secrets-provider passphrase
bash scripts/sandbox.sh start
pulumi up --yes --skip-preview

cat <<TXT

Auth.js settings for the local stack (.env.local):
  AUTH_LOGTO_ID=$(pulumi stack output AUTH_LOGTO_ID)
  AUTH_LOGTO_ISSUER=$(pulumi stack output AUTH_LOGTO_ISSUER)
  AUTH_LOGTO_SECRET is a secret; print it with:
    source scripts/env.sh && source scripts/local-env.sh && pulumi stack output AUTH_LOGTO_SECRET --show-secrets

The sandbox keeps running for more pulumi commands; stop it with: bash scripts/sandbox.sh stop
TXT
