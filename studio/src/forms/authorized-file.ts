/**
 * Attachments are served only with the caller's credentials (a signed-in person's bearer token, or
 * on the public page the page's upload key), which an `<img src>` cannot send: the file is
 * fetched with them and shown through an object URL, released when no longer shown.
 */
import { createContext, useEffect, useState } from 'react';

/** Where uploads go and the headers that go with them: a county's API for people, the public API for citizens. */
export interface AttachmentTarget {
  base: string;
  headers: Record<string, string>;
}

export const countyTarget = (county: string, token: string): AttachmentTarget => ({ base: `/api/v1/counties/${encodeURIComponent(county)}/attachments`, headers: { Authorization: `Bearer ${token}` } });
export const publicTarget = (county: string, uploadKey: string): AttachmentTarget => ({ base: `/api/v1/public/${encodeURIComponent(county)}/attachments`, headers: { 'X-Upload-Key': uploadKey } });

/** The target a page without a signed-in session provides (the public report page). */
export const AttachmentTargetContext = createContext<AttachmentTarget | null>(null);

/** A random upload key for a citizen's page (22+ URL-safe characters). */
export function newUploadKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function useAuthorizedFile(path: string | null, headers: Record<string, string>): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const headerKey = JSON.stringify(headers);
  useEffect(() => {
    if (!path) return undefined;
    let objectUrl: string | null = null;
    let cancelled = false;
    fetch(path, { headers: JSON.parse(headerKey) as Record<string, string> })
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
  }, [path, headerKey]);
  return url;
}

/** The id of an `att:` reference, or null. */
export const attachmentIdOf = (ref: unknown): string | null => (typeof ref === 'string' ? (/^att:([0-9a-f-]{36})$/.exec(ref)?.[1] ?? null) : null);

/** Uploads one file with progress; resolves with the runtime's answer (its `ref` goes into the data). */
export function uploadAttachment(opts: { target: AttachmentTarget; file: Blob; name: string; onProgress: (percent: number) => void }): Promise<{ ref: string; type: string; thumbnail?: string; url: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', opts.target.base);
    for (const [name, value] of Object.entries(opts.target.headers)) xhr.setRequestHeader(name, value);
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
