/**
 * The report page's "use my location / 使用我的位置": asks the browser for the phone's position
 * and fills in the grid it lies in (and the coordinates), by the county's boundaries. The work
 * loads on the first press (grid-placement.ts); a phone without geolocation sees no button.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session-context';

export function UseMyLocation({ onPlaced }: { onPlaced: (place: { grid: string; lat: number; lng: number }) => void }) {
  const { t } = useTranslation();
  const { api, me } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  if (typeof navigator === 'undefined' || !navigator.geolocation) return null;
  const locate = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const { placeMe } = await import('./grid-placement');
      const placed = await placeMe(api, me.county);
      if (placed.ok) onPlaced(placed);
      else setProblem(t(`placement.${placed.message}`, placed.values));
    } catch (e) {
      setProblem((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="use-my-location">
      <button type="button" onClick={locate} disabled={busy} data-action="use-my-location">
        {busy ? t('report.locating') : t('report.useLocation')}
      </button>
      {problem && <p className="error-text" role="alert" data-testid="location-problem">{problem}</p>}
    </div>
  );
}
