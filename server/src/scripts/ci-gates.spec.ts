import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The two security gates `.ci/run` runs before the tests (docs/security.md, "Dependencies stay patched" and
 * "No secret in the repository"): scripts/audit.mjs and secretlint with the repository's configuration.
 */

const ROOT = path.resolve(__dirname, '../../..');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-gates-'));

function audit(report: unknown, env: Record<string, string> = {}) {
  const file = path.join(tmp(), 'audit.json');
  fs.writeFileSync(file, typeof report === 'string' ? report : JSON.stringify(report));
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts/audit.mjs'), '--report', file], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const advisory = (severity: string) => ({
  auditReportVersion: 2,
  vulnerabilities: {
    jsonwebtoken: {
      name: 'jsonwebtoken',
      severity,
      isDirect: true,
      via: [
        {
          source: 1097690,
          name: 'jsonwebtoken',
          title: 'jsonwebtoken unrestricted key type could lead to legacy keys usage',
          url: 'https://github.com/advisories/GHSA-8cf7-32gw-wr33',
          severity,
          range: '<=8.5.1',
        },
      ],
      effects: [],
      range: '<=8.5.1',
      nodes: ['node_modules/jsonwebtoken'],
      fixAvailable: true,
    },
  },
  metadata: {
    vulnerabilities: {
      info: 0,
      low: 0,
      moderate: severity === 'moderate' ? 1 : 0,
      high: severity === 'high' ? 1 : 0,
      critical: 0,
      total: 1,
    },
  },
});

describe('the dependency audit (scripts/audit.mjs)', () => {
  it('fails on a high advisory against a production dependency, naming it', () => {
    const { code, output } = audit(advisory('high'));
    expect(code).toBe(1);
    expect(output).toContain('dependency audit FAILED');
    expect(output).toContain('jsonwebtoken <=8.5.1 — high');
    expect(output).toContain('GHSA-8cf7-32gw-wr33');
  });

  it('passes when nothing is high or critical', () => {
    const { code, output } = audit(advisory('moderate'));
    expect(code).toBe(0);
    expect(output).toContain('No high or critical advisory in production dependencies (1 moderate)');
  });

  it('says loudly that it skipped when the audit service refuses the request, and fails only when required', () => {
    const refused = { message: '405 Method Not Allowed - POST /-/npm/v1/security/advisories/bulk', statusCode: 405 };
    const skipped = audit(refused);
    expect(skipped.code).toBe(0);
    expect(skipped.output).toContain('DEPENDENCY AUDIT SKIPPED');
    expect(skipped.output).toContain('HTTP 405');
    expect(audit(refused, { MOBIUS_AUDIT_REQUIRED: '1' }).code).toBe(1);
    expect(audit('npm ERR! something').output).toContain('DEPENDENCY AUDIT SKIPPED');
  });
});

describe('the secret scan (secretlint with the repository configuration)', () => {
  function scan(files: Record<string, string>) {
    const dir = tmp();
    // The ignore file's patterns are relative to where it lies: lay the repository's at the root of the scan.
    fs.copyFileSync(path.join(ROOT, '.secretlintignore'), path.join(dir, '.secretlintignore'));
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const result = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/secretlint/bin/secretlint.js'),
        '--secretlintrc',
        path.join(ROOT, '.secretlintrc.json'),
        '**/*',
      ],
      { cwd: dir, encoding: 'utf8' },
    );
    return { code: result.status, output: `${result.stdout}${result.stderr}` };
  }
  // Built at run time, so this file itself holds no credential-shaped string.
  const fakeStripeKey = ['sk', 'live', '51H8abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ'].join('_');

  it('finds a committed credential', () => {
    const { code, output } = scan({ 'src/settings.ts': `export const key = '${fakeStripeKey}';\n` });
    expect(code).not.toBe(0);
    expect(output).toContain('settings.ts');
    expect(output).not.toContain(fakeStripeKey);
  });

  it('leaves installed and built files alone', () => {
    const { code } = scan({
      'node_modules/some-lib/index.js': `module.exports = '${fakeStripeKey}';\n`,
      'server/dist/index.js': `exports.k = '${fakeStripeKey}';\n`,
      'src/ok.ts': 'export const ok = true;\n',
    });
    expect(code).toBe(0);
  });
});
