/**
 * Attachments are served only with the caller's bearer token, which an `<img src>` cannot send:
 * the file is fetched with it and shown through an object URL, released when no longer shown.
 */
import { useEffect, useState } from 'react';

export function useAuthorizedFile(path: string | null, token: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    fetch(path, { headers: { Authorization: `Bearer ${token}` } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((blob) => {
        if (!blob || cancelled) return;
        objectUrl = URL.createObjectURL(blob);
        setUrl(objectUrl);
      })
      .catch(() => undefined);
    return () => {
      cancelled = true;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [path, token]);
  return url;
}

/** The id of an `att:` reference, or null. */
export const attachmentIdOf = (ref: unknown): string | null => (typeof ref === 'string' ? (/^att:([0-9a-f-]{36})$/.exec(ref)?.[1] ?? null) : null);

/** Uploads one file with progress; resolves with the runtime's answer (its `ref` goes into the data). */
export function uploadAttachment(opts: { county: string; token: string; file: Blob; name: string; onProgress: (percent: number) => void }): Promise<{ ref: string; type: string; thumbnail?: string; url: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/counties/${encodeURIComponent(opts.county)}/attachments`);
    xhr.setRequestHeader('Authorization', `Bearer ${opts.token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      let body: { error?: { message?: string } } & Record<string, unknown> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 201) resolve(body as never);
      else reject(new Error(body.error?.message ?? `HTTP ${xhr.status}`));
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', opts.file, opts.name);
    xhr.send(form);
  });
}
