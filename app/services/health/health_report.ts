/**
 * Placeholder, completed below with the database, queue and mail checks.
 */
export async function runHealthChecks() {
  return { isHealthy: true, checks: [] as unknown[] }
}
