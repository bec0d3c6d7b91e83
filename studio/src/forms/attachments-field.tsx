/**
 * The rjsf field of a report's attachments (an array of `att:` references): the photo uploader
 * instead of a list of text boxes. Used for any array field whose items take attachment references.
 */
import type { FieldProps } from '@rjsf/utils';
import { useSession } from '../session/session-context';
import { AttachmentUpload } from './attachment-upload';

export function AttachmentsField({ formData, onChange, schema, disabled, readonly, fieldPathId }: FieldProps) {
  const { me, token } = useSession();
  const value = Array.isArray(formData) ? (formData as string[]) : [];
  const max = typeof schema.maxItems === 'number' ? schema.maxItems : 9;
  return (
    <div className="attachments-field">
      <label>{schema.title}</label>
      <AttachmentUpload county={me.county} token={token} value={value} max={max} disabled={disabled || readonly} onChange={(refs) => onChange(refs, fieldPathId.path)} />
    </div>
  );
}

/** Whether a form field holds attachment references (an array of strings whose pattern starts with `att:`). */
export function isAttachmentsField(field: unknown): boolean {
  const items = (field as { type?: unknown; items?: { pattern?: unknown } } | undefined)?.items;
  return (field as { type?: unknown })?.type === 'array' && typeof items?.pattern === 'string' && items.pattern.includes('att:');
}
