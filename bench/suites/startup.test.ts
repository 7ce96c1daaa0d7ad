/**
 * The start-up benchmark at a tiny size: real bundle sizes, and one cold navigation of each side
 * in Chromium that ends with a typed character painted in the last-open draft.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bareLexicalBundle, benchStartup, rendererBundleSizes } from './startup';

describe('bench/suites/startup', () => {
  it('measures the gzipped renderer bundle file by file', async () => {
    const files = await rendererBundleSizes();
    expect(files.some((f) => f.file.endsWith('.js'))).toBe(true);
    expect(files.some((f) => f.file.endsWith('.css'))).toBe(true);
    for (const f of files) {
      expect(f.gzipBytes).toBeGreaterThan(0);
      expect(f.gzipBytes).toBeLessThan(f.bytes);
    }
    const script = await bareLexicalBundle();
    expect(script).toContain('startBareLexical');
    expect(gunzipSync(gzipSync(script, { level: 9 })).toString()).toBe(script);
  });

  it('times one cold navigation of Signet and of the bare Lexical page until a typed character is painted', async () => {
    const result = await benchStartup({ quick: true, navigations: 1, words: 300 });
    expect(result.bundle.signetGzipBytes).toBe(
      result.bundle.signetFiles.reduce((s, f) => s + f.gzipBytes, 0),
    );
    expect(result.bundle.bareGzipBytes).toBeGreaterThan(0);
    expect(result.bundle.bareGzipBytes).toBeLessThan(result.bundle.bareBytes);
    for (const side of [result.signet, result.bare]) {
      expect(side.shownMs).toHaveLength(1);
      expect(side.editableMs).toHaveLength(1);
      expect(side.shownMs[0]).toBeGreaterThan(0);
      // The character is typed after the draft was shown, so it is painted later.
      expect(side.editableMs[0]).toBeGreaterThan(side.shownMs[0]!);
      expect(Number.isFinite(side.editableMs[0])).toBe(true);
    }
    expect(result.notes.length).toBeGreaterThan(0);
  }, 120_000);
});
