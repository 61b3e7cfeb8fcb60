# Source to work with the `local` stack by hand (after scripts/env.sh): its state lives in
# .local/state, and its passphrase protects only the sandbox's throwaway M2M credential.
_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PULUMI_BACKEND_URL="file://$_root/.local/state"
export PULUMI_CONFIG_PASSPHRASE=local-sandbox
export PULUMI_STACK=local
unset _root
