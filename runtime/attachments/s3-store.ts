/**
 * Attachment bytes in an S3-compatible bucket (MinIO, Alibaba OSS, AWS S3), keyed by SHA-256 as
 * in the file store, for deployments whose runtime processes share no disk.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { contentKey, sha256Of, type AttachmentStore } from './attachment-store';

export interface S3StoreOptions {
  /** e.g. `http://127.0.0.1:9000` for MinIO; omitted for AWS itself. */
  endpoint?: string;
  bucket: string;
  region?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** A key prefix inside the bucket (default `attachments/`). */
  prefix?: string;
}

export class S3Store implements AttachmentStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly opts: S3StoreOptions) {
    this.prefix = opts.prefix ?? 'attachments/';
    this.description = `S3 bucket ${opts.bucket}${opts.endpoint ? ` at ${opts.endpoint}` : ''}`;
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region ?? 'us-east-1',
      forcePathStyle: opts.endpoint !== undefined,
      credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey },
      // checksums only where S3 requires them: S3-compatible stores (older MinIO, OSS) refuse the newer trailers
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  private key(sha256: string): string {
    return `${this.prefix}${contentKey(sha256)}`;
  }

  async put(bytes: Buffer): Promise<string> {
    const sha256 = sha256Of(bytes);
    const Key = this.key(sha256);
    const existing = await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key })).catch(() => null);
    if (existing?.ContentLength === bytes.length) return sha256;
    await this.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key, Body: bytes, ContentLength: bytes.length, ContentType: 'application/octet-stream' }));
    return sha256;
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.key(sha256) }));
      if (!answer.Body) return null;
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (err) {
      const name = (err as { name?: string }).name;
      if (name === 'NoSuchKey' || name === 'NotFound') return null;
      throw err;
    }
  }

  /** Closes the client's sockets. */
  close(): void {
    this.client.destroy();
  }
}
