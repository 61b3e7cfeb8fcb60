# Source after scripts/install-pulumi.sh:  . scripts/env.sh
# Puts the pulumi built for this project first on PATH (the engine finds the Node.js language
# host and pulumi-resource-pulumi-nodejs next to it) and turns off the update check (no internet).
PULUMI_VERSION=3.248.0
PULUMI_ROOT="${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_VERSION"
case ":$PATH:" in
*":$PULUMI_ROOT/bin:"*) ;;
*) PATH="$PULUMI_ROOT/bin:$PATH" ;;
esac
export PATH PULUMI_VERSION PULUMI_ROOT
export PULUMI_SKIP_UPDATE_CHECK=true
# Resource plugins (e.g. pulumi-resource-aws, required because @pulumi/aws is installed) cannot be
# downloaded here; without this every preview/up spends ~3 s retrying the download.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
