/**
 * Atomic writes under crashes: a child process saves one draft in a loop and is killed with
 * SIGKILL at random moments, hundreds of times. After every kill each draft file must parse, and
 * the draft must hold the last save the child acknowledged, or the one it was writing — never
 * anything older, never a torn mix of two saves.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DraftStore } from './DraftStore';
import { parseDraftFile } from './draftFile';
import { makeTempDir, removeTempDir, silentLog } from './testing/helpers';

const KILLS = 200;
// A safety net only: alone on 2 cores the kills take about 35 s; beside other suites, longer.
const TIME_LIMIT_MS = 100_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const saveLoopSource = path.join(here, 'testing', 'saveLoop.ts');

let work: string;
let command: { file: string; args: string[] };

beforeAll(async () => {
  work = await makeTempDir();
  command = await childCommand(path.join(work, 'saveLoop.mjs'));
});

afterAll(async () => {
  await removeTempDir(work);
});

/**
 * Bundled with esbuild (tsx's own compiler) a child starts in about 0.1 s; through the tsx loader
 * it takes 0.3 s, which would make hundreds of kills slow.
 */
async function childCommand(outfile: string): Promise<{ file: string; args: string[] }> {
  try {
    const esbuild = await import('esbuild');
    await esbuild.build({
      entryPoints: [saveLoopSource],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'silent',
    });
    return { file: process.execPath, args: [outfile] };
  } catch {
    return { file: process.execPath, args: ['--import', 'tsx', saveLoopSource] };
  }
}

type Child = ChildProcessByStdio<Writable, Readable, null> & { acks: number[]; exited: Promise<void> };

function startChild(dir: string): Child {
  const child = spawn(command.file, [...command.args, dir, '--wait-for-go'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  }) as Child;
  child.acks = [];
  let buffer = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffer += chunk;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) child.acks.push(Number(line));
  });
  child.exited = new Promise((resolve) => child.once('close', () => resolve()));
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(test: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) throw new Error('the save loop child did not get going');
    await sleep(1);
  }
}

/** Every draft file parses; returns the sequence number the draft holds (0 before the first). */
async function checkFolder(dir: string): Promise<number> {
  const names = await fsp.readdir(dir);
  let seq = 0;
  let drafts = 0;
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await fsp.readFile(path.join(dir, name), 'utf8');
    const parsed = parseDraftFile(text, name.slice(0, -5));
    expect(parsed.ok, `${name} does not parse after a kill`).toBe(true);
    if (!parsed.ok) continue;
    drafts++;
    seq = Number(/^seq (\d+)$/.exec(parsed.draft.title)?.[1]);
    // Title and body come from one save: a torn file would mix two.
    if (seq > 0) {
      const body = JSON.stringify(parsed.draft.editorState);
      expect(body.match(/seq \d+ paragraph/g)?.every((m) => m === `seq ${seq} paragraph`)).toBe(true);
    }
  }
  for (const name of names.filter((n) => n.endsWith('.revisions'))) {
    for (const revision of (await fsp.readdir(path.join(dir, name))).filter((n) => n.endsWith('.json'))) {
      const text = await fsp.readFile(path.join(dir, name, revision), 'utf8');
      expect(() => JSON.parse(text), `revision ${revision} does not parse after a kill`).not.toThrow();
    }
  }
  expect(drafts).toBeLessThanOrEqual(1);
  return seq;
}

it(
  `keeps every draft file whole through ${KILLS} kills at random moments`,
  { timeout: 130_000 },
  async () => {
    const dir = path.join(work, 'drafts');
    await fsp.mkdir(dir);
    const started = Date.now();
    let lastAck = 0;
    let kills = 0;
    let killedMidStartup = 0;
    const spare: Child[] = [startChild(dir), startChild(dir)];
    try {
      while (kills < KILLS && Date.now() - started < TIME_LIMIT_MS) {
        const child = spare.shift()!;
        spare.push(startChild(dir));
        child.stdin.write('go\n');
        const roll = Math.random();
        if (roll < 0.15 && lastAck > 0) {
          // Sometimes while it opens the store (temp file clean-up, reading the draft).
          await sleep(Math.random() * 25);
          killedMidStartup++;
        } else {
          const wanted = 1 + Math.floor(Math.random() * 3);
          await waitFor(() => child.acks.length >= wanted || child.exitCode !== null);
          expect(child.exitCode, 'the save loop child died by itself').toBeNull();
          await sleep(Math.random() * 12);
        }
        child.kill('SIGKILL');
        await child.exited;
        kills++;
        const acked = child.acks.at(-1) ?? lastAck;
        expect(acked).toBeGreaterThanOrEqual(lastAck);
        lastAck = acked;
        const seq = await checkFolder(dir);
        expect(
          seq,
          `kill ${kills}: the draft went back before the last acknowledged save`,
        ).toBeGreaterThanOrEqual(lastAck);
        expect(seq, `kill ${kills}: the draft holds a save that was never started`).toBeLessThanOrEqual(
          lastAck + 1,
        );
      }
    } finally {
      for (const child of spare) child.kill('SIGKILL');
      await Promise.all(spare.map((child) => child.exited));
    }
    const seconds = (Date.now() - started) / 1000;
    console.info(
      `crash test: ${kills} kills (${killedMidStartup} while opening), ${lastAck} saves, ${seconds.toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(KILLS);

    // A normal open afterwards clears the temp files the kills left and shows the draft.
    const store = await DraftStore.open({ dir, watch: false, log: silentLog });
    const [draft] = store.list({ filter: 'all', offset: 0, limit: 10 }).items;
    expect(Number(draft?.title.replace('seq ', ''))).toBeGreaterThanOrEqual(lastAck);
    expect((await fsp.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
  },
);
