import { DraftIndex } from '../DraftIndex';
import { realisticDraft, seededRng, randomWord, rareWord } from '../testing/realisticDrafts';
const rng = seededRng(1);
const idx = new DraftIndex();
const drafts = [];
for (let i = 0; i < 10000; i++) drafts.push(realisticDraft(rng, 'd' + i, new Date(1e12 + i * 1000)));
let t = performance.now();
for (const d of drafts) idx.put(d, { deferSearch: true });
console.log('put', performance.now() - t);
t = performance.now();
console.log('fallback search', idx.list({filter:'all', query:'house wat', offset:0, limit:50}, new Date()).total, performance.now() - t);
t = performance.now();
await idx.indexInBackground();
console.log('index', performance.now() - t);
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
const times: [number, string, number][] = [];
for (const query of queries) { const s = performance.now(); const r = idx.list({filter:'all', query, offset:0, limit:50}, new Date()); times.push([performance.now() - s, query, r.total]); }
times.sort((a,b)=>a[0]-b[0]);
const p = (x: number) => times[Math.floor(x * (times.length - 1))];
console.log('p50', p(0.5), 'p95', p(0.95), 'max', times.at(-1));
console.log(times.slice(-12));
const times2: number[] = [];
for (const query of queries) { const s = performance.now(); idx.list({filter:'all', query, offset:0, limit:50}, new Date()); times2.push(performance.now() - s); }
times2.sort((a,b)=>a-b);
console.log('second pass p50', times2[200], 'p95', times2[380]);
let tl = performance.now(); for (let i = 0; i < 10; i++) idx.list({filter:'all', offset:0, limit:100}, new Date()); console.log('list avg', (performance.now() - tl) / 10);
console.log('heap', process.memoryUsage().heapUsed / 1e6);
