/**
 * bench/attachments: photo uploads through the runtime (multipart over HTTP, type from the bytes,
 * structure check, decode, re-encode without metadata, thumbnail, content-addressed write, metadata
 * row) against the baseline of writing the same bytes to disk, in the same run. The ratio is what
 * the checks and the re-encoding cost per byte.
 *
 * `node --import tsx bench/attachments.ts [--files 24] [--concurrency 4]`
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import { createToken } from '../runtime/auth/tokens';
import { startServer } from '../runtime/server';

/** A phone-sized photo (2016×1512, noisy so that it compresses like a real one), distinct per seed. */
async function photo(seed: number): Promise<Buffer> {
  return sharp({ create: { width: 2016, height: 1512, channels: 3, background: { r: seed % 255, g: (seed * 7) % 255, b: 90 }, noise: { type: 'gaussian', mean: 120 + (seed % 20), sigma: 25 } } })
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function inParallel<T>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  }));
}

export async function benchAttachments(options: { files?: number; concurrency?: number } = {}): Promise<{ filesPerSecond: number; mbPerSecond: number; ratio: number }> {
  const files = options.files ?? 24;
  const concurrency = options.concurrency ?? 4;
  const dir = await mkdtemp(join(tmpdir(), 'pingtai-bench-attachments-'));
  const server = await startServer({ port: 0, dataDir: join(dir, 'data'), logger: pino({ level: 'silent' }), loops: false, handleSignals: false, print: () => undefined, webhooks: {} });
  try {
    const { token } = await createToken(server.db, { county: 'demo', role: 'grid_worker', unit: 'qs-fx-v01-g1' });
    const photos = await Promise.all(Array.from({ length: files }, (_, i) => photo(i)));
    const bytes = photos.reduce((sum, p) => sum + p.length, 0);
    console.log(`bench/attachments  ${files} phone photos (${(bytes / files / 1024).toFixed(0)} KB each, 2016×1512), ${concurrency} at a time`);
    const upload = async (p: Buffer) => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(p)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${server.url}/api/v1/counties/demo/attachments`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    };
    await upload(await photo(10_000)); // warm-up
    const disk = async () => {
      const t = performance.now();
      await inParallel(photos, concurrency, (p, i) => writeFile(join(dir, `plain-${i}.jpg`), p));
      return performance.now() - t;
    };
    const http = async () => {
      const t = performance.now();
      await inParallel(photos, concurrency, (p) => upload(p));
      return performance.now() - t;
    };
    await disk();
    const diskMs = await disk();
    const uploadMs = await http(); // once: a second run would find every photo stored already
    const filesPerSecond = (files / uploadMs) * 1000;
    const mbPerSecond = bytes / 1024 / 1024 / (uploadMs / 1000);
    const ratio = uploadMs / diskMs;
    console.log(`  write the bytes to disk (baseline): ${diskMs.toFixed(0).padStart(7)} ms  (${(bytes / 1024 / 1024 / (diskMs / 1000)).toFixed(0)} MB/s)`);
    console.log(`  upload through the runtime:         ${uploadMs.toFixed(0).padStart(7)} ms  (${filesPerSecond.toFixed(1)} photos/s, ${mbPerSecond.toFixed(1)} MB/s)`);
    console.log(`  ratio upload / disk write: ${ratio.toFixed(0)}×`);
    return { filesPerSecond, mbPerSecond, ratio };
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : undefined;
  };
  await benchAttachments({ files: arg('--files'), concurrency: arg('--concurrency') });
}
