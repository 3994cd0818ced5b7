import { RateLimiterMySQL, RateLimiterSQLite, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { rawStoreClient } from '../../db/raw-store-client';

/**
 * Throttles kept in the database (table rate_limits, created by a migration) so they hold across
 * restarts and across several server processes sharing the database.
 */

export interface ThrottleRule {
  points: number;
  durationSeconds: number;
}

export const THROTTLE_RULES = {
  /** 10 failed logins for one account from one untrusted client within 15 minutes (docs/login-protection.md). */
  loginAccountClient: { points: 10, durationSeconds: 15 * 60 },
  /** Failed logins of one account from every untrusted client together (slows distributed guessing). */
  loginAccount: { points: 50, durationSeconds: 15 * 60 },
  /** Failed logins from one untrusted client across accounts (password spraying). */
  loginClient: { points: 100, durationSeconds: 15 * 60 },
  /** Failed logins from one trusted device (a valid device cookie for the account): its own budget. */
  loginDevice: { points: 10, durationSeconds: 15 * 60 },
  /** Wrong or expired email-link tokens from one client. */
  tokenClient: { points: 10, durationSeconds: 15 * 60 },
  /** New passwords checked from one client (each strength estimate costs CPU; docs/accounts.md §3). */
  passwordCheckClient: { points: 30, durationSeconds: 15 * 60 },
  /** Sign-ups and reset requests from one client. */
  emailRequestClient: { points: 30, durationSeconds: 60 * 60 },
  /** Wrong current passwords of a signed-in account (re-authentication before sensitive changes). */
  reauthAccount: { points: 10, durationSeconds: 15 * 60 },
  /** Live ConnectWise validations per account (each one calls out to the Site). */
  connectWiseSave: { points: 20, durationSeconds: 15 * 60 },
  /** Forced live connection checks (ConnectWise, QuickBooks) per account: each calls the vendor. */
  connectionCheck: { points: 20, durationSeconds: 15 * 60 },
  /** `connectionStatus(maxAgeSeconds)` calls per account that had to re-validate something (a minute apart on average). */
  statusRevalidation: { points: 15, durationSeconds: 15 * 60 },
  // The per-account email budget is counted from the email outbox instead (EMAIL_BUDGET in auth.service.ts).
} satisfies Record<string, ThrottleRule>;

export type ThrottleName = keyof typeof THROTTLE_RULES;

export interface ThrottleState {
  blocked: boolean;
  retryAfterMs: number;
}

export class Throttles {
  private readonly limiters: Record<ThrottleName, RateLimiterAbstract>;

  constructor(
    private readonly dataSource: DataSource,
    rules: Record<ThrottleName, ThrottleRule> = THROTTLE_RULES,
  ) {
    const store = rawStoreClient(dataSource);
    const make = (name: string, rule: ThrottleRule): RateLimiterAbstract => {
      const common = {
        keyPrefix: name,
        points: rule.points,
        duration: rule.durationSeconds,
        tableName: 'rate_limits',
        tableCreated: true,
        clearExpiredByTimeout: false,
      };
      return store.dialect === 'mysql'
        ? new RateLimiterMySQL({ ...common, storeClient: store.client, storeType: 'pool', dbName: store.database })
        : new RateLimiterSQLite({ ...common, storeClient: store.client, storeType: 'better-sqlite3' });
    };
    this.limiters = Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, make(name, rule)])) as Record<
      ThrottleName,
      RateLimiterAbstract
    >;
  }

  /** Whether the key has used up its points, without spending one. */
  async peek(name: ThrottleName, key: string): Promise<ThrottleState> {
    const limiter = this.limiters[name];
    const res = await limiter.get(key);
    if (!res || res.consumedPoints < limiter.points) return { blocked: false, retryAfterMs: 0 };
    return { blocked: true, retryAfterMs: res.msBeforeNext };
  }

  /** Spends one point (atomically); reports whether the key is now over its limit. */
  async hit(name: ThrottleName, key: string): Promise<ThrottleState> {
    try {
      await this.limiters[name].consume(key, 1);
      return { blocked: false, retryAfterMs: 0 };
    } catch (result) {
      if (result instanceof RateLimiterRes) return { blocked: true, retryAfterMs: result.msBeforeNext };
      throw result;
    }
  }

  /** Gives back one point spent by hit() (an attempt that turned out not to count). */
  async refund(name: ThrottleName, key: string): Promise<void> {
    await this.limiters[name].reward(key, 1);
  }

  async reset(name: ThrottleName, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }

  /** Forgets every key of the throttle that starts with `prefix` (e.g. one account's counters from every client). */
  async resetStartingWith(name: ThrottleName, prefix: string): Promise<void> {
    // rate-limiter-flexible stores `<keyPrefix>:<key>`; `!` escapes LIKE's wildcards in the prefix.
    const pattern = `${name}:${prefix}`.replace(/[!%_]/g, (c) => `!${c}`);
    await this.dataSource.query("DELETE FROM rate_limits WHERE `key` LIKE ? ESCAPE '!'", [`${pattern}%`]);
  }
}
