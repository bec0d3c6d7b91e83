/**
 * The people of a multi-role scenario, each in a browser of their own (a desktop or a 375 px
 * phone), every action counted (UserActions); full-length screenshots; the files they choose (an
 * XLSX, a camera photo) made in memory.
 */
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CLOCK_START } from './runtime';
import { UserActions } from './user-actions';
import { blurFocus, SHOTS_WANTED } from './shots';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface Person {
  page: Page;
  user: UserActions;
}

export class Cast {
  readonly contexts: BrowserContext[] = [];
  readonly people: Person[] = [];
  /** Uncaught errors of every page. */
  readonly errors: string[] = [];
  /** `runtimeStartedAt`: Date.now() just before the runtime started (its clock read CLOCK_START then). */
  constructor(
    private readonly browser: Browser,
    private readonly url: string,
    private readonly shots: string,
    private readonly runtimeStartedAt: number,
  ) {}

  /** Every action of every person, in order of their entrance. */
  get actions(): string[] {
    return this.people.flatMap((p) => p.user.log);
  }

  /**
   * A fresh browser, a desktop unless a phone is asked for. `clock`: the page's clock runs with the
   * runtime's (June 2026), so a worklist's due time is not "overdue" by today's date. Playwright's
   * clock fakes the page's timers, and an antd select's choice was seen lost with it (about 1 in
   * 150), so it is for people who choose from no select.
   */
  async person(opts: { phone?: boolean; clock?: boolean } = {}): Promise<Person> {
    const context = await this.browser.newContext({ viewport: opts.phone ? { width: 375, height: 760 } : { width: 1360, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    if (opts.clock) await context.clock.install({ time: CLOCK_START + (Date.now() - this.runtimeStartedAt) });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => this.errors.push(e.message));
    const person = { page, user: new UserActions(page) };
    this.people.push(person);
    return person;
  }

  /** A person signed in on a desktop by pasting `token` into the sign-in page. */
  async withToken(token: string, opts: { clock?: boolean } = {}): Promise<Person> {
    const who = await this.person(opts);
    await who.page.goto(`${this.url}/`);
    await who.user.fill('input[name=token]', token, 'token');
    await who.user.click('.sign-in button[type=submit]', 'sign in');
    await who.page.waitForSelector('.app-header');
    return who;
  }

  /**
   * A full-length screenshot, taken from the top with nothing focused (a focused antd select makes
   * the next click miss); the config workspace scrolls inside itself, so the viewport grows to fit it.
   */
  async shot(page: Page, name: string): Promise<void> {
    if (!SHOTS_WANTED) return blurFocus(page);
    const inner = await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur?.();
      window.scrollTo(0, 0);
      const body = document.querySelector('.workspace-body');
      return body ? body.scrollHeight - body.clientHeight : 0;
    });
    const viewport = page.viewportSize()!;
    if (inner > 0) await page.setViewportSize({ width: viewport.width, height: Math.min(viewport.height + inner, 4000) });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${this.shots}/${name}.png`, fullPage: true });
    if (inner > 0) await page.setViewportSize(viewport);
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((c) => c.close().catch(() => {})));
  }
}

/** Signs in with county, phone and password, and sets `newPassword` as the studio asks first of a temporary one. */
export async function signInWithPassword({ page, user }: Person, login: { county: string; phone: string; password: string; newPassword: string }, beforeSubmit?: () => Promise<void>): Promise<void> {
  await user.fill('form.password-sign-in input[name=county]', login.county, 'county');
  await user.fill('form.password-sign-in input[name=login]', login.phone, 'phone');
  await user.fill('form.password-sign-in input[name=password]', login.password, 'password');
  await beforeSubmit?.();
  await user.click('form.password-sign-in button[type=submit]', 'sign in');
  await user.fill('input[name=currentPassword]', login.password, 'current password');
  await user.fill('input[name=newPassword]', login.newPassword, 'new password');
  await user.fill('input[name=repeatPassword]', login.newPassword, 'repeat password');
  await user.click('main form button[type=submit]', 'change password');
  await page.waitForSelector('.app-header .main-nav');
}

/** Chooses a file in a file input: one action (the phone's camera or the desktop's file picker). */
export async function chooseFile(user: UserActions, selector: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  await user.page.setInputFiles(selector, file);
  user.log.push(`choose file ${file.name}`);
}

/** An XLSX file of one sheet: the header row, then `rows`. */
export async function xlsx(sheetName: string, header: string[], rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A camera photo of one colour. */
export const photo = (r: number, g: number, b: number): Promise<Buffer> => sharp({ create: { width: 800, height: 600, channels: 3, background: { r, g, b } } }).jpeg().toBuffer();
