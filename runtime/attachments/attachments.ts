/**
 * Attachments of a county: storing an inspected upload and its metadata row, reading them back,
 * and checking and linking the references a report or an action carries. A row is written only
 * after the file passed every check and its bytes are in the store: a refused upload leaves
 * neither a file nor a row.
 */
import { QueryTypes } from 'sequelize';
import type { Database } from '../db/open-database';
import { newId } from '../db/ids';
import { UnprocessableError } from '../http/errors';
import { DEFAULT_ATTACHMENT_LIMITS, type AttachmentLimits } from './attachment-limits';
import type { AttachmentStore } from './attachment-store';
import { inspectUpload } from './inspect-upload';

/** How report data and action inputs name an attachment: `att:` and its id. */
export const ATTACHMENT_REF = /^att:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
export const refOf = (id: string) => `att:${id}`;

export interface AttachmentRecord {
  countyId: string;
  id: string;
  mediaType: string;
  size: number;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnailSha256: string | null;
  uploadedBy: string;
  eventId: string | null;
  createdAt: Date;
}

interface Row {
  county_id: string;
  id: string;
  media_type: string;
  size: number | string;
  sha256: string;
  width: number | null;
  height: number | null;
  thumbnail_sha256: string | null;
  uploaded_by: string;
  event_id: string | null;
  created_at: Date | string;
}

const recordOf = (r: Row): AttachmentRecord => ({
  countyId: r.county_id,
  id: r.id,
  mediaType: r.media_type,
  size: Number(r.size),
  sha256: r.sha256,
  width: r.width,
  height: r.height,
  thumbnailSha256: r.thumbnail_sha256,
  uploadedBy: r.uploaded_by,
  eventId: r.event_id,
  createdAt: new Date(r.created_at),
});

export interface AttachmentServiceOptions {
  db: Database;
  store: AttachmentStore;
  limits?: Partial<AttachmentLimits>;
}

export class Attachments {
  readonly limits: AttachmentLimits;
  readonly store: AttachmentStore;
  private readonly db: Database;

  constructor(opts: AttachmentServiceOptions) {
    this.db = opts.db;
    this.store = opts.store;
    this.limits = { ...DEFAULT_ATTACHMENT_LIMITS, ...opts.limits };
  }

  /** Inspects, stores and records one upload (throws an HttpError, storing nothing, when refused). */
  async upload(opts: { countyId: string; uploadedBy: string; bytes: Buffer; now: number }): Promise<AttachmentRecord> {
    const inspected = await inspectUpload(opts.bytes, this.limits);
    const sha256 = await this.store.put(inspected.bytes);
    const thumbnailSha256 = inspected.thumbnail ? await this.store.put(inspected.thumbnail) : null;
    const row: Row = {
      county_id: opts.countyId,
      id: newId(opts.now),
      media_type: inspected.mediaType,
      size: inspected.bytes.length,
      sha256,
      width: inspected.width,
      height: inspected.height,
      thumbnail_sha256: thumbnailSha256,
      uploaded_by: opts.uploadedBy,
      event_id: null,
      created_at: new Date(opts.now),
    };
    await this.db.sequelize.query(
      'INSERT INTO attachments (county_id, id, media_type, size, sha256, width, height, thumbnail_sha256, thumbnail_size, uploaded_by, event_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)',
      { replacements: [row.county_id, row.id, row.media_type, row.size, row.sha256, row.width, row.height, row.thumbnail_sha256, inspected.thumbnail?.length ?? null, row.uploaded_by, row.created_at], type: QueryTypes.INSERT },
    );
    return recordOf(row);
  }

  async find(countyId: string, id: string): Promise<AttachmentRecord | null> {
    const rows = await this.db.sequelize.query<Row>('SELECT * FROM attachments WHERE county_id = ? AND id = ?', { replacements: [countyId, id], type: QueryTypes.SELECT });
    return rows[0] ? recordOf(rows[0]) : null;
  }

  async ofEvent(countyId: string, eventId: string): Promise<AttachmentRecord[]> {
    const rows = await this.db.sequelize.query<Row>('SELECT * FROM attachments WHERE county_id = ? AND event_id = ? ORDER BY id', { replacements: [countyId, eventId], type: QueryTypes.SELECT });
    return rows.map(recordOf);
  }

  /**
   * The attachments `refs` name, checked for use by `actorId` on an event: each must exist in the
   * county and be either the actor's own unattached upload or already attached to `eventId`; their
   * number and bytes within the per-report limits. 422 naming `field` otherwise.
   */
  async checkReferences(opts: { countyId: string; actorId: string; refs: readonly string[]; field: string; eventId?: string }): Promise<AttachmentRecord[]> {
    const { refs, field } = opts;
    if (refs.length > this.limits.maxPerReport) throw new UnprocessableError('too-many-attachments', `${refs.length} attachments; at most ${this.limits.maxPerReport} are allowed`, { field });
    const records: AttachmentRecord[] = [];
    for (const [i, ref] of refs.entries()) {
      const id = ATTACHMENT_REF.exec(ref)?.[1];
      const record = id ? await this.find(opts.countyId, id) : null;
      const usable = record && (record.eventId === null ? record.uploadedBy === opts.actorId : record.eventId === opts.eventId);
      if (!record || !usable) throw new UnprocessableError('unknown-attachment', `${JSON.stringify(ref)} is not an attachment you uploaded (upload it first: POST …/attachments)`, { field: `${field}/${i}` });
      records.push(record);
    }
    const bytes = records.reduce((sum, r) => sum + r.size, 0);
    if (bytes > this.limits.maxReportBytes) throw new UnprocessableError('attachments-too-large', `the attachments add up to ${bytes} bytes; at most ${this.limits.maxReportBytes} are allowed per report`, { field });
    return records;
  }

  /** Forgets an upload no event took (a request refused after its media was stored); the bytes stay, shared by hash. */
  async discard(countyId: string, id: string): Promise<void> {
    await this.db.sequelize.query('DELETE FROM attachments WHERE county_id = ? AND id = ? AND event_id IS NULL', { replacements: [countyId, id], type: QueryTypes.DELETE });
  }

  /** Attaches unattached `ids` to `eventId` (those already attached stay where they are). */
  async link(opts: { countyId: string; eventId: string; ids: readonly string[] }): Promise<void> {
    if (opts.ids.length === 0) return;
    await this.db.sequelize.query(`UPDATE attachments SET event_id = ? WHERE county_id = ? AND event_id IS NULL AND id IN (${opts.ids.map(() => '?').join(', ')})`, {
      replacements: [opts.eventId, opts.countyId, ...opts.ids],
      type: QueryTypes.UPDATE,
    });
  }
}

/** Every attachment reference in report data: strings of the `att:` form, at the top level or in arrays; fields named under `prefix`. */
export function referencesIn(data: Record<string, unknown>, prefix = 'data'): { field: string; refs: string[] }[] {
  const found: { field: string; refs: string[] }[] = [];
  for (const [key, value] of Object.entries(data)) {
    const values = Array.isArray(value) ? value : [value];
    const refs = values.filter((v): v is string => typeof v === 'string' && ATTACHMENT_REF.test(v));
    if (refs.length > 0) found.push({ field: `${prefix}/${key}`, refs });
  }
  return found;
}
