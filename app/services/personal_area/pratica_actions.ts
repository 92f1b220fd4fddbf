import type Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import { moduloCompilatoOf } from '#services/pratiche/documents'
import { praticaPaths } from '#services/pratiche/pratica_paths'
import { withdrawalRefusalFor } from '#services/pratiche/withdraw_pratica'

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
