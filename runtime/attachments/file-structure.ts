/**
 * Where a file's own structure says it ends. A valid image followed by more bytes (a ZIP, an
 * HTML page) is a polyglot: the image viewer shows a photo, another program finds the appended
 * file. Each allowed format is walked from its header to its end marker; bytes after it, or an
 * end marker missing (a truncated upload), are problems with a stable code.
 */

/** The media types an attachment may have, as detected from the bytes. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
} as const;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;
export type StructureFormat = (typeof ATTACHMENT_TYPES)[AttachmentMediaType];

export type StructureProblem = { code: 'truncated' | 'trailing-data'; message: string };

/** Null when `bytes` end exactly where their format says; otherwise what is wrong. */
export function structureProblem(format: StructureFormat, bytes: Uint8Array): StructureProblem | null {
  switch (format) {
    case 'jpeg':
      return endsAt(jpegEnd(bytes), bytes, 'the JPEG end-of-image marker');
    case 'png':
      return endsAt(pngEnd(bytes), bytes, 'the PNG IEND chunk');
    case 'webp':
      return endsAt(riffEnd(bytes), bytes, 'the WebP RIFF size');
    case 'heic':
    case 'mp4':
    case 'mov':
      return endsAt(isoBoxesEnd(bytes), bytes, 'the last ISO media box');
    default: {
      const never: never = format;
      throw new Error(`unknown format ${String(never)}`);
    }
  }
}

function endsAt(end: number | null, bytes: Uint8Array, what: string): StructureProblem | null {
  if (end === null || end > bytes.length) return { code: 'truncated', message: `the file ends before ${what}: it is truncated or damaged` };
  if (end < bytes.length) return { code: 'trailing-data', message: `${bytes.length - end} bytes follow ${what}: a file with something appended is not accepted` };
  return null;
}

/** The offset just past the JPEG's EOI marker, walking segments and entropy-coded data. */
function jpegEnd(b: Uint8Array): number | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 1 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return i + 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (i + 3 >= b.length) return null;
    const length = (b[i + 2] << 8) | b[i + 3];
    if (length < 2) return null;
    i += 2 + length;
    if (marker === 0xda) {
      // entropy-coded data: up to the next marker that is neither a stuffed 0xFF00 nor a restart
      while (i + 1 < b.length) {
        if (b[i] === 0xff && b[i + 1] !== 0x00 && !(b[i + 1] >= 0xd0 && b[i + 1] <= 0xd7) && b[i + 1] !== 0xff) break;
        i += 1;
      }
    }
  }
  return null;
}

/** The offset just past the PNG's IEND chunk. */
function pngEnd(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i + 12 <= b.length) {
    const length = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    const next = i + 12 + length;
    if (type === 'IEND') return next;
    i = next;
  }
  return null;
}

/** RIFF: 8 bytes of header and the size it declares (padded to even). */
function riffEnd(b: Uint8Array): number | null {
  if (b.length < 12) return null;
  const size = new DataView(b.buffer, b.byteOffset, b.byteLength).getUint32(4, true);
  return 8 + size + (size % 2);
}

/** Boxes found at the top level of MP4, QuickTime and HEIF files. */
const ISO_TOP_LEVEL_BOXES = new Set(['ftyp', 'styp', 'moov', 'mdat', 'free', 'skip', 'wide', 'uuid', 'meta', 'pdin', 'moof', 'mfra', 'sidx', 'ssix', 'prft', 'emsg', 'pnot', 'junk', 'udta', 'beam', 'idat', 'iinf', 'iloc']);

/** ISO base media (MP4, QuickTime, HEIF): top-level boxes laid end to end cover the file. */
function isoBoxesEnd(b: Uint8Array): number | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 0;
  while (i < b.length) {
    if (i + 8 > b.length) return null;
    let size = view.getUint32(i);
    const type = String.fromCharCode(b[i + 4], b[i + 5], b[i + 6], b[i + 7]);
    if (!ISO_TOP_LEVEL_BOXES.has(type)) return i; // not a box a media file has at its top level: appended
    if (size === 0) return b.length; // the last box runs to the end
    if (size === 1) {
      if (i + 16 > b.length) return null;
      size = Number(view.getBigUint64(i + 8));
    }
    if (size < 8) return null;
    i += size;
  }
  return i;
}
