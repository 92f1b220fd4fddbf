import type Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import { moduloCompilatoOf } from '#services/pratiche/documents'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { withdrawalRefusalFor } from '#services/pratiche/withdraw_pratica'
import PraticaMessage from '#models/pratica_message'
import { PraticaStatus } from '#domain/pratica_status'
import { openRequestOf } from '#services/backoffice/integrations/open_request'

/**
 * The buttons at the top right of the pratica page: "Scarica il modulo
 * compilato" once the PDF made at submission exists, "Ritira pratica"
 * only where the manual's rules allow it (the withdrawal route asks the
 * same rule again before withdrawing).
 */
export async function withdrawalAllowed(pratica: Pratica, service: Service, citizen: Citizen) {
  return (await withdrawalRefusalFor(pratica, service, citizen)) === null
}

export async function moduloCompilato(ente: Ente, pratica: Pratica) {
  const document = await moduloCompilatoOf(pratica)
  return document ? { url: praticaPaths(ente.slug, pratica.uuid).modulo } : null
}

/**
 * "È stata richiesta un'integrazione": the office's request while the
 * pratica waits for it (4200), over "Rispondi alla richiesta
 * integrazione", which opens Messaggi: the citizen answers there, and the
 * operator picks the answers (app/services/backoffice/integrations).
 */
export async function integrationRequestOf(pratica: Pratica) {
  if (pratica.status !== PraticaStatus.DRAFT_FOR_INTEGRATION) return null
  const request = await openRequestOf(pratica)
  const message = request ? await PraticaMessage.find(request.requestMessageId) : null
  return message ? { body: message.body, createdAt: message.createdAt } : null
}
