import { PublishError } from '../PublishError';

/** The PublishError a promise rejects with; anything else (or success) fails the test. */
export async function publishErrorOf(promise: Promise<unknown>): Promise<PublishError> {
  let value: unknown;
  try {
    value = await promise;
  } catch (error) {
    if (error instanceof PublishError) return error;
    throw error;
  }
  throw new Error(`expected a PublishError, got ${JSON.stringify(value)?.slice(0, 300)}`);
}
