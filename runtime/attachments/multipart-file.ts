/**
 * Reads one file and some text fields from a `multipart/form-data` request with busboy, holding
 * the file in memory up to a byte limit. A file over the limit is refused (413) as soon as the
 * limit is passed, without reading the rest into memory; a second file, a non-multipart body or
 * a malformed one is a 4xx naming what is wrong.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { BadRequestError, HttpError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../http/errors';

export interface MultipartUpload {
  /** The file's bytes, or null when the request had no file part named `fileField`. */
  file: Buffer | null;
  fields: Record<string, string>;
}

export function readMultipart(req: IncomingMessage, opts: { fileField: string; maxBytes: number; maxFields?: number }): Promise<MultipartUpload> {
  const type = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\b/i.test(type)) return Promise.reject(new UnsupportedMediaTypeError(`the body must be multipart/form-data with the file in the part "${opts.fileField}"`));
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: opts.maxBytes, fields: opts.maxFields ?? 50, fieldSize: 16 * 1024, parts: (opts.maxFields ?? 50) + 1 } });
    } catch (cause) {
      reject(new BadRequestError('bad-multipart', 'the multipart body cannot be read (a boundary is missing?)', { field: 'body', cause }));
      return;
    }
    let settled = false;
    const fail = (err: HttpError) => {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      req.resume(); // drain the rest so the answer can be sent
      reject(err);
    };
    const chunks: Buffer[] = [];
    let file: Buffer | null = null;
    let sawFile = false;
    const fields: Record<string, string> = {};
    parser.on('file', (name, stream) => {
      // a body that ends inside the file fails the file's stream too: unheard, that error would end the process
      stream.on('error', (cause: unknown) => fail(new BadRequestError('bad-multipart', 'the multipart body ends inside the file', { field: opts.fileField, cause })));
      if (name !== opts.fileField || sawFile) {
        stream.resume();
        fail(new BadRequestError('unexpected-file', `only one file, in the part "${opts.fileField}", is accepted (got "${name}")`, { field: name }));
        return;
      }
      sawFile = true;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(new PayloadTooLargeError(`the file is larger than ${opts.maxBytes} bytes`, { field: opts.fileField })));
      stream.on('end', () => {
        if (!settled) file = Buffer.concat(chunks);
      });
    });
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(new PayloadTooLargeError(`the field "${name}" is too long`, { field: name }));
      else fields[name] = value;
    });
    parser.on('filesLimit', () => fail(new BadRequestError('unexpected-file', `only one file, in the part "${opts.fileField}", is accepted`, { field: opts.fileField })));
    parser.on('fieldsLimit', () => fail(new BadRequestError('too-many-fields', 'too many fields in the multipart body', { field: 'body' })));
    parser.on('partsLimit', () => fail(new BadRequestError('too-many-fields', 'too many parts in the multipart body', { field: 'body' })));
    parser.on('error', (cause: unknown) => fail(new BadRequestError('bad-multipart', 'the multipart body is malformed or ends early', { field: 'body', cause })));
    parser.on('close', () => {
      if (settled) return;
      settled = true;
      resolve({ file, fields });
    });
    req.on('aborted', () => fail(new BadRequestError('bad-multipart', 'the upload was interrupted', { field: 'body' })));
    req.pipe(parser);
  });
}
