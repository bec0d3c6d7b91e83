import type { Me } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/** What each role works with: authoring for admins and designers, operations for the rest; the command room's dashboards, map, assessment and alerts for whoever may read them. */
export function navItemsFor(role: Me['role']): NavItem[] {
  const configs = { to: '/configs', label: 'nav.configs' };
  const report = { to: '/report', label: 'nav.report' };
  const worklist = { to: '/worklist', label: 'nav.worklist' };
  const dashboard = { to: '/dashboard', label: 'nav.dashboard' };
  const map = { to: '/map', label: 'nav.map' };
  const assessment = { to: '/assessment', label: 'nav.assessment' };
  const alerts = { to: '/alerts', label: 'nav.alerts' };
  const pilots = { to: '/pilots', label: 'nav.pilots' };
  const backtests = { to: '/backtests', label: 'nav.backtests' };
  switch (role) {
    case 'county_admin':
      return [configs, pilots, backtests, dashboard, map, worklist, assessment, alerts, report, { to: '/accounts', label: 'accounts.nav' }];
    case 'policy_designer':
      return [configs, pilots, backtests, dashboard, assessment, worklist];
    case 'dispatcher':
      return [worklist, dashboard, map, alerts, assessment, report];
    case 'handler':
      return [worklist, dashboard, assessment, report];
    case 'grid_worker':
      return [report, { to: '/worklist', label: 'nav.myEvents' }];
    case 'platform_admin':
      return [{ to: '/counties', label: 'counties.nav' }];
    default: {
      const never: never = role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

export function homeFor(role: Me['role']): string {
  return navItemsFor(role)[0].to;
}
