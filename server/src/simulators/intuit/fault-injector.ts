import type { Request, Response } from 'express';

/** Misbehaviour that tests queue up: error statuses, slow or hanging answers, error bodies on a 200. */

export type FaultTarget = 'token' | 'revoke' | 'qbo';

export interface FaultSpec {
  target: FaultTarget;
  /** How many matching requests this applies to (default 1; Infinity for "until cleared"). */
  times?: number;
  /** Answer with this status instead of doing the work (200 + `body` makes a "200 with an error body"). */
  status?: number;
  /** JSON body for `status`; a sensible default per target and status otherwise. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long first; without `status` the request is then served normally (slowness). */
  delayMs?: number;
  /** Serve the request normally, then hold the answer this long (the work is done, the answer is late). */
  delayResponseMs?: number;
  /** Adds 0…jitterMs at random to delayMs / delayResponseMs. */
  jitterMs?: number;
  /** Never answer; the socket stays open until the simulator closes or resets. */
  hang?: boolean;
  /** token target: only requests with this grant_type. */
  grantType?: 'authorization_code' | 'refresh_token';
  /** qbo target: only this company. */
  realmId?: string;
  /** qbo target: only paths containing this text, e.g. `invoice` or `query`. */
  pathIncludes?: string;
}

export interface FaultRule extends FaultSpec {
  id: number;
  remaining: number;
}

export interface FaultContext {
  target: FaultTarget;
  grantType?: string;
  realmId?: string;
  path?: string;
}

export class FaultInjector {
  private nextId = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<Response>();

  constructor(private readonly rules: FaultRule[]) {}

  add(spec: FaultSpec): FaultRule {
    const rule: FaultRule = { ...spec, id: this.nextId++, remaining: spec.times ?? 1 };
    this.rules.push(rule);
    return rule;
  }

  clear(): void {
    this.rules.length = 0;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** Takes the first matching rule (consuming one use), or undefined. */
  take(context: FaultContext): FaultRule | undefined {
    const index = this.rules.findIndex((rule) => rule.remaining > 0 && matches(rule, context));
    if (index < 0) return undefined;
    const rule = this.rules[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return rule;
  }

  /**
   * Applies a taken rule. Resolves `true` when the response was written (or deliberately left
   * hanging) and the caller must stop; `false` when the request should be served normally.
   */
  async apply(
    rule: FaultRule,
    res: Response,
    defaultBody: (status: number) => unknown,
    headers: Record<string, string> = {},
  ): Promise<boolean> {
    if (rule.delayMs && rule.delayMs > 0) await this.sleep(this.withJitter(rule, rule.delayMs));
    if (rule.hang) {
      this.hanging.add(res);
      res.once('close', () => this.hanging.delete(res));
      return true;
    }
    if (rule.status === undefined) return false;
    if (res.writableEnded || res.destroyed) return true;
    res.set({ ...headers, ...(rule.headers ?? {}) });
    const body = rule.body === undefined ? defaultBody(rule.status) : rule.body;
    if (body === null) res.status(rule.status).end();
    else if (typeof body === 'string') res.status(rule.status).type('text/plain').send(body);
    else res.status(rule.status).json(body);
    return true;
  }

  /** Waits out a rule's `delayResponseMs` (call after the work, before answering). */
  async holdResponse(rule: FaultRule | undefined): Promise<void> {
    if (rule?.delayResponseMs && rule.delayResponseMs > 0)
      await this.sleep(this.withJitter(rule, rule.delayResponseMs));
  }

  private withJitter(rule: FaultRule, ms: number): number {
    return ms + (rule.jitterMs && rule.jitterMs > 0 ? Math.floor(Math.random() * (rule.jitterMs + 1)) : 0);
  }

  /** Ends pending delays and hanging requests (reset/close). */
  releaseAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      // A pending delay must not keep a test process alive.
      timer.unref();
      this.timers.add(timer);
    });
  }
}

function matches(rule: FaultRule, context: FaultContext): boolean {
  if (rule.target !== context.target) return false;
  if (rule.grantType && rule.grantType !== context.grantType) return false;
  if (rule.realmId && rule.realmId !== context.realmId) return false;
  if (rule.pathIncludes && !(context.path ?? '').includes(rule.pathIncludes)) return false;
  return true;
}

/** Reads a JSON fault spec from a control request. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null) return 'Send a JSON object.';
  const raw = input as Record<string, unknown>;
  const target = raw.target;
  if (target !== 'token' && target !== 'revoke' && target !== 'qbo') return 'target must be token, revoke or qbo.';
  const spec: FaultSpec = { target };
  const times = toNumber(raw.times);
  if (times !== undefined) spec.times = times < 0 ? Infinity : times;
  const status = toNumber(raw.status);
  if (status !== undefined) {
    if (status < 100 || status > 599) return 'status must be an HTTP status.';
    spec.status = status;
  }
  if (raw.body !== undefined && raw.body !== '') spec.body = raw.body;
  const delayMs = toNumber(raw.delayMs);
  if (delayMs !== undefined) spec.delayMs = delayMs;
  const delayResponseMs = toNumber(raw.delayResponseMs);
  if (delayResponseMs !== undefined) spec.delayResponseMs = delayResponseMs;
  const jitterMs = toNumber(raw.jitterMs);
  if (jitterMs !== undefined) spec.jitterMs = jitterMs;
  if (raw.hang === true || raw.hang === 'true' || raw.hang === 'on') spec.hang = true;
  if (raw.grantType === 'authorization_code' || raw.grantType === 'refresh_token') spec.grantType = raw.grantType;
  if (typeof raw.realmId === 'string' && raw.realmId) spec.realmId = raw.realmId;
  if (typeof raw.pathIncludes === 'string' && raw.pathIncludes) spec.pathIncludes = raw.pathIncludes;
  return spec;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

export function isRequestFromForm(req: Request): boolean {
  return req.is('application/x-www-form-urlencoded') === 'application/x-www-form-urlencoded';
}
