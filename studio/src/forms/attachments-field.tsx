/**
 * The rjsf field of a report's attachments (an array of `att:` references): the photo uploader
 * instead of a list of text boxes. Used for any array field whose items take attachment references.
 */
import type { FieldProps } from '@rjsf/utils';
import { lazy, Suspense, useContext } from 'react';
import { SessionContext } from '../session/session-context';
import { AttachmentTargetContext, countyTarget } from './authorized-file';

// the uploader (antd Upload and Image) loads when a form with photos is shown, not with the report page
const AttachmentUpload = lazy(() => import('./attachment-upload').then((m) => ({ default: m.AttachmentUpload })));

export function AttachmentsField({ formData, onChange, schema, uiSchema, disabled, readonly, fieldPathId }: FieldProps) {
  // a signed-in person uploads to the county; the public page provides its own target (upload key)
  const session = useContext(SessionContext);
  const provided = useContext(AttachmentTargetContext);
  const value = Array.isArray(formData) ? (formData as string[]) : [];
  // the localized ui:title (the page's language) before the schema's own title
  const uiTitle = uiSchema?.['ui:title'];
  const title = typeof uiTitle === 'string' ? uiTitle : schema.title;
  const target = provided ?? (session ? countyTarget(session.me.county, session.token) : null);
  if (!target) return <p className="muted">{title}: —</p>;
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : 9;
  return (
    <div className="attachments-field">
      <label>{title}</label>
      <Suspense fallback={<p className="muted">…</p>}>
        <AttachmentUpload target={target} value={value} max={max} disabled={disabled || readonly} onChange={(refs) => onChange(refs, fieldPathId.path)} />
      </Suspense>
    </div>
  );
}

/** Whether a form field holds attachment references (an array of strings whose pattern starts with `att:`). */
export function isAttachmentsField(field: unknown): boolean {
  const items = (field as { type?: unknown; items?: { pattern?: unknown } } | undefined)?.items;
  return (field as { type?: unknown })?.type === 'array' && typeof items?.pattern === 'string' && items.pattern.includes('att:');
}
