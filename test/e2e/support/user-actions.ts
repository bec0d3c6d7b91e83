/**
 * A user's actions, counted: every click, every field typed into, every key pressed, every date
 * picked and every drag goes through here, so a scenario can say how many actions a task took.
 * Waiting and looking are not actions; one field filled is one action however long the text.
 */
import type { Page } from 'playwright-core';

export class UserActions {
  readonly log: string[] = [];

  constructor(readonly page: Page) {}

  get count(): number {
    return this.log.length;
  }

  private note(what: string): void {
    this.log.push(what);
  }

  async click(selector: string, what = selector): Promise<void> {
    await this.page.click(selector);
    this.note(`click ${what}`);
  }

  async fill(selector: string, value: string, what = selector): Promise<void> {
    await this.page.fill(selector, value);
    this.note(`type ${what}: ${value}`);
  }

  async press(selector: string, key: string): Promise<void> {
    await this.page.press(selector, key);
    this.note(`key ${key}`);
  }

  /** A native select: one action (the phone's picker opens and closes on one choice). */
  async select(selector: string, value: string): Promise<void> {
    await this.page.selectOption(selector, value);
    this.note(`choose ${value} in ${selector}`);
  }

  /**
   * An antd select: open it (one action), type to narrow a long list when `search` is given (one
   * more), click the option whose text matches `label` (one more).
   */
  async pick(selector: string, label: string | RegExp, search?: string): Promise<void> {
    const page = this.page;
    const select = page.locator('.ant-select', { has: page.locator(selector) }).or(page.locator(selector).and(page.locator('.ant-select'))).first();
    await select.click();
    this.note(`open ${selector}`);
    if (search) {
      await page.keyboard.type(search);
      this.note(`type ${search}`);
    }
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
    await option.scrollIntoViewIfNeeded();
    await option.click();
    this.note(`choose ${String(label)}`);
    // a multiple select stays open for the next choice; a single one closes
    if (await select.evaluate((el) => el.classList.contains('ant-select-multiple'))) return;
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /**
   * An antd tree select searched by name: open, type, click the node (the last one whose title
   * holds the name, or with `exact` the first titled exactly so: a unit whose name begins those of
   * the units under it).
   */
  async pickTree(selector: string, name: string, opts: { exact?: boolean } = {}): Promise<void> {
    const page = this.page;
    await page.locator('.ant-select', { has: page.locator(selector) }).or(page.locator(`.ant-select${selector}`)).first().click();
    this.note(`open ${selector}`);
    await page.keyboard.type(name);
    this.note(`type ${name}`);
    const titles = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title');
    await (opts.exact ? titles.getByText(name, { exact: true }).first() : titles.filter({ hasText: name }).last()).click();
    this.note(`choose ${name}`);
  }

  /** An antd date picker: click it, type the date and time, press Enter. */
  async pickDateTime(selector: string, value: string): Promise<void> {
    const input = this.page.locator(selector).first();
    await input.click();
    this.note(`open ${selector}`);
    await input.fill(value);
    this.note(`type ${value}`);
    await input.press('Enter');
    this.note('key Enter');
    await this.page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
  }
}
