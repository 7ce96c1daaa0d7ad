/**
 * Discovery, sign-in checks and the choice of API against the real test WordPress, with its
 * failure switches (e2e/servers/wp-mu-plugins/signet-test-switches.php): what the author is told
 * for each way a real host can fail.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishErrorOf } from '../http/testing/publishErrorOf';
import { closedPort, startHttp, type Loopback } from '../http/testing/loopback';
import { createWordPressPublisher } from './createWordPressPublisher';
import { discoverWordPress } from './discover';
import { switchesOff, wordpressOrSkip, type TestWordPress } from './testing/testWordPress';
import type { WordPressConfig } from './types';
import { WordPressRestPublisher } from './WordPressRestPublisher';
import { WordPressXmlRpcPublisher } from './WordPressXmlRpcPublisher';

const wp = await wordpressOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason
  ? `WordPress discovery and sign-in (SKIPPED: ${wp.skipReason})`
  : 'WordPress discovery and sign-in';

describe.skipIf(!wp.server)(title, () => {
  const server = wp.server as TestWordPress;
  const host = () => new URL(server.url).host;
  const rest = (password = server.appPassword, user = server.user) =>
    new WordPressRestPublisher({
      siteUrl: server.url,
      restRoot: `${server.url}/wp-json/`,
      xmlrpcUrl: `${server.url}/xmlrpc.php`,
      userLogin: user,
      secret: password,
      fetch,
    });
  const xmlrpc = (password = server.appPassword, user = server.user) =>
    new WordPressXmlRpcPublisher({
      siteUrl: server.url,
      xmlrpcUrl: `${server.url}/xmlrpc.php`,
      userLogin: user,
      secret: password,
      fetch,
    });
  const config = (transport: WordPressConfig['transport']): WordPressConfig => ({
    siteUrl: server.url,
    userLogin: server.user,
    transport,
  });

  let notWordPress: Loopback;
  beforeAll(async () => {
    await server.reset();
    notWordPress = await startHttp((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><head><title>Just a page</title></head><body>Hi</body></html>');
    });
  });
  afterEach(() => switchesOff(server));
  afterAll(async () => {
    await notWordPress?.close();
  });

  describe('discovery', () => {
    it('finds the blog from every way an author might type its address', async () => {
      const expected = {
        siteUrl: server.url,
        name: 'Signet Test Blog',
        restRoot: `${server.url}/wp-json/`,
        xmlrpcUrl: `${server.url}/xmlrpc.php`,
        applicationPasswords: true,
        authorizeUrl: `${server.url}/wp-admin/authorize-application.php`,
        timeZone: 'Europe/Berlin',
        restProblem: null,
        xmlrpcProblem: null,
      };
      for (const input of [
        host(),
        server.url,
        `${server.url}/`,
        `${server.url}/wp-admin/`,
        `${server.url}/wp-login.php`,
        `${server.url}/no-such-page/`,
      ]) {
        expect(await discoverWordPress(input, fetch), input).toEqual(expected);
      }
    });

    it('rest-firewall: REST is blocked (said so), XML-RPC is found, and auto publishes through it', async () => {
      await server.setSwitch('rest-firewall', true);
      const site = await discoverWordPress(server.url, fetch);
      expect(site.restRoot).toBeNull();
      expect(site.restProblem?.code).toBe('BLOCKED_BY_FIREWALL');
      expect(site.restProblem?.message).toMatch(/a security plugin or your host blocks Signet’s requests/);
      expect(site.xmlrpcUrl).toBe(`${server.url}/xmlrpc.php`);
      expect(site.siteUrl).toBe(server.url);
      expect(site.name).toBe('Signet Test Blog');

      const publisher = await createWordPressPublisher(config('auto'), server.appPassword, fetch);
      expect(publisher.transport).toBe('xmlrpc');
      expect((await publisher.verify()).name).toBe('Signet Test Blog');
    });

    it('no-app-passwords: discovery says they are off and offers no authorize URL', async () => {
      await server.setSwitch('no-app-passwords', true);
      const site = await discoverWordPress(server.url, fetch);
      expect(site.applicationPasswords).toBe(false);
      expect(site.authorizeUrl).toBeNull();
    });

    it('a plain web server that is not WordPress → NOT_WORDPRESS', async () => {
      const error = await publishErrorOf(discoverWordPress(notWordPress.url, fetch));
      expect(error.code).toBe('NOT_WORDPRESS');
      expect(error.message).toMatch(/^Signet found a website at 127\.0\.0\.1:\d+, but not WordPress/);
      expect(error.message).toMatch(/Check the address/);
    });

    it('a port with nothing listening → OFFLINE, for discovery and for a publisher', async () => {
      const port = await closedPort();
      const error = await publishErrorOf(discoverWordPress(`127.0.0.1:${port}`, fetch));
      expect(error.code).toBe('OFFLINE');
      expect(error.message).toBe(
        `Signet cannot reach 127.0.0.1:${port}. Check your connection; Signet will try again.`,
      );
      const publisher = new WordPressRestPublisher({
        siteUrl: `http://127.0.0.1:${port}`,
        restRoot: `http://127.0.0.1:${port}/wp-json/`,
        userLogin: server.user,
        secret: server.appPassword,
        fetch,
      });
      const verify = await publishErrorOf(publisher.verify());
      expect(verify.code).toBe('OFFLINE');
      expect(verify.retryable).toBe(true);
    });
  });

  describe('verify', () => {
    it('right password: both APIs name the site and the user', async () => {
      const identity = {
        name: 'Signet Test Blog',
        url: server.url,
        userName: 'admin',
        userLogin: 'admin',
        timeZone: 'Europe/Berlin',
      };
      expect(await rest().verify()).toEqual(identity);
      expect(await xmlrpc().verify()).toEqual({ ...identity, timeZone: '+01:00' });
      const auto = await createWordPressPublisher(config('auto'), server.appPassword, fetch);
      expect(auto.transport).toBe('rest');
    });

    it('wrong password → AUTH_FAILED on both, saying what to check; the password never appears', async () => {
      const wrong = 'aaaa bbbb cccc dddd eeee ffff';
      for (const publisher of [rest(wrong), xmlrpc(wrong)]) {
        const error = await publishErrorOf(publisher.verify());
        expect(error.code, publisher.transport).toBe('AUTH_FAILED');
        expect(error.message).toBe(
          `WordPress at ${host()} refused the user name or application password. ` +
            'Check both, or create a new application password under Users → Profile.',
        );
        expect(error.retryable).toBe(false);
        expect(JSON.stringify(error) + error.message + String(error.stack)).not.toContain(wrong);
      }
      const auto = await publishErrorOf(createWordPressPublisher(config('auto'), wrong, fetch));
      expect(auto.code).toBe('AUTH_FAILED');
    });

    it('no-app-passwords → APP_PASSWORDS_DISABLED (REST, and XML-RPC once discovery saw it)', async () => {
      await server.setSwitch('no-app-passwords', true);
      const viaRest = await publishErrorOf(rest().verify());
      expect(viaRest.code).toBe('APP_PASSWORDS_DISABLED');
      expect(viaRest.message).toMatch(/application passwords switched off/);
      expect(viaRest.message).toMatch(/Ask the site’s administrator to allow application passwords/);
      const viaXmlRpc = await createWordPressPublisher(config('xmlrpc'), server.appPassword, fetch);
      expect((await publishErrorOf(viaXmlRpc.verify())).code).toBe('APP_PASSWORDS_DISABLED');
    });

    it('rest-firewall → BLOCKED_BY_FIREWALL for REST', async () => {
      await server.setSwitch('rest-firewall', true);
      const error = await publishErrorOf(rest().verify());
      expect(error.code).toBe('BLOCKED_BY_FIREWALL');
      expect(error.status).toBe(403);
      expect(error.message).toMatch(
        /Ask them to allow the WordPress REST API, or Signet can use XML-RPC instead/,
      );
    });

    it('xmlrpc-disabled and no-xmlrpc → XMLRPC_DISABLED for XML-RPC; REST still works', async () => {
      await server.setSwitch('xmlrpc-disabled', true);
      const disabled = await publishErrorOf(xmlrpc().verify());
      expect(disabled.code).toBe('XMLRPC_DISABLED');
      expect(disabled.message).toMatch(/has XML-RPC switched off/);
      await server.setSwitch('xmlrpc-disabled', false);

      await server.setSwitch('no-xmlrpc', true);
      const blocked = await publishErrorOf(xmlrpc().verify());
      expect(blocked.code).toBe('XMLRPC_DISABLED');
      expect(blocked.message).toMatch(/blocks XML-RPC/);
      const site = await discoverWordPress(server.url, fetch);
      expect(site.xmlrpcUrl).toBeNull();
      expect(site.xmlrpcProblem?.code).toBe('XMLRPC_DISABLED');
      expect((await rest().verify()).userLogin).toBe('admin');
      const auto = await createWordPressPublisher(config('auto'), server.appPassword, fetch);
      expect(auto.transport).toBe('rest');
    });

    it('rest-500 → SERVER_ERROR, retryable; auto does not switch API over a server error', async () => {
      await server.setSwitch('rest-500', true);
      const error = await publishErrorOf(rest().verify());
      expect(error.code).toBe('SERVER_ERROR');
      expect(error.retryable).toBe(true);
      expect(error.status).toBe(500);
      expect(error.message).toMatch(/had an internal error \(HTTP 500\)\. Signet will try again/);
      const auto = await publishErrorOf(createWordPressPublisher(config('auto'), server.appPassword, fetch));
      expect(auto.code).toBe('SERVER_ERROR');
    });

    it('no-auth-header: REST says the host strips the header (XML-RPC accepts the password); auto uses XML-RPC', async () => {
      await server.setSwitch('no-auth-header', true);
      const error = await publishErrorOf(rest().verify());
      expect(error.code).toBe('AUTH_FAILED');
      expect(error.reason).toBe('authorization-header-stripped');
      expect(error.message).toMatch(/removes the Authorization header/);
      const auto = await createWordPressPublisher(config('auto'), server.appPassword, fetch);
      expect(auto.transport).toBe('xmlrpc');
      expect((await auto.verify()).userLogin).toBe('admin');
    });

    it('an author may not create pages → FORBIDDEN on both APIs', async () => {
      const page = {
        type: 'page' as const,
        title: 'Not allowed',
        content: '',
        status: 'draft' as const,
        tags: [],
        categories: [],
      };
      for (const publisher of [
        rest(server.authorAppPassword, server.authorUser),
        xmlrpc(server.authorAppPassword, server.authorUser),
      ]) {
        const error = await publishErrorOf(publisher.createPost(page));
        expect(error.code, publisher.transport).toBe('FORBIDDEN');
        expect(error.message).toMatch(/Ask the site’s administrator for a role that may do it/);
      }
    });
  });

  it('lists the blogs of a login (a single site has one)', async () => {
    const blog = {
      blogId: '1',
      name: 'Signet Test Blog',
      url: server.url,
      xmlrpcUrl: `${server.url}/xmlrpc.php`,
      isAdmin: true,
    };
    expect(await rest().listUsersBlogs()).toEqual([blog]);
    expect(await xmlrpc().listUsersBlogs()).toEqual([blog]);
    expect(await xmlrpc(server.authorAppPassword, server.authorUser).listUsersBlogs()).toEqual([
      { ...blog, isAdmin: false },
    ]);
  });
});
