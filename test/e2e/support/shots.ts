import type { Page } from 'playwright-core';

/**
 * Whether the browser suites write their screenshots: they are for people to look at and assert
 * nothing, and taking them (the viewport grown to the page, a wait, the picture) was about a sixth of the suites' time. `PINGTAI_E2E_SHOTS=0` leaves
 * them out (CI does); every step and check before and after a screenshot runs either way.
 */
export const SHOTS_WANTED = process.env.PINGTAI_E2E_SHOTS !== '0';

/** What a screenshot helper still does when screenshots are left out: nothing keeps the focus (a focused antd select makes the next click miss). */
export async function blurFocus(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur?.());
}
