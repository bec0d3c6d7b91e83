/**
 * Where attachment bytes live, addressed by their SHA-256: the same bytes uploaded twice are
 * stored once, and a stored file never changes. The default keeps them under the data folder
 * (`attachments/ab/cd/abcd…`); {@link S3Store} (s3-store.ts) keeps them in an S3-compatible
 * bucket, for PostgreSQL deployments with several runtime processes.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export interface AttachmentStore {
  /** Stores `bytes` under their hash (a no-op when already there); returns the hash. */
  put(bytes: Buffer): Promise<string>;
  /** The bytes of `sha256`, or null when the store does not have them. */
  get(sha256: string): Promise<Buffer | null>;
  /** What the store is, for the start-up line (no secrets). */
  readonly description: string;
}

export const sha256Of = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

const SHA256 = /^[0-9a-f]{64}$/;

/** The key of a hash in a store: two levels of folders so no folder grows too large. */
export function contentKey(sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Files under `root`, written to a temporary name and renamed, so a reader never sees half a file. */
export class FileStore implements AttachmentStore {
  readonly description: string;
  constructor(private readonly root: string) {
    this.description = `files in ${root}`;
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = sha256Of(bytes);
    const path = join(this.root, contentKey(sha256));
    const existing = await stat(path).catch(() => null);
    if (existing?.size === bytes.length) return sha256;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.part`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, path);
    } catch (err) {
      await rm(temporary, { force: true });
      throw err;
    }
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await readFile(join(this.root, contentKey(sha256)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
}
