import autocannon from 'autocannon';

/**
 * HTTP load through autocannon (docs/performance.md §2): N keep-alive connections sending GraphQL
 * requests for a fixed time. Every answer is read: a response that is not HTTP 200 with `data` and no
 * `errors` counts as a failure, so a fast error never passes for throughput.
 */

export interface GraphQLRequestSpec {
  query: string;
  variables?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** An answer that is acceptable although it carries errors (e.g. a rate-limited login). */
  acceptable?: (status: number, body: string) => boolean;
}

export interface LoadOptions {
  url: string;
  requests: GraphQLRequestSpec[];
  connections: number;
  durationSeconds: number;
  /** Caps the requests per second over all connections (logins at 4/s). */
  overallRate?: number;
  /** autocannon's own timeout per request, seconds (default 10). */
  timeoutSeconds?: number;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Transport errors, timeouts included. */
  errors: number;
  /** Answers with an HTTP status of 500 or more. */
  serverErrors: number;
  /** Answers that were not HTTP 200 with data and no errors (and not accepted). */
  failures: number;
  /** The first few failed bodies, to say what went wrong. */
  samples: string[];
}

function isGoodAnswer(status: number, body: string): boolean {
  return status === 200 && body.startsWith('{"data":') && !body.includes('"errors":');
}

export async function load(options: LoadOptions): Promise<LoadResult> {
  let failures = 0;
  let serverErrors = 0;
  const samples: string[] = [];
  const requests = options.requests.map((spec) => ({
    method: 'POST' as const,
    path: '/graphql',
    headers: { 'content-type': 'application/json', ...spec.headers },
    body: JSON.stringify({ query: spec.query, variables: spec.variables ?? {} }),
    onResponse: (status: number, body: string) => {
      if (status >= 500) serverErrors += 1;
      if (isGoodAnswer(status, body) || spec.acceptable?.(status, body)) return;
      failures += 1;
      if (samples.length < 3) samples.push(`${status} ${body.slice(0, 300)}`);
    },
  }));
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        overallRate: options.overallRate,
        timeout: options.timeoutSeconds ?? 10,
        requests,
      },
      (error: Error | null, done: autocannon.Result) => (error ? reject(error) : resolve(done)),
    );
    instance.on('reqError', (error: Error) => {
      if (samples.length < 3) samples.push(`transport: ${(error as NodeJS.ErrnoException).code ?? error.message}`);
    });
  });
  const total = result.requests.total;
  return {
    requests: total,
    requestsPerSecond: Math.round(total / options.durationSeconds),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    maxMs: result.latency.max,
    errors: result.errors,
    serverErrors,
    failures,
    samples,
  };
}
