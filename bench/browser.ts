/**
 * Browser benchmarks: the real renderer in Debian's Chromium against the real app (web host), and
 * a bare Lexical editor as the baseline for typing.
 * Typing is measured from the keydown event to the first task after the next animation frame —
 * the frame that paints the input — not to Lexical's update listener.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'esbuild';
import { startHost } from '../e2e/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { seedDrafts } from '../e2e/support/seed';
import { seededRng } from '../electron/drafts/testing/realisticDrafts';
import { makeWords } from './words';

export interface TypingOptions {
  /** Keystrokes typed at one caret position before the caret moves elsewhere (default 10). */
  perSpot?: number;
  /**
   * From one keystroke to the next on average, as a fast typist (120 wpm) would (default 100 ms).
   * Each interval is drawn between 0.6 and 1.4 times this, as a person's are never even.
   */
  intervalMs?: number;
}

export interface TypingResult {
  words: number;
  paragraphs: number;
  keystrokes: number;
  /** Caret positions the keystrokes were spread over, in that many paragraphs. */
  spots: number;
  perSpot: number;
  /** The mean time from one keystroke to the next (each is drawn between 0.6 and 1.4 times it). */
  intervalMs: number;
  /** The shortest and longest pause between the caret moving and the first keystroke there. */
  pauseMs: [number, number];
  /** Keystrokes typed first and not measured (JIT warm-up). */
  warmup: number;
  /** Page load until every paragraph of the draft is in the editor. */
  loadMs: number;
  /** Keydown → next paint, one per measured keystroke. */
  samplesMs: number[];
}

export interface PasteResult {
  htmlBytes: number;
  /** Paste event dispatched → the last of the pasted content painted. */
  contentMs: number;
  /** Paste event dispatched → a character typed after the pasted content painted. */
  editableMs: number;
}

const BODY = '[aria-label="Draft body"]';
// No word of bench/words.ts has an x, so every x in the draft is one the benchmark typed.
const TYPED = 'x';

interface SeedDraft {
  id: string;
  title: string;
  paragraphs: string[];
}

/** Signet itself, or a bare Lexical editor holding the same draft: the baseline Signet adds to. */
export type EditorTarget = 'app' | 'bare-lexical';

/**
 * Opens `draft` in `target` in a fresh headless Chromium, waits until every paragraph is in the
 * editor, installs the paint probe and hands the page to `run`.
 */
async function withEditor<T>(
  target: EditorTarget,
  draft: SeedDraft,
  run: (page: Page, loadMs: number) => Promise<T>,
): Promise<T> {
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    let url: string | null = null;
    if (target === 'app') {
      const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-bench-'));
      cleanups.unshift(() => fsp.rm(dataDir, { recursive: true, force: true }));
      await seedDrafts(dataDir, [draft]);
      const host = await startHost({ dataDir });
      cleanups.unshift(() => host.close());
      url = host.url;
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.unshift(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // A 200,000-word draft takes a while to open; a broken editor should still fail in time.
    page.setDefaultTimeout(120_000);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const started = Date.now();
    try {
      if (url) {
        await page.goto(url);
      } else {
        await page.addScriptTag({ content: await bareLexicalBundle() });
        await page.evaluate((paragraphs) => {
          (window as unknown as { startBareLexical(p: string[]): void }).startBareLexical(paragraphs);
        }, draft.paragraphs);
      }
      await page.getByRole('textbox', { name: 'Draft body' }).waitFor();
      await page.waitForFunction(
        ([selector, count]) => document.querySelectorAll(`${selector} p`).length >= count,
        [BODY, draft.paragraphs.length] as const,
      );
    } catch (error) {
      const seen = errors.length ? ` Page errors: ${errors.join(' | ')}` : '';
      throw new Error(`The editor did not open the seeded draft: ${String(error)}.${seen}`, { cause: error });
    }
    const loadMs = Date.now() - started;
    await installPaintProbe(page);
    return await run(page, loadMs);
  } finally {
    for (const cleanup of cleanups) await cleanup();
  }
}

let bareBundle: Promise<string> | null = null;

/** The bare Lexical page's script (bench/bareLexical.ts), minified, built once per process. */
export function bareLexicalBundle(): Promise<string> {
  bareBundle ??= build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'bareLexical.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text);
  return bareBundle;
}

/** The Prioritized Task Scheduling API (Chromium), not yet in TypeScript's DOM types. */
interface PostTaskScheduler {
  postTask(
    task: () => void,
    options: { priority: 'user-blocking' | 'user-visible' | 'background' },
  ): Promise<void>;
}

interface PaintProbe {
  samples: number[];
  paints: number[];
  /** [paints wanted, resolve]: a tuple, as tsx would name an arrow in an object literal (`__name`). */
  waiters: Array<[number, () => void]>;
}

/**
 * Records, for every keydown, the time from the event to the first task after the next animation
 * frame: rAF callbacks run just before the frame is painted, a task queued from one runs after.
 * The task is queued at user-blocking priority (scheduler.postTask), so it runs right after the
 * frame rather than behind work the app queued meanwhile, which a plain setTimeout would wait for.
 */
async function installPaintProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe: PaintProbe = { samples: [], paints: [], waiters: [] };
    (window as unknown as { __probe: PaintProbe }).__probe = probe;
    document.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp;
        const scheduler = (window as unknown as { scheduler?: PostTaskScheduler }).scheduler;
        // No named functions in here: tsx would wrap them in a `__name` helper the page lacks.
        requestAnimationFrame(() =>
          (scheduler
            ? (task: () => void) => void scheduler.postTask(task, { priority: 'user-blocking' })
            : (task: () => void) => void setTimeout(task, 0))(() => {
            const now = performance.now();
            probe.samples.push(now - start);
            probe.paints.push(now);
            probe.waiters = probe.waiters.filter(([count, resolve]) => {
              if (probe.samples.length < count) return true;
              resolve();
              return false;
            });
          }),
        );
      },
      true,
    );
  });
}

/** Waits until `count` keystrokes in all have been painted. */
async function waitForPaints(page: Page, count: number): Promise<void> {
  await page.evaluate(async (wanted) => {
    const probe = (window as unknown as { __probe: PaintProbe }).__probe;
    if (probe.samples.length >= wanted) return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`keystroke ${wanted} was not painted within 30 s (no keydown, or a hang)`)),
        30_000,
      );
      probe.waiters.push([
        wanted,
        () => {
          clearTimeout(timer);
          resolve();
        },
      ]);
    });
  }, count);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pause between putting the caret somewhere and typing there: from, to (ms). */
const PAUSE_MS: [number, number] = [50, 450];

/** Lexical learns about caret moves from an async selectionchange: give it two frames. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

/** Paragraphs of about 60 words each, adding up to `words`. */
export function longDraftParagraphs(words: number): string[] {
  const all = makeWords(words, 7);
  const paragraphs: string[] = [];
  for (let i = 0; i < all.length; i += 60) paragraphs.push(all.slice(i, i + 60).join(' ') + '.');
  return paragraphs;
}

/** The typing benchmark's figures for Signet and, typed in the same run, the bare Lexical editor. */
export interface TypingPair {
  signet: TypingResult;
  bare: TypingResult;
}

/**
 * Types `keystrokes` characters into a draft of `words` words, `perSpot` at a time at caret
 * positions spread evenly over the document and visited in a shuffled order, and checks
 * afterwards that every character landed where the caret was put.
 *
 * Signet and the bare Lexical editor are open side by side (two browsers) and typed into in turns,
 * one caret position each, the one going first alternating: both see the machine in the same state
 * through the whole run. Timed one after the other, a busy minute on a shared 2-core machine moved
 * one editor's figures by as much as the difference between them.
 */
export async function benchTyping(
  words: number,
  keystrokes: number,
  options: TypingOptions = {},
): Promise<TypingPair> {
  const plan = planTyping(words, keystrokes, options);
  return withEditor('bare-lexical', plan.draft, (barePage, bareLoadMs) =>
    withEditor('app', plan.draft, async (appPage, appLoadMs) => {
      const [signet, bare] = await typeInTurns(plan, [
        { name: 'Signet', page: appPage, loadMs: appLoadMs },
        { name: 'the bare editor', page: barePage, loadMs: bareLoadMs },
      ]);
      return { signet: signet!, bare: bare! };
    }),
  );
}

/**
 * The same typing into Signet alone, with no second browser open: the latency an author sees.
 * `benchTyping`'s pair is the fair comparison with bare Lexical; two browsers sharing two cores
 * raise both editors' absolute figures (the bare editor's p95 too), so the absolute goal is judged
 * here.
 */
export async function benchTypingSolo(
  words: number,
  keystrokes: number,
  options: TypingOptions = {},
): Promise<TypingResult> {
  const plan = planTyping(words, keystrokes, options);
  return withEditor('app', plan.draft, async (page, loadMs) => {
    const [signet] = await typeInTurns(plan, [{ name: 'Signet', page, loadMs }]);
    return signet!;
  });
}

export interface TypingPlan {
  words: number;
  keystrokes: number;
  perSpot: number;
  intervalMs: number;
  warmup: number;
  /** The wait after each keystroke (warm-up first), the same for every editor typed into. */
  intervalsMs: number[];
  /** The pause before the first keystroke at each caret position (the warm-up's first). */
  pausesMs: number[];
  paragraphs: string[];
  draft: SeedDraft;
  /** The paragraph of each caret position, in the order visited. */
  targets: number[];
  spots: Array<{ paragraph: number; count: number }>;
}

export function planTyping(words: number, keystrokes: number, options: TypingOptions): TypingPlan {
  const perSpot = options.perSpot ?? 10;
  const intervalMs = options.intervalMs ?? 100;
  const paragraphs = longDraftParagraphs(words);
  const spotCount = Math.ceil(keystrokes / perSpot);
  if (spotCount > paragraphs.length)
    throw new Error(`${spotCount} caret positions need more than ${words} words`);
  const rng = seededRng(11);
  const targets = Array.from({ length: spotCount }, (_, i) =>
    Math.floor(((i + 0.5) * paragraphs.length) / spotCount),
  );
  for (let i = targets.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [targets[i], targets[j]] = [targets[j]!, targets[i]!];
  }
  const spots = targets.map((paragraph, i) => ({
    paragraph,
    count: Math.min(perSpot, keystrokes - i * perSpot),
  }));
  // An uneven beat, as a person types. On an even 100 ms one, each of the app's timers (the editor
  // reports 300 ms after the last keystroke or 2 s after the first unreported one; autosave 500 ms
  // and 1.5 s after that) came due on a beat, so most autosaves started within a few ms of a
  // keystroke, where an author's meet one by chance. Seeded: every run and both editors get the same beat.
  const beat = seededRng(12);
  const between = (low: number, high: number) => Math.round(low + beat() * (high - low));
  const intervalsMs = Array.from({ length: perSpot + keystrokes }, () =>
    between(intervalMs * 0.6, intervalMs * 1.4),
  );
  const pausesMs = Array.from({ length: spotCount + 1 }, () => between(PAUSE_MS[0], PAUSE_MS[1]));
  return {
    words,
    keystrokes,
    perSpot,
    intervalMs,
    // Warm-up: the first keystrokes pay for JIT compilation, which a writing session pays once.
    warmup: perSpot,
    intervalsMs,
    pausesMs,
    paragraphs,
    draft: { id: 'long', title: `${words} words`, paragraphs },
    targets,
    spots,
  };
}

/**
 * Types the plan into each open editor, one caret position each in turn (the one going first
 * alternating), then checks that every character landed where the caret was put.
 */
async function typeInTurns(
  plan: TypingPlan,
  open: Array<{ name: string; page: Page; loadMs: number }>,
): Promise<TypingResult[]> {
  const { perSpot, intervalMs, warmup, keystrokes, targets, spots, intervalsMs, pausesMs } = plan;
  const editors = open.map((editor) => ({ ...editor, typed: 0 }));
  type Editor = (typeof editors)[number];
  const typeAt = async (editor: Editor, paragraph: number, count: number, pauseMs: number): Promise<void> => {
    const { page } = editor;
    await putCaret(page, paragraph);
    await settle(page);
    // A keystroke sent the instant a frame was drawn waits a whole frame interval (~16.7 ms)
    // for the next one; nobody types within a millisecond of a click, so pause first.
    await sleep(pauseMs);
    for (let k = 0; k < count; k++) {
      const started = Date.now();
      const interval = intervalsMs[editor.typed]!;
      await page.keyboard.type(TYPED);
      editor.typed++;
      await waitForPaints(page, editor.typed);
      const wait = interval - (Date.now() - started);
      if (wait > 0) await sleep(wait);
    }
  };
  for (const editor of editors) {
    await editor.page.getByRole('textbox', { name: 'Draft body' }).click();
    await typeAt(editor, targets[0]!, warmup, pausesMs[0]!);
  }
  for (const [i, spot] of spots.entries()) {
    const order = i % 2 === 0 ? editors : [...editors].reverse();
    for (const editor of order) await typeAt(editor, spot.paragraph, spot.count, pausesMs[i + 1]!);
  }
  const results: TypingResult[] = [];
  for (const editor of editors) {
    const { page } = editor;
    const samplesMs = await page.evaluate(
      (skip) => (window as unknown as { __probe: PaintProbe }).__probe.samples.slice(skip),
      warmup,
    );
    const landed = await page.evaluate(
      ([selector, letter]) =>
        [...document.querySelectorAll(`${selector} p`)].map((p) => p.textContent?.split(letter).length ?? 1),
      [BODY, TYPED] as const,
    );
    const total = landed.reduce((sum, pieces) => sum + pieces - 1, 0);
    const missed = spots.filter((spot) => (landed[spot.paragraph] ?? 1) - 1 < spot.count);
    if (total !== warmup + keystrokes || missed.length > 0) {
      throw new Error(
        `Typing did not land where the caret was put in ${editor.name}: ` +
          `${total} of ${warmup + keystrokes} characters in the draft, ${missed.length} of ${spots.length} ` +
          'paragraphs without theirs',
      );
    }
    results.push({
      words: plan.words,
      paragraphs: plan.paragraphs.length,
      keystrokes: samplesMs.length,
      spots: spots.length,
      perSpot,
      intervalMs,
      pauseMs: PAUSE_MS,
      warmup,
      loadMs: editor.loadMs,
      samplesMs,
    });
  }
  return results;
}

/** Puts the caret after the third character of paragraph `index`, scrolled into view. */
async function putCaret(page: Page, index: number): Promise<void> {
  const isPut = await page.evaluate(
    ([selector, i]) => {
      const p = document.querySelectorAll(`${selector} p`)[i];
      const text = p ? document.createTreeWalker(p, NodeFilter.SHOW_TEXT).nextNode() : null;
      if (!p || !text) return false;
      p.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(text, Math.min(3, text.textContent?.length ?? 0));
      range.collapse(true);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return true;
    },
    [BODY, index] as const,
  );
  if (!isPut) throw new Error(`The draft has no paragraph ${index} with text to type into`);
}

const PASTE_END = 'End of the pasted page';

/** About `bytes` of messy, realistic article HTML, ending with a paragraph `PASTE_END`. */
export function bigHtmlPage(bytes: number): string {
  const parts: string[] = [
    '<html><head><style>p{color:red}</style><script>window.__pwned=1</script></head><body>',
  ];
  let size = 0;
  let i = 0;
  const words = makeWords(4000, 3);
  while (size < bytes) {
    const slice = words.slice((i * 37) % 3500, ((i * 37) % 3500) + 80).join(' ');
    const block =
      i % 10 === 0
        ? `<h2 style="font-size:24px">Section ${i}</h2>`
        : i % 10 === 3
          ? `<ul><li>${slice.slice(0, 80)}</li><li><a href="https://example.com/${i}" onclick="x()">link ${i}</a></li></ul>`
          : i % 10 === 6
            ? `<table><tr><td>${i}</td><td>${slice.slice(0, 40)}</td></tr></table><img src="https://t.example/p.gif" width="1" height="1">`
            : `<p class="c${i}" style="margin:0"><span style="font-weight:700">${slice.slice(0, 30)}</span> ${slice}</p>`;
    parts.push(block);
    size += block.length;
    i++;
  }
  parts.push(`<p>${PASTE_END}</p>`, '</body></html>');
  return parts.join('\n');
}

/**
 * Pastes about `bytes` of HTML into an empty draft and times it until the pasted page is on
 * screen and until a character typed after it is painted: the moment the author can go on.
 */
export async function benchPaste(bytes: number): Promise<PasteResult> {
  const html = bigHtmlPage(bytes);
  return withEditor('app', { id: 'empty', title: 'Paste here', paragraphs: [''] }, async (page) => {
    await page.getByRole('textbox', { name: 'Draft body' }).click();
    await settle(page);
    const started = await page.evaluate((pasted) => {
      const start = performance.now();
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      data.setData('text/plain', 'plain text of the pasted page');
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      return start;
    }, html);
    const contentPainted = await page.evaluate(
      async ([selector, end]) => {
        const root = document.querySelector(selector)!;
        while (!root.textContent?.includes(end)) await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        return performance.now();
      },
      [BODY, PASTE_END] as const,
    );
    await page.keyboard.type('Z');
    await waitForPaints(page, 1);
    const typedPainted = await page.evaluate(
      () => (window as unknown as { __probe: PaintProbe }).__probe.paints[0]!,
    );
    const text = (await page.locator(BODY).textContent()) ?? '';
    if (!text.includes('Z')) {
      throw new Error('The character typed after the paste did not appear in the draft');
    }
    return {
      htmlBytes: Buffer.byteLength(html),
      contentMs: contentPainted - started,
      editableMs: typedPainted - started,
    };
  });
}
