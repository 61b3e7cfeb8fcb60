#!/usr/bin/env bash
# Succeeds when nothing listens on 127.0.0.1:<port>; otherwise says what does and what to do.
#   bash scripts/port-free.sh 3001
set -euo pipefail
port=$1

if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
	exit 0
fi

pid=""
if command -v ss >/dev/null; then
	pid=$(ss -Hltnp "sport = :$port" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -n 1)
fi
if [ -z "$pid" ] && command -v lsof >/dev/null; then
	pid=$(lsof -nP -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | head -n 1)
fi
holder=""
if [ -n "$pid" ]; then
	holder="pid $pid ($(ps -o args= -p "$pid" 2>/dev/null | cut -c1-100))"
fi
echo "error: port $port, where the local stack expects Logto (logto:endpoint http://127.0.0.1:$port), is taken by ${holder:-another process}." >&2
if [ "$port" = 3001 ]; then
	echo "  3001 is also Logto's own default port: a Logto you run yourself may be holding it." >&2
fi
echo "  Stop that process, then run npm start again (the local stack, stacks/Pulumi.local.yaml, names this port in several settings)." >&2
exit 1
