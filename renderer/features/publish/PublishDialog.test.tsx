// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type {
  AccountSummary,
  Draft,
  OutboxJobSummary,
  PublishOptions,
  PublishOutcome,
} from '../../../electron/contract';
import { requestSchemas } from '../../../electron/contract/schemas';
import { ACCOUNTS, harbour, kelp, lantern } from './fixtures';
import { PublishDialog } from './PublishDialog';
import { changeValue, getByRole, queryAllByRole, queryByRole } from './testDom';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function makeDraft(meta: Draft['meta'] = {}): Draft {
  return {
    schemaVersion: 1,
    id: 'draft_boats',
    title: 'Boats at dusk',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    editorState: null,
    meta: { tags: ['boats'], categories: ['Sea'], excerpt: 'Short.', ...meta },
    destinations: {},
  };
}

type Listener = (payload: unknown) => void;

/**
 * An in-memory main process. Every request is checked against the real request schemas (strict:
 * unknown fields and bad values are refused as the main process refuses them).
 */
function fakeMain(draft: Draft, accounts: AccountSummary[]) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  const listeners = new Map<string, Set<Listener>>();
  const siteOf = (id: string) => accounts.find((a) => a.id === id)!.siteName;
  const published = (options: PublishOptions): PublishOutcome => ({
    kind: 'published',
    remoteId: '1',
    permalink: `http://127.0.0.1:9/${options.accountId}/boats`,
    status: options.status,
    modifiedGmt: '2026-01-01T00:00:00',
  });
  const handlers: Record<string, (req: never) => unknown> = {
    getDraft: () => draft,
    searchTerms: () => [],
    openExternal: () => ({ opened: true }),
    previewPost: ({ options }: { options: PublishOptions }) => ({
      title: draft.title,
      html:
        `<p>Boats for ${siteOf(options.accountId)}` +
        (options.canonicalFrom ? `, a copy of ${siteOf(options.canonicalFrom)}` : '') +
        `</p>`,
      warnings: [],
      imagesToUpload: 0,
      isUpdate: false,
    }),
    publishDraft: ({ options }: { options: PublishOptions }) => published(options),
    syndicateDraft: ({ primary, copies }: { primary: PublishOptions; copies: PublishOptions[] }) => ({
      primary: published(primary),
      copies: copies.map((c, i) =>
        i === 0
          ? { accountId: c.accountId, outcome: published(c) }
          : {
              accountId: c.accountId,
              outcome: { kind: 'queued', jobId: `job_${c.accountId}`, message: 'It goes out shortly.' },
            },
      ),
    }),
  };
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) =>
        name === 'on'
          ? (event: string, listener: Listener) => {
              const set = listeners.get(event) ?? new Set();
              set.add(listener);
              listeners.set(event, set);
              return () => set.delete(listener);
            }
          : (req: Record<string, unknown> = {}) => {
              const schema = (
                requestSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>
              )[name];
              if (!schema?.safeParse(req).success) {
                return Promise.resolve({
                  ok: false,
                  error: { code: 'BAD_REQUEST', message: `bad ${name}: ${JSON.stringify(req)}` },
                });
              }
              calls.push([name, req]);
              const handler = handlers[name];
              if (!handler) throw new Error(`unexpected command ${name}`);
              return Promise.resolve({ ok: true, value: handler(req as never) });
            },
    },
  );
  (window as unknown as { signet: unknown }).signet = api;
  return {
    calls,
    named: (name: string) => calls.filter(([n]) => n === name).map(([, req]) => req),
    emit(event: string, payload: unknown) {
      act(() => listeners.get(event)?.forEach((l) => l(payload)));
    },
  };
}

let container: HTMLElement;
let root: Root;

beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** Lets promises and the previews' debounce run. */
async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

async function render(draft: Draft, accounts: AccountSummary[] = ACCOUNTS) {
  act(() =>
    root.render(
      <PublishDialog
        open
        draft={draft}
        accounts={accounts}
        beforePublish={() => Promise.resolve()}
        onClose={() => {}}
        onManageAccounts={() => {}}
        onDraftChanged={() => {}}
      />,
    ),
  );
  await settle(300);
}

const dialog = () => getByRole(container, 'dialog');
const copiesGroup = () => getByRole(dialog(), 'group', 'Also send copies to');
const checkbox = (name: string) => getByRole<HTMLInputElement>(copiesGroup(), 'checkbox', name);
const select = (name: string) => getByRole<HTMLSelectElement>(dialog(), 'combobox', name);
const optionValues = (name: string) => [...select(name).options].map((o) => o.value);

describe('PublishDialog: copies to other blogs', () => {
  it('names the original and pre-checks the copies from the draft’s syndication', async () => {
    fakeMain(makeDraft(), ACCOUNTS);
    const draft = makeDraft({
      syndication: {
        primary: lantern.destinationKey,
        targets: [kelp.destinationKey, 'key:https://gone.test'],
      },
    });
    await render(draft);
    expect(select('Blog').value).toBe('acct_lantern');
    // The original is not offered as its own copy; each other blog is a checkbox named by its site.
    expect(queryAllByRole(copiesGroup(), 'checkbox').map((c) => c.closest('label')!.textContent)).toEqual([
      'Harbour Blog',
      'Kelp Microblog',
    ]);
    expect(checkbox('Kelp Microblog').checked).toBe(true);
    expect(checkbox('Harbour Blog').checked).toBe(false);
  });

  it('sends the original and a copy per ticked blog, each with only what its blog allows', async () => {
    const main = fakeMain(makeDraft(), ACCOUNTS);
    await render(makeDraft());
    act(() => checkbox('Lantern Notes').click());
    act(() => checkbox('Kelp Microblog').click());
    // A draft cannot be kept on Kelp: that copy is left out, and the dialog says why.
    expect(select('Status').value).toBe('draft');
    expect(copiesGroup().textContent).toContain(
      'Kelp Microblog cannot keep a draft, so no copy is sent there.',
    );
    act(() => changeValue(select('Status'), 'publish'));
    expect(copiesGroup().textContent).not.toContain('cannot keep');
    await settle(300);

    act(() => getByRole(dialog(), 'button', 'Publish').click());
    await settle();
    expect(main.named('publishDraft')).toEqual([]);
    expect(main.named('syndicateDraft')).toEqual([
      {
        draftId: 'draft_boats',
        onConflict: 'ask',
        primary: {
          accountId: 'acct_harbour',
          postType: 'post',
          status: 'publish',
          tags: ['boats'],
          categories: ['Sea'],
          excerpt: 'Short.',
        },
        copies: [
          {
            accountId: 'acct_lantern',
            postType: 'post',
            status: 'publish',
            tags: ['boats'],
            categories: [],
            excerpt: 'Short.',
            canonicalFrom: 'acct_harbour',
          },
          {
            accountId: 'acct_kelp',
            postType: 'post',
            status: 'publish',
            tags: ['boats'],
            categories: [],
            canonicalFrom: 'acct_harbour',
          },
        ],
      },
    ]);

    // One line per destination: published with its address, queued with its message.
    const result = getByRole(dialog(), 'status', 'Publish result');
    expect(getByRole(result, 'listitem', 'Harbour Blog').textContent).toContain(
      'Published: http://127.0.0.1:9/acct_harbour/boats',
    );
    expect(getByRole(result, 'listitem', 'Lantern Notes').textContent).toContain('(Copy)');
    expect(getByRole(result, 'listitem', 'Kelp Microblog').textContent).toContain(
      'Queued: It goes out shortly.',
    );
    expect(queryByRole(result, 'button', 'Open in browser: Kelp Microblog')).toBeNull();

    // The outbox delivers the queued copy: its line follows.
    const job: OutboxJobSummary = {
      id: 'job_acct_kelp',
      kind: 'publish',
      draftId: 'draft_boats',
      draftTitle: 'Boats at dusk',
      accountId: 'acct_kelp',
      siteName: 'Kelp Microblog',
      state: 'done',
      createdAt: '',
      updatedAt: '',
      attempts: 1,
      permalink: 'http://127.0.0.1:9/kelp/1',
      options: { accountId: 'acct_kelp', postType: 'post', status: 'publish', tags: [], categories: [] },
    };
    main.emit('outboxChanged', { jobs: [job] });
    expect(getByRole(result, 'listitem', 'Kelp Microblog').textContent).toContain(
      'Published: http://127.0.0.1:9/kelp/1',
    );
    act(() => getByRole(result, 'button', 'Open in browser: Kelp Microblog').click());
    await settle();
    expect(main.calls.at(-1)).toEqual(['openExternal', { url: 'http://127.0.0.1:9/kelp/1' }]);
  });

  it('publishes to one blog with publishDraft when no copy is ticked', async () => {
    const main = fakeMain(makeDraft(), ACCOUNTS);
    await render(
      makeDraft({ syndication: { primary: harbour.destinationKey, targets: [kelp.destinationKey] } }),
    );
    act(() => checkbox('Kelp Microblog').click());
    act(() => getByRole(dialog(), 'button', 'Publish').click());
    await settle();
    expect(main.named('syndicateDraft')).toEqual([]);
    expect(main.named('publishDraft')).toHaveLength(1);
    expect(getByRole(dialog(), 'status', 'Publish result').textContent).toContain('Sent');
  });

  it('shows each destination’s version side by side, the copy with its link back', async () => {
    const main = fakeMain(makeDraft(), ACCOUNTS);
    await render(
      makeDraft({ syndication: { primary: harbour.destinationKey, targets: [lantern.destinationKey] } }),
    );
    await settle(300);
    const preview = getByRole(dialog(), 'region', 'Preview');
    const original = getByRole(preview, 'region', 'Preview for Harbour Blog');
    const copy = getByRole(preview, 'region', 'Preview for Lantern Notes');
    expect(getByRole(original, 'heading', /^Harbour Blog/)).toBeTruthy();
    expect(getByRole(copy, 'heading', /^Lantern Notes/)).toBeTruthy();
    expect(getByRole(original, 'article', 'Post preview').textContent).toContain('Boats for Harbour Blog');
    expect(getByRole(copy, 'article', 'Copy preview').textContent).toContain(
      'Boats for Lantern Notes, a copy of Harbour Blog',
    );
    // The HTML goes through DOMPurify as before; happy-dom's parser defeats DOMPurify, so what it
    // removes is checked in a real browser (e2e), not here.
    const asked = main.named('previewPost').map((r) => r.options as PublishOptions);
    expect(asked.find((o) => o.accountId === 'acct_lantern')?.canonicalFrom).toBe('acct_harbour');
    expect(asked.find((o) => o.accountId === 'acct_harbour')?.canonicalFrom).toBeUndefined();

    // Unticking the copy removes its column.
    act(() => checkbox('Lantern Notes').click());
    expect(queryByRole(preview, 'region', 'Preview for Lantern Notes')).toBeNull();
  });
});

describe('PublishDialog: branches on capabilities only', () => {
  it('offers everything a full blog has', async () => {
    fakeMain(makeDraft(), ACCOUNTS);
    await render(makeDraft());
    expect(optionValues('Status')).toEqual(['draft', 'pending', 'private', 'publish', 'future']);
    expect(queryByRole(dialog(), 'group', 'Publish as')).not.toBeNull();
    expect(queryByRole(dialog(), 'group', 'Categories')).not.toBeNull();
    expect(queryByRole(dialog(), 'group', 'Tags')).not.toBeNull();
    expect(queryByRole(dialog(), 'textbox', 'Excerpt')).not.toBeNull();
    expect(queryByRole(dialog(), 'textbox', 'Slug')).not.toBeNull();
    expect(queryByRole(dialog(), 'combobox', 'Featured image')).not.toBeNull();
  });

  it('hides what a blog cannot do, whatever its platform', async () => {
    // The same platform name as the full blog: only the capabilities differ.
    fakeMain(makeDraft(), [kelp]);
    await render(makeDraft(), [kelp]);
    expect(optionValues('Status')).toEqual(['publish', 'future']);
    expect(queryByRole(dialog(), 'group', 'Publish as')).toBeNull();
    expect(queryByRole(dialog(), 'group', 'Categories')).toBeNull();
    expect(queryByRole(dialog(), 'group', 'Tags')).not.toBeNull();
    expect(queryByRole(dialog(), 'textbox', 'Excerpt')).toBeNull();
    expect(queryByRole(dialog(), 'textbox', 'Slug')).toBeNull();
    expect(queryByRole(dialog(), 'combobox', 'Featured image')).toBeNull();
    // Only one blog: no copies to offer.
    expect(queryByRole(dialog(), 'group', 'Also send copies to')).toBeNull();

    // Scheduling on a blog that cannot hold a post: offered, and the outbox holds it.
    act(() => changeValue(select('Status'), 'future'));
    expect(dialog().textContent).toContain('Kelp Microblog cannot hold a post until a date');
  });

  it('keeps categories for a blog without them out of the request', async () => {
    const main = fakeMain(makeDraft(), [lantern]);
    await render(makeDraft(), [lantern]);
    expect(queryByRole(dialog(), 'group', 'Categories')).toBeNull();
    expect(optionValues('Status')).toEqual(['draft', 'publish', 'future']);
    act(() => getByRole(dialog(), 'button', 'Publish').click());
    await settle();
    expect((main.named('publishDraft')[0]!.options as PublishOptions).categories).toEqual([]);
  });
});

describe('PublishDialog: progress', () => {
  it('shows each step of the job being sent as a determinate bar, per blog, until it is done', async () => {
    const draft = makeDraft();
    const main = fakeMain(draft, ACCOUNTS);
    await render(draft);
    const step = (accountId: string, jobId: string, done: number, label: string, s = 'upload') =>
      main.emit('jobProgress', { jobId, draftId: draft.id, accountId, step: s, done, total: 4, label });

    step(harbour.id, 'job_1', 1, 'Uploading image 1 of 2…');
    const bar = getByRole<HTMLProgressElement>(dialog(), 'progressbar', 'Publishing progress');
    expect([bar.value, bar.max]).toEqual([1, 4]);
    expect(dialog().textContent).toContain('Uploading image 1 of 2…');

    // Another draft's job is not this dialog's business.
    main.emit('jobProgress', {
      jobId: 'job_x',
      draftId: 'another',
      accountId: harbour.id,
      step: 'post',
      done: 3,
      total: 4,
      label: 'Publishing the post…',
    });
    expect(queryAllByRole(dialog(), 'progressbar')).toHaveLength(1);

    // A copy on a second blog: one bar each, named by its blog.
    step(kelp.id, 'job_2', 3, 'Publishing the post…', 'post');
    expect(getByRole(dialog(), 'progressbar', 'Publishing to Kelp Microblog')).toBeDefined();
    expect(getByRole(dialog(), 'progressbar', 'Publishing to Harbour Blog')).toBeDefined();

    step(harbour.id, 'job_1', 1, 'Done.', 'done');
    step(kelp.id, 'job_2', 1, 'Done.', 'done');
    expect(queryAllByRole(dialog(), 'progressbar')).toHaveLength(0);
  });
});
