/**
 * Realistic drafts for tests and the benchmark: Lexical JSON with headings, paragraphs, lists,
 * links and formatted runs, words drawn with a Zipf-like skew from common English plus a long
 * tail of rarer words, as real posts have.
 */
import type { Draft, EditorStateJSON } from '../../contract';
import { DRAFT_SCHEMA_VERSION } from '../types';

const COMMON =
  `the of and to a in is it you that he was for on are with as I his they be at one have this from
or had by word but what some we can out other were all there when up use your how said an each she which do
their time if will way about many then them write would like so these her long make thing see him two has look
more day could go come did number sound no most people my over know water than call first who may down side
been now find any new work part take get place made live where after back little only round man year came show
every good me give our under name very through just form sentence great think say help low line differ turn
cause much mean before move right boy old too same tell does set three want air well also play small end put
home read hand port large spell add even land here must big high such follow act why ask men change went light
kind off need house picture try us again animal point mother world near build self earth father head stand own
page should country found answer school grow study still learn plant cover food sun four between state keep eye
never last let thought city tree cross farm hard start might story saw far sea draw left late run while press
close night real life few north open seem together next white children begin got walk example ease paper group
always music those both mark often letter until mile river car feet care second book carry took science eat
room friend began idea fish mountain stop once base hear horse cut sure watch color face wood main enough plain
girl usual young ready above ever red list though feel talk bird soon body dog family direct pose leave song
measure door product black short numeral class wind question happen complete ship area half rock order fire
south problem piece told knew pass since top whole king space heard best hour better true during hundred five
remember step early hold west ground interest reach fast verb sing listen six table travel less morning ten
simple several vowel toward war lay against pattern slow center love person money serve appear road map rain
rule govern pull cold notice voice unit power town fine certain fly fall lead cry dark machine note wait plan
figure star box noun field rest correct able pound done beauty drive stood contain front teach week final gave
green oh quick develop ocean warm free minute strong special mind behind clear tail produce fact street inch
multiply nothing course stay wheel full force blue object decide surface deep moon island foot system busy test
record boat common gold possible plane stead dry wonder laugh thousand ago ran check game shape equate hot miss
brought heat snow tire bring yes distant fill east paint language among`.split(/\s+/);

const CONSONANTS = 'bcdfghjklmnprstvwz';
const ONSETS = ['br', 'ch', 'cl', 'dr', 'fl', 'gr', 'pl', 'pr', 'sh', 'sk', 'sp', 'st', 'th', 'tr'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ea', 'io', 'ou'];
const RARE_WORDS = 20_000;

export type Rng = () => number;

/** A small seeded generator (mulberry32), so a benchmark run can be repeated exactly. */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let vocabulary: { words: string[]; cdf: Float64Array } | null = null;

/**
 * Common English words in frequency order, then 20,000 made-up words (the names, jargon and rare
 * words a real vocabulary has), drawn by Zipf's law (rank k has weight 1/k), as word frequencies
 * in real text are: the common words make up about two thirds of a text.
 */
function zipfVocabulary(): { words: string[]; cdf: Float64Array } {
  if (vocabulary) return vocabulary;
  const rng = seededRng(7);
  const words = new Set<string>(COMMON);
  while (words.size < COMMON.length + RARE_WORDS) {
    const syllables = 2 + Math.floor(rng() * 3);
    let w = '';
    for (let i = 0; i < syllables; i++) {
      w +=
        rng() < 0.25
          ? ONSETS[Math.floor(rng() * ONSETS.length)]
          : CONSONANTS[Math.floor(rng() * CONSONANTS.length)];
      w += VOWELS[Math.floor(rng() * VOWELS.length)];
    }
    if (rng() < 0.5) w += CONSONANTS[Math.floor(rng() * CONSONANTS.length)];
    words.add(w);
  }
  const list = [...words];
  const cdf = new Float64Array(list.length);
  let total = 0;
  for (let k = 0; k < list.length; k++) cdf[k] = total += 1 / (k + 1);
  for (let k = 0; k < list.length; k++) cdf[k] = cdf[k]! / total;
  vocabulary = { words: list, cdf };
  return vocabulary;
}

export function randomWord(rng: Rng): string {
  const { words, cdf } = zipfVocabulary();
  const r = rng();
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < r) lo = mid + 1;
    else hi = mid;
  }
  return words[lo]!;
}

/** A word from the rarer part of the vocabulary, as a searched-for name or term would be. */
export function rareWord(rng: Rng): string {
  const { words } = zipfVocabulary();
  return words[COMMON.length + Math.floor(rng() * RARE_WORDS)]!;
}

function words(rng: Rng, n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(randomWord(rng));
  return out.join(' ');
}

function textNode(text: string, format = 0): Record<string, unknown> {
  return { type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' };
}

function element(
  type: string,
  children: unknown[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type, version: 1, children, direction: 'ltr', format: '', indent: 0, ...extra };
}

function sentence(rng: Rng, n: number): string {
  const s = words(rng, n);
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
}

function paragraph(rng: Rng, wordCount: number): Record<string, unknown> {
  const children: unknown[] = [];
  let left = wordCount;
  while (left > 0) {
    const n = Math.min(left, 6 + Math.floor(rng() * 14));
    left -= n;
    const roll = rng();
    if (roll < 0.08) children.push(textNode(`${words(rng, n)} `, 1));
    else if (roll < 0.12) {
      children.push(
        element('link', [textNode(words(rng, n))], {
          url: `https://example.com/${randomWord(rng)}`,
          rel: null,
          target: null,
          title: null,
        }),
      );
      children.push(textNode(' '));
    } else children.push(textNode(`${sentence(rng, n)} `));
  }
  return element('paragraph', children, { textFormat: 0, textStyle: '' });
}

/** An editor state of about `wordCount` words. */
export function realisticEditorState(rng: Rng, wordCount: number): EditorStateJSON {
  const blocks: unknown[] = [];
  let left = wordCount;
  while (left > 0) {
    const roll = rng();
    if (roll < 0.1) {
      const n = 3 + Math.floor(rng() * 5);
      blocks.push(
        element('heading', [textNode(sentence(rng, n).slice(0, -1))], { tag: rng() < 0.5 ? 'h2' : 'h3' }),
      );
      left -= n;
    } else if (roll < 0.18) {
      const items: unknown[] = [];
      const count = 2 + Math.floor(rng() * 4);
      for (let i = 0; i < count; i++) {
        const n = 4 + Math.floor(rng() * 10);
        items.push(element('listitem', [textNode(words(rng, n))], { value: i + 1 }));
        left -= n;
      }
      blocks.push(element('list', items, { listType: 'bullet', start: 1, tag: 'ul' }));
    } else if (roll < 0.22) {
      const n = 10 + Math.floor(rng() * 30);
      blocks.push(element('quote', [textNode(sentence(rng, n))]));
      left -= n;
    } else {
      const n = Math.min(left, 40 + Math.floor(rng() * 90));
      blocks.push(paragraph(rng, n));
      left -= n;
    }
  }
  return { root: element('root', blocks) };
}

export function realisticTitle(rng: Rng): string {
  return sentence(rng, 3 + Math.floor(rng() * 6)).slice(0, -1);
}

/** A whole draft file's content, for writing fixtures straight to disk. */
export function realisticDraft(rng: Rng, id: string, at: Date): Draft {
  const iso = at.toISOString();
  return {
    schemaVersion: DRAFT_SCHEMA_VERSION,
    id,
    title: realisticTitle(rng),
    createdAt: iso,
    updatedAt: iso,
    editorState: realisticEditorState(rng, 500 + Math.floor(rng() * 1000)),
    meta: { tags: [randomWord(rng), randomWord(rng)] },
    destinations: {},
  };
}
