/**
 * The only renderer file that touches `window.signet`. Unwraps `{ok}` envelopes into values or
 * `SignetError`s, so screens can use plain async/await.
 */
import type {
  CommandName,
  ErrorCode,
  EventMap,
  EventName,
  RequestOf,
  ResponseOf,
} from '../electron/contract';
import { t } from '../electron/contract/i18n';

export class SignetError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SignetError';
  }
}

export async function call<C extends CommandName>(name: C, request?: RequestOf<C>): Promise<ResponseOf<C>> {
  const result = await window.signet[name](request as never);
  if (result.ok) return result.value as ResponseOf<C>;
  throw new SignetError(result.error.code, result.error.message);
}

export function on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
  return window.signet.on(event, listener);
}

export function errorMessage(error: unknown): string {
  if (error instanceof SignetError) return error.message;
  return t('bridge.error.unknown');
}
