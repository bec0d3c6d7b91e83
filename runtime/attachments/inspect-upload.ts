/**
 * What an uploaded file is, decided from its bytes (never its name or Content-Type), and the
 * version of it that is stored: images are decoded and re-encoded with the orientation applied
 * and no metadata (EXIF, GPS location, XMP, comments) and get a thumbnail; videos are checked
 * box by box. Anything else — a type not allowed, a truncated file, bytes appended after the
 * image (a polyglot), more pixels than allowed (a decompression bomb) — is refused with an
 * {@link HttpError} naming the problem, before anything is written.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';
import { HttpError, UnprocessableError } from '../http/errors';
import type { AttachmentLimits } from './attachment-limits';
import { ATTACHMENT_TYPES, structureProblem, type AttachmentMediaType } from './file-structure';

export interface InspectedUpload {
  mediaType: AttachmentMediaType;
  /** The bytes to store: re-encoded without metadata for images, as sent for videos. */
  bytes: Buffer;
  width: number | null;
  height: number | null;
  /** A JPEG at most 320 px on its longer side, for images. */
  thumbnail: Buffer | null;
}

const THUMBNAIL_SIDE = 320;
const FIELD = 'file';

const isAllowed = (mime: string): mime is AttachmentMediaType => Object.hasOwn(ATTACHMENT_TYPES, mime);

export async function inspectUpload(bytes: Buffer, limits: AttachmentLimits): Promise<InspectedUpload> {
  if (bytes.length === 0) throw new UnprocessableError('empty-file', 'the file is empty', { field: FIELD });
  const detected = await fileTypeFromBuffer(bytes);
  if (!detected || !isAllowed(detected.mime)) {
    const what = detected ? `${detected.mime}` : 'not a recognisable photo or video';
    throw new HttpError(415, 'type-not-allowed', `the file is ${what}; allowed are JPEG, PNG, WebP, MP4 and QuickTime video`, { field: FIELD });
  }
  const mediaType = detected.mime;
  const problem = structureProblem(ATTACHMENT_TYPES[mediaType], bytes);
  if (problem) throw new UnprocessableError(problem.code, problem.message, { field: FIELD });
  if (mediaType === 'image/heic') {
    throw new HttpError(415, 'type-not-allowed', 'HEIC photos cannot be processed here; send JPEG (a phone camera in the browser sends JPEG)', { field: FIELD });
  }
  if (mediaType === 'video/mp4' || mediaType === 'video/quicktime') return { mediaType, bytes, width: null, height: null, thumbnail: null };
  return reencodeImage(bytes, mediaType, limits);
}

async function reencodeImage(bytes: Buffer, mediaType: AttachmentMediaType, limits: AttachmentLimits): Promise<InspectedUpload> {
  const input = { limitInputPixels: limits.maxPixels, failOn: 'warning' as const, sequentialRead: true };
  let meta: Metadata;
  try {
    // the header only (no pixels decoded), so that a declared size over the limit is named as such
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw new UnprocessableError('undecodable', 'the image cannot be read: it is damaged or truncated', { field: FIELD, cause });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > limits.maxPixels || width === 0 || height === 0) {
    throw new UnprocessableError('too-many-pixels', `the image declares ${width}×${height} pixels; at most ${limits.maxPixels.toLocaleString('en')} are allowed`, { field: FIELD });
  }
  try {
    // rotate(): the EXIF orientation applied to the pixels, since the EXIF itself is not kept
    const oriented = sharp(bytes, input).rotate();
    const encoded =
      mediaType === 'image/png' ? oriented.png() : mediaType === 'image/webp' ? oriented.webp({ quality: 85 }) : oriented.jpeg({ quality: 88 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data).resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    return { mediaType, bytes: data, width: info.width, height: info.height, thumbnail };
  } catch (cause) {
    if (cause instanceof HttpError) throw cause;
    throw new UnprocessableError('undecodable', 'the image cannot be decoded: it is damaged or truncated', { field: FIELD, cause });
  }
}
