/** A promise with its resolve and reject functions, settled later by whoever holds them. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

/**
 * Node 20 has no `Promise.withResolvers`. A rejection nobody awaits yet is not reported as unhandled: whoever
 * awaits `promise` later still receives it.
 */
export function deferred<T = void>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
