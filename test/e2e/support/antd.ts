/** Driving Ant Design controls as a user does: open a select, pick the option by its label. */
import type { Page } from 'playwright-core';

/** Opens the antd select whose input matches `selector` and clicks the option showing `label` (or whose label contains it). */
export async function chooseOption(page: Page, selector: string, label: string): Promise<void> {
  const select = page.locator('.ant-select', { has: page.locator(selector) }).first();
  await select.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
  await option.scrollIntoViewIfNeeded();
  await option.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The label an antd select shows now ('' when nothing is chosen). */
export async function chosenLabel(page: Page, selector: string): Promise<string> {
  const select = page.locator('.ant-select', { has: page.locator(selector) }).first();
  const item = select.locator('.ant-select-selection-item, .ant-select-content-value').first();
  return (await item.count()) ? ((await item.textContent()) ?? '').trim() : '';
}
