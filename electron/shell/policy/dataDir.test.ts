import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataDirFromEnv } from './dataDir';

describe('dataDirFromEnv', () => {
  const cwd = path.resolve('/home/me/signet');

  it('makes a relative folder absolute against the working directory', () => {
    expect(dataDirFromEnv('.signet-dev-data', cwd)).toBe(path.join(cwd, '.signet-dev-data'));
  });

  it('keeps an absolute folder', () => {
    const abs = path.resolve('/tmp/signet-e2e-1');
    expect(dataDirFromEnv(abs, cwd)).toBe(abs);
  });

  it('falls back (null) when unset or blank', () => {
    expect(dataDirFromEnv(undefined, cwd)).toBeNull();
    expect(dataDirFromEnv('', cwd)).toBeNull();
    expect(dataDirFromEnv('   ', cwd)).toBeNull();
  });
});
