/**
 * The shell's decisions live here so they can run under plain Node: no file in this folder may
 * import electron or electron-store (either would try to download the Electron binary).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const here = path.dirname(new URL(import.meta.url).pathname);
const sources = fs.readdirSync(here).filter((f) => f.endsWith('.ts'));

describe('electron/shell/policy', () => {
  it.each(sources)('%s imports no electron', (file) => {
    const text = fs.readFileSync(path.join(here, file), 'utf8');
    expect(text).not.toMatch(/from\s+['"]electron(-store)?['"]|require\(\s*['"]electron/);
  });
});
