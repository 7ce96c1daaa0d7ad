/**
 * Start-up benchmark: how much the author's browser downloads (gzipped renderer bundle) and how
 * long from navigation until the last-open draft is editable, Signet against the bare Lexical page
 * (bench/bareLexical.ts) holding the same document.
 *
 * Time: Debian's Chromium (headless, Playwright), one browser, a new context per navigation so
 * nothing is cached (cold); Signet = the real app behind the web host (createApp in Node, the
 * built renderer, a data folder whose preferences name the last-open draft); the baseline = an
 * HTML page loading the bare Lexical bundle and the draft (as JSON) from a loopback server.
 * Navigations alternate Signet / baseline after one unmeasured warm-up of each.
 */
import { readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser } from '@playwright/test';
import Conf from 'conf';
import { startHost } from '../../e2e/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../e2e/support/chromium';
import { seedDrafts } from '../../e2e/support/seed';
import type { SettingsData } from '../../electron/ports';
import { DEFAULT_PREFERENCES } from '../../electron/settings/preferences';
import { settingsStoreOptions } from '../../electron/settings/settingsOptions';
import { bareLexicalBundle, longDraftParagraphs } from '../browser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BODY = '[aria-label="Draft body"]';
/** The draft's last paragraph: once it is in the editor, all of the draft is. */
const LAST = 'This is where the last-open draft ends.';
/** No word of bench/words.ts (nor LAST) has an x: every x in the editor is one typed here. */
const TYPED = 'x';

export interface StartupBenchOptions {
  quick: boolean;
  /** Measured cold navigations per side (default 10, quick 2). */
  navigations?: number;
  /** Words in the last-open draft (default 2,000). */
  words?: number;
}

export interface BundleFile {
  /** Relative to out/renderer. */
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface StartupSamples {
  /** Navigation start → the frame that first shows the whole draft in a contenteditable editor. */
  shownMs: number[];
  /** Navigation start → the frame that paints a character typed as soon as the draft was shown. */
  editableMs: number[];
}

export interface StartupBenchResult {
  bundle: {
    /** Sum of gzip -9 sizes of every .js and .css file under out/renderer. */
    signetGzipBytes: number;
    signetBytes: number;
    signetFiles: BundleFile[];
    /** The bare Lexical page's bundle (esbuild, minified, as bench/browser.ts builds it), gzip -9. */
    bareGzipBytes: number;
    bareBytes: number;
  };
  words: number;
  paragraphs: number;
  signet: StartupSamples;
  bare: StartupSamples;
  /** One sentence each: what exactly is measured and how. */
  notes: string[];
}

const gzipSize = (bytes: Buffer | string): number => gzipSync(bytes, { level: 9 }).byteLength;

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fsp.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

/** The renderer's JS and CSS as built in out/renderer, each gzipped at level 9. */
export async function rendererBundleSizes(
  rendererDir = path.join(ROOT, 'out/renderer'),
): Promise<BundleFile[]> {
  const files = await listFiles(rendererDir).catch((error: unknown) => {
    throw new Error(`No built renderer in ${rendererDir} (${String(error)}). Run \`npm run build\` first.`, {
      cause: error,
    });
  });
  const bundle = files.filter((f) => /\.(?:m?js|css)$/.test(f)).sort();
  if (bundle.length === 0)
    throw new Error(`${rendererDir} holds no .js or .css file. Run \`npm run build\`.`);
  return Promise.all(
    bundle.map(async (file) => {
      const bytes = await fsp.readFile(file);
      return { file: path.relative(rendererDir, file), bytes: bytes.byteLength, gzipBytes: gzipSize(bytes) };
    }),
  );
}

/** The bare Lexical page's script, the one the typing benchmark uses. */
export { bareLexicalBundle };

/** Serves the baseline: a page that loads the bare Lexical bundle and the draft, on 127.0.0.1. */
async function startBarePage(
  script: string,
  paragraphs: string[],
): Promise<{ url: string; close(): Promise<void> }> {
  const html =
    '<!doctype html><html><head><meta charset="utf-8"><title>Bare Lexical</title>' +
    '<script src="/bare.js"></script></head><body><script>' +
    "fetch('/draft.json').then((r) => r.json()).then((p) => window.startBareLexical(p));" +
    '</script></body></html>';
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', html],
    '/bare.js': ['text/javascript; charset=utf-8', script],
    '/draft.json': ['application/json', JSON.stringify(paragraphs)],
  };
  const server = http.createServer((req, res) => {
    const file = files[new URL(req.url ?? '/', 'http://127.0.0.1').pathname];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-store' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The Prioritized Task Scheduling API (Chromium), not yet in TypeScript's DOM types. */
interface PostTaskScheduler {
  postTask(task: () => void, options: { priority: 'user-blocking' }): Promise<void>;
}

interface StartProbe {
  shown: Promise<number>;
  typedPaint: number | null;
  xBefore: number;
}

/**
 * Installed before any script of the page: watches the DOM until the editor is contenteditable and
 * holds the draft's last paragraph, then notes the first task after the next frame (that frame
 * shows it); it also notes when the frame after the first keydown is painted.
 */
function installStartProbe([selector, last, typed]: readonly [string, string, string]): void {
  // No named functions in here: tsx would wrap them in a `__name` helper the page lacks.
  const afterNextFrame = (then: (now: number) => void) =>
    requestAnimationFrame(() => {
      const scheduler = (window as unknown as { scheduler?: PostTaskScheduler }).scheduler;
      const task = () => then(performance.now());
      if (scheduler) void scheduler.postTask(task, { priority: 'user-blocking' });
      else setTimeout(task, 0);
    });
  const probe = { typedPaint: null, xBefore: 0 } as unknown as StartProbe;
  probe.shown = new Promise<number>((resolve) => {
    const check = (): boolean => {
      const root = document.querySelector(selector) as HTMLElement | null;
      const text = root?.textContent ?? '';
      if (!root?.isContentEditable || !text.includes(last)) return false;
      probe.xBefore = text.split(typed).length - 1;
      afterNextFrame(resolve);
      return true;
    };
    const observer = new MutationObserver(() => {
      if (check()) observer.disconnect();
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  document.addEventListener(
    'keydown',
    () => {
      if (probe.typedPaint === null) afterNextFrame((now) => (probe.typedPaint = now));
    },
    true,
  );
  (window as unknown as { __start: StartProbe }).__start = probe;
}

/** One cold navigation (new browser context) to `url`, timed from navigation start. */
async function coldNavigation(
  browser: Browser,
  url: string,
): Promise<{ shownMs: number; editableMs: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    // tsx names arrow functions through a `__name` helper: give the page an identity one.
    await context.addInitScript({ content: 'window.__name = (f) => f;' });
    await context.addInitScript(installStartProbe, [BODY, LAST, TYPED] as const);
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: 'commit' });
    let shownMs: number;
    try {
      shownMs = await page.evaluate(() => (window as unknown as { __start: StartProbe }).__start.shown);
    } catch (error) {
      const seen = errors.length ? ` Page errors: ${errors.join(' | ')}` : '';
      throw new Error(`The editor did not show the last-open draft: ${String(error)}.${seen}`, {
        cause: error,
      });
    }
    // The author clicks into the text and types: the caret goes after the first word, then a key.
    await page.evaluate((selector) => {
      const root = document.querySelector(selector) as HTMLElement;
      root.focus();
      const text = document.createTreeWalker(root, NodeFilter.SHOW_TEXT).nextNode();
      if (!text) throw new Error('The editor holds no text');
      const range = document.createRange();
      range.setStart(text, Math.min(3, text.textContent?.length ?? 0));
      range.collapse(true);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    }, BODY);
    await page.keyboard.type(TYPED);
    const editableMs = await page.waitForFunction(
      () => (window as unknown as { __start: StartProbe }).__start.typedPaint,
      undefined,
      { polling: 'raf', timeout: 30_000 },
    );
    const landed = await page.evaluate(
      ([selector, typed]) => {
        const text = document.querySelector(selector)?.textContent ?? '';
        return text.split(typed).length - 1 - (window as unknown as { __start: StartProbe }).__start.xBefore;
      },
      [BODY, TYPED] as const,
    );
    if (landed !== 1)
      throw new Error(`The character typed after start-up did not land in the draft (${landed})`);
    if (errors.length) throw new Error(`The page reported errors: ${errors.join(' | ')}`);
    return { shownMs, editableMs: (await editableMs.jsonValue()) as number };
  } finally {
    await context.close();
  }
}

/** A data folder where the last-open draft is not the newest: the preference must be honoured. */
async function seedDataDir(dataDir: string, paragraphs: string[]): Promise<void> {
  const others = Array.from({ length: 20 }, (_, i) => ({
    id: `other-${i + 1}`,
    title: `Another draft ${i + 1}`,
    paragraphs: [`A shorter draft, number ${i + 1}.`],
    updatedAt: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString(),
  }));
  await seedDrafts(dataDir, [
    { id: 'last-open', title: 'The draft open last time', paragraphs, updatedAt: '2026-01-01T00:00:00.000Z' },
    ...others,
  ]);
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
    .version;
  const conf = new Conf<SettingsData>(settingsStoreOptions({ dataDir, appVersion: version }));
  conf.set('preferences', { ...DEFAULT_PREFERENCES, lastOpenDraftId: 'last-open' });
}

export async function benchStartup(options: StartupBenchOptions): Promise<StartupBenchResult> {
  const navigations = options.navigations ?? (options.quick ? 2 : 10);
  const words = options.words ?? 2_000;
  const paragraphs = [...longDraftParagraphs(words), LAST];

  const signetFiles = await rendererBundleSizes();
  const bareScript = await bareLexicalBundle();

  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-bench-startup-'));
    cleanups.unshift(() => fsp.rm(dataDir, { recursive: true, force: true }));
    await seedDataDir(dataDir, paragraphs);
    const host = await startHost({ dataDir });
    cleanups.unshift(() => host.close());
    const bare = await startBarePage(bareScript, paragraphs);
    cleanups.unshift(() => bare.close());
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.unshift(() => browser.close());

    const signet: StartupSamples = { shownMs: [], editableMs: [] };
    const baseline: StartupSamples = { shownMs: [], editableMs: [] };
    // Warm-up: the first navigation of a browser and the host's first requests are not counted.
    await coldNavigation(browser, host.url);
    await coldNavigation(browser, bare.url);
    for (let i = 0; i < navigations; i++) {
      for (const [url, into] of [
        [host.url, signet],
        [bare.url, baseline],
      ] as const) {
        const r = await coldNavigation(browser, url);
        into.shownMs.push(r.shownMs);
        into.editableMs.push(r.editableMs);
      }
    }

    // What the figures must be for the run to count (the quick run in `npm test` fails otherwise).
    for (const side of [signet, baseline]) {
      side.shownMs.forEach((shown, i) => {
        const editable = side.editableMs[i]!;
        if (!(shown > 0 && Number.isFinite(editable) && editable > shown))
          throw new Error(
            `start-up bench: implausible navigation (shown ${shown} ms, editable ${editable} ms)`,
          );
      });
    }
    if (!signetFiles.some((f) => f.file.endsWith('.js')) || signetFiles.some((f) => !(f.gzipBytes > 0)))
      throw new Error('start-up bench: the renderer build has no script or an empty file');
    const sum = (list: BundleFile[], key: 'bytes' | 'gzipBytes') => list.reduce((s, f) => s + f[key], 0);
    return {
      bundle: {
        signetGzipBytes: sum(signetFiles, 'gzipBytes'),
        signetBytes: sum(signetFiles, 'bytes'),
        signetFiles,
        bareGzipBytes: gzipSize(bareScript),
        bareBytes: Buffer.byteLength(bareScript),
      },
      words,
      paragraphs: paragraphs.length,
      signet,
      bare: baseline,
      notes: [
        'Renderer bundle: the sum of the gzip (level 9, node:zlib) sizes of every .js and .css file in ' +
          'out/renderer, against the bare Lexical page’s script (bench/bareLexical.ts bundled by esbuild, ' +
          'minified, as for the typing baseline; its CSS is inside the script).',
        `Start-up: ${navigations} cold navigations each (a new Chromium context every time, so nothing cached), ` +
          'alternating Signet and the baseline after one unmeasured warm-up of each, timed in the page from ' +
          'navigation start (performance.now()); “shown” = the first task after the frame in which the ' +
          `contenteditable editor holds the whole last-open ${words.toLocaleString('en-US')}-word draft, ` +
          '“editable” = the first task after the frame that paints a character typed (Playwright) as soon as ' +
          'it was shown, checked to have landed in the draft.',
        'Start-up sides: Signet = the real app (web host: createApp in Node, the built renderer, a data ' +
          'folder with 21 drafts whose preferences name the oldest as last open); the baseline = an HTML page ' +
          'on a loopback server loading the bare Lexical script and then the same draft as JSON.',
      ],
    };
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}
