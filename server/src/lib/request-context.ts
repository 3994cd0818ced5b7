import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The HTTP request a piece of work runs for, without passing it through every call: every log line written while
 * serving a request (auth events, errors, the background email it started) carries its id (lib/logger.ts).
 */
const storage = new AsyncLocalStorage<{ requestId: string }>();

export function runWithRequestId<T>(requestId: string, work: () => T): T {
  return storage.run({ requestId }, work);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
