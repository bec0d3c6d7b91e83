/** Events this browser reported, so a grid worker finds them again to confirm or reopen. */
const KEY = 'pingtai.myReports';

export interface RecentReport {
  id: string;
  category: string;
  at: string;
}

export function readRecentReports(): RecentReport[] {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '[]') as RecentReport[];
  } catch {
    return [];
  }
}

export function rememberReport(report: RecentReport): void {
  const list = [report, ...readRecentReports().filter((r) => r.id !== report.id)].slice(0, 50);
  localStorage.setItem(KEY, JSON.stringify(list));
}
