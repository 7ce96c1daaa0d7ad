/**
 * Child process of the outbox crash test (`outbox.crash.integration.test.ts`): opens the real app
 * on the shared data folder (the outbox resumes what the last, killed, child left), brings every
 * draft to the text its round wants, publishes each draft that has no publish job since its last
 * edit — what an author does after a crash — and reports on stdout, one line each:
 *
 * - `ready` once the app is open; `req <n> <METHOD> <path>` before a request that may change the
 *   blog and `res <n>` when its answer came (the test kills it while one is in flight);
 * - `log <message>` for what the outbox recovered (`outbox: adopted a create…`);
 * - `idle` once no job is open and every draft is published at its round's text.
 *
 * With `SIGNET_CRASH_FINAL=1` it then closes the app and exits 0. Environment:
 * `SIGNET_CRASH_WORK` (holds `plan.json` and `data/`), `SIGNET_CRASH_KEYFILE`.
 */
import { readFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';

import type { Draft, OutboxJobSummary, PublishOptions } from '../../contract';
import type { Logger } from '../../ports';
import { command, openCrashApp, planFile, stateWith, textFor, textOf, type CrashPlan } from './crashApp';

const out = (line: string) => writeSync(1, `${line}\n`);

async function main(): Promise<void> {
  const work = process.env.SIGNET_CRASH_WORK;
  const keyFile = process.env.SIGNET_CRASH_KEYFILE;
  if (!work || !keyFile) throw new Error('SIGNET_CRASH_WORK and SIGNET_CRASH_KEYFILE are needed');
  const final = process.env.SIGNET_CRASH_FINAL === '1';

  let requests = 0;
  const tracked: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    // Nothing may leave this machine.
    if (url.hostname !== '127.0.0.1') throw new TypeError(`crash child: refused ${url.origin}`);
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const changes = method !== 'GET' && method !== 'HEAD';
    const n = ++requests;
    if (changes) out(`req ${n} ${method} ${url.pathname}`);
    try {
      return await fetch(input, init);
    } finally {
      if (changes) out(`res ${n}`);
    }
  };
  const log: Logger = {
    info: (message) => {
      if (message.startsWith('outbox: ')) out(`log ${message}`);
    },
    warn: (message, data) => out(`warn ${message} ${JSON.stringify(data ?? {})}`),
    error: (message, data) => out(`error ${message} ${JSON.stringify(data ?? {})}`),
  };

  const app = await openCrashApp({ dataDir: path.join(work, 'data'), keyFile, log, fetch: tracked });
  out('ready');
  const plan = JSON.parse(readFileSync(planFile(work), 'utf8')) as CrashPlan;
  const options: PublishOptions = {
    accountId: plan.accountId,
    postType: 'post',
    status: 'publish',
    tags: [],
    categories: [],
  };

  const publishes: Array<Promise<unknown>> = [];
  for (const [index, id] of plan.drafts.entries()) {
    const text = textFor(index, plan.round);
    if (text === null) continue;
    let draft = await command<Draft>(app, 'getDraft', { id });
    if (textOf(draft.editorState) !== text) {
      await command(app, 'saveDraft', {
        id,
        title: draft.title,
        editorState: stateWith(text, plan.images[index]),
      });
      draft = await command<Draft>(app, 'getDraft', { id });
    }
    // Published since its last edit (or on its way): nothing to do. Otherwise publish it (again).
    const jobs = await command<OutboxJobSummary[]>(app, 'listOutbox');
    if (jobs.some((j) => j.kind === 'publish' && j.draftId === id && j.createdAt >= draft.updatedAt))
      continue;
    publishes.push(
      command(app, 'publishDraft', { draftId: id, options, onConflict: 'ask' }).catch((error: unknown) =>
        out(`publish-error ${index} ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  }

  for (;;) {
    const jobs = await command<OutboxJobSummary[]>(app, 'listOutbox');
    const open = jobs.filter((j) => j.state === 'queued' || j.state === 'sending' || j.state === 'waiting');
    if (open.length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await Promise.allSettled(publishes);
  out('idle');
  if (!final) return; // the test kills this child; the timer below keeps it alive until then
  await app.close();
  out('closed');
  process.exit(0);
}

const keepAlive = setInterval(() => {}, 60_000);
main().catch((error: unknown) => {
  clearInterval(keepAlive);
  out(`crash-child-failed ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
