#!/usr/bin/env bash
# A real WordPress (Debian's package, MariaDB, Apache + mod_php) on 127.0.0.1 only, for Signet's
# integration and e2e tests. Idempotent; run as root on Debian 12 (with or without systemd).
#
#   sudo bash e2e/servers/wordpress.sh            # port 8088, or SIGNET_WP_PORT=<port>
#
# stdout: KEY=VALUE lines only (SIGNET_WP_URL, SIGNET_WP_USER, SIGNET_WP_APP_PASSWORD, ...), so
#   `set -a; eval "$(sudo bash e2e/servers/wordpress.sh)"; set +a` exports them.
# stderr: progress. State (generated secrets, application passwords, test switches) lives in
#   /var/lib/signet-wp so reruns are stable and take a few seconds. Stop: e2e/servers/stop-wordpress.sh
set -euo pipefail

WP_IP=127.0.0.1 # never change: loopback only
WP_PORT="${SIGNET_WP_PORT:-8088}"
WP_HOSTPORT="$WP_IP:$WP_PORT"
WP_URL="http://$WP_HOSTPORT"
ADMIN_USER=admin
ADMIN_EMAIL=admin@example.invalid
AUTHOR_USER=author
AUTHOR_EMAIL=author@example.invalid
APP_NAME=signet-tests
SITE_TITLE='Signet Test Blog'
SITE_TIMEZONE=Europe/Berlin
DB_NAME=signet_wp
DB_USER=signet_wp
STATE_DIR=/var/lib/signet-wp
SWITCH_DIR="$STATE_DIR/switches"
SECRETS="$STATE_DIR/secrets.env"
CREDS="$STATE_DIR/credentials.env"
WP_CONF="/etc/wordpress/config-$WP_IP.php"
WP_CONTENT=/var/lib/wordpress/wp-content
MU_DIR="$WP_CONTENT/mu-plugins"
APACHE_SITE=/etc/apache2/sites-available/signet-wp.conf
MARIADB_DROPIN=/etc/mysql/mariadb.conf.d/99-signet-loopback.cnf
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MU_PLUGIN_SRC="$HERE/wp-mu-plugins/signet-test-switches.php"
PKGS=(wordpress wordpress-theme-twentytwentythree apache2 libapache2-mod-php php-mysql
  mariadb-server mariadb-client php-xml php-mbstring php-curl php-gd php-intl php-zip curl)

log() { printf '[signet-wp %s] %s\n' "$(date +%T)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
T0=$(date +%s.%N)
[ "$(uname -s)" = Linux ] || die "needs Linux (Debian 12)"
[ "$(id -u)" = 0 ] || die "must run as root (sudo bash e2e/servers/wordpress.sh)"
command -v apt-get >/dev/null 2>&1 || die "needs apt-get (Debian 12)"
[[ "$WP_PORT" =~ ^[0-9]+$ ]] && [ "$WP_PORT" -ge 1024 ] && [ "$WP_PORT" -le 65535 ] ||
  die "SIGNET_WP_PORT must be a port number 1024-65535 (got '$WP_PORT')"
[ -r "$MU_PLUGIN_SRC" ] || die "missing $MU_PLUGIN_SRC"

# One run at a time (test processes may call this concurrently).
lock_dir=/run/lock
[ -d "$lock_dir" ] && [ -w "$lock_dir" ] || lock_dir=/tmp
exec 9>"$lock_dir/signet-wordpress.lock"
flock -w 900 9 || die "another wordpress.sh run holds the lock"

# svc <name> <start|stop|restart>: systemd if it is PID 1, else the SysV init script. The daemons
# must not inherit the lock (fd 9) or our stdout/stderr (a caller reading them would never see EOF).
svc() {
  local out rc=0
  out=$(mktemp)
  if [ "$(ps -p 1 -o comm= 2>/dev/null)" = systemd ]; then
    systemctl "$2" "$1" </dev/null >"$out" 2>&1 9>&- || rc=$?
  else
    service "$1" "$2" </dev/null >"$out" 2>&1 9>&- || rc=$?
  fi
  cat "$out" >&2
  rm -f "$out"
  return $rc
}
# install_if_changed <mode> <owner:group> <src-tmp> <dest>: returns 0 if dest changed
install_if_changed() {
  local mode=$1 owner=$2 src=$3 dest=$4
  if [ -f "$dest" ] && cmp -s "$src" "$dest" &&
    [ "$(stat -c '%a %U:%G' "$dest")" = "${mode#0} $owner" ]; then
    rm -f "$src"
    return 1
  fi
  install -o "${owner%:*}" -g "${owner#*:}" -m "$mode" "$src" "$dest"
  rm -f "$src"
  return 0
}

# ---------------------------------------------------------------- 1. packages
missing=()
while read -r pkg status; do
  [ "$status" = installed ] || missing+=("$pkg")
done < <(for p in "${PKGS[@]}"; do
  printf '%s %s\n' "$p" "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || echo missing)"
done)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  # Keep the packages' postinst from starting Apache on *:80 before it is reconfigured.
  temp_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    temp_policy=1
  fi
  trap '[ "$temp_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || die "apt-get install failed"
  [ "$temp_policy" = 1 ] && rm -f /usr/sbin/policy-rc.d
  trap - EXIT
fi
T1=$(date +%s.%N)

# ---------------------------------------------------------------- 2. state + secrets (generated once)
install -d -m 0711 "$STATE_DIR"                    # www-data may traverse to switches/, not list
install -d -m 0755 "$SWITCH_DIR"                   # the mu-plugin reads it; root writes it
if [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then # let a sudo-ing developer flip switches
  chown "$SUDO_USER" "$SWITCH_DIR"
fi
rnd() { tr -dc 'A-Za-z0-9' </dev/urandom | head -c "$1" || true; }
if [ ! -s "$SECRETS" ]; then
  umask 077
  {
    echo "DB_PASSWORD=$(rnd 24)"
    echo "ADMIN_PASSWORD=$(rnd 20)"
    echo "AUTHOR_PASSWORD=$(rnd 20)"
    for k in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      echo "$k=$(rnd 64)"
    done
  } >"$SECRETS"
  umask 022
fi
chmod 600 "$SECRETS"
# shellcheck disable=SC1090
. "$SECRETS"
umask 022

# ---------------------------------------------------------------- 3. MariaDB on the unix socket (TCP, if any, on loopback)
tmp=$(mktemp)
printf '# Managed by Signet e2e/servers/wordpress.sh: loopback only\n[mysqld]\nbind-address = 127.0.0.1\n' >"$tmp"
mariadb_changed=0
install_if_changed 0644 root:root "$tmp" "$MARIADB_DROPIN" && mariadb_changed=1
if mysqladmin ping >/dev/null 2>&1; then
  if [ "$mariadb_changed" = 1 ]; then
    log "restarting mariadb (loopback drop-in changed)"
    svc mariadb restart >&2
  fi
else
  log "starting mariadb"
  svc mariadb start >&2 || die "mariadb did not start"
fi
for _ in $(seq 1 120); do mysqladmin ping >/dev/null 2>&1 && break; sleep 0.25; done
mysqladmin ping >/dev/null 2>&1 || die "mariadb did not come up"
# root@localhost authenticates via unix_socket on Debian: no password needed as root.
mysql --protocol=socket <<SQL || die "could not create the database"
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
SQL

# ---------------------------------------------------------------- 4. WordPress config (Debian: /etc/wordpress/config-<Host without port>.php)
tmp=$(mktemp)
cat >"$tmp" <<PHP
<?php
// Managed by Signet e2e/servers/wordpress.sh (test server on loopback). Loaded by Debian's wp-config.php.
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost'); // unix socket
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '$WP_URL');
define('WP_SITEURL', '$WP_URL');
define('WP_CONTENT_DIR', '$WP_CONTENT');
define('WP_ENVIRONMENT_TYPE', 'local'); // Application Passwords over plain HTTP
define('WP_HTTP_BLOCK_EXTERNAL', true); // no outside network: never call api.wordpress.org
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
define('SIGNET_TEST_SWITCH_DIR', '$SWITCH_DIR');
define('AUTH_KEY', '$AUTH_KEY');
define('SECURE_AUTH_KEY', '$SECURE_AUTH_KEY');
define('LOGGED_IN_KEY', '$LOGGED_IN_KEY');
define('NONCE_KEY', '$NONCE_KEY');
define('AUTH_SALT', '$AUTH_SALT');
define('SECURE_AUTH_SALT', '$SECURE_AUTH_SALT');
define('LOGGED_IN_SALT', '$LOGGED_IN_SALT');
define('NONCE_SALT', '$NONCE_SALT');
\$table_prefix = 'wp_';
PHP
install_if_changed 0640 root:www-data "$tmp" "$WP_CONF" || true
ln -sfn "$WP_CONF" /etc/wordpress/config-localhost.php # Host: localhost:<port> too

install -d -o root -g root -m 0755 "$MU_DIR"
tmp=$(mktemp)
cp "$MU_PLUGIN_SRC" "$tmp"
install_if_changed 0644 root:root "$tmp" "$MU_DIR/signet-test-switches.php" || true

# ---------------------------------------------------------------- 5. Apache on 127.0.0.1:<port> only
apache_changed=0
[ -e /etc/apache2/ports.conf.orig-signet ] || cp -p /etc/apache2/ports.conf /etc/apache2/ports.conf.orig-signet
tmp=$(mktemp)
printf '# Managed by Signet e2e/servers/wordpress.sh: loopback only\nListen %s\n' "$WP_HOSTPORT" >"$tmp"
install_if_changed 0644 root:root "$tmp" /etc/apache2/ports.conf && apache_changed=1
tmp=$(mktemp)
echo "ServerName $WP_IP" >"$tmp"
install_if_changed 0644 root:root "$tmp" /etc/apache2/conf-available/signet-wp-servername.conf && apache_changed=1
tmp=$(mktemp)
cat >"$tmp" <<APACHE
# Managed by Signet e2e/servers/wordpress.sh
<VirtualHost $WP_HOSTPORT>
    ServerName $WP_IP
    ServerAlias localhost
    DocumentRoot /usr/share/wordpress
    DirectoryIndex index.php
    Alias /wp-content $WP_CONTENT
    ErrorLog \${APACHE_LOG_DIR}/signet-wp-error.log
    CustomLog \${APACHE_LOG_DIR}/signet-wp-access.log combined
    <Directory /usr/share/wordpress>
        Options FollowSymLinks
        AllowOverride None
        Require all granted
        # Pretty permalinks: what WordPress would write to .htaccess (Debian's is not writable).
        RewriteEngine On
        RewriteBase /
        RewriteRule ^index\.php$ - [L]
        RewriteCond %{REQUEST_FILENAME} !-f
        RewriteCond %{REQUEST_FILENAME} !-d
        RewriteRule . /index.php [L]
    </Directory>
    <Directory $WP_CONTENT>
        Options FollowSymLinks
        AllowOverride None
        Require all granted
    </Directory>
</VirtualHost>
APACHE
install_if_changed 0644 root:root "$tmp" "$APACHE_SITE" && apache_changed=1
[ -e /etc/apache2/sites-enabled/000-default.conf ] && { a2dissite -q 000-default >&2; apache_changed=1; }
[ -e /etc/apache2/mods-enabled/rewrite.load ] || { a2enmod -q rewrite >&2; apache_changed=1; }
[ -e /etc/apache2/conf-enabled/signet-wp-servername.conf ] || { a2enconf -q signet-wp-servername >&2; apache_changed=1; }
[ -e /etc/apache2/sites-enabled/signet-wp.conf ] || { a2ensite -q signet-wp >&2; apache_changed=1; }

apache_running() { [ -s /var/run/apache2/apache2.pid ] && kill -0 "$(cat /var/run/apache2/apache2.pid)" 2>/dev/null; }
if apache_running; then
  if [ "$apache_changed" = 1 ]; then
    apache2ctl configtest >&2 2>&1 || die "apache config test failed"
    log "apache running: graceful reload (configuration changed)"
    apache2ctl graceful </dev/null >/dev/null 2>&1 9>&- || die "apache graceful reload failed"
  fi
else
  apache2ctl configtest >&2 2>&1 || die "apache config test failed"
  if (exec 3<>"/dev/tcp/$WP_IP/$WP_PORT") 2>/dev/null; then
    die "something else already listens on $WP_HOSTPORT (set SIGNET_WP_PORT to another port)"
  fi
  # A fresh start is a clean start: no failure switch survives from an earlier run.
  find "$SWITCH_DIR" -mindepth 1 -maxdepth 1 -type f -delete
  log "starting apache on $WP_HOSTPORT"
  svc apache2 start >&2 || die "apache did not start"
fi
up=0
for _ in $(seq 1 80); do
  if curl -s --noproxy '*' -o /dev/null --max-time 2 "$WP_URL/wp-login.php"; then up=1 && break; fi
  sleep 0.25
done
[ "$up" = 1 ] || die "apache does not answer on $WP_URL"

# ---------------------------------------------------------------- 6. site, users, application passwords (PHP CLI as www-data)
stored() { [ -s "$CREDS" ] && sed -n "s/^$1=//p" "$CREDS" || true; }
installer=$(mktemp --suffix=.php)
chmod 644 "$installer"
cat >"$installer" <<'PHP'
<?php
// Debian's wp-config.php picks the config file from HTTP_HOST, so fake a web request.
$_SERVER['HTTP_HOST'] = getenv('WP_HOSTPORT');
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = getenv('WP_PORT');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function fail($msg) { fwrite(STDERR, "installer: $msg\n"); exit(1); }

if (!is_blog_installed()) {
    $r = wp_install(getenv('SITE_TITLE'), getenv('ADMIN_USER'), getenv('ADMIN_EMAIL'), false, '',
        wp_slash(getenv('ADMIN_PASSWORD')));
    fwrite(STDERR, "installer: wp_install done (admin id {$r['user_id']})\n");
}
foreach (array('blogname' => getenv('SITE_TITLE'), 'timezone_string' => getenv('SITE_TIMEZONE'),
    'gmt_offset' => '', 'permalink_structure' => '/%postname%/') as $k => $v) {
    if (get_option($k) !== $v) update_option($k, $v);
}
flush_rewrite_rules(false); // rules live in the vhost; never write .htaccess

function ensure_user($login, $pass, $email, $role) {
    $user = get_user_by('login', $login);
    if (!$user) {
        $id = wp_insert_user(array('user_login' => $login, 'user_pass' => $pass, 'user_email' => $email,
            'role' => $role, 'display_name' => ucfirst($login)));
        if (is_wp_error($id)) fail($id->get_error_message());
        $user = get_user_by('id', $id);
    }
    if (!wp_check_password($pass, $user->user_pass, $user->ID)) wp_set_password($pass, $user->ID);
    if (!in_array($role, (array) $user->roles, true)) $user->set_role($role);
    return get_user_by('id', $user->ID);
}

// Reuse the stored application password if it still verifies, else (re)create it.
function ensure_app_password($user, $name, $existing) {
    $existing = preg_replace('/[^a-z\d]/i', '', (string) $existing);
    $valid = false;
    foreach (WP_Application_Passwords::get_user_application_passwords($user->ID) as $item) {
        if ($item['name'] !== $name) continue;
        if (!$valid && $existing !== '' && wp_check_password($existing, $item['password'], $user->ID)) {
            $valid = true;
            continue;
        }
        WP_Application_Passwords::delete_application_password($user->ID, $item['uuid']);
    }
    if ($valid) return $existing;
    $res = WP_Application_Passwords::create_new_application_password($user->ID, array('name' => $name));
    if (is_wp_error($res)) fail($res->get_error_message());
    return $res[0];
}

$admin = ensure_user(getenv('ADMIN_USER'), getenv('ADMIN_PASSWORD'), getenv('ADMIN_EMAIL'), 'administrator');
$author = ensure_user(getenv('AUTHOR_USER'), getenv('AUTHOR_PASSWORD'), getenv('AUTHOR_EMAIL'), 'author');
echo 'ADMIN_APP=', ensure_app_password($admin, getenv('APP_NAME'), getenv('EXISTING_ADMIN_APP')), "\n";
echo 'AUTHOR_APP=', ensure_app_password($author, getenv('APP_NAME'), getenv('EXISTING_AUTHOR_APP')), "\n";
PHP
out=$(cd /tmp && runuser -u www-data -- env WP_HOSTPORT="$WP_HOSTPORT" WP_PORT="$WP_PORT" \
  SITE_TITLE="$SITE_TITLE" SITE_TIMEZONE="$SITE_TIMEZONE" APP_NAME="$APP_NAME" \
  ADMIN_USER="$ADMIN_USER" ADMIN_PASSWORD="$ADMIN_PASSWORD" ADMIN_EMAIL="$ADMIN_EMAIL" \
  AUTHOR_USER="$AUTHOR_USER" AUTHOR_PASSWORD="$AUTHOR_PASSWORD" AUTHOR_EMAIL="$AUTHOR_EMAIL" \
  EXISTING_ADMIN_APP="$(stored SIGNET_WP_APP_PASSWORD)" EXISTING_AUTHOR_APP="$(stored SIGNET_WP_AUTHOR_APP_PASSWORD)" \
  php -d display_errors=stderr "$installer") || {
  rm -f "$installer"
  die "the WordPress installer failed"
}
rm -f "$installer"
ADMIN_APP=$(sed -n 's/^ADMIN_APP=//p' <<<"$out")
AUTHOR_APP=$(sed -n 's/^AUTHOR_APP=//p' <<<"$out")
[[ "$ADMIN_APP" =~ ^[A-Za-z0-9]{24}$ ]] || die "no application password for $ADMIN_USER (got '$ADMIN_APP')"
[[ "$AUTHOR_APP" =~ ^[A-Za-z0-9]{24}$ ]] || die "no application password for $AUTHOR_USER (got '$AUTHOR_APP')"

# ---------------------------------------------------------------- 7. verify through the real REST API (unless a test switch is on)
switches_on=$(find "$SWITCH_DIR" -mindepth 1 -maxdepth 1 -type f -printf '%f ' 2>/dev/null)
if [ -n "$switches_on" ]; then
  log "test switches on ($switches_on): skipping the REST check"
else
  for pair in "$ADMIN_USER:$ADMIN_APP" "$AUTHOR_USER:$AUTHOR_APP"; do
    code=$(curl -s --noproxy '*' -o /dev/null --max-time 20 -w '%{http_code}' -u "$pair" "$WP_URL/wp-json/wp/v2/users/me?context=edit")
    [ "$code" = 200 ] || die "REST check failed for ${pair%%:*}: HTTP $code"
  done
fi

tmp=$(mktemp)
cat >"$tmp" <<EOF
SIGNET_WP_URL=$WP_URL
SIGNET_WP_USER=$ADMIN_USER
SIGNET_WP_APP_PASSWORD=$ADMIN_APP
SIGNET_WP_ADMIN_PASSWORD=$ADMIN_PASSWORD
SIGNET_WP_AUTHOR_USER=$AUTHOR_USER
SIGNET_WP_AUTHOR_APP_PASSWORD=$AUTHOR_APP
SIGNET_WP_AUTHOR_PASSWORD=$AUTHOR_PASSWORD
SIGNET_WP_SWITCH_DIR=$SWITCH_DIR
EOF
install_if_changed 0600 root:root "$tmp" "$CREDS" || true
T2=$(date +%s.%N)
log "ready at $WP_URL: packages $(awk "BEGIN{printf \"%.1f\", $T1-$T0}") s, total $(awk "BEGIN{printf \"%.1f\", $T2-$T0}") s"
cat "$CREDS"
