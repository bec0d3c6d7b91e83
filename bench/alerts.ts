/** Placeholder: bench/alerts. */
export async function benchAlerts(): Promise<void> {}
