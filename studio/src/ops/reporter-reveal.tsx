/**
 * The reporter's name and phone as the caller may see them: masked, with a "显示 / Reveal" button
 * for a role that may reveal them, which asks for a reason (the runtime writes it to the event's
 * history) and then shows the clear values.
 */
import { Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealReporter, type RevealedReporter } from '../api/reporter-client';
import type { ReporterAccess } from '../api/types';
import { useSession } from '../session/session-context';

export function ReporterReveal({ eventId, access, onRevealed }: { eventId: string; access: ReporterAccess | undefined; onRevealed?: () => void }) {
  const { t } = useTranslation();
  const { token, me } = useSession();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [revealed, setRevealed] = useState<RevealedReporter | null>(null);
  if (access === undefined || access === 'clear') return null;

  const submit = async () => {
    if (reason.trim() === '') return setProblem(t('reporterPrivacy.reasonRequired'));
    setBusy(true);
    setProblem(null);
    try {
      setRevealed(await revealReporter({ token, county: me.county, id: eventId, reason: reason.trim() }));
      setOpen(false);
      onRevealed?.();
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (revealed) {
    return (
      <div className="notice" data-testid="reporter-revealed">
        <div>{t('reporterPrivacy.name')}：<strong data-field="reporter-name">{revealed.reporterName ?? '—'}</strong> · {t('reporterPrivacy.phone')}：<strong data-field="reporter-phone">{revealed.reporterPhone ?? '—'}</strong></div>
        <div className="muted small">{t('reporterPrivacy.revealed')}</div>
      </div>
    );
  }
  return (
    <div className="notice" data-testid="reporter-masked">
      <span className="muted">{t('reporterPrivacy.masked')}</span>{' '}
      {access === 'revealable' && (
        <Button size="small" onClick={() => setOpen(true)} data-testid="reveal-reporter">
          {t('reporterPrivacy.reveal')}
        </Button>
      )}
      <Modal open={open} title={t('reporterPrivacy.title')} okText={t('reporterPrivacy.confirm')} cancelText={t('common.cancel')} confirmLoading={busy} onOk={() => void submit()} onCancel={() => setOpen(false)} destroyOnHidden>
        <label>
          {t('reporterPrivacy.reasonLabel')}
          <Input.TextArea value={reason} maxLength={500} rows={3} placeholder={t('reporterPrivacy.reasonPlaceholder')} onChange={(e) => setReason(e.target.value)} data-testid="reveal-reason" />
        </label>
        {problem && <p className="notice notice-error" role="alert">{problem}</p>}
      </Modal>
    </div>
  );
}
