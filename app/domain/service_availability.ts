/**
 * Publication status of a service, and whether citizens can use it now.
 */
export const SERVICE_STATUSES = ['published', 'private', 'suspended', 'scheduled'] as const
export type ServiceStatus = (typeof SERVICE_STATUSES)[number]

export const SERVICE_STATUS_LABELS: Record<ServiceStatus, string> = {
  published: 'Pubblicato',
  private: 'Privato',
  suspended: 'Sospeso',
  scheduled: 'Programmato',
}

export type Availability = {
  /** listed in the public catalogue */
  listed: boolean
  /** a new pratica can be started */
  open: boolean
}

/**
 * A scheduled service is open only between its dates (inclusive start,
 * exclusive end) and is listed meanwhile; a private one is reachable only by
 * its link; a suspended one shows its scheda but accepts nothing.
 */
export function availability(
  status: ServiceStatus,
  now: Date,
  window: { from: Date | null; to: Date | null } = { from: null, to: null }
): Availability {
  switch (status) {
    case 'published':
      return { listed: true, open: true }
    case 'private':
      return { listed: false, open: true }
    case 'suspended':
      return { listed: true, open: false }
    case 'scheduled': {
      const started = !window.from || now >= window.from
      const notEnded = !window.to || now < window.to
      return { listed: started && notEnded, open: started && notEnded }
    }
  }
}
