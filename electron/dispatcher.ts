/**
 * The one dispatcher both transports call (Electron's ipcMain and the web host's socket):
 * schema check, handler, `{ok}` envelope. Nothing throws across the boundary.
 */
import type { CommandName, ErrorCode, ParsedRequestOf, ResponseOf, Result } from './contract';
import { COMMANDS } from './contract';
import { requestSchemas } from './contract/schemas';
import { t } from './contract/i18n';

export type Handlers = {
  [C in CommandName]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

/** An error a handler throws on purpose: its code and message reach the renderer as they are. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && (COMMANDS as readonly string[]).includes(name);
}

export type Dispatch = (name: unknown, request: unknown) => Promise<Result<unknown>>;

export function createDispatcher(
  handlers: Handlers,
  onUnexpected: (name: string, error: unknown) => void = () => {},
  /** Turns a service's own typed errors into AppErrors (codes and messages for the author). */
  mapError: (error: unknown) => AppError | null = () => null,
): Dispatch {
  return async (name, request) => {
    if (!isCommandName(name)) {
      return fail('BAD_REQUEST', 'Signet does not know that command.');
    }
    const parsed = requestSchemas[name].safeParse(request);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
      return fail(
        'BAD_REQUEST',
        `The request was not valid${where}: ${first?.message ?? 'unknown problem'}.`,
      );
    }
    try {
      const handler = handlers[name] as (r: unknown) => Promise<unknown> | unknown;
      const value = await handler(parsed.data);
      return { ok: true, value: value === undefined ? null : value };
    } catch (error) {
      const known = error instanceof AppError ? error : mapError(error);
      if (known) return fail(known.code, known.message);
      onUnexpected(name, error);
      return fail('INTERNAL', t('error.internal'));
    }
  };
}

function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
