import MiniSearch from 'minisearch';
import { DraftIndex } from '../DraftIndex';
import { realisticDraft, seededRng, randomWord, rareWord } from '../testing/realisticDrafts';
const rng = seededRng(1);
const idx = new DraftIndex();
const drafts = [];
for (let i = 0; i < 10000; i++) drafts.push(realisticDraft(rng, 'd' + i, new Date(1e12 + i * 1000)));
for (const d of drafts) idx.put(d);
const ms = (idx as any).search as MiniSearch;
const STOP = (idx as any).constructor;
const titles = drafts.map(d => d.title.toLowerCase().split(' '));
const q = seededRng(9);
const pick = <T,>(a: T[]) => a[Math.floor(q() * a.length)]!;
const queries: string[] = [];
for (let i = 0; i < 400; i++) {
  const r = q(); const tw = pick(titles);
  if (r < 0.3) queries.push(pick(tw));
  else if (r < 0.5) queries.push(`${pick(tw)} ${pick(tw)}`);
  else if (r < 0.7) { const w = pick(tw); queries.push(w.slice(0, Math.min(w.length, 3 + Math.floor(q() * 3)))); }
  else if (r < 0.85) { const w = rareWord(q); const k = Math.floor(q() * w.length); queries.push(w.slice(0, k) + 'x' + w.slice(k + 1)); }
  else queries.push(`${randomWord(q)} ${rareWord(q).slice(0, 3)}`);
}
function run(bodyPrefixMin: number, fuzzyMin: number) {
  const times: number[] = [];
  for (const query of queries) {
    const terms = query.split(' ').filter(t => t && ms.search(t, {prefix:false,fuzzy:false}) !== null);
    const sub = terms.map((term) => {
      const fuzzy = term.length >= fuzzyMin ? 0.2 : false;
      if (term.length >= bodyPrefixMin) return { queries: [term], prefix: true, fuzzy };
      return { combineWith: 'OR' as const, queries: [{ queries: [term], prefix: false, fuzzy }, { queries: [term], fields: ['title'], prefix: term.length >= 2, fuzzy: false }] };
    });
    const s = performance.now();
    ms.search({ combineWith: 'AND', queries: sub } as any);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  console.log(bodyPrefixMin, fuzzyMin, 'p50', times[200]!.toFixed(1), 'p95', times[380]!.toFixed(1), 'max', times.at(-1)!.toFixed(1));
}
for (let rep = 0; rep < 2; rep++) for (const [a, b] of [[3, 4], [4, 4], [4, 5], [5, 4], [5, 5], [6, 5]]) run(a!, b!);
