import { benchStartup } from './suites/startup';
import { summarize } from './stats';
const r = await benchStartup({ quick: false });
console.log('bundle', r.bundle.signetGzipBytes, r.bundle.bareGzipBytes);
for (const k of ['shownMs', 'editableMs'] as const) console.log(k, 'signet', summarize(r.signet[k]).median.toFixed(0), 'bare', summarize(r.bare[k]).median.toFixed(0));
