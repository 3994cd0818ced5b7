import type { DataSource } from 'typeorm';
import { keyId } from '../config';
import { createDataSource } from '../db/data-source';
import { decryptSecret, type KeyRing } from '../lib/crypto';
import { createPrng, DEMO_CREDENTIALS, startConnectWiseSimulator } from '../simulators/connectwise';
import { SANDBOX_COMPANY_US_1, startIntuitSimulator } from '../simulators/intuit';
import { startSendGridSimulator } from '../simulators/sendgrid';
import {
  connectQuickBooks,
  graphql,
  serverEnv,
  signUp,
  startServer,
  tempDatabaseUrl,
  type BenchProcess,
} from './bench-stack';

/**
 * SIGKILLs of a server process at random points of a QuickBooks token refresh (docs/token-manager.md §4),
 * for `npm run bench -- refresh-kills` (100 kills) and the CI test quickbooks-refresh-kills.test.ts (a dozen).
 *
 * Every refresh here is the risky one: the Intuit simulator answers a new refresh token value on every
 * refresh (Intuit: the first refresh after about a day) and takes a random time to answer. Each round
 * starts the built server (`dist/index.js`) on one SQLite database, checks the connection (a refresh:
 * access tokens live 60 s, inside the 5-minute refresh skew) — which also tells whether the previous
 * kill lost it — then checks again and SIGKILLs the process at a random point of that refresh. What the
 * kill did is read from the outside, exactly:
 * - its phase, from the simulator's hooks and the kill time: before Intuit saw the request, while Intuit
 *   worked on it, between Intuit's answer and Mobius's commit, or after the commit (tokenVersion moved);
 * - `unpersisted`: Intuit issued a refresh token value the database does not hold (the window);
 * - `lost`: the next process found the connection LOST.
 * The claim under test: no connection is lost unless Intuit issued a value Mobius had not committed.
 */

const REALM = SANDBOX_COMPANY_US_1.realmId;
const CHECK = 'mutation($id: ID!) { checkQuickBooksConnection(configurationId: $id) { connectionStatus { state } } }';

export type KillPhase = 'before-intuit' | 'at-intuit' | 'answer-to-commit' | 'after-commit';
export const KILL_PHASES: readonly KillPhase[] = ['before-intuit', 'at-intuit', 'answer-to-commit', 'after-commit'];

export interface KillOutcome {
  index: number;
  phase: KillPhase;
  /** When the kill was sent, in ms after the refresh request reached Intuit (negative: before; null: never). */
  killAfterRequestMs: number | null;
  /** How long the simulator took to answer this refresh (ms). */
  intuitLatencyMs: number;
  /** The database's tokenVersion moved: the refreshed tokens were committed before the process died. */
  committed: boolean;
  /** Intuit issued a refresh token value the database does not hold. */
  unpersisted: boolean;
  /** The next process found the connection LOST. */
  lost: boolean;
}

export interface RefreshKillsOptions {
  kills: number;
  /** The strict reading: Intuit refuses a superseded refresh token at once. */
  strict: boolean;
  seed?: number;
  /** Intuit's answer takes a random time in this range (ms). */
  intuitLatencyMs?: [number, number];
  /** Kills aimed at the refresh spread over Intuit's latency plus this long after its answer (ms). */
  afterAnswerMs?: number;
  /** Every this-many-th kill is aimed between the check being sent and the refresh reaching Intuit. */
  earlyEvery?: number;
  /** An empty database (default: a temporary SQLite file). */
  databaseUrl?: string;
  progress?: (line: string) => void;
}

export interface RefreshKillsReport {
  reading: 'strict' | 'lenient';
  seed: number;
  kills: KillOutcome[];
  lost: number;
  unpersisted: number;
  /** Lost although every value Intuit issued had been committed: must be 0. */
  lostOutsideWindow: number;
  /** Unpersisted but not lost (the lenient reading's replay heals those). */
  healed: number;
  reconnects: number;
  /** Mobius's part of the window, Intuit's answer received → commit (ms), for every committed refresh logged. */
  answerToCommitMs: number[];
  /** Of which the UPDATE (the database's durable commit), ms. */
  commitMs: number[];
  /** Intuit's answer written → commit, seen from outside (ms; the commit time has the log's 1 ms resolution). */
  issueToCommitMs: number[];
  byPhase: Record<KillPhase, { kills: number; unpersisted: number; lost: number }>;
}

interface Row {
  accountId: string;
  tokenVersion: number;
  state: string;
  refreshTokenSealed: string | null;
}

/** Wall-clock ms with sub-ms precision (comparable across processes of one machine). */
const wallClock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

interface RefreshLine {
  /** ISO time, whole ms, taken just after the commit. */
  time: string;
  answerToCommitMs?: number;
  commitMs?: number;
}

function refreshedLines(output: string[]): RefreshLine[] {
  const lines: RefreshLine[] = [];
  for (const line of output.join('').split('\n')) {
    if (!line.includes('"quickbooks.token_refreshed"')) continue;
    try {
      const parsed = JSON.parse(line) as RefreshLine;
      lines.push(parsed);
    } catch {
      // a line cut by the kill
    }
  }
  return lines;
}

export async function runRefreshKills(options: RefreshKillsOptions): Promise<RefreshKillsReport> {
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = createPrng(seed);
  const [minLatency, maxLatency] = options.intuitLatencyMs ?? [0, 20];
  const afterAnswerMs = options.afterAnswerMs ?? 15;
  const earlyEvery = options.earlyEvery ?? 4;
  const progress = options.progress ?? (() => undefined);

  // Hooks of the simulator: when each refresh request arrived and when each answer was written.
  let requestsReceived = 0;
  let onRequest: ((at: number) => void) | undefined;
  let onAnswered: ((at: number) => void) | undefined;
  const intuit = await startIntuitSimulator({
    strictRotation: options.strict,
    lifetimes: { accessTokenSeconds: 60, refreshTokenRotationSeconds: 0 },
    onTokenRequest: (event) => {
      if (event.grantType !== 'refresh_token') return;
      requestsReceived += 1;
      onRequest?.(wallClock());
    },
    onTokenIssued: (event) => {
      if (event.grantType === 'refresh_token') onAnswered?.(wallClock());
    },
  });
  const psa = await startConnectWiseSimulator();
  const sendgrid = await startSendGridSimulator();
  const temporary = options.databaseUrl ? undefined : tempDatabaseUrl();
  const database: { url: string } = { url: options.databaseUrl ?? (temporary?.url as string) };
  const env = serverEnv({ databaseUrl: database.url, intuit, sendgridUrl: sendgrid.url, extra: { LOG_LEVEL: 'info' } });
  const key = Buffer.from(env.MOBIUS_SECRET_KEY, 'base64');
  const ring: KeyRing = { keys: [{ id: keyId(key), key }] };
  const children: BenchProcess[] = [];
  let reader: DataSource | undefined;

  const refreshesLogged = () => intuit.state.tokenRequests.filter((r) => r.grantType === 'refresh_token').length;
  /** Waits until the simulator has finished every refresh it received (a dead client's included). */
  const settle = async () => {
    await sleep(50); // a request the dead process had already written may still be on its way
    for (let i = 0; i < 400 && refreshesLogged() < requestsReceived; i += 1) await sleep(10);
  };

  try {
    let child = await startServer(env);
    children.push(child);
    const token = await signUp(child.url, sendgrid.controls, 'refresh.kills@acme-msp.test');
    await graphql(
      child.url,
      'mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { id } }',
      { input: { site: psa.url, ...DEMO_CREDENTIALS } },
      token,
    );
    const { me } = await graphql<{ me: { quickBooksConfigurations: Array<{ id: string }> } }>(
      child.url,
      '{ me { quickBooksConfigurations { id } } }',
      {},
      token,
    );
    const configurationId = me.quickBooksConfigurations[0]?.id;
    await connectQuickBooks(child.url, token, configurationId, REALM);

    reader = await createDataSource(database.url).initialize();
    const row = async () =>
      (
        await (reader as DataSource).query<Row[]>(
          'SELECT accountId, tokenVersion, state, refreshTokenSealed FROM quickbooks_configurations WHERE id = ?',
          [configurationId],
        )
      )[0];
    const storedRefreshToken = (current: Row) =>
      current.refreshTokenSealed
        ? decryptSecret(
            ring,
            current.refreshTokenSealed,
            `quickbooks_configurations|refreshToken|${configurationId}|${current.accountId}`,
          )
        : null;
    // The harness checks far more often than the per-account budget of live checks allows a person
    // (docs/request-hardening.md), so it forgets that budget before each one.
    const forgetCheckBudget = () =>
      (reader as DataSource).query('DELETE FROM rate_limits WHERE `key` LIKE ?', ['connectionCheck%']);
    const check = async (url: string) => {
      await forgetCheckBudget();
      const answer = await graphql<{ checkQuickBooksConnection: { connectionStatus: { state: string } } }>(
        url,
        CHECK,
        { id: configurationId },
        token,
      );
      return answer.checkQuickBooksConnection.connectionStatus.state;
    };

    const kills: KillOutcome[] = [];
    const toIntuitMs: number[] = [];
    const verifyAnsweredAt = new Map<BenchProcess, number>();
    let reconnects = 0;

    for (let round = 0; round <= options.kills; round += 1) {
      if (round > 0) {
        child = await startServer(env);
        children.push(child);
      }

      // 1. A refresh with no kill: did the previous kill lose the connection? (And how long to reach Intuit.)
      const sentAt = wallClock();
      let reachedAt: number | undefined;
      let answeredAt: number | undefined;
      onRequest = (at) => (reachedAt ??= at);
      onAnswered = (at) => (answeredAt ??= at);
      const state = await check(child.url);
      onRequest = undefined;
      onAnswered = undefined;
      const previous = kills[round - 1];
      if (previous) previous.lost = state === 'LOST';
      if (state === 'LOST') {
        await connectQuickBooks(child.url, token, configurationId, REALM);
        reconnects += 1;
      } else if (state !== 'CONNECTED') {
        throw new Error(`round ${round}: the connection is ${state}`);
      } else {
        if (reachedAt !== undefined) toIntuitMs.push(reachedAt - sentAt);
        if (answeredAt !== undefined) verifyAnsweredAt.set(child, answeredAt);
      }
      if (previous) {
        progress(
          `  kill ${previous.index + 1}: ${previous.phase}, ${previous.unpersisted ? 'unstored new token' : 'nothing unstored'}, ${previous.lost ? 'LOST' : 'kept'}`,
        );
      }
      if (round === options.kills) {
        child.process.kill('SIGTERM');
        await child.exited;
        break;
      }

      // 2. The same again, killed at a random point of the refresh.
      const before = await row();
      const latency = minLatency + Math.floor(random() * (maxLatency - minLatency + 1));
      intuit.controls.injectFault({ target: 'token', grantType: 'refresh_token', delayMs: latency });
      const logStart = intuit.state.tokenRequests.length;
      let killAt: number | undefined;
      let requestAt: number | undefined;
      let killAnsweredAt: number | undefined;
      const victim = child;
      const kill = () => {
        if (killAt !== undefined) return;
        killAt = wallClock();
        victim.process.kill('SIGKILL');
      };
      // Stratified: kill i of n aims at the i-th slice of its span, at a random point inside it.
      const slice = (round + random()) / options.kills;
      const early = round % earlyEvery === 0;
      const timers: NodeJS.Timeout[] = [];
      onRequest = (at) => {
        requestAt ??= at;
        if (!early) timers.push(setTimeout(kill, slice * (latency + afterAnswerMs)));
      };
      onAnswered = (at) => (killAnsweredAt ??= at);
      if (early) timers.push(setTimeout(kill, slice * 1.2 * percentile(toIntuitMs, 50)));
      timers.push(setTimeout(kill, 10_000)); // never wait for ever
      const request = check(victim.url).catch(() => undefined);
      await victim.exited;
      for (const timer of timers) clearTimeout(timer);
      await request;
      await settle();
      onRequest = undefined;
      onAnswered = undefined;
      intuit.controls.clearFaults();

      const after = await row();
      const committed = Number(after.tokenVersion) > Number(before.tokenVersion);
      const unpersisted = storedRefreshToken(after) !== intuit.controls.latestRefreshToken(REALM);
      const killedAt = killAt as number;
      const phase: KillPhase =
        requestAt === undefined || killedAt < requestAt
          ? 'before-intuit'
          : killAnsweredAt === undefined || killedAt < killAnsweredAt
            ? 'at-intuit'
            : committed
              ? 'after-commit'
              : 'answer-to-commit';
      if (committed && phase !== 'after-commit') {
        throw new Error(`kill ${round + 1}: committed although killed ${phase} (the classification is wrong)`);
      }
      const served = intuit.state.tokenRequests.slice(logStart).filter((r) => r.grantType === 'refresh_token');
      if (served.length > 1) throw new Error(`kill ${round + 1}: ${served.length} refreshes in one round`);
      kills.push({
        index: round,
        phase,
        killAfterRequestMs: requestAt === undefined ? null : Math.round((killedAt - requestAt) * 1000) / 1000,
        intuitLatencyMs: latency,
        committed,
        unpersisted,
        lost: false,
      });
    }

    // The window, from the logs of every process (a killed one's last line may be missing).
    const answerToCommitMs: number[] = [];
    const issueToCommitMs: number[] = [];
    const commitMs: number[] = [];
    for (const proc of children) {
      const lines = refreshedLines(proc.output);
      for (const line of lines) {
        if (typeof line.answerToCommitMs === 'number') answerToCommitMs.push(line.answerToCommitMs);
        if (typeof line.commitMs === 'number') commitMs.push(line.commitMs);
      }
      const answered = verifyAnsweredAt.get(proc);
      const first = lines[0];
      // The log's time is a whole ms taken just after the commit: the commit is within [time - 1, time + 1).
      const committed = first ? Date.parse(first.time) : NaN;
      if (answered !== undefined && Number.isFinite(committed)) {
        issueToCommitMs.push(Math.round((committed + 0.5 - answered) * 10) / 10);
      }
    }

    const byPhase = Object.fromEntries(KILL_PHASES.map((p) => [p, { kills: 0, unpersisted: 0, lost: 0 }])) as Record<
      KillPhase,
      { kills: number; unpersisted: number; lost: number }
    >;
    for (const kill of kills) {
      byPhase[kill.phase].kills += 1;
      if (kill.unpersisted) byPhase[kill.phase].unpersisted += 1;
      if (kill.lost) byPhase[kill.phase].lost += 1;
    }
    return {
      reading: options.strict ? 'strict' : 'lenient',
      seed,
      kills,
      lost: kills.filter((k) => k.lost).length,
      unpersisted: kills.filter((k) => k.unpersisted).length,
      lostOutsideWindow: kills.filter((k) => k.lost && !k.unpersisted).length,
      healed: kills.filter((k) => k.unpersisted && !k.lost).length,
      reconnects,
      answerToCommitMs,
      commitMs,
      issueToCommitMs,
      byPhase,
    };
  } finally {
    for (const child of children) if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await Promise.all(children.map((child) => child.exited));
    await reader?.destroy();
    await Promise.all([intuit.close(), psa.close(), sendgrid.close()]);
    temporary?.remove();
  }
}
