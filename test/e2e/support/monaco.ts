/** Driving the studio's monaco editors the way a person does: click, select all, type. */
import type { Page } from 'playwright-core';

export function editorSelector(fileName: string): string {
  return `.json-editor[data-file="${fileName}"]`;
}

export async function waitForEditor(page: Page, fileName: string): Promise<void> {
  await page.locator(`${editorSelector(fileName)} .monaco-editor .view-lines`).waitFor({ timeout: 30_000 });
}

/** Replaces the whole text of an editor. One line of JSON, so auto-indent has nothing to do. */
export async function replaceEditorText(page: Page, fileName: string, text: string): Promise<void> {
  await waitForEditor(page, fileName);
  await page.locator(`${editorSelector(fileName)} .view-lines`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** Types `text` on a new line after the first line of an editor (inside a top-level array or object). */
export async function insertAfterFirstLine(page: Page, fileName: string, text: string): Promise<void> {
  await waitForEditor(page, fileName);
  await page.locator(`${editorSelector(fileName)} .view-lines`).click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
}
