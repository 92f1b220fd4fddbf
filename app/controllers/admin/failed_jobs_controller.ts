import type { HttpContext } from '@adonisjs/core/http'
import { QueueUnavailableError } from '#queue/errors'
import {
  listFailedWork,
  retryFailedJob,
  retryOutboxEvent,
  summarizePayload,
} from '#queue/failed_work'

const DRIVER_LABELS: Record<string, string> = {
  database: 'coda nel database (processo web)',
  bullmq: 'BullMQ su Redis',
}

/**
 * Platform administration: jobs that used all their attempts and outbox
 * events the dispatcher could not hand to the queue, each with "Riprova".
 */
export default class FailedJobsController {
  async index({ view }: HttpContext) {
    const work = await listFailedWork()
    return view.render('pages/admin/jobs/index', {
      title: 'Job non riusciti',
      driverLabel: DRIVER_LABELS[work.driver] ?? work.driver,
      jobsUnavailable: work.jobsUnavailable,
      jobs: work.jobs.map((job) => ({
        ...job,
        payloadSummary: summarizePayload(job.payload),
        retryUrl: `/admin/jobs/${encodeURIComponent(job.id)}/retry`,
      })),
      events: work.stuckEvents.map((event) => ({
        id: event.id,
        type: event.type,
        enteId: event.enteId,
        attempts: event.attempts,
        lastError: event.lastError,
        createdAt: event.createdAt,
        nextAttemptAt: event.availableAt,
        payloadSummary: summarizePayload(event.payload),
        retryUrl: `/admin/jobs/outbox/${event.id}/retry`,
      })),
    })
  }

  async retryJob({ params, response, session }: HttpContext) {
    try {
      const retried = await retryFailedJob(String(params.id))
      if (retried) session.flash('success', 'Job rimesso in coda.')
      else session.flash('warning', 'Il job non è più tra quelli non riusciti.')
    } catch (error) {
      if (!(error instanceof QueueUnavailableError)) throw error
      session.flash('error', `Impossibile riprovare ora: ${error.message}.`)
    }
    return response.redirect('/admin/jobs')
  }

  async retryOutboxEvent({ params, response, session }: HttpContext) {
    const retried = await retryOutboxEvent(Number(params.id))
    if (retried) session.flash('success', 'Evento rimesso in invio.')
    else session.flash('warning', 'L’evento è già stato inviato.')
    return response.redirect('/admin/jobs')
  }
}
