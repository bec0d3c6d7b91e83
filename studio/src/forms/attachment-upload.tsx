/**
 * Photos and short videos for a report or a resolution: the phone's camera (`capture`) or its
 * gallery, each file uploaded at once with its progress, shown as a thumbnail; the value is the
 * list of `att:` references the runtime answered.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Image, Upload, type UploadFile } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentIdOf, countyTarget, uploadAttachment, useAuthorizedFile, type AttachmentTarget } from './authorized-file';

export interface AttachmentUploadProps {
  target: AttachmentTarget;
  value: readonly string[];
  onChange: (refs: string[]) => void;
  max?: number;
  disabled?: boolean;
  testId?: string;
}

function Thumbnail({ target, id }: { target: AttachmentTarget; id: string }) {
  const src = useAuthorizedFile(`${target.base}/${id}/thumbnail`, target.headers);
  const { t } = useTranslation();
  return src ? <img src={src} alt="" style={{ width: '100%', height: '100%', objectFit: 'cover' }} /> : <span className="muted">{t('attachments.video')}</span>;
}

export function AttachmentUpload({ target, value, onChange, max = 9, disabled, testId = 'attachment-upload' }: AttachmentUploadProps) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<UploadFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  // several files finish one after another: each adds to the latest list, not the one it started with
  const latest = useRef(value);
  latest.current = value;
  const done: UploadFile[] = value.map((ref) => ({ uid: ref, name: ref, status: 'done' as const }));
  return (
    <div data-testid={testId}>
      <Upload
        listType="picture-card"
        accept="image/*,video/*"
        capture="environment"
        multiple
        disabled={disabled}
        fileList={[...done, ...pending]}
        itemRender={(node, file) => {
          const id = attachmentIdOf(file.uid);
          return id ? (
            <div className="attachment-thumb" data-ref={file.uid} style={{ width: '100%', height: '100%', position: 'relative' }}>
              <Thumbnail target={target} id={id} />
              <button type="button" className="attachment-remove" aria-label="remove" style={{ position: 'absolute', top: 2, right: 2 }} onClick={() => onChange(value.filter((r) => r !== file.uid))}>
                ×
              </button>
            </div>
          ) : (
            node
          );
        }}
        customRequest={({ file, onProgress, onSuccess, onError }) => {
          const blob = file as File;
          const uid = (file as UploadFile).uid ?? String(Math.random());
          setError(null);
          setPending((p) => [...p, { uid, name: blob.name, status: 'uploading', percent: 0 }]);
          uploadAttachment({
            target,
            file: blob,
            name: blob.name,
            onProgress: (percent) => {
              onProgress?.({ percent });
              setPending((p) => p.map((f) => (f.uid === uid ? { ...f, percent } : f)));
            },
          }).then(
            (answer) => {
              setPending((p) => p.filter((f) => f.uid !== uid));
              onSuccess?.(answer);
              onChange([...latest.current, answer.ref]);
            },
            (err: Error) => {
              setPending((p) => p.filter((f) => f.uid !== uid));
              setError(t('attachments.failed', { message: err.message }));
              onError?.(err);
            },
          );
        }}
        showUploadList={{ showPreviewIcon: false }}
      >
        {value.length + pending.length >= max ? null : (
          <div>
            <PlusOutlined />
            <div style={{ marginTop: 4 }}>{pending.length ? t('attachments.uploading') : t('attachments.add')}</div>
          </div>
        )}
      </Upload>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** Thumbnails of attachments; a click opens the original (images) or plays it (videos). */
export function AttachmentGallery({ county, token, refs, testId = 'attachment-gallery' }: { county: string; token: string; refs: readonly string[]; testId?: string }) {
  const ids = refs.map(attachmentIdOf).filter((id): id is string => id !== null);
  if (ids.length === 0) return null;
  return (
    <div className="attachment-gallery" data-testid={testId} style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>
      <Image.PreviewGroup>
        {ids.map((id) => (
          <GalleryItem key={id} county={county} token={token} id={id} />
        ))}
      </Image.PreviewGroup>
    </div>
  );
}

function GalleryItem({ county, token, id }: { county: string; token: string; id: string }) {
  const { base: root, headers } = countyTarget(county, token);
  const base = `${root}/${id}`;
  const thumb = useAuthorizedFile(`${base}/thumbnail`, headers);
  const full = useAuthorizedFile(base, headers);
  const { t } = useTranslation();
  if (!thumb) {
    return full ? <video src={full} controls width={160} aria-label={t('attachments.video')} /> : <span className="muted">…</span>;
  }
  return <Image width={96} height={96} style={{ objectFit: 'cover' }} src={thumb} preview={full ? { src: full } : false} alt={t('attachments.open')} data-attachment={id} />;
}
