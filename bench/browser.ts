/**
 * Browser benchmarks: the real renderer in Debian's Chromium against the real app (web host).
 * Typing is measured from the keydown event to the frame after the next animation frame (the
 * input's paint), not to Lexical's update listener.
 */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startHost } from '../e2e/host/server';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/support/chromium';
import { seedDrafts } from '../e2e/support/seed';
import { makeWords } from './words';

export interface TypingResult {
  words: number;
  keystrokes: number;
  samplesMs: number[];
}

export interface PasteResult {
  htmlBytes: number;
  /** Paste event dispatched → pasted content on screen and a typed character painted after it. */
  editableMs: number;
}

async function withApp<T>(
  seed: Array<{ id: string; title: string; paragraphs: string[] }>,
  run: (page: Page) => Promise<T>,
): Promise<T> {
  const dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-bench-'));
  await seedDrafts(dataDir, seed);
  const host = await startHost({ dataDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(host.url);
    await page.getByRole('textbox', { name: 'Draft body' }).waitFor();
    return await run(page);
  } finally {
    await browser.close();
    await host.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  }
}

/** Paragraphs of about 60 words each, adding up to `words`. */
export function longDraftParagraphs(words: number): string[] {
  const all = makeWords(words, 7);
  const paragraphs: string[] = [];
  for (let i = 0; i < all.length; i += 60) paragraphs.push(all.slice(i, i + 60).join(' ') + '.');
  return paragraphs;
}

export async function benchTyping(words: number, keystrokes: number): Promise<TypingResult> {
  return withApp([{ id: 'long', title: `${words} words`, paragraphs: longDraftParagraphs(words) }], async (page) => {
    const body = page.getByRole('textbox', { name: 'Draft body' });
    await body.click();
    await page.evaluate(() => {
      const w = window as unknown as { __samples: number[]; __pending: Promise<void> | null };
      w.__samples = [];
      document.addEventListener(
        'keydown',
        (event) => {
          const start = event.timeStamp;
          w.__pending = new Promise((resolve) =>
            requestAnimationFrame(() =>
              setTimeout(() => {
                w.__samples.push(performance.now() - start);
                resolve();
              }, 0),
            ),
          );
        },
        true,
      );
    });
    const samplesMs: number[] = [];
    const perSpot = 5;
    for (let i = 0; i < keystrokes; i += perSpot) {
      // Spread the typing over the whole document: put the caret in a random paragraph.
      await page.evaluate((seed) => {
        const paragraphs = document.querySelectorAll('[aria-label="Draft body"] p');
        const p = paragraphs[Math.floor(seed * paragraphs.length)];
        const text = p?.firstChild?.firstChild ?? p?.firstChild;
        if (!text) return;
        p!.scrollIntoView({ block: 'center' });
        const range = document.createRange();
        range.setStart(text, Math.min(3, text.textContent?.length ?? 0));
        range.collapse(true);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      }, Math.random());
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      for (let k = 0; k < perSpot; k++) {
        await page.keyboard.type('x');
        await page.evaluate(() => (window as unknown as { __pending: Promise<void> | null }).__pending);
      }
    }
    samplesMs.push(...(await page.evaluate(() => (window as unknown as { __samples: number[] }).__samples)));
    return { words, keystrokes: samplesMs.length, samplesMs };
  });
}

/** About `bytes` of messy, realistic article HTML. */
export function bigHtmlPage(bytes: number): string {
  const parts: string[] = ['<html><head><style>p{color:red}</style><script>window.__pwned=1</script></head><body>'];
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
  parts.push('</body></html>');
  return parts.join('\n');
}

export async function benchPaste(bytes: number): Promise<PasteResult> {
  const html = bigHtmlPage(bytes);
  return withApp([{ id: 'empty', title: 'Paste here', paragraphs: [''] }], async (page) => {
    const body = page.getByRole('textbox', { name: 'Draft body' });
    await body.click();
    const editableMs = await page.evaluate(async (pasted) => {
      const start = performance.now();
      const data = new DataTransfer();
      data.setData('text/html', pasted);
      document.activeElement?.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      const root = document.querySelector('[aria-label="Draft body"]')!;
      // Wait until the pasted content is on screen and the editor answers again.
      while (!root.textContent?.includes('Section 0')) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return performance.now() - start;
    }, html);
    // Prove the editor is editable: a typed character appears.
    await page.keyboard.type('Z');
    await page.waitForFunction(() => document.querySelector('[aria-label="Draft body"]')?.textContent?.includes('Z'));
    return { htmlBytes: Buffer.byteLength(html), editableMs };
  });
}
