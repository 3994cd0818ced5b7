import fs from 'node:fs';
import path from 'node:path';

/**
 * The security-relevant libraries are at versions without the known problems (docs/security.md, "Dependencies
 * stay patched"): the audit in CI catches new advisories; this pins the floors we rely on whatever the registry's
 * audit service answers.
 */

function installed(name: string): [number, number, number] {
  // Packages whose `exports` hide package.json: read it where npm installed it (workspace first, then the root).
  const candidates = [path.resolve(__dirname, '../../node_modules'), path.resolve(__dirname, '../../../node_modules')];
  const file = candidates.map((dir) => path.join(dir, name, 'package.json')).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`${name} is not installed`);
  const version = (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
  const [major, minor, patch] = version.split(/[.-]/).map(Number);
  return [major ?? 0, minor ?? 0, patch ?? 0];
}

const atLeast = (version: [number, number, number], floor: [number, number, number]) =>
  version[0] !== floor[0]
    ? version[0] > floor[0]
    : version[1] !== floor[1]
      ? version[1] > floor[1]
      : version[2] >= floor[2];

describe('installed versions of the security-relevant libraries', () => {
  it.each([
    // 9.0.0 fixed CVE-2022-23529/23539/23540/23541 (insecure default algorithms, key types).
    ['jsonwebtoken', [9, 0, 0], 9],
    // Apollo Server 5: CSRF prevention on, batching off by default; 4.x is end of life.
    ['@apollo/server', [5, 0, 0], 5],
    // graphql-armor 3 supports Apollo Server 5 (depth, alias, cost, directive and token limits).
    ['@escape.tech/graphql-armor', [3, 0, 0], 3],
    // bcryptjs 3: the version the password hasher and its 72-byte rule were written against.
    ['bcryptjs', [3, 0, 0], 3],
    // intuit-oauth 4.2.5 is the version whose logging and token handling docs/vendors/quickbooks-online.md describes.
    ['intuit-oauth', [4, 2, 5], 4],
  ] as const)('%s is at least %j (major %i)', (name, floor, major) => {
    const version = installed(name);
    expect(atLeast(version, [...floor])).toBe(true);
    expect(version[0]).toBe(major);
  });
});
