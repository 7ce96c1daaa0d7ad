// @vitest-environment happy-dom
/**
 * Every entry of the hostile corpus (electron/security/testing/hostileCorpus.ts) through every way
 * in (paste, Markdown import, a post opened from a blog) and every way out (the body composed for
 * each platform): nothing executable comes out, and the entry's benign words survive.
 */
import { beforeAll, describe, expect, it } from 'vitest';

import { describeFindings } from '../../electron/security/testing/executable';
import { HOSTILE_HTML, HOSTILE_MARKDOWN } from '../../electron/security/testing/hostileCorpus';
import {
  TARGETS,
  importHtmlState,
  importMarkdownState,
  loadPastePipeline,
  paste,
  runEverywhere,
  stateText,
} from './hostilePipelines';

beforeAll(async () => {
  await loadPastePipeline();
});

function expectClean(source: string, ways?: Parameters<typeof runEverywhere>[1]) {
  const found = runEverywhere(source, ways);
  expect(
    found.map(({ where, finding }) => `${where}: ${describeFindings([finding])}`),
    'executable output',
  ).toEqual([]);
}

it('the corpus is large and its names are unique', () => {
  expect(HOSTILE_HTML.length + HOSTILE_MARKDOWN.length).toBeGreaterThanOrEqual(60);
  const names = [...HOSTILE_HTML, ...HOSTILE_MARKDOWN].map((entry) => entry.name);
  expect(new Set(names).size).toBe(names.length);
});

describe('hostile HTML', () => {
  for (const entry of HOSTILE_HTML) {
    it(`${entry.name}: pasted, imported as Markdown and opened from a blog, nothing executable reaches any platform`, () => {
      expectClean(entry.source);
    });
    it(`${entry.name}: the benign words survive paste and opening from a blog`, () => {
      const pasted = stateText(paste(entry.source).state);
      const opened = stateText(importHtmlState(entry.source));
      for (const words of entry.benign) {
        expect(pasted, 'pasted').toContain(words);
        expect(opened, 'opened from a blog').toContain(words);
      }
    });
  }
});

describe('hostile Markdown', () => {
  for (const entry of HOSTILE_MARKDOWN) {
    it(`${entry.name}: imported, nothing executable reaches any platform and the benign words survive`, () => {
      expectClean(entry.source, ['markdown']);
      const text = stateText(importMarkdownState(entry.source));
      for (const words of entry.benign) expect(text).toContain(words);
    });
  }
});

it('composes for one target per body format', () => {
  expect(TARGETS.map((target) => target.name)).toEqual([
    'wordpress-blocks',
    'wordpress-html',
    'ghost',
    'blogger-micropub',
    'static-markdown',
  ]);
});
