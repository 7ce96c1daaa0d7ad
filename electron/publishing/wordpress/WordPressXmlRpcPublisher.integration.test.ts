/**
 * The XML-RPC publisher against the real test WordPress (e2e/servers/wordpress.sh). Skips with the
 * reason when the server cannot run here; fails under SIGNET_REQUIRE_SERVERS=1.
 */
import { afterEach, beforeAll, describe, expect } from 'vitest';
import { createWordPressPublisher } from './createWordPressPublisher';
import { publisherSuite } from './testing/publisherSuite';
import { switchesOff, uniqueMarker, wordpressOrSkip } from './testing/testWordPress';
import type { WordPressPublisher } from './types';

const wp = await wordpressOrSkip();
if (wp.skipReason) console.warn(`[skip] ${wp.skipReason}`);
const title = wp.skipReason
  ? `WordPress XML-RPC publisher (SKIPPED: ${wp.skipReason})`
  : 'WordPress XML-RPC publisher';

describe.skipIf(!wp.server)(title, () => {
  const server = wp.server!;
  let publisher: WordPressPublisher;

  beforeAll(async () => {
    await server.reset();
    publisher = await createWordPressPublisher(
      { siteUrl: server.url, userLogin: server.user, transport: 'xmlrpc' },
      server.appPassword,
      fetch,
    );
    expect(publisher.transport).toBe('xmlrpc');
    expect(publisher.capabilities.serverConflictDetection).toBe(true);
  });
  afterEach(() => switchesOff(server));

  publisherSuite({ server: () => server, publisher: () => publisher, marker: uniqueMarker('sig-xmlrpc') });
});
