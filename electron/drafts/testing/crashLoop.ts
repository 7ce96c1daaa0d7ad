/**
 * Atomic writes under crashes, as a loop both the crash test and `npm run bench` run: a child
 * process (saveLoop.ts) saves one draft over and over and is killed with SIGKILL at random
 * moments. After every kill each draft file must parse, and the draft must hold the last save a
 * child acknowledged, or the one it was writing — never anything older, never a torn mix of two
 * saves. Problems are collected as sentences in `failures`, not thrown, so a benchmark can count
 * them; a test asserts there are none (or fails at the first one through `onCheck`).
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseDraftFile } from '../draftFile';

export interface CrashLoopOptions {
  /** The drafts folder the children save into; made if missing. */
  dir: string;
  /** How many times to kill a child. */
  kills: number;
  /** A safety net: stop after this long, however many kills were made. */
  timeLimitMs: number;
  /** Called after every kill once the folder has been checked, e.g. for a test to stop at once. */
  onCheck?: (check: CrashCheck) => void;
}

export interface CrashCheck {
  /** 1 for the first kill. */
  kill: number;
  isMidStartup: boolean;
  /** The last save a child acknowledged (0 before the first). */
  lastAck: number;
  /** The save the draft on disk holds (0 before the first). */
  seq: number;
  /** What this kill's check found wrong; empty when all is well. */
  failures: string[];
}

export interface CrashLoopResult {
  kills: number;
  /** Kills made while the child was still opening the store (temp file clean-up, reading). */
  killedMidStartup: number;
  /** Saves the children acknowledged, over all kills. */
  saves: number;
  seconds: number;
  failures: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));
const saveLoopSource = path.join(here, 'saveLoop.ts');

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopResult> {
  const { dir } = options;
  await fsp.mkdir(dir, { recursive: true });
  const work = await fsp.mkdtemp(path.join(os.tmpdir(), 'signet-crash-'));
  const failures: string[] = [];
  const started = Date.now();
  let lastAck = 0;
  let kills = 0;
  let killedMidStartup = 0;
  try {
    const command = await childCommand(path.join(work, 'saveLoop.mjs'));
    // The next child loads while the current one runs, so Node's start-up is not paid per kill.
    const spare: Child[] = [startChild(command, dir), startChild(command, dir)];
    try {
      while (kills < options.kills && Date.now() - started < options.timeLimitMs) {
        const child = spare.shift()!;
        spare.push(startChild(command, dir));
        child.stdin.write('go\n');
        const found: string[] = [];
        const isMidStartup = Math.random() < 0.15 && lastAck > 0;
        if (isMidStartup) {
          // Sometimes while it opens the store (temp file clean-up, reading the draft).
          await sleep(Math.random() * 25);
          killedMidStartup++;
        } else {
          const wanted = 1 + Math.floor(Math.random() * 3);
          const isGoing = await waitFor(() => child.acks.length >= wanted || child.exitCode !== null);
          if (child.exitCode !== null || !isGoing) {
            const why =
              child.exitCode !== null
                ? `the save loop child died by itself (exit code ${child.exitCode})`
                : 'the save loop child did not get going within 10 s';
            failures.push(`kill ${kills + 1}: ${why}`);
            child.kill('SIGKILL');
            await child.exited;
            // Every next child would fail the same way: stop here rather than pile up failures.
            break;
          }
          await sleep(Math.random() * 12);
        }
        child.kill('SIGKILL');
        await child.exited;
        kills++;
        const acked = child.acks.at(-1) ?? lastAck;
        if (acked < lastAck) {
          found.push(
            `kill ${kills}: a child acknowledged save ${acked} after save ${lastAck} was acknowledged`,
          );
        }
        lastAck = Math.max(lastAck, acked);
        const folder = await checkFolder(dir);
        found.push(...folder.failures.map((failure) => `kill ${kills}: ${failure}`));
        // A draft that does not parse has already failed; its sequence number says nothing more.
        if (folder.failures.length === 0 && folder.seq < lastAck) {
          found.push(
            `kill ${kills}: the draft went back before the last acknowledged save (holds ${folder.seq}, acknowledged ${lastAck})`,
          );
        }
        if (folder.seq > lastAck + 1) {
          found.push(
            `kill ${kills}: the draft holds a save that was never started (holds ${folder.seq}, acknowledged ${lastAck})`,
          );
        }
        failures.push(...found);
        options.onCheck?.({ kill: kills, isMidStartup, lastAck, seq: folder.seq, failures: found });
      }
    } finally {
      for (const child of spare) child.kill('SIGKILL');
      await Promise.all(spare.map((child) => child.exited));
    }
  } finally {
    await fsp.rm(work, { recursive: true, force: true });
  }
  return { kills, killedMidStartup, saves: lastAck, seconds: (Date.now() - started) / 1000, failures };
}

interface ChildCommand {
  file: string;
  args: string[];
}

/**
 * Bundled with esbuild (tsx's own compiler) a child starts in about 0.1 s; through the tsx loader
 * it takes 0.3 s, which would make hundreds of kills slow.
 */
async function childCommand(outfile: string): Promise<ChildCommand> {
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

function startChild(command: ChildCommand, dir: string): Child {
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
  // A child killed before it read "go" must not take the loop down with EPIPE.
  child.stdin.on('error', () => {});
  child.exited = new Promise((resolve) => child.once('close', () => resolve()));
  return child;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `test` came true within `timeoutMs`. */
async function waitFor(test: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() > until) return false;
    await sleep(1);
  }
  return true;
}

/**
 * Every draft file parses, holds title and body from one save, and is the only draft; every
 * revision parses. Returns the sequence number the draft holds (0 before the first save).
 */
async function checkFolder(dir: string): Promise<{ seq: number; failures: string[] }> {
  const failures: string[] = [];
  const names = await fsp.readdir(dir);
  let seq = 0;
  let drafts = 0;
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const text = await fsp.readFile(path.join(dir, name), 'utf8');
    const parsed = parseDraftFile(text, name.slice(0, -5));
    if (!parsed.ok) {
      failures.push(`${name} does not parse after a kill (${parsed.why})`);
      continue;
    }
    drafts++;
    const titleSeq = /^seq (\d+)$/.exec(parsed.draft.title)?.[1];
    if (titleSeq === undefined) {
      failures.push(`${name} has a title no save wrote: ${JSON.stringify(parsed.draft.title)}`);
      continue;
    }
    seq = Number(titleSeq);
    // Title and body come from one save: a torn file would mix two.
    if (seq > 0) {
      const body = JSON.stringify(parsed.draft.editorState);
      const marks = body.match(/seq \d+ paragraph/g) ?? [];
      if (marks.length === 0 || !marks.every((mark) => mark === `seq ${seq} paragraph`)) {
        failures.push(`${name} mixes two saves: its title is save ${seq}, its body is not`);
      }
    }
  }
  for (const name of names.filter((n) => n.endsWith('.revisions'))) {
    let revisions: string[];
    try {
      revisions = await fsp.readdir(path.join(dir, name));
    } catch (error) {
      failures.push(`the revisions folder ${name} cannot be read after a kill (${String(error)})`);
      continue;
    }
    for (const revision of revisions.filter((n) => n.endsWith('.json'))) {
      const text = await fsp.readFile(path.join(dir, name, revision), 'utf8');
      try {
        JSON.parse(text);
      } catch {
        failures.push(`revision ${revision} does not parse after a kill`);
      }
    }
  }
  if (drafts > 1) failures.push(`the folder holds ${drafts} drafts; the child only ever saves one`);
  return { seq, failures };
}
