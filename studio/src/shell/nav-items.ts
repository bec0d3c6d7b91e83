import type { Me } from '../api/types';

export interface NavItem {
  to: string;
  label: string;
}

/** What each role works with: authoring for admins and designers, operations for the rest. */
export function navItemsFor(role: Me['role']): NavItem[] {
  const configs = { to: '/configs', label: 'nav.configs' };
  const report = { to: '/report', label: 'nav.report' };
  const worklist = { to: '/worklist', label: 'nav.worklist' };
  switch (role) {
    case 'county_admin':
      return [configs, worklist, report, { to: '/accounts', label: 'accounts.nav' }];
    case 'policy_designer':
      return [configs, worklist];
    case 'dispatcher':
    case 'handler':
      return [worklist, report];
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
