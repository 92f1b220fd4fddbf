/**
 * Which jobs run for each outbox event type. Filled next to the job
 * registrations (start/jobs.ts; plugins through the plugin runtime):
 *
 *   subscriptions.subscribe('pratica.submitted', 'pratiche.acquire')
 */
export class OutboxSubscriptions {
  #jobsByType = new Map<string, Set<string>>()

  subscribe(eventType: string, ...jobNames: string[]) {
    const jobs = this.#jobsByType.get(eventType) ?? new Set<string>()
    for (const name of jobNames) jobs.add(name)
    this.#jobsByType.set(eventType, jobs)
  }

  jobsFor(eventType: string): string[] {
    return [...(this.#jobsByType.get(eventType) ?? [])]
  }
}

export const subscriptions = new OutboxSubscriptions()
