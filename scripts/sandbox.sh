#!/usr/bin/env bash
# Starts or stops the local Logto sandbox of the `local` stack, in the background:
#   bash scripts/sandbox.sh start|stop|status
# It listens where `logto:endpoint` says, with the M2M credential of the stack config, and keeps
# its data in .local/sandbox-state.json across restarts.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
. scripts/local-env.sh
pid_file=.local/sandbox.pid
log_file=.local/sandbox.log

running() { [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; }

case "${1:-start}" in
start)
	if running; then
		echo "Logto sandbox already running (pid $(cat "$pid_file"))"
		exit 0
	fi
	endpoint=$(pulumi config get logto:endpoint)
	port=${endpoint##*:}
	bash scripts/port-free.sh "$port"
	mkdir -p .local
	LOGTO_SANDBOX_M2M_APP_ID=$(pulumi config get logto:m2mAppId) \
		LOGTO_SANDBOX_M2M_APP_SECRET=$(pulumi config get logto:m2mAppSecret) \
		nohup node -r ts-node/register/transpile-only sandbox/main.ts --port "$port" \
		--state-file .local/sandbox-state.json >"$log_file" 2>&1 &
	echo $! >"$pid_file"
	for _ in $(seq 1 120); do
		if grep -q '"endpoint"' "$log_file" 2>/dev/null; then
			echo "Logto sandbox (a local stand-in for the Logto Management API) listening on $endpoint"
			exit 0
		fi
		running || break
		sleep 0.5
	done
	echo "error: the Logto sandbox did not start; see $log_file:" >&2
	cat "$log_file" >&2
	exit 1
	;;
stop)
	if running; then kill "$(cat "$pid_file")" && echo "Logto sandbox stopped"; fi
	rm -f "$pid_file"
	;;
status)
	if running; then echo "running (pid $(cat "$pid_file"))"; else echo "stopped"; fi
	;;
*)
	echo "usage: $0 start|stop|status" >&2
	exit 2
	;;
esac
