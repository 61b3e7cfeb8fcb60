#!/usr/bin/env bash
# Smoke test of the real engine: CLI up/preview/destroy and the same through the Automation API,
# in a temporary copy of this fixture with the repository's node_modules linked in.
# Usage: bash tools/pulumi-engine/smoke/run.sh   (runs scripts/install-pulumi.sh first)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../.." && pwd)
bash "$repo/scripts/install-pulumi.sh"
. "$repo/scripts/env.sh"
export PULUMI_CONFIG_PASSPHRASE=test
# @pulumi/aws in node_modules makes the engine try to download pulumi-resource-aws; don't.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/{Pulumi.yaml,package.json,tsconfig.json,index.ts} "$work/"
ln -s "$repo/node_modules" "$work/node_modules"
cd "$work"

export PULUMI_BACKEND_URL="file://$work/state"
mkdir state
pulumi stack init dev
pulumi config set --secret x y
pulumi up --yes --skip-preview
pulumi preview --expect-no-changes
pulumi destroy --yes
pulumi stack rm --yes dev

node "$here/automation.js" "$work"
echo "engine smoke OK"
