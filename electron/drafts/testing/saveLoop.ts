/**
 * Child process of the crash test: saves one draft over and over and prints each sequence number
 * once its save has resolved. The test kills it with SIGKILL at random moments and then checks
 * the folder. Usage: saveLoop <drafts folder> [--wait-for-go]
 *
 * With --wait-for-go it loads, then waits for a line on stdin before touching the folder: the
 * test starts the next child while the current one runs, so Node's start-up time is not paid
 * between one kill and the next.
 */
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { EditorStateJSON } from '../../contract';
import { DraftStore } from '../DraftStore';

/** About 60 KB of Lexical JSON, every paragraph naming the sequence number it was saved with. */
function stateFor(seq: number): EditorStateJSON {
  const children = Array.from({ length: 120 }, (_, i) => ({
    type: 'paragraph',
    version: 1,
    children: [{ type: 'text', version: 1, text: `seq ${seq} paragraph ${i} ${'lorem ipsum '.repeat(30)}` }],
  }));
  return { root: { type: 'root', version: 1, children } };
}

async function main(dir: string): Promise<void> {
  const store = await DraftStore.open({
    dir,
    watch: false,
    log: { info: () => {}, warn: () => {}, error: () => {} },
  });
  const existing = store.list({ filter: 'all', offset: 0, limit: 1 }).items[0];
  const id = existing?.id ?? (await store.create({ title: 'seq 0' })).id;
  let seq = Number(/^seq (\d+)$/.exec(existing?.title ?? '')?.[1] ?? 0);
  for (;;) {
    seq++;
    await store.save({ id, title: `seq ${seq}`, editorState: stateFor(seq) });
    // writeSync: the acknowledgement is in the pipe before the next save starts, on every OS.
    writeSync(1, `${seq}\n`);
  }
}

const dir = process.argv[2];
const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry && dir) {
  const start = (): void => {
    main(dir).catch((error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exit(1);
    });
  };
  if (process.argv.includes('--wait-for-go')) process.stdin.once('data', start);
  else start();
}
