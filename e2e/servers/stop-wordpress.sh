#!/usr/bin/env bash
# Stop the test WordPress started by e2e/servers/wordpress.sh (Apache, then MariaDB) through their
# own service scripts, and clear the test switches. Keeps packages, database and credentials, so
# the next wordpress.sh run only starts the services again. Run as root.
# The multisite network of e2e/servers/wordpress-multisite.sh runs in the same Apache and MariaDB,
# so this stops it too; its next run starts them again through wordpress.sh.
set -uo pipefail
[ "$(id -u)" = 0 ] || {
  echo "stop-wordpress.sh: must run as root" >&2
  exit 1
}
log() { printf '[signet-wp %s] %s\n' "$(date +%T)" "$*" >&2; }
svc() {
  if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; then
    systemctl "$2" "$1" </dev/null >&2 2>&1
  else
    service "$1" "$2" </dev/null >&2 2>&1
  fi
}

pidfile=/var/run/apache2/apache2.pid
if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  svc apache2 stop || apache2ctl stop >&2
  for _ in $(seq 1 40); do
    [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null || break
    sleep 0.25
  done
  log "apache2 stopped"
else
  log "apache2 not running"
fi

if command -v mysqladmin >/dev/null 2>&1 && mysqladmin ping >/dev/null 2>&1; then
  svc mariadb stop || mysqladmin shutdown >&2
  log "mariadb stopped"
else
  log "mariadb not running"
fi

if [ -d /var/lib/signet-wp/switches ]; then
  find /var/lib/signet-wp/switches -mindepth 1 -maxdepth 1 -type f -delete
fi
exit 0
