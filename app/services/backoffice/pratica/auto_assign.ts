import Office from '#models/office'
import Service from '#models/service'
import { runOnce } from '#queue/run_once'
import { autoAssignedOffice } from '#domain/pratica_work'
import { lockPratica } from '#services/backoffice/pratica/locked_pratica'

/**
 * Automatic assignment at acquisition: a service with an "Assegnazione
 * automatica" rule sends the pratica to the office its form's value names
 * (only its operators then take it in charge). Once per pratica; an
 * office already chosen by hand, or an office no longer of the ente,
 * leaves the pratica as it is.
 */
export async function autoAssign(praticaId: number) {
  await runOnce(`pratica:${praticaId}:auto_assign`, async (trx) => {
    const pratica = await lockPratica(trx, praticaId)
    const service = await Service.query({ client: trx })
      .where('id', pratica.serviceId)
      .firstOrFail()
    if (!service.autoAssignment || pratica.officeId !== null) return
    const officeId = autoAssignedOffice(service.autoAssignment, pratica.data ?? {})
    if (officeId === null) return
    const office = await Office.query({ client: trx })
      .where('ente_id', pratica.enteId)
      .where('id', officeId)
      .first()
    if (!office) return
    await pratica.useTransaction(trx).merge({ officeId: office.id }).save()
  })
}
