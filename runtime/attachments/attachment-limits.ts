/**
 * How large an attachment may be, and how many a report may carry. Defaults suit phone photos
 * and short videos; a deployment changes them with server options or the environment
 * (PINGTAI_ATTACHMENT_MAX_BYTES, PINGTAI_ATTACHMENT_MAX_PIXELS, PINGTAI_ATTACHMENT_MAX_PER_REPORT,
 * PINGTAI_ATTACHMENT_MAX_REPORT_BYTES).
 */
export interface AttachmentLimits {
  /** One file, in bytes (default 20 MiB). */
  maxBytes: number;
  /** One image's width × height as declared (default 100 megapixels): larger is a decompression bomb. */
  maxPixels: number;
  /** Attachments one report or one action may name (default 9, as the baseline form allows). */
  maxPerReport: number;
  /** Bytes of all the attachments one report or action names (default 100 MiB). */
  maxReportBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 100_000_000,
  maxPerReport: 9,
  maxReportBytes: 100 * 1024 * 1024,
};

const ENV_NAMES: Record<keyof AttachmentLimits, string> = {
  maxBytes: 'PINGTAI_ATTACHMENT_MAX_BYTES',
  maxPixels: 'PINGTAI_ATTACHMENT_MAX_PIXELS',
  maxPerReport: 'PINGTAI_ATTACHMENT_MAX_PER_REPORT',
  maxReportBytes: 'PINGTAI_ATTACHMENT_MAX_REPORT_BYTES',
};

/** Limits named in the environment (positive integers); a bad value throws naming the variable. */
export function attachmentLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<AttachmentLimits> {
  const limits: Partial<AttachmentLimits> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof AttachmentLimits, string][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, not "${text}"`);
    limits[key] = value;
  }
  return limits;
}
