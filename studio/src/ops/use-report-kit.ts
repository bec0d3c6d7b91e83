/**
 * The report kit of the county's active config (categories, composed forms, places), fetched
 * once per page load: the report page works from it without the engine.
 */
import { useEffect, useState } from 'react';
import type { ReportKit } from '../api/types';
import { useSession } from '../session/session-context';

export function useReportKit(): { kit: ReportKit | null; error: string | null } {
  const { api, me } = useSession();
  const [state, setState] = useState<{ kit: ReportKit | null; error: string | null }>({ kit: null, error: null });
  useEffect(() => {
    let live = true;
    api.reportKit(me.county).then(
      (kit) => live && setState({ kit, error: null }),
      (e: Error) => live && setState({ kit: null, error: e.message }),
    );
    return () => {
      live = false;
    };
  }, [api, me.county]);
  return state;
}
