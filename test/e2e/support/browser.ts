/** Debian's Chromium driven by playwright-core (never a downloaded browser). */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium fonts-noto-cjk`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface SignedInPage {
  context: BrowserContext;
  page: Page;
  /** Every request the page made (for the same-origin check). */
  requests: Request[];
  /** Uncaught page errors. */
  errors: string[];
}

/** A fresh browser context signed in with `token` (pasted into the sign-in page, as a user would). */
export async function signedInPage(browser: Browser, baseUrl: string, token: string, opts: { width?: number; height?: number; language?: 'zh' | 'en' } = {}): Promise<SignedInPage> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1360, height: opts.height ?? 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  const requests: Request[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/`);
  if (opts.language === 'en') await page.click('[data-lang=en]');
  await page.fill('input[name=token]', token);
  await page.click('.sign-in button[type=submit]');
  await page.waitForSelector('.app-header');
  return { context, page, requests, errors };
}
