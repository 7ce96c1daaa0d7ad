import MiniSearch from 'minisearch';
import { DraftIndex } from '../DraftIndex';
import { realisticDraft, seededRng } from '../testing/realisticDrafts';
const rng = seededRng(1);
const idx = new DraftIndex();
for (let i = 0; i < 10000; i++) idx.put(realisticDraft(rng, 'd' + i, new Date(1e12 + i * 1000)));
const ms = (idx as any).search as MiniSearch;
for (const q of ['pla', 'word', 'light cai', 'time hea']) {
  for (const opts of [{}, { fuzzy: false }, { prefix: false }, { prefix: false, fuzzy: false }]) {
    const t = performance.now(); const r = ms.search(q, opts); console.log(q, JSON.stringify(opts), (performance.now() - t).toFixed(1), r.length);
  }
}
const t = performance.now(); for (let i = 0; i < 20; i++) idx.list({ filter: 'all', query: 'pla', offset: 0, limit: 50 }, new Date()); console.log('list pla avg', (performance.now() - t) / 20);
console.log([...(ms as any)._index.atPrefix('pla').keys()].length);
