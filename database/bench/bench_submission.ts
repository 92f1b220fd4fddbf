import Ente from '#models/ente'
import Service from '#models/service'
import { saveFormVersion } from '#services/forms/form_versions'
import { simpleServiceForm } from '#database/data/forms/simple_service_form'

/**
 * The submission bench (bin/bench_scenarios.js): "Servizio numero 1" of
 * bench-ente-2 gets the form of a demo service (Informativa privacy,
 * Richiedente, a description, Documenti allegati), so that a bench
 * citizen fills and sends a realistic pratica. Saving the same form again
 * changes nothing.
 */
export const BENCH_SUBMISSION = { ente: 'bench-ente-2', service: 'servizio-1' }

export async function seedBenchSubmission() {
  const ente = await Ente.findBy('slug', BENCH_SUBMISSION.ente)
  if (!ente) return
  const service = await Service.query()
    .where('ente_id', ente.id)
    .where('slug', BENCH_SUBMISSION.service)
    .firstOrFail()
  await saveFormVersion(service, simpleServiceForm(service.name))
}
