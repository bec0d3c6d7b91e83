/** Driving Ant Design controls as a user does: open a select, pick the option by its label. */
import type { Page } from 'playwright-core';

/** The antd select that `selector` names, or whose input it names. */
function antSelect(page: Page, selector: string) {
  return page.locator('.ant-select', { has: page.locator(selector) }).or(page.locator(selector).and(page.locator('.ant-select'))).first();
}

/** Opens the antd select `selector` names (or whose input it names) and clicks the option showing `label` (or whose label contains it). */
export async function chooseOption(page: Page, selector: string, label: string): Promise<void> {
  const select = antSelect(page, selector);
  await select.click();
  // a long list is virtual: a searchable select is narrowed to the option first
  if (await select.locator('input:not([readonly])').count()) await page.keyboard.type(label);
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: label }).first();
  await option.scrollIntoViewIfNeeded();
  await option.click();
  // a multiple select stays open for the next choice; a single one closes
  if (await select.evaluate((el) => el.classList.contains('ant-select-multiple'))) return;
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** The label an antd select shows now ('' when nothing is chosen). */
export async function chosenLabel(page: Page, selector: string): Promise<string> {
  const select = antSelect(page, selector);
  const item = select.locator('.ant-select-selection-item, .ant-select-content-value').first();
  return (await item.count()) ? ((await item.textContent()) ?? '').trim() : '';
}

/** Types `value` (`YYYY-MM-DD HH:mm` or `YYYY-MM-DD`) into the antd date picker whose input `selector` names, and confirms it. */
export async function pickDateTime(page: Page, selector: string, value: string): Promise<void> {
  const input = page.locator(selector).first();
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/**
 * Waits until the open modal has finished opening: while it zooms in, a click can land where its
 * button was a frame before (on a loaded machine, two frames can show the same box mid-animation).
 */
export async function modalOpened(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const modal = document.querySelector('.ant-modal');
    return modal !== null && modal.getAnimations({ subtree: true }).length === 0;
  });
}
