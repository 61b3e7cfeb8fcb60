# Source before running pulumi, npm or node for this project, by hand or from our scripts:
#   . scripts/env.sh
# - Node.js: the machine's when it is new enough, else the pinned Node 24 that
#   scripts/install-node.sh installs (once, from the npm registry) goes first on PATH, so npm,
#   jest, the sandbox and the processes pulumi starts (language host, dynamic providers) use it.
# - pulumi: the CLI that scripts/install-pulumi.sh builds goes first on PATH (the engine finds
#   the Node.js language host and pulumi-resource-pulumi-nodejs next to it); no update check.
PULUMI_VERSION=3.276.0
PULUMI_ROOT="${PULUMI_HOME:-$HOME/.pulumi}/versions/$PULUMI_VERSION"
case ":$PATH:" in
*":$PULUMI_ROOT/bin:"*) ;;
*) PATH="$PULUMI_ROOT/bin:$PATH" ;;
esac
_lp_scripts=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if _lp_node_bin=$(bash "$_lp_scripts/install-node.sh" --bin-dir); then
	case "$PATH" in
	"$_lp_node_bin":*) ;;
	*) [ -z "$_lp_node_bin" ] || PATH="$_lp_node_bin:$PATH" ;;
	esac
else
	echo "warning: no supported Node.js on PATH (see above)" >&2
fi
unset _lp_scripts _lp_node_bin

export PATH PULUMI_VERSION PULUMI_ROOT
export PULUMI_SKIP_UPDATE_CHECK=true
# Resource plugins (e.g. pulumi-resource-aws, required because @pulumi/aws is installed) cannot be
# downloaded here; without this every preview/up spends ~3 s retrying the download.
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
