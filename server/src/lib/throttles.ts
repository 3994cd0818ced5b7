import { RateLimiterMySQL, RateLimiterSQLite, type RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { rawStoreClient } from '../db/raw-store-client';

/**
 * Throttles kept in the database (table rate_limits, created by a migration) so they hold across
 * restarts and across several server processes sharing the database. Each feature declares its own rules
 * and builds its own Throttles from them; a rule's name prefixes its keys in the one table, so rule names are
 * unique across the product, and two features that list the same rule (the same name and limits) share its
 * counters.
 */

export interface ThrottleRule {
  points: number;
  durationSeconds: number;
}

export interface ThrottleState {
  blocked: boolean;
  retryAfterMs: number;
}

export class Throttles<Name extends string> {
  private readonly limiters: Record<Name, RateLimiterAbstract>;

  constructor(
    private readonly dataSource: DataSource,
    rules: Record<Name, ThrottleRule>,
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
    this.limiters = Object.fromEntries(
      Object.entries<ThrottleRule>(rules).map(([name, rule]) => [name, make(name, rule)]),
    ) as Record<Name, RateLimiterAbstract>;
  }

  /** Whether the key has used up its points, without spending one. */
  async peek(name: Name, key: string): Promise<ThrottleState> {
    const limiter = this.limiters[name];
    const res = await limiter.get(key);
    if (!res || res.consumedPoints < limiter.points) return { blocked: false, retryAfterMs: 0 };
    return { blocked: true, retryAfterMs: res.msBeforeNext };
  }

  /** Spends one point (atomically); reports whether the key is now over its limit. */
  async hit(name: Name, key: string): Promise<ThrottleState> {
    try {
      await this.limiters[name].consume(key, 1);
      return { blocked: false, retryAfterMs: 0 };
    } catch (result) {
      if (result instanceof RateLimiterRes) return { blocked: true, retryAfterMs: result.msBeforeNext };
      throw result;
    }
  }

  /** Gives back one point spent by hit() (an attempt that turned out not to count). */
  async refund(name: Name, key: string): Promise<void> {
    await this.limiters[name].reward(key, 1);
  }

  async reset(name: Name, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }

  /** Forgets every key of the throttle that starts with `prefix` (e.g. one account's counters from every client). */
  async resetStartingWith(name: Name, prefix: string): Promise<void> {
    // rate-limiter-flexible stores `<keyPrefix>:<key>`; `!` escapes LIKE's wildcards in the prefix.
    const pattern = `${name}:${prefix}`.replace(/[!%_]/g, (c) => `!${c}`);
    await this.dataSource.query("DELETE FROM rate_limits WHERE `key` LIKE ? ESCAPE '!'", [`${pattern}%`]);
  }
}
