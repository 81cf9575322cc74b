#!/usr/bin/env bash
# Runs a command while the local authorization and resource servers are up. The servers' ready
# line (URLs, CA file, client credentials) is in $DPOP_TEST_SERVERS as JSON. The servers stop
# when this script ends, because their stdin (our coprocess pipe) closes. Their log is shown
# only when the command fails.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
[ -d "$here/node_modules" ] || { echo "run: npm ci --prefix tests/server" >&2; exit 1; }
log=$(mktemp)
coproc SERVERS { exec node "$here/start.mjs" 2>"$log"; }
if ! read -r -t 60 ready <&"${SERVERS[0]}"; then
    echo "the test servers did not start within 60 s:" >&2
    cat "$log" >&2
    exit 1
fi
export DPOP_TEST_SERVERS="$ready"
"$@"
status=$?
kill "$SERVERS_PID" 2>/dev/null
wait "$SERVERS_PID" 2>/dev/null
if [ $status -ne 0 ]; then
    echo "---- test server log (tail) ----" >&2
    tail -n 40 "$log" >&2
fi
rm -f "$log"
exit $status
