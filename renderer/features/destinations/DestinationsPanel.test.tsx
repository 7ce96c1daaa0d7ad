// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { AccountSummary, DestinationStatus, PublishOptions } from '../../../electron/contract';
import { requestSchemas } from '../../../electron/contract/schemas';
import { getByRole, queryAllByRole } from '../publish/testDom';
import { DestinationsControl, needsBlog } from './DestinationsPanel';
import {
  destinationsButtonLabel,
  roleLabel,
  sendAgainMessage,
  sendAgainRequest,
  stateLabel,
} from './destinationText';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const last: Omit<PublishOptions, 'accountId'> = {
  postType: 'post',
  status: 'publish',
  tags: ['boats'],
  categories: ['Sea'],
};

function dest(siteName: string, patch: Partial<DestinationStatus> = {}): DestinationStatus {
  const id = siteName.split(' ')[0]!.toLowerCase();
  return {
    destinationKey: `key:https://${id}.test`,
    accountId: `acct_${id}`,
    siteName,
    role: 'single',
    state: 'sent',
    ...patch,
  };
}

const original = dest('Harbour Blog', {
  role: 'primary',
  state: 'outOfDate',
  permalink: 'http://127.0.0.1:9/harbour/boats',
  publishedAt: '2026-01-01T10:00:00.000Z',
  lastOptions: last,
});
const copy = dest('Lantern Notes', {
  role: 'copy',
  state: 'failed',
  message: 'Sign in to Lantern again.',
  lastOptions: { ...last, categories: [], canonicalFrom: 'acct_old' },
});
const unsent = dest('Kelp Microblog', { role: 'copy', state: 'notSent' });

describe('destination wording', () => {
  it('says the role and the state in words', () => {
    expect([original, copy, dest('Own')].map(roleLabel)).toEqual(['Original', 'Copy', 'Own post']);
    expect(stateLabel(dest('A'))).toBe('Sent');
    expect(stateLabel(original)).toBe('Out of date — edited since it was sent');
    expect(stateLabel(dest('A', { state: 'queued' }))).toBe('Queued');
    expect(stateLabel(dest('A', { state: 'queued', message: 'The blog is down.' }))).toBe(
      'Queued — The blog is down.',
    );
    expect(stateLabel(dest('A', { state: 'sending' }))).toBe('Sending…');
    expect(stateLabel(copy)).toBe('Failed: Sign in to Lantern again.');
    expect(stateLabel(unsent)).toBe('Not sent yet');
    expect(destinationsButtonLabel([])).toBe('Destinations');
    expect(destinationsButtonLabel([original, copy, unsent])).toBe('Destinations (3)');
  });

  it('sends again with the last choices; a copy links back to the original’s account', () => {
    const all = [original, copy, unsent];
    expect(sendAgainRequest('d1', original, all)).toEqual({
      request: { draftId: 'd1', options: { ...last, accountId: 'acct_harbour' } },
    });
    const again = sendAgainRequest('d1', copy, all);
    expect(again).toEqual({
      request: {
        draftId: 'd1',
        options: { ...last, categories: [], accountId: 'acct_lantern', canonicalFrom: 'acct_harbour' },
      },
    });
    expect(requestSchemas.publishDraft.safeParse('request' in again ? again.request : null).success).toBe(
      true,
    );
  });

  it('says why it cannot send again', () => {
    const all = [original, copy, unsent];
    expect(sendAgainRequest('d1', unsent, all)).toEqual({
      reason:
        'Signet has no earlier choices for Kelp Microblog (status, tags…): use Publish… to send it there.',
    });
    expect(sendAgainRequest('d1', dest('Gone', { accountId: undefined, lastOptions: last }), all)).toEqual({
      reason:
        'The account for Gone is not on this computer: add it under Accounts to send this post there again.',
    });
    expect('reason' in sendAgainRequest('d1', { ...original, state: 'sending' }, all)).toBe(true);
    const orphan = sendAgainRequest('d1', copy, [{ ...original, accountId: undefined }, copy]);
    expect('reason' in orphan && orphan.reason).toMatch(
      /^The original’s account \(Harbour Blog\) is not on this computer/,
    );
  });

  it('says what came of sending again', () => {
    expect(
      sendAgainMessage('Harbour Blog', {
        kind: 'published',
        remoteId: '1',
        permalink: 'http://127.0.0.1:9/p',
        status: 'publish',
        modifiedGmt: '',
      }),
    ).toBe('Sent to Harbour Blog: http://127.0.0.1:9/p');
    expect(
      sendAgainMessage('Harbour Blog', { kind: 'queued', jobId: 'job_123456', message: 'Offline.' }),
    ).toBe('Queued for Harbour Blog: Offline.');
    expect(
      sendAgainMessage('Harbour Blog', {
        kind: 'conflict',
        server: { title: '', modifiedGmt: '', text: '' },
        localText: '',
      }),
    ).toMatch(/^Nothing was sent: the post was changed on Harbour Blog/);
  });
});

type Listener = (payload: unknown) => void;

/** An in-memory main process: the draft's destinations, publishDraft, openExternal, the events. */
function fakeMain(initial: DestinationStatus[]) {
  let list = initial;
  /** Answers listDraftDestinations with this error while set. */
  let failure: string | null = null;
  const calls: Array<[string, unknown]> = [];
  const listeners = new Map<string, Set<Listener>>();
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
          : (req: unknown = {}) => {
              const schema = (
                requestSchemas as Record<string, { safeParse(v: unknown): { success: boolean } }>
              )[name];
              if (!schema?.safeParse(req).success) {
                return Promise.resolve({ ok: false, error: { code: 'BAD_REQUEST', message: `bad ${name}` } });
              }
              calls.push([name, req]);
              if (name === 'listDraftDestinations' && failure !== null) {
                return Promise.resolve({ ok: false, error: { code: 'IO', message: failure } });
              }
              if (name === 'listDraftDestinations') return Promise.resolve({ ok: true, value: list });
              if (name === 'openExternal') return Promise.resolve({ ok: true, value: { opened: true } });
              if (name === 'publishDraft') {
                const { options } = req as { options: PublishOptions };
                return Promise.resolve({
                  ok: true,
                  value: { kind: 'queued', jobId: 'job_again1', message: `${options.accountId} is busy.` },
                });
              }
              throw new Error(`unexpected command ${name}`);
            },
    },
  );
  (window as unknown as { signet: unknown }).signet = api;
  return {
    calls,
    set(next: DestinationStatus[]) {
      list = next;
    },
    fail(message: string | null) {
      failure = message;
    },
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

async function settle(ms = 0): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

describe('DestinationsControl', () => {
  it('lists where the draft stands, sends again, and follows the outbox and saves', async () => {
    const main = fakeMain([original, copy, unsent]);
    let saved = 0;
    let changed = 0;
    act(() =>
      root.render(
        <DestinationsControl
          draftId="draft_boats"
          beforeSend={async () => {
            saved++;
          }}
          onDraftChanged={() => changed++}
        />,
      ),
    );
    await settle();
    act(() => getByRole(container, 'button', 'Destinations (3)').click());
    const dialog = getByRole(container, 'dialog');
    const list = getByRole(dialog, 'list', 'Destinations of this draft');
    expect(queryAllByRole(list, 'listitem').map((li) => li.getAttribute('aria-label'))).toEqual([
      'Harbour Blog',
      'Lantern Notes',
      'Kelp Microblog',
    ]);
    const harbourItem = getByRole(list, 'listitem', 'Harbour Blog');
    expect(harbourItem.textContent).toContain('Original');
    expect(harbourItem.textContent).toContain('Out of date — edited since it was sent');
    expect(getByRole(list, 'listitem', 'Lantern Notes').textContent).toContain(
      'Failed: Sign in to Lantern again.',
    );
    const kelpItem = getByRole(list, 'listitem', 'Kelp Microblog');
    expect(kelpItem.textContent).toContain('Not sent yet');
    const kelpButton = getByRole<HTMLButtonElement>(kelpItem, 'button', 'Send again: Kelp Microblog');
    expect(kelpButton.disabled).toBe(true);
    expect(document.getElementById(kelpButton.getAttribute('aria-describedby')!)!.textContent).toMatch(
      /^Signet has no earlier choices for Kelp Microblog/,
    );

    // The permalink opens in the browser.
    act(() => getByRole(harbourItem, 'link', 'http://127.0.0.1:9/harbour/boats').click());
    await settle();
    expect(main.calls.at(-1)).toEqual(['openExternal', { url: 'http://127.0.0.1:9/harbour/boats' }]);

    // Send the copy again: saved first, its last choices, linked back to the original's account.
    main.set([original, { ...copy, state: 'queued' }, unsent]);
    act(() => getByRole(list, 'button', 'Send again: Lantern Notes').click());
    await settle();
    expect(saved).toBe(1);
    expect(changed).toBe(1);
    expect(main.calls.filter(([n]) => n === 'publishDraft')).toEqual([
      [
        'publishDraft',
        {
          draftId: 'draft_boats',
          options: { ...last, categories: [], accountId: 'acct_lantern', canonicalFrom: 'acct_harbour' },
        },
      ],
    ]);
    expect(getByRole(dialog, 'status').textContent).toBe('Queued for Lantern Notes: acct_lantern is busy.');
    expect(getByRole(list, 'listitem', 'Lantern Notes').textContent).toContain('Queued');

    // The outbox delivers it: the list is asked again.
    main.set([original, { ...copy, state: 'sent', message: undefined }, unsent]);
    const asked = () => main.calls.filter(([n]) => n === 'listDraftDestinations').length;
    const before = asked();
    main.emit('outboxChanged', { jobs: [{ id: 'job_again1', draftId: 'other_draft' }] });
    await settle(350);
    expect(asked()).toBe(before); // another draft's job: nothing to do
    main.emit('outboxChanged', { jobs: [{ id: 'job_again1', draftId: 'draft_boats' }] });
    await settle(350);
    expect(asked()).toBe(before + 1);
    expect(getByRole(list, 'listitem', 'Lantern Notes').textContent).toContain('Sent');

    // A save of this draft: asked again (the original is out of date after an edit, say).
    main.set([{ ...original, state: 'sent' }, copy, unsent]);
    main.emit('draftsChanged', { ids: ['draft_boats'], external: false });
    await settle(350);
    expect(asked()).toBe(before + 2);
    expect(getByRole(list, 'listitem', 'Harbour Blog').textContent).not.toContain('Out of date');
  });

  it('says when the draft went nowhere yet', async () => {
    fakeMain([]);
    act(() =>
      root.render(
        <DestinationsControl draftId="draft_new" beforeSend={async () => {}} onDraftChanged={() => {}} />,
      ),
    );
    await settle();
    act(() => getByRole(container, 'button', 'Destinations').click());
    expect(getByRole(container, 'dialog').textContent).toContain(
      'This draft has not been sent anywhere yet.',
    );
  });

  it('offers "Add your blog" while only a folder on this computer is connected', async () => {
    fakeMain([]);
    const folderSite = { transport: 'folder' } as AccountSummary;
    const wordpress = { transport: 'rest' } as AccountSummary;
    expect(needsBlog([])).toBe(true);
    expect(needsBlog([folderSite])).toBe(true);
    expect(needsBlog([folderSite, wordpress])).toBe(false);
    let asked = 0;
    const render = (accounts: AccountSummary[]) =>
      act(() =>
        root.render(
          <DestinationsControl
            draftId="draft_new"
            beforeSend={async () => {}}
            onDraftChanged={() => {}}
            accounts={accounts}
            onAddBlog={() => asked++}
          />,
        ),
      );
    render([folderSite]);
    await settle();
    act(() => getByRole(container, 'button', 'Add your blog').click());
    expect(asked).toBe(1);
    // The dialog's empty list says it too, and its button closes the dialog first.
    act(() => getByRole(container, 'button', 'Destinations').click());
    const dialog = getByRole<HTMLDialogElement>(container, 'dialog');
    act(() => getByRole(dialog, 'button', 'Add your blog').click());
    expect(asked).toBe(2);
    expect(dialog.open).toBe(false);
    render([folderSite, wordpress]);
    await settle();
    expect(queryAllByRole(container, 'button', 'Add your blog')).toHaveLength(0);
  });

  it('says when the list cannot be read, and "Try again" reads it again', async () => {
    const main = fakeMain([original]);
    main.fail('The drafts folder is not readable.');
    act(() =>
      root.render(
        <DestinationsControl draftId="draft_boats" beforeSend={async () => {}} onDraftChanged={() => {}} />,
      ),
    );
    await settle();
    act(() => getByRole(container, 'button', 'Destinations').click());
    const dialog = getByRole(container, 'dialog');
    expect(getByRole(dialog, 'alert').textContent).toContain('The drafts folder is not readable.');
    main.fail(null);
    act(() => getByRole(dialog, 'button', 'Try again').click());
    await settle();
    expect(queryAllByRole(dialog, 'alert')).toHaveLength(0);
    expect(getByRole(dialog, 'list', 'Destinations of this draft').textContent).toContain('Harbour Blog');
  });
});
