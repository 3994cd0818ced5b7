import net from 'node:net';
import type { DataSource, QueryRunner } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import type { TestDatabase } from './databases';

/**
 * A database outage a test can start and end, on loopback only, without touching the shared database server
 * (docs/faults.md "What a database outage is"):
 * - MySQL/MariaDB: Mobius connects through a TCP proxy; `stop()` resets every open connection and refuses new
 *   ones (as a stopped or restarting server does), `stopOnQuery()` does so the moment Mobius sends a matching
 *   statement (the server dies mid-transaction), `start()` lets connections through again.
 * - SQLite (embedded, no server to stop): another connection takes the file's write lock and holds it (a backup
 *   tool, a stuck maintenance job or another process); writes wait out the busy timeout, then fail.
 */
export interface DatabaseOutage {
  /** The database as Mobius must reach it (for MySQL: through the proxy). */
  db: TestDatabase;
  stop(): Promise<void>;
  /** MySQL only: the outage starts when Mobius sends a statement matching `pattern` (it never reaches the server). */
  stopOnQuery(pattern: RegExp): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function databaseOutage(db: TestDatabase, dialect: 'sqlite' | 'mysql'): Promise<DatabaseOutage> {
  return dialect === 'mysql' ? mysqlOutage(db) : sqliteOutage(db);
}

async function sqliteOutage(db: TestDatabase): Promise<DatabaseOutage> {
  // A connection of its own (as another process's): SQLite's locks are per connection.
  let other: DataSource | undefined;
  let holder: QueryRunner | undefined;
  return {
    db,
    stop: async () => {
      if (holder) return;
      other ??= await openDatabase(db.url);
      holder = other.createQueryRunner();
      await holder.connect();
      await holder.query('BEGIN EXCLUSIVE');
    },
    stopOnQuery: () => Promise.reject(new Error('stopOnQuery needs the MySQL proxy')),
    start: async () => {
      if (!holder) return;
      await holder.query('ROLLBACK');
      await holder.release();
      holder = undefined;
    },
    close: async () => {
      if (holder) await holder.query('ROLLBACK').catch(() => undefined);
      holder = undefined;
      if (other?.isInitialized) await other.destroy();
    },
  };
}

/** A loopback TCP proxy in front of MySQL whose connections can be cut and refused. */
async function mysqlOutage(db: TestDatabase): Promise<DatabaseOutage> {
  const target = new URL(db.url);
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let down = false;
  let trigger: RegExp | undefined;

  const cutAll = () => {
    down = true;
    trigger = undefined;
    for (const pair of pairs) {
      pair.client.resetAndDestroy();
      pair.upstream.destroy();
    }
    pairs.clear();
  };

  const server = net.createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 3306), target.hostname);
    const pair = { client, upstream };
    pairs.add(pair);
    const forget = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    upstream.on('data', (chunk) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      // COM_QUERY (0x03) carries the statement's text after the 4-byte packet header.
      if (trigger && chunk.length > 5 && chunk[4] === 0x03 && trigger.test(chunk.subarray(5).toString('utf8'))) {
        cutAll();
        return;
      }
      upstream.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const proxied = new URL(db.url);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(port);
  const url = proxied.toString();

  const others: DataSource[] = [];
  const dataSource = await openDatabase(url);
  others.push(dataSource);
  return {
    db: {
      url,
      dataSource,
      openAnother: async () => {
        const other = await openDatabase(url);
        others.push(other);
        return other;
      },
      destroy: () => db.destroy(),
    },
    stop: async () => cutAll(),
    stopOnQuery: async (pattern) => {
      trigger = pattern;
    },
    start: async () => {
      down = false;
      trigger = undefined;
    },
    close: async () => {
      cutAll();
      for (const other of others) if (other.isInitialized) await other.destroy().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
