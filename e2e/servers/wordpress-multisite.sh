#!/usr/bin/env bash
# A real WordPress *multisite network* (subdirectory mode) on 127.0.0.1 only, beside the single
# site of e2e/servers/wordpress.sh, for Signet's multisite sign-in tests. Idempotent; run as root
# on Debian 12.
#
#   sudo bash e2e/servers/wordpress-multisite.sh    # port 8089, or SIGNET_WPMS_PORT=<port>
#
# The network: the main site `/` (blog 1), `/second/` (blog 2) and `/third/` (blog 3). The user
# `author` is an author of the main site and an editor of /second/, and NOT a member of /third/,
# so `wp.getUsersBlogs` must list exactly two blogs for it. Each blog has its own time zone.
#
# It reuses wordpress.sh for the Debian packages, MariaDB and Apache (that also starts the single
# site), then adds its own pieces, never touching the single site's: database `signet_wpms`
# (table prefix `wpms_`), its own wp-content and Apache vhost (`Listen` inside it), and Debian's
# /etc/wordpress/config-signet-multisite.php, chosen by `SetEnv WORDPRESS_CONFIG` in that vhost
# (Debian's wp-config.php otherwise picks the config by host name, which both servers share).
#
# stdout: KEY=VALUE lines only (SIGNET_WPMS_URL, SIGNET_WPMS_AUTHOR_USER, ...), so
#   `set -a; eval "$(sudo bash e2e/servers/wordpress-multisite.sh)"; set +a` exports them.
# stderr: progress. State lives in /var/lib/signet-wp-multisite; reruns take a few seconds.
# Stop: e2e/servers/stop-wordpress.sh (stops Apache and MariaDB, so both servers).
set -euo pipefail

WP_IP=127.0.0.1 # never change: loopback only
WP_PORT="${SIGNET_WPMS_PORT:-8089}"
WP_HOSTPORT="$WP_IP:$WP_PORT"
WP_URL="http://$WP_HOSTPORT"
ADMIN_USER=admin
ADMIN_EMAIL=admin@example.invalid
AUTHOR_USER=author
AUTHOR_EMAIL=author@example.invalid
APP_NAME=signet-tests
NETWORK_TITLE='Signet Test Network'
# path|title|time zone — the tests (e2e/servers/wordpress-multisite.ts) know these too.
MAIN_SITE="/|Signet Network Main|Europe/Berlin"
SECOND_SITE="/second/|Signet Second Blog|America/New_York"
THIRD_SITE="/third/|Signet Third Blog|Asia/Tokyo"
DB_NAME=signet_wpms
DB_USER=signet_wpms
TABLE_PREFIX=wpms_
CONFIG_NAME=signet-multisite # Debian: /etc/wordpress/config-$CONFIG_NAME.php via SetEnv WORDPRESS_CONFIG
STATE_DIR=/var/lib/signet-wp-multisite
SECRETS="$STATE_DIR/secrets.env"
CREDS="$STATE_DIR/credentials.env"
WP_CONTENT="$STATE_DIR/wp-content"
WP_CONF="/etc/wordpress/config-$CONFIG_NAME.php"
APACHE_SITE=/etc/apache2/sites-available/signet-wp-multisite.conf
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
SINGLE_SITE_SCRIPT="$HERE/wordpress.sh"

log() { printf '[signet-wpms %s] %s\n' "$(date +%T)" "$*" >&2; }
die() {
  log "ERROR: $*"
  exit 1
}
T0=$(date +%s.%N)
[ "$(uname -s)" = Linux ] || die "needs Linux (Debian 12)"
[ "$(id -u)" = 0 ] || die "must run as root (sudo bash e2e/servers/wordpress-multisite.sh)"
[[ "$WP_PORT" =~ ^[0-9]+$ ]] && [ "$WP_PORT" -ge 1024 ] && [ "$WP_PORT" -le 65535 ] ||
  die "SIGNET_WPMS_PORT must be a port number 1024-65535 (got '$WP_PORT')"
[ "$WP_PORT" != "${SIGNET_WP_PORT:-8088}" ] || die "SIGNET_WPMS_PORT must differ from the single site's port"
[ -r "$SINGLE_SITE_SCRIPT" ] || die "missing $SINGLE_SITE_SCRIPT"

# ---------------------------------------------------------------- 1. packages, MariaDB, Apache (wordpress.sh)
log "packages, MariaDB and Apache through wordpress.sh"
bash "$SINGLE_SITE_SCRIPT" >/dev/null || die "wordpress.sh failed (see above)"

# One run at a time (test processes may call this concurrently); wordpress.sh has its own lock.
lock_dir=/run/lock
[ -d "$lock_dir" ] && [ -w "$lock_dir" ] || lock_dir=/tmp
exec 9>"$lock_dir/signet-wordpress-multisite.lock"
flock -w 900 9 || die "another wordpress-multisite.sh run holds the lock"

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

# ---------------------------------------------------------------- 2. state, secrets, wp-content
install -d -m 0711 "$STATE_DIR"
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

# Its own wp-content: uploads apart from the single site's, and none of its test switches.
install -d -o www-data -g www-data -m 0755 "$WP_CONTENT" "$WP_CONTENT/uploads" "$WP_CONTENT/plugins" "$WP_CONTENT/themes"
for theme in /usr/share/wordpress/wp-content/themes/*/; do
  theme=${theme%/}
  [ -e "$WP_CONTENT/themes/${theme##*/}" ] || ln -s "$theme" "$WP_CONTENT/themes/${theme##*/}"
done

# ---------------------------------------------------------------- 3. database (MariaDB runs: wordpress.sh)
mysql --protocol=socket <<SQL || die "could not create the database"
CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
ALTER USER '$DB_USER'@'localhost' IDENTIFIED BY '$DB_PASSWORD';
GRANT ALL PRIVILEGES ON \`$DB_NAME\`.* TO '$DB_USER'@'localhost';
SQL

# ---------------------------------------------------------------- 4. WordPress config (multisite)
tmp=$(mktemp)
cat >"$tmp" <<PHP
<?php
// Managed by Signet e2e/servers/wordpress-multisite.sh (test network on loopback). Loaded by
// Debian's wp-config.php for requests whose WORDPRESS_CONFIG is '$CONFIG_NAME' (the vhost sets it).
define('DB_NAME', '$DB_NAME');
define('DB_USER', '$DB_USER');
define('DB_PASSWORD', '$DB_PASSWORD');
define('DB_HOST', 'localhost'); // unix socket
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_CONTENT_DIR', '$WP_CONTENT');
define('WP_ENVIRONMENT_TYPE', 'local'); // Application Passwords over plain HTTP
define('WP_HTTP_BLOCK_EXTERNAL', true); // no outside network: never call api.wordpress.org
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_AUTO_UPDATE_CORE', false);
define('DISALLOW_FILE_MODS', true);
define('FS_METHOD', 'direct');
define('WP_DEBUG', false);
define('WP_ALLOW_MULTISITE', true);
// The installer defines SIGNET_WPMS_SETUP while it turns the fresh single site into a network.
if (!defined('SIGNET_WPMS_SETUP')) {
    define('MULTISITE', true);
    define('SUBDOMAIN_INSTALL', false);
    define('DOMAIN_CURRENT_SITE', '$WP_HOSTPORT'); // the port is part of the domain
    define('PATH_CURRENT_SITE', '/');
    define('SITE_ID_CURRENT_SITE', 1);
    define('BLOG_ID_CURRENT_SITE', 1);
}
define('AUTH_KEY', '$AUTH_KEY');
define('SECURE_AUTH_KEY', '$SECURE_AUTH_KEY');
define('LOGGED_IN_KEY', '$LOGGED_IN_KEY');
define('NONCE_KEY', '$NONCE_KEY');
define('AUTH_SALT', '$AUTH_SALT');
define('SECURE_AUTH_SALT', '$SECURE_AUTH_SALT');
define('LOGGED_IN_SALT', '$LOGGED_IN_SALT');
define('NONCE_SALT', '$NONCE_SALT');
\$table_prefix = '$TABLE_PREFIX';
PHP
install_if_changed 0640 root:www-data "$tmp" "$WP_CONF" || true

# ---------------------------------------------------------------- 5. Apache vhost on 127.0.0.1:<port> (graceful reload only)
tmp=$(mktemp)
cat >"$tmp" <<APACHE
# Managed by Signet e2e/servers/wordpress-multisite.sh: a WordPress multisite network, loopback only.
Listen $WP_HOSTPORT
<VirtualHost $WP_HOSTPORT>
    ServerName $WP_IP
    DocumentRoot /usr/share/wordpress
    DirectoryIndex index.php
    SetEnv WORDPRESS_CONFIG $CONFIG_NAME
    Alias /wp-content $WP_CONTENT
    ErrorLog \${APACHE_LOG_DIR}/signet-wpms-error.log
    CustomLog \${APACHE_LOG_DIR}/signet-wpms-access.log combined
    <Directory /usr/share/wordpress>
        Options FollowSymLinks
        AllowOverride None
        Require all granted
        # What WordPress would write to .htaccess for a subdirectory network (Debian's is not writable).
        RewriteEngine On
        RewriteBase /
        RewriteRule ^index\.php$ - [L]
        RewriteRule ^([_0-9a-zA-Z-]+/)?wp-admin$ \$1wp-admin/ [R=301,L]
        RewriteCond %{REQUEST_FILENAME} -f [OR]
        RewriteCond %{REQUEST_FILENAME} -d
        RewriteRule ^ - [L]
        RewriteRule ^([_0-9a-zA-Z-]+/)?(wp-(content|admin|includes).*) \$2 [L]
        RewriteRule ^([_0-9a-zA-Z-]+/)?(.*\.php)$ \$2 [L]
        RewriteRule . index.php [L]
    </Directory>
    <Directory $WP_CONTENT>
        Options FollowSymLinks
        AllowOverride None
        Require all granted
    </Directory>
</VirtualHost>
APACHE
if [ ! -e /etc/apache2/sites-enabled/signet-wp-multisite.conf ] && (exec 3<>"/dev/tcp/$WP_IP/$WP_PORT") 2>/dev/null; then
  rm -f "$tmp"
  die "something else already listens on $WP_HOSTPORT (set SIGNET_WPMS_PORT to another port)"
fi
apache_changed=0
install_if_changed 0644 root:root "$tmp" "$APACHE_SITE" && apache_changed=1
[ -e /etc/apache2/sites-enabled/signet-wp-multisite.conf ] || { a2ensite -q signet-wp-multisite >&2; apache_changed=1; }

apache_running() { [ -s /var/run/apache2/apache2.pid ] && kill -0 "$(cat /var/run/apache2/apache2.pid)" 2>/dev/null; }
apache_running || die "apache is not running (wordpress.sh should have started it)"
if [ "$apache_changed" = 1 ]; then
  if ! apache2ctl configtest >&2 2>&1; then
    a2dissite -q signet-wp-multisite >&2 || true # never leave Apache unable to reload
    die "apache config test failed with the multisite vhost (is port $WP_PORT taken?)"
  fi
  log "graceful reload of apache (multisite vhost on $WP_HOSTPORT)"
  apache2ctl graceful </dev/null >/dev/null 2>&1 9>&- || die "apache graceful reload failed"
fi
up=0
for _ in $(seq 1 80); do
  # Any answer will do here: before the network exists WordPress answers an error page.
  if curl -s --noproxy '*' -o /dev/null --max-time 2 "$WP_URL/wp-includes/version.php"; then up=1 && break; fi
  sleep 0.25
done
[ "$up" = 1 ] || die "apache does not answer on $WP_URL"

# ---------------------------------------------------------------- 6. network, sites, users, application passwords (PHP CLI as www-data)
stored() { [ -s "$CREDS" ] && sed -n "s/^$1=//p" "$CREDS" || true; }
installer=$(mktemp --suffix=.php)
chmod 644 "$installer"
cat >"$installer" <<'PHP'
<?php
// Debian's wp-config.php picks the config from WORDPRESS_CONFIG (as the vhost's SetEnv does).
$_SERVER['WORDPRESS_CONFIG'] = getenv('CONFIG_NAME');
$_SERVER['HTTP_HOST'] = getenv('WP_HOSTPORT');
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['SERVER_PORT'] = getenv('WP_PORT');
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$phase = $argv[1];
if ($phase === 'network') {
    define('SIGNET_WPMS_SETUP', true); // the config leaves MULTISITE off
    define('WP_INSTALLING', true);
}
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

function fail($msg) { fwrite(STDERR, "installer: $msg\n"); exit(1); }
function site_spec($name) {
    list($path, $title, $zone) = explode('|', getenv($name));
    return array('path' => $path, 'title' => $title, 'zone' => $zone);
}
function set_options($opts) {
    foreach ($opts as $k => $v) if (get_option($k) !== $v) update_option($k, $v);
}
$url = 'http://' . getenv('WP_HOSTPORT');

if ($phase === 'network') {
    // A fresh single site first, then the network tables and the network around it (what
    // Network Setup in wp-admin does).
    $main = site_spec('MAIN_SITE');
    if (!is_blog_installed()) {
        $r = wp_install($main['title'], getenv('ADMIN_USER'), getenv('ADMIN_EMAIL'), false, '',
            wp_slash(getenv('ADMIN_PASSWORD')));
        fwrite(STDERR, "installer: wp_install done (admin id {$r['user_id']})\n");
    }
    set_options(array('siteurl' => $url, 'home' => $url));
    global $wpdb;
    foreach ($wpdb->tables('ms_global') as $table => $prefixed) $wpdb->$table = $prefixed;
    if ($wpdb->get_var($wpdb->prepare('SHOW TABLES LIKE %s', $wpdb->site)) !== $wpdb->site) install_network();
    if (!$wpdb->get_var("SELECT id FROM {$wpdb->site} WHERE id = 1")) {
        $r = populate_network(1, getenv('WP_HOSTPORT'), getenv('ADMIN_EMAIL'), getenv('NETWORK_TITLE'), '/', false);
        if (is_wp_error($r)) fail($r->get_error_message());
        fwrite(STDERR, "installer: network created\n");
    }
    exit(0);
}

// phase 'sites': WordPress runs as a network now.
if (!is_multisite()) fail('the network is not on (config?)');
$domain = getenv('WP_HOSTPORT');

function ensure_user($login, $pass, $email) {
    $user = get_user_by('login', $login);
    if (!$user) {
        $id = wp_insert_user(array('user_login' => $login, 'user_pass' => $pass, 'user_email' => $email,
            'role' => '', 'display_name' => ucfirst($login)));
        if (is_wp_error($id)) fail($id->get_error_message());
        $user = get_user_by('id', $id);
    }
    if (!wp_check_password($pass, $user->user_pass, $user->ID)) wp_set_password($pass, $user->ID);
    return get_user_by('id', $user->ID);
}
function ensure_member($blogId, $userId, $role) {
    if (!is_user_member_of_blog($userId, $blogId)) {
        $r = add_user_to_blog($blogId, $userId, $role);
        if (is_wp_error($r)) fail($r->get_error_message());
        return;
    }
    switch_to_blog($blogId);
    $u = new WP_User($userId);
    if (array_values($u->roles) !== array($role)) $u->set_role($role);
    restore_current_blog();
}
function ensure_site($domain, $spec, $adminId) {
    global $wpdb;
    // WordPress strips the ':' of a domain with a port when it creates a site ("127.0.0.18089"),
    // so look for that too and put the port back.
    $stripped = str_replace(':', '', $domain);
    $id = (int) get_blog_id_from_url($domain, $spec['path']) ?: (int) get_blog_id_from_url($stripped, $spec['path']);
    if (!$id) {
        $id = wpmu_create_blog($domain, $spec['path'], $spec['title'], $adminId, array('public' => 1),
            get_current_network_id());
        if (is_wp_error($id)) fail($id->get_error_message());
        fwrite(STDERR, "installer: created site {$spec['path']} (blog $id)\n");
    }
    if (get_site($id)->domain !== $domain) {
        $wpdb->update($wpdb->blogs, array('domain' => $domain), array('blog_id' => $id));
        clean_blog_cache($id);
    }
    $url = untrailingslashit('http://' . $domain . $spec['path']);
    switch_to_blog($id);
    set_options(array('siteurl' => $url, 'home' => $url));
    $permalinks = $id === 1 ? '/blog/%postname%/' : '/%postname%/'; // main: /blog like Network Setup
    if (get_option('permalink_structure') !== $permalinks) {
        update_option('permalink_structure', $permalinks);
        delete_option('rewrite_rules'); // rebuilt on the site's next request (they live in the vhost)
    }
    set_options(array('blogname' => $spec['title'], 'timezone_string' => $spec['zone'], 'gmt_offset' => ''));
    restore_current_blog();
    return $id;
}
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

$admin = ensure_user(getenv('ADMIN_USER'), getenv('ADMIN_PASSWORD'), getenv('ADMIN_EMAIL'));
if (!is_super_admin($admin->ID)) grant_super_admin($admin->ID);
update_network_option(null, 'site_name', getenv('NETWORK_TITLE'));
$main = ensure_site($domain, site_spec('MAIN_SITE'), $admin->ID);
$second = ensure_site($domain, site_spec('SECOND_SITE'), $admin->ID);
$third = ensure_site($domain, site_spec('THIRD_SITE'), $admin->ID);
if ($main !== 1) fail("the main site is blog $main, not 1");
foreach (array($main, $second, $third) as $id) ensure_member($id, $admin->ID, 'administrator');

$author = ensure_user(getenv('AUTHOR_USER'), getenv('AUTHOR_PASSWORD'), getenv('AUTHOR_EMAIL'));
ensure_member($main, $author->ID, 'author');
ensure_member($second, $author->ID, 'editor');
if (is_user_member_of_blog($author->ID, $third)) remove_user_from_blog($author->ID, $third);
if ((int) get_user_meta($author->ID, 'primary_blog', true) !== $main) update_user_meta($author->ID, 'primary_blog', $main);

echo 'ADMIN_APP=', ensure_app_password($admin, getenv('APP_NAME'), getenv('EXISTING_ADMIN_APP')), "\n";
echo 'AUTHOR_APP=', ensure_app_password($author, getenv('APP_NAME'), getenv('EXISTING_AUTHOR_APP')), "\n";
echo "SECOND_ID=$second\nTHIRD_ID=$third\n";
PHP
run_installer() {
  (cd /tmp && runuser -u www-data -- env CONFIG_NAME="$CONFIG_NAME" WP_HOSTPORT="$WP_HOSTPORT" WP_PORT="$WP_PORT" \
    NETWORK_TITLE="$NETWORK_TITLE" MAIN_SITE="$MAIN_SITE" SECOND_SITE="$SECOND_SITE" THIRD_SITE="$THIRD_SITE" \
    APP_NAME="$APP_NAME" ADMIN_USER="$ADMIN_USER" ADMIN_EMAIL="$ADMIN_EMAIL" ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    AUTHOR_USER="$AUTHOR_USER" AUTHOR_EMAIL="$AUTHOR_EMAIL" AUTHOR_PASSWORD="$AUTHOR_PASSWORD" \
    EXISTING_ADMIN_APP="$(stored SIGNET_WPMS_APP_PASSWORD)" \
    EXISTING_AUTHOR_APP="$(stored SIGNET_WPMS_AUTHOR_APP_PASSWORD)" \
    php "$installer" "$1" 9>&-)
}
network_rows=$(mysql --protocol=socket -N -B -e "SELECT COUNT(*) FROM \`$DB_NAME\`.\`${TABLE_PREFIX}site\`" 2>/dev/null || echo 0)
if [ "$network_rows" = 0 ]; then
  log "installing WordPress and turning it into a network"
  run_installer network >&2 || {
    rm -f "$installer"
    die "network setup failed"
  }
else
  # The port is part of every site's domain: follow a changed SIGNET_WPMS_PORT (else a no-op).
  mysql --protocol=socket "$DB_NAME" -e "UPDATE \`${TABLE_PREFIX}site\` SET domain = '$WP_HOSTPORT';
    UPDATE \`${TABLE_PREFIX}blogs\` SET domain = '$WP_HOSTPORT';" || die "could not update the network's domain"
fi
out=$(run_installer sites) || {
  rm -f "$installer"
  die "site setup failed"
}
rm -f "$installer"
ADMIN_APP=$(sed -n 's/^ADMIN_APP=//p' <<<"$out")
AUTHOR_APP=$(sed -n 's/^AUTHOR_APP=//p' <<<"$out")
SECOND_ID=$(sed -n 's/^SECOND_ID=//p' <<<"$out")
THIRD_ID=$(sed -n 's/^THIRD_ID=//p' <<<"$out")
[ -n "$ADMIN_APP" ] && [ -n "$AUTHOR_APP" ] && [ -n "$SECOND_ID" ] && [ -n "$THIRD_ID" ] ||
  die "installer printed no application passwords or site ids"

# ---------------------------------------------------------------- 7. check: REST on each site, and the author's blogs
for path in "" /second /third; do
  code=$(curl -s --noproxy '*' -o /dev/null --max-time 20 -w '%{http_code}' -u "$ADMIN_USER:$ADMIN_APP" \
    "$WP_URL$path/wp-json/wp/v2/users/me?context=edit")
  [ "$code" = 200 ] || die "REST check failed on $WP_URL$path/: HTTP $code"
done
blogs=$(curl -s --noproxy '*' --max-time 20 -H 'Content-Type: text/xml' --data-binary \
  "<?xml version=\"1.0\"?><methodCall><methodName>wp.getUsersBlogs</methodName><params><param><value><string>$AUTHOR_USER</string></value></param><param><value><string>$AUTHOR_APP</string></value></param></params></methodCall>" \
  "$WP_URL/xmlrpc.php")
n=$(grep -o '<name>blogid</name>' <<<"$blogs" | wc -l)
[ "$n" = 2 ] || die "wp.getUsersBlogs for $AUTHOR_USER lists $n blogs, expected 2: ${blogs:0:300}"

tmp=$(mktemp)
cat >"$tmp" <<EOF
SIGNET_WPMS_URL=$WP_URL
SIGNET_WPMS_SECOND_URL=$WP_URL/second
SIGNET_WPMS_SECOND_BLOG_ID=$SECOND_ID
SIGNET_WPMS_THIRD_URL=$WP_URL/third
SIGNET_WPMS_THIRD_BLOG_ID=$THIRD_ID
SIGNET_WPMS_USER=$ADMIN_USER
SIGNET_WPMS_APP_PASSWORD=$ADMIN_APP
SIGNET_WPMS_ADMIN_PASSWORD=$ADMIN_PASSWORD
SIGNET_WPMS_AUTHOR_USER=$AUTHOR_USER
SIGNET_WPMS_AUTHOR_APP_PASSWORD=$AUTHOR_APP
SIGNET_WPMS_AUTHOR_PASSWORD=$AUTHOR_PASSWORD
EOF
install_if_changed 0600 root:root "$tmp" "$CREDS" || true
T1=$(date +%s.%N)
log "network ready at $WP_URL (/, /second/, /third/): $(awk "BEGIN{printf \"%.1f\", $T1-$T0}") s"
cat "$CREDS"
