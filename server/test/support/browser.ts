import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** Saves a screenshot when SCREENSHOTS_DIR is set (used to refresh docs/screenshots). */
export async function snapshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  // A full-page shot of a scrolled page draws the fixed header and sidebar where the window was.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** Records every request that leaves the given origins (there must be none). */
export function watchForeignRequests(page: Page, allowedOrigins: string[]): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!allowedOrigins.some((origin) => url.startsWith(origin))) foreign.push(url);
  });
  return foreign;
}

/** A documentation screenshot without the passing toasts of earlier steps. */
export async function cleanSnapshot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS_DIR) return;
  const toasts = page.locator('.mantine-Notification-root');
  for (const close of await toasts.getByRole('button').all()) await close.click({ force: true }).catch(() => undefined);
  for (let waited = 0; (await toasts.count()) > 0 && waited < 5000; waited += 100) await page.waitForTimeout(100);
  await snapshot(page, name);
}
