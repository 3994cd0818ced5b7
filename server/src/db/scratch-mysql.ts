import { randomBytes } from 'node:crypto';

/**
 * A fresh, empty MySQL database beside the one `baseUrl` names, for a test or a benchmark (the server or
 * openDatabase() migrates it); drop() removes it. Development tooling only: nothing in the product calls it.
 */
export async function createScratchMysqlDatabase(
  baseUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = new URL(baseUrl);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query('DROP DATABASE IF EXISTS ??', [name]);
      await admin.end();
    },
  };
}
