/**
 * The publishing benchmark end to end against the real WordPress (one measured pair): it must
 * produce one finite sample per run for each side and leave nothing behind on the blog.
 */
import { describe, expect, it } from 'vitest';
import { wordpressOrSkip } from '../../e2e/servers/wordpress';
import { benchPublish } from './publish';

const wp = await wordpressOrSkip();

describe('bench/suites/publish', () => {
  it.skipIf(!wp.server)(
    `publishes through Signet and raw requests, one sample each, and deletes what it made${wp.skipReason ? ` — SKIPPED: ${wp.skipReason}` : ''}`,
    async () => {
      const result = await benchPublish({ quick: true, runs: 1 });
      if (result.skipReason !== undefined) throw new Error(`unexpected skip: ${result.skipReason}`);
      for (const samples of [result.signetMs, result.rawMs]) {
        expect(samples).toHaveLength(1);
        for (const ms of samples) expect(Number.isFinite(ms) && ms > 0).toBe(true);
      }
      expect(result.signetScaledMs).toBeGreaterThan(0);
      expect(result.signetWarmupMs).toBeGreaterThan(0);
      expect(result.scaleCheckMs).toBeGreaterThan(0);
      expect(result.imageBytes).toHaveLength(5);
      for (const bytes of result.imageBytes) expect(bytes).toBeGreaterThan(150_000);
      for (const bytes of result.imageBytes) expect(bytes).toBeLessThan(260_000);
      expect(result.notes.length).toBeGreaterThan(0);

      const server = wp.server!;
      const posts = await server.restJson<unknown[]>(
        '/wp/v2/posts?search=Benchmark&status=publish,draft,trash&context=edit&_fields=id',
      );
      expect(posts).toEqual([]);
      const media = await server.restJson<unknown[]>('/wp/v2/media?search=harbour&_fields=id');
      expect(media).toEqual([]);
    },
    180_000,
  );

  it('answers a skip reason instead of throwing when WordPress cannot run', async () => {
    if (wp.server) return; // covered by the test above
    const result = await benchPublish({ quick: true, runs: 1 });
    expect(result.skipReason).toMatch(/WordPress/);
  });
});
