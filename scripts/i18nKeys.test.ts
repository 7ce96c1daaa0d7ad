/**
 * The catalogue and the code agree: every key of en.json is used somewhere in the sources (a key
 * nobody uses is a string a translator translates for nothing), and every `t('…')` key in the
 * sources is in en.json (tsc checks that too, since `MessageKey` is typed from the JSON).
 * Keys are always written out whole in the code, never built from pieces, so a grep finds them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const en = JSON.parse(readFileSync(join(ROOT, 'electron/contract/i18n/en.json'), 'utf8')) as Record<
  string,
  string
>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    if (statSync(file).isDirectory()) return sources(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [file] : [];
  });
}

const code = [...sources(join(ROOT, 'electron')), ...sources(join(ROOT, 'renderer'))].map((file) =>
  readFileSync(file, 'utf8'),
);
const all = code.join('\n');

describe('the message catalogue', () => {
  it('has no key the code never uses', () => {
    const unused = Object.keys(en).filter(
      (key) => !new RegExp(`['"\`]${key.replace(/\./g, '\\.')}['"\`]`).test(all),
    );
    expect(unused).toEqual([]);
  });

  it('has every key the code asks for', () => {
    const asked = [...all.matchAll(/\bt\(\s*['"`]([A-Za-z0-9_.]+)['"`]/g)].map((m) => m[1]!);
    expect(asked.length).toBeGreaterThan(20);
    expect(asked.filter((key) => !(key in en))).toEqual([]);
  });
});
