/**
 * Atomic writes under crashes: a child process saves one draft in a loop and is killed with
 * SIGKILL at random moments, hundreds of times. After every kill each draft file must parse, and
 * the draft must hold the last save the child acknowledged, or the one it was writing — never
 * anything older, never a torn mix of two saves. The loop itself is testing/crashLoop.ts, which
 * `npm run bench` also runs with more kills.
 */
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DraftStore } from './DraftStore';
import { runCrashLoop } from './testing/crashLoop';
import { makeTempDir, removeTempDir, silentLog } from './testing/helpers';

const KILLS = 200;
// A safety net only: alone on 2 cores the kills take about 35 s; beside other suites, longer.
const TIME_LIMIT_MS = 100_000;

let work: string;

beforeAll(async () => {
  work = await makeTempDir();
});

afterAll(async () => {
  await removeTempDir(work);
});

it(
  `keeps every draft file whole through ${KILLS} kills at random moments`,
  { timeout: 130_000 },
  async () => {
    const dir = path.join(work, 'drafts');
    const result = await runCrashLoop({
      dir,
      kills: KILLS,
      timeLimitMs: TIME_LIMIT_MS,
      // Stop at the first kill that left the folder wrong, with what was wrong.
      onCheck: (check) => expect(check.failures, `kill ${check.kill}`).toEqual([]),
    });
    console.info(
      `crash test: ${result.kills} kills (${result.killedMidStartup} while opening), ${result.saves} saves, ${result.seconds.toFixed(1)} s`,
    );
    expect(result.failures).toEqual([]);
    expect(result.kills).toBeGreaterThanOrEqual(KILLS);
    expect(result.saves, 'no save was ever acknowledged').toBeGreaterThan(0);

    // A normal open afterwards clears the temp files the kills left and shows the draft.
    const store = await DraftStore.open({ dir, watch: false, log: silentLog });
    const [draft] = store.list({ filter: 'all', offset: 0, limit: 10 }).items;
    expect(Number(draft?.title.replace('seq ', ''))).toBeGreaterThanOrEqual(result.saves);
    expect((await fsp.readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await store.close();
  },
);
