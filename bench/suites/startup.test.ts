/**
 * The part of the start-up benchmark that needs no build: the bare Lexical page's bundle. The rest
 * (the renderer's bundle and the navigations) needs `out/renderer`, which `npm test` builds after
 * the unit tests: the quick bench run (`bench/run.ts --quick`, after the build) runs it and fails
 * on implausible figures (see the checks at the end of `benchStartup`).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bareLexicalBundle } from './startup';

describe('bench/suites/startup', () => {
  it('builds the bare Lexical page as one script that starts the editor', async () => {
    const script = await bareLexicalBundle();
    expect(script).toContain('startBareLexical');
    expect(script.length).toBeGreaterThan(50_000);
    expect(gunzipSync(gzipSync(script, { level: 9 })).toString()).toBe(script);
  });
});
