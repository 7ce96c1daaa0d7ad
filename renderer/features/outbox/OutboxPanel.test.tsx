// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { OutboxJobSummary } from '../../../electron/contract';
import { OutboxControl } from './OutboxPanel';
import {
  canCancel,
  canRetry,
  outboxButtonLabel,
  stateLabel,
  undelivered,
  waitsForNetwork,
} from './outboxText';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function job(id: string, patch: Partial<OutboxJobSummary> = {}): OutboxJobSummary {
  return {
    id,
    kind: 'publish',
    draftId: `d-${id}`,
    draftTitle: `Post ${id}`,
    accountId: 'a1',
    siteName: 'Harbour Blog',
    state: 'queued',
    createdAt: '2026-01-01T10:00:00.000Z',
    updatedAt: '2026-01-01T10:00:00.000Z',
    attempts: 0,
    ...patch,
  };
}

const offline = { code: 'OFFLINE', message: 'The blog could not be reached.' };

describe('outbox wording', () => {
  it('says each state in words', () => {
    const at = new Date(2026, 0, 1, 14, 5).toISOString();
    expect(stateLabel(job('1'))).toBe('Queued');
    expect(stateLabel(job('1', { notBefore: '2999-01-01T10:00:00Z' }))).toMatch(
      /^Scheduled — Signet publishes it on /,
    );
    expect(stateLabel(job('1', { notBefore: '2000-01-01T10:00:00Z' }))).toBe('Queued');
    expect(stateLabel(job('1', { state: 'sending' }))).toBe('Sending…');
    expect(stateLabel(job('1', { state: 'waiting', nextAttemptAt: at }))).toMatch(
      /^Waiting — next try at .*05/,
    );
    expect(stateLabel(job('1', { state: 'waiting' }))).toBe('Waiting');
    expect(
      stateLabel(
        job('1', { state: 'failed', lastError: { code: 'AUTH_FAILED', message: 'Wrong password.' } }),
      ),
    ).toBe('Failed: Wrong password.');
    expect(stateLabel(job('1', { state: 'done' }))).toBe('Delivered');
    expect(stateLabel(job('1', { state: 'done', kind: 'delete' }))).toBe('Removed');
    expect(stateLabel(job('1', { state: 'cancelled' }))).toBe('Cancelled');
  });

  it('counts what is not delivered and offers only what makes sense', () => {
    const jobs = [
      job('1'),
      job('2', { state: 'waiting', lastError: offline }),
      job('3', { state: 'done' }),
      job('4', { state: 'cancelled' }),
      job('5', { state: 'failed' }),
      job('6', { state: 'sending' }),
    ];
    expect(undelivered(jobs).map((j) => j.id)).toEqual(['1', '2', '5', '6']);
    expect(outboxButtonLabel(jobs)).toBe('Outbox (4)');
    expect(outboxButtonLabel([job('3', { state: 'done' })])).toBe('Outbox');
    expect(jobs.filter(canRetry).map((j) => j.id)).toEqual(['2', '5']);
    expect(jobs.filter(canCancel).map((j) => j.id)).toEqual(['1', '2', '5']);
    expect(waitsForNetwork(jobs)).toBe(true);
    expect(
      waitsForNetwork([job('2', { state: 'waiting', lastError: { code: 'UNAVAILABLE', message: '' } })]),
    ).toBe(false);
  });
});

/** An in-memory main process: the outbox commands and the outboxChanged event. */
function fakeMain(initial: OutboxJobSummary[]) {
  let jobs = initial;
  const calls: Array<[string, unknown]> = [];
  const listeners = new Set<(payload: { jobs: OutboxJobSummary[] }) => void>();
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const api = new Proxy(
    {},
    {
      get: (_target, name: string) =>
        name === 'on'
          ? (event: string, listener: (payload: { jobs: OutboxJobSummary[] }) => void) => {
              if (event === 'outboxChanged') listeners.add(listener);
              return () => listeners.delete(listener);
            }
          : (req: { id: string }) => {
              calls.push([name, req]);
              if (name === 'listOutbox') return ok(jobs);
              if (name === 'openExternal') return ok({ opened: true });
              const found = jobs.find((j) => j.id === req.id)!;
              return ok(found);
            },
    },
  );
  (window as unknown as { signet: unknown }).signet = api;
  return {
    calls,
    emit(next: OutboxJobSummary[]) {
      jobs = next;
      act(() => listeners.forEach((l) => l({ jobs: next })));
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

async function settle(): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

const button = (name: string) =>
  [...container.querySelectorAll('button')].find(
    (b) => (b.getAttribute('aria-label') ?? b.textContent) === name,
  );

describe('OutboxControl', () => {
  it('shows the count, the jobs, the offline state, and follows outboxChanged', async () => {
    const main = fakeMain([job('1', { state: 'waiting', lastError: offline }), job('2')]);
    act(() => root.render(<OutboxControl />));
    await settle();
    expect(button('Outbox (2)')).toBeDefined();
    expect(container.querySelector('[role="status"]')!.textContent).toBe(
      'Offline — posts will be sent when the connection is back',
    );

    act(() => button('Outbox (2)')!.click());
    const items = [...container.querySelectorAll('li')];
    expect(items.map((li) => li.getAttribute('aria-label'))).toEqual(['Post 1', 'Post 2']);
    expect(items[0]!.textContent).toContain('Publish · Harbour Blog');
    expect(button('Try again now: Post 1')).toBeDefined();
    expect(button('Try again now: Post 2')).toBeUndefined();
    expect(button('Cancel: Post 2')).toBeDefined();

    act(() => button('Try again now: Post 1')!.click());
    act(() => button('Cancel: Post 2')!.click());
    await settle();
    expect(main.calls.filter(([name]) => name !== 'listOutbox')).toEqual([
      ['retryOutboxJob', { id: '1' }],
      ['cancelOutboxJob', { id: '2' }],
    ]);

    main.emit([
      job('1', { state: 'done', permalink: 'http://127.0.0.1:8088/?p=7' }),
      job('2', { state: 'cancelled' }),
    ]);
    expect(button('Outbox')).toBeDefined();
    expect(container.querySelector('[role="status"]')!.textContent).toBe('');
    const link = container.querySelector('a')!;
    expect(link.textContent).toBe('http://127.0.0.1:8088/?p=7');
    expect(container.textContent).toContain('Delivered');
    expect(container.textContent).toContain('Cancelled');
    act(() => link.click());
    await settle();
    expect(main.calls.at(-1)).toEqual(['openExternal', { url: 'http://127.0.0.1:8088/?p=7' }]);
  });

  it('shows the offline state when the browser says so', async () => {
    fakeMain([]);
    const onLine = Object.getOwnPropertyDescriptor(Navigator.prototype, 'onLine');
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      act(() => root.render(<OutboxControl />));
      await settle();
      expect(container.querySelector('[role="status"]')!.textContent).toMatch(/^Offline/);
      Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
      act(() => {
        window.dispatchEvent(new Event('online'));
      });
      expect(container.querySelector('[role="status"]')!.textContent).toBe('');
    } finally {
      delete (navigator as { onLine?: boolean }).onLine;
      if (onLine) Object.defineProperty(Navigator.prototype, 'onLine', onLine);
    }
  });
});

describe('OutboxControl feedback', () => {
  /** A main process whose first listOutbox fails, and that pushes jobProgress. */
  function flakyMain(list: OutboxJobSummary[]) {
    let failures = 1;
    const listeners = new Map<string, Set<(payload: unknown) => void>>();
    (window as unknown as { signet: unknown }).signet = new Proxy(
      {},
      {
        get: (_target, name: string) =>
          name === 'on'
            ? (event: string, listener: (payload: unknown) => void) => {
                if (!listeners.has(event)) listeners.set(event, new Set());
                listeners.get(event)!.add(listener);
                return () => listeners.get(event)!.delete(listener);
              }
            : () =>
                failures-- > 0
                  ? Promise.resolve({
                      ok: false,
                      error: { code: 'IO_ERROR', message: 'The outbox folder could not be read.' },
                    })
                  : Promise.resolve({ ok: true, value: list }),
      },
    );
    return {
      emit(event: string, payload: unknown) {
        act(() => listeners.get(event)?.forEach((l) => l(payload)));
      },
    };
  }

  it('says why the outbox could not be read, tries again, then shows each step of the job being sent', async () => {
    const main = flakyMain([job('1', { state: 'sending' })]);
    act(() => root.render(<OutboxControl />));
    await settle();
    act(() => button('Outbox')!.click());
    const alert = container.querySelector('[role="alert"]')!;
    expect(alert.textContent).toContain('The outbox folder could not be read.');
    act(() => button('Try again')!.click());
    await settle();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    expect(button('Outbox (1)')).toBeDefined();

    main.emit('jobProgress', {
      jobId: '1',
      draftId: 'd-1',
      accountId: 'a1',
      step: 'upload',
      done: 2,
      total: 7,
      label: 'Uploading image 2 of 5…',
    });
    const bar = container.querySelector('progress[aria-label="Sending: Post 1"]') as HTMLProgressElement;
    expect(bar).not.toBeNull();
    expect(bar.getAttribute('value')).toBe('2');
    expect(bar.getAttribute('max')).toBe('7');
    expect(container.textContent).toContain('Uploading image 2 of 5…');

    main.emit('jobProgress', {
      jobId: '1',
      draftId: 'd-1',
      accountId: 'a1',
      step: 'done',
      done: 1,
      total: 1,
      label: 'Done.',
    });
    expect(container.querySelector('progress')).toBeNull();
  });

  it('an empty outbox says what it is for and offers the way back', async () => {
    flakyMain([]);
    act(() => root.render(<OutboxControl />));
    await settle();
    act(() => button('Outbox')!.click());
    // The first answer failed; Try again brings the (empty) list.
    act(() => button('Try again')!.click());
    await settle();
    expect(container.textContent).toContain('Nothing has been sent yet.');
    expect(button('Back to writing')).toBeDefined();
  });
});
