#!/usr/bin/env bash
# Stop the test Ghost started by e2e/servers/ghost.sh (the process named in its pid file, and only
# if it really runs from that instance folder). Keeps the install, the database and the keys, so
# the next ghost.sh run only starts it again (~3 s).
set -uo pipefail
STATE="${SIGNET_GHOST_STATE:-/var/lib/signet-ghost}"
SITE="$STATE/site"
log() { printf '[signet-ghost %s] %s\n' "$(date +%T)" "$*" >&2; }

pid=$(cat "$SITE/ghost.pid" 2>/dev/null || true)
if [ -z "$pid" ] || ! kill -0 "$pid" 2>/dev/null || [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" != "$SITE" ]; then
  log "Ghost is not running (no live process for $SITE/ghost.pid)"
  rm -f "$SITE/ghost.pid"
  exit 0
fi
kill "$pid"
for _ in $(seq 1 75); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  log "pid $pid ignored SIGTERM for 15 s: killing it"
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$SITE/ghost.pid"
log "Ghost (pid $pid) stopped"
exit 0
