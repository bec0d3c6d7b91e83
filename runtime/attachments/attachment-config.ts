/**
 * Which attachment store a server uses and its limits, from server options or the environment:
 * files under `<data folder>/attachments` by default; an S3-compatible bucket with
 * PINGTAI_ATTACHMENT_STORE=s3 and PINGTAI_S3_BUCKET, PINGTAI_S3_ENDPOINT, PINGTAI_S3_REGION,
 * PINGTAI_S3_ACCESS_KEY_ID, PINGTAI_S3_SECRET_ACCESS_KEY (for PostgreSQL deployments with several
 * processes: the data folder is not shared between machines).
 */
import { join, resolve } from 'node:path';
import type { Database } from '../db/open-database';
import { attachmentLimitsFromEnv, type AttachmentLimits } from './attachment-limits';
import { FileStore, type AttachmentStore } from './attachment-store';
import { Attachments } from './attachments';
import { S3Store, type S3StoreOptions } from './s3-store';

export interface AttachmentOptions {
  /** Where bytes go (default: files under the data folder). */
  s3?: S3StoreOptions;
  limits?: Partial<AttachmentLimits>;
}

/** Attachment options from the environment; a bad or incomplete setting throws naming the variable. */
export function attachmentOptionsFromEnv(env: NodeJS.ProcessEnv): AttachmentOptions {
  const limits = attachmentLimitsFromEnv(env);
  const kind = env.PINGTAI_ATTACHMENT_STORE || 'files';
  if (kind === 'files') return { limits };
  if (kind !== 's3') throw new Error(`PINGTAI_ATTACHMENT_STORE must be "files" or "s3", not "${kind}"`);
  const need = (name: string) => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required with PINGTAI_ATTACHMENT_STORE=s3`);
    return value;
  };
  return {
    limits,
    s3: {
      bucket: need('PINGTAI_S3_BUCKET'),
      endpoint: env.PINGTAI_S3_ENDPOINT || undefined,
      region: env.PINGTAI_S3_REGION || undefined,
      accessKeyId: need('PINGTAI_S3_ACCESS_KEY_ID'),
      secretAccessKey: need('PINGTAI_S3_SECRET_ACCESS_KEY'),
    },
  };
}

export function createAttachments(opts: { db: Database; dataDir: string; options?: AttachmentOptions }): Attachments {
  const store: AttachmentStore = opts.options?.s3 ? new S3Store(opts.options.s3) : new FileStore(join(resolve(opts.dataDir), 'attachments'));
  return new Attachments({ db: opts.db, store, limits: opts.options?.limits });
}
