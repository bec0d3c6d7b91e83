/**
 * Files for the attachment suites, made in the test with sharp and by hand: a phone photo with a
 * GPS position in its EXIF, a PNG, a tiny MP4, and the hostile ones (truncated, polyglot,
 * decompression bomb). Plus a multipart upload helper and a look at what the store holds.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A 640×480 JPEG whose EXIF says where it was taken and that it is rotated (orientation 6). */
export async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 200, g: 80, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'TestPhone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '28/1 41/1 42/1', GPSLongitudeRef: 'E', GPSLongitude: '118/1 55/1 5/1' } })
    .toBuffer();
}

export const png = (width = 64, height = 48) => sharp({ create: { width, height, channels: 4, background: { r: 0, g: 120, b: 200, alpha: 1 } } }).png().toBuffer();

function isoBox(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + payload.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, payload]);
}

/** An MP4 as its boxes lay it out: `ftyp` (isom) and an `mdat`. */
export function tinyMp4(): Buffer {
  return Buffer.concat([isoBox('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), isoBox('mdat', Buffer.alloc(256, 7))]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** A PNG of a few hundred bytes whose header declares `side`×`side` pixels (a decompression bomb). */
export function pngBomb(side = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const idat = deflateSync(Buffer.alloc(side + 1, 0));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', idat), pngChunk('IEND', Buffer.alloc(0))]);
}

/** The first bytes of a ZIP archive holding `evil.html`. */
export const ZIP_TAIL = Buffer.concat([Buffer.from('PK\x03\x04\x14\0\0\0\0\0', 'latin1'), Buffer.alloc(16), Buffer.from('evil.html<script>alert(1)</script>', 'latin1')]);
export const HTML_TAIL = Buffer.from('<html><body><script>fetch("/api/v1/me")</script></body></html>', 'latin1');

/** POST one file (or none) as multipart to `path`. */
export async function upload(base: string, path: string, opts: { token?: string; headers?: Record<string, string>; file?: Buffer; name?: string; type?: string; field?: string; extra?: Array<[string, Buffer]> }): Promise<{ status: number; body: any }> {
  const form = new FormData();
  if (opts.file) form.append(opts.field ?? 'file', new Blob([new Uint8Array(opts.file)], { type: opts.type ?? 'image/jpeg' }), opts.name ?? 'photo.jpg');
  for (const [name, bytes] of opts.extra ?? []) form.append(name, new Blob([new Uint8Array(bytes)]), `${name}.bin`);
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}), ...opts.headers }, body: form });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, body };
}

/** GET a file with a token (or with the given headers): status, content type and bytes. */
export async function download(base: string, path: string, token: string | Record<string, string>): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const res = await fetch(`${base}${path}`, { headers: typeof token === 'string' ? { authorization: `Bearer ${token}` } : token });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Every file under the data folder's attachment store (none when it was never made). */
export async function storedFiles(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'attachments');
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}
