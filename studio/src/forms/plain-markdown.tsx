/**
 * Stands in for markdown-to-jsx in the studio's build (vite.config.ts aliases it): report forms
 * keep markdown off — a county's help text is shown as the text it is, never parsed — so rjsf's
 * few uses of it (its own messages, e.g. a file's "**name** (type, size)") need only plain text.
 * Saves ~20 KB gzip on the report page a grid worker opens on a phone.
 */
import { createElement, type ReactNode } from 'react';

export function Markdown({ children }: { children?: ReactNode; options?: unknown }) {
  return createElement('span', null, typeof children === 'string' ? children.replace(/\*\*(.+?)\*\*/g, '$1') : children);
}

export default Markdown;
