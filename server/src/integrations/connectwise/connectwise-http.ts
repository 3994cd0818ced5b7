import { ConnectWiseError, badResponse, type NetworkFailureReason } from './errors';
import { isUnreadablePayload } from './unreadable-payload';

/**
 * One HTTP exchange with retries: timeouts, 429 + Retry-After, 5xx backoff, bounded network retries. A 500 saying
 * ConnectWise could not read our body is answered at once: the same body would fail the same way.
 */

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;
export type Sleep = (ms: number) => Promise<void>;

export interface HttpPolicy {
  fetchImpl: FetchLike;
  sleep: Sleep;
  timeoutMs: number;
  /** Retries after the first attempt. */
  maxRetries: number;
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** A 429 asking us to wait longer than this fails at once with RATE_LIMITED. */
  maxRetryAfterMs: number;
  now?: () => number;
}

export interface HttpExchange {
  method: 'GET' | 'POST' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Safe to repeat after an answer or a broken connection (GETs, the export preview). */
  idempotent: boolean;
  /** Retry network failures at all (false for the companyinfo probe, where they mean "site unreachable"). */
  retryNetwork: boolean;
  maxBodyBytes: number;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

interface NetworkFailure {
  reason: NetworkFailureReason;
  /** The request certainly never reached the server, so even a POST may be repeated. */
  beforeSend: boolean;
  retryable: boolean;
}

/**
 * One message for every destination no connection was made to: a name that does not resolve, an address the guard
 * refuses (private, loopback...), a closed port, a connect timeout. Telling them apart would let a Site probe which
 * internal names exist and which ports are open (docs/request-hardening.md).
 */
export function connectFailedMessage(host: string): string {
  return (
    `Could not connect to ConnectWise PSA at ${host}. Check the Site: it must be your ConnectWise PSA address, ` +
    'reachable from the internet.'
  );
}

function failureMessage(host: string, failure: NetworkFailure, timeoutMs: number): string {
  switch (failure.reason) {
    case 'dns':
    case 'refused':
    case 'blocked':
      return connectFailedMessage(host);
    case 'timeout':
      return failure.beforeSend
        ? connectFailedMessage(host)
        : `Could not reach ConnectWise PSA at ${host}: it did not answer within ${Math.round(timeoutMs / 100) / 10} s.`;
    case 'tls':
      return `Could not reach ConnectWise PSA at ${host}: its TLS certificate or handshake was not accepted.`;
    case 'network':
      return `Could not reach ConnectWise PSA at ${host}: the connection failed.`;
  }
}

function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function classifyNetworkError(error: unknown): NetworkFailure {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError')
    return { reason: 'timeout', beforeSend: false, retryable: true };
  const code = errorCode(error) ?? '';
  if (code === 'ERR_BLOCKED_DESTINATION') return { reason: 'blocked', beforeSend: true, retryable: false };
  if (code === 'ENOTFOUND') return { reason: 'dns', beforeSend: true, retryable: false };
  if (code === 'EAI_AGAIN') return { reason: 'dns', beforeSend: true, retryable: true };
  if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return { reason: 'refused', beforeSend: true, retryable: true };
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT') return { reason: 'timeout', beforeSend: true, retryable: true };
  if (/CERT|TLS|SSL|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code)) {
    return { reason: 'tls', beforeSend: true, retryable: false };
  }
  return { reason: 'network', beforeSend: false, retryable: true };
}

/** Seconds ("30") or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw badResponse('a response body larger than expected');
  }
  if (!response.body) return '';
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw badResponse('a response body larger than expected');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

export async function exchange(policy: HttpPolicy, request: HttpExchange): Promise<HttpResult> {
  const host = new URL(request.url).host;
  const backoff = (attempt: number) => Math.min(policy.retryBaseDelayMs * 2 ** attempt, policy.maxRetryDelayMs);

  for (let attempt = 0; ; attempt += 1) {
    const canRetry = attempt < policy.maxRetries;
    let response: Response;
    let text: string;
    try {
      response = await policy.fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // A redirect would carry the Authorization header to wherever it points.
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      const status = response.status;
      if (status === 429 && canRetry) {
        const waitMs = parseRetryAfter(response.headers.get('retry-after'), policy.now?.()) ?? backoff(attempt);
        if (waitMs <= policy.maxRetryAfterMs) {
          await discard(response);
          await policy.sleep(Math.max(waitMs, 0));
          continue;
        }
      }
      text = await readCapped(response, request.maxBodyBytes);
      if (status >= 500 && request.idempotent && canRetry && !isUnreadablePayload(status, text)) {
        await policy.sleep(backoff(attempt));
        continue;
      }
    } catch (error) {
      if (error instanceof ConnectWiseError) throw error;
      const failure = classifyNetworkError(error);
      const repeatable = failure.retryable && request.retryNetwork && (request.idempotent || failure.beforeSend);
      if (repeatable && canRetry) {
        await policy.sleep(backoff(attempt));
        continue;
      }
      const message = failureMessage(host, failure, policy.timeoutMs);
      throw new ConnectWiseError('SITE_UNREACHABLE', message, {
        field: 'site',
        reason: failure.reason,
        cause: error,
      });
    }
    return { status: response.status, headers: response.headers, text, url: request.url };
  }
}
