<?php
/**
 * Plugin Name: Signet test switches (TEST SERVERS ONLY)
 * Description: Lets Signet's tests simulate the failures real hosts produce. Each switch is on while
 *   a file of its name exists in SIGNET_TEST_SWITCH_DIR. Installed by e2e/servers/wordpress.sh into
 *   the loopback test WordPress; never put this on a real site.
 *
 * Switches:
 *   no-app-passwords  Application Passwords switched off (as hosts and security plugins do).
 *   rest-firewall     /wp-json/... and ?rest_route= answer 403 with an HTML page (host firewall).
 *   rest-500          every REST request answers 500 (internal_server_error, like a PHP fatal).
 *   no-xmlrpc         /xmlrpc.php answers 403 with an HTML page (host firewall).
 *   xmlrpc-disabled   XML-RPC answers HTTP 405, fault 405 "XML-RPC services are disabled" (xmlrpc_enabled).
 *   no-auth-header    the Authorization header never reaches WordPress (hosts/CGI that strip it).
 */

defined('ABSPATH') || exit;

function signet_test_switch($name) {
    $dir = defined('SIGNET_TEST_SWITCH_DIR') ? SIGNET_TEST_SWITCH_DIR : '/var/lib/signet-wp/switches';
    return file_exists($dir . '/' . $name);
}

function signet_test_firewall_403() {
    http_response_code(403);
    header('Content-Type: text/html; charset=iso-8859-1');
    header('X-Signet-Test-Switch: firewall');
    echo "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>403 Forbidden</title>\n",
        "</head><body>\n<h1>Forbidden</h1>\n<p>You don't have permission to access this resource.",
        " The request was blocked by the web application firewall.</p>\n</body></html>\n";
    exit;
}

$signet_path = (string) parse_url(isset($_SERVER['REQUEST_URI']) ? $_SERVER['REQUEST_URI'] : '/', PHP_URL_PATH);
$signet_is_rest = isset($_GET['rest_route']) || preg_match('#^/(index\.php/)?wp-json(/|$)#', $signet_path);
$signet_is_xmlrpc = defined('XMLRPC_REQUEST') && XMLRPC_REQUEST;

if ($signet_is_rest && signet_test_switch('rest-firewall')) {
    signet_test_firewall_403();
}
if ($signet_is_xmlrpc && signet_test_switch('no-xmlrpc')) {
    signet_test_firewall_403();
}
if (signet_test_switch('no-auth-header')) {
    unset($_SERVER['HTTP_AUTHORIZATION'], $_SERVER['PHP_AUTH_USER'], $_SERVER['PHP_AUTH_PW']);
}
if (signet_test_switch('no-app-passwords')) {
    add_filter('wp_is_application_passwords_available', '__return_false');
}
if (signet_test_switch('xmlrpc-disabled')) {
    add_filter('xmlrpc_enabled', '__return_false');
}
if ($signet_is_rest && signet_test_switch('rest-500')) {
    add_filter('rest_pre_dispatch', function () {
        return new WP_Error(
            'internal_server_error',
            '<p>There has been a critical error on this website.</p>',
            array('status' => 500)
        );
    }, 0);
}
