/** Placeholder: bench/dashboard. */
export async function benchDashboard(): Promise<void> {}
