import { describe, expect, it, vi } from 'vitest';
import { buildSignetApi, COMMANDS, EVENTS, type Result } from './contract';
import { requestSchemas } from './contract/schemas';
import { AppError, createDispatcher, type Handlers } from './dispatcher';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const missing = () => {
    throw new Error('not under test');
  };
  return new Proxy(overrides as Handlers, {
    get: (target, key: string) => (target as Record<string, unknown>)[key] ?? missing,
  });
}

describe('dispatcher', () => {
  it('runs the handler with the parsed request and wraps the value', async () => {
    const getDraft = vi.fn(async ({ id }: { id: string }) => ({ id }) as never);
    const dispatch = createDispatcher(handlersWith({ getDraft }));
    expect(await dispatch('getDraft', { id: 'abc' })).toEqual({ ok: true, value: { id: 'abc' } });
    expect(getDraft).toHaveBeenCalledWith({ id: 'abc' });
  });

  it('applies schema defaults before the handler sees the request', async () => {
    const listDrafts = vi.fn(async () => ({ items: [], total: 0 }));
    const dispatch = createDispatcher(handlersWith({ listDrafts }));
    await dispatch('listDrafts', {});
    expect(listDrafts).toHaveBeenCalledWith({ filter: 'all', offset: 0, limit: 100 });
  });

  it('rejects unknown commands, bad payloads and extra keys without calling a handler', async () => {
    const getDraft = vi.fn();
    const dispatch = createDispatcher(handlersWith({ getDraft }));
    const cases: Array<[unknown, unknown]> = [
      ['deleteEverything', {}],
      [42, {}],
      ['getDraft', { id: '../../etc/passwd' }],
      ['getDraft', { id: 'abc', extra: true }],
      ['getDraft', null],
      ['getDraft', 'abc'],
      ['__proto__', {}],
    ];
    for (const [name, request] of cases) {
      const result = (await dispatch(name, request)) as Result<unknown>;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('BAD_REQUEST');
    }
    expect(getDraft).not.toHaveBeenCalled();
  });

  it('passes an AppError through and hides unexpected errors behind a calm message', async () => {
    const onUnexpected = vi.fn();
    const dispatch = createDispatcher(
      handlersWith({
        getDraft: async () => {
          throw new AppError('NOT_FOUND', 'That draft is gone.');
        },
        listQuarantine: async () => {
          throw new Error('secret internals at /home/me');
        },
      }),
      onUnexpected,
    );
    expect(await dispatch('getDraft', { id: 'x' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'That draft is gone.' },
    });
    const hidden = await dispatch('listQuarantine', {});
    expect(hidden.ok).toBe(false);
    if (!hidden.ok) {
      expect(hidden.error.code).toBe('INTERNAL');
      expect(hidden.error.message).not.toContain('/home/me');
    }
    expect(onUnexpected).toHaveBeenCalledTimes(1);
  });

  it('maps a service error to an AppError through mapError', async () => {
    class VaultProblem extends Error {}
    const dispatch = createDispatcher(
      handlersWith({
        listAccounts: async () => {
          throw new VaultProblem('keyring locked');
        },
      }),
      () => {},
      (error) =>
        error instanceof VaultProblem ? new AppError('UNAVAILABLE', `Vault: ${error.message}`) : null,
    );
    expect(await dispatch('listAccounts', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'Vault: keyring locked' },
    });
  });

  it('has a schema for every command', () => {
    for (const name of COMMANDS) expect(requestSchemas[name], name).toBeDefined();
    expect(Object.keys(requestSchemas).sort()).toEqual([...COMMANDS].sort());
  });
});

describe('buildSignetApi', () => {
  it('exposes one function per command and forwards to the transport', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: 1 }));
    const api = buildSignetApi({ invoke, subscribe: () => () => {} });
    for (const name of COMMANDS) expect(typeof api[name]).toBe('function');
    await api.getDraft({ id: 'a' });
    expect(invoke).toHaveBeenCalledWith('getDraft', { id: 'a' });
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('subscribes only to known events', () => {
    const subscribe = vi.fn(() => () => {});
    const api = buildSignetApi({ invoke: vi.fn(), subscribe });
    for (const event of EVENTS) api.on(event, () => {});
    expect(subscribe).toHaveBeenCalledTimes(EVENTS.length);
    expect(() => api.on('evil' as never, () => {})).toThrow(/Unknown event/);
  });
});
