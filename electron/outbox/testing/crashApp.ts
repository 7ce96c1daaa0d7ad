/**
 * The app as the outbox crash test runs it in a child process (and the test itself, to sign in
 * and make the drafts first): the real `createApp` over a data folder, with the vault's key file
 * outside it, Node's fetch, and dialogs that never open. Also the plan the children follow.
 */
import * as path from 'node:path';

import { createApp, type SignetApp } from '../../app';
import type { EditorStateJSON, Result } from '../../contract';
import type { Logger } from '../../ports';
import { testAppPorts } from '../../testing/testAppPorts';

/** What every child reads from `<work>/plan.json`: the drafts, the account and the current round. */
export interface CrashPlan {
  accountId: string;
  /** Draft ids, in order; draft `i` is first published in round `firstRoundOf(i)`. */
  drafts: string[];
  /** The image each draft shows under its text (uploaded with its first publish), if any. */
  images: Array<string | null>;
  /** Round `r` wants draft `i` at version `r - firstRoundOf(i) + 1`. */
  round: number;
}

/** Drafts join over the first four rounds, so creates are in flight in later lives too. */
export function firstRoundOf(index: number): number {
  return 1 + (index % 4);
}

/** The text a draft holds in a round, or null before it is published at all. */
export function textFor(index: number, round: number): string | null {
  const version = round - firstRoundOf(index) + 1;
  return version >= 1 ? `Version ${version} of crash post ${index}.` : null;
}

export function stateWith(text: string, image?: string | null): EditorStateJSON {
  const picture = image ? [{ type: 'image', version: 1, fileName: image, altText: '', caption: '' }] : [];
  return {
    root: {
      type: 'root',
      version: 1,
      direction: 'ltr',
      format: '',
      indent: 0,
      children: [
        {
          type: 'paragraph',
          version: 1,
          direction: 'ltr',
          format: '',
          indent: 0,
          children: [{ type: 'text', version: 1, text, format: 0, detail: 0, mode: 'normal', style: '' }],
        },
        ...picture,
      ],
    },
  } as EditorStateJSON;
}

/** The first paragraph's text of a draft's editor state. */
export function textOf(state: EditorStateJSON | null): string {
  return JSON.stringify(state).match(/"text":"([^"]*)"/)?.[1] ?? '';
}

export async function openCrashApp(options: {
  dataDir: string;
  keyFile: string;
  log: Logger;
  fetch?: typeof fetch;
}): Promise<SignetApp> {
  return createApp(
    testAppPorts({
      dataDir: options.dataDir,
      keyFile: options.keyFile,
      fetch: options.fetch ?? globalThis.fetch,
      log: options.log,
      httpTimeoutMs: 10_000,
      outboxBackoff: { baseMs: 100, maxMs: 1_000 },
    }),
  );
}

/** Dispatches a command and answers its value, or throws its error. */
export async function command<T>(app: SignetApp, name: string, request?: unknown): Promise<T> {
  const result = (await app.dispatch(name, request)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export const planFile = (work: string) => path.join(work, 'plan.json');
