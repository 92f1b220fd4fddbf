import type Citizen from '#models/citizen'
import type Ente from '#models/ente'
import Pratica from '#models/pratica'
import PraticaDocument from '#models/pratica_document'
import { formatSize } from '#domain/forms/rules/files'
import { attachmentsOf } from '#services/personal_area/attachments'
import { citizenPratiche } from '#services/personal_area/citizen_pratiche'
import { displayMoment } from '#services/personal_area/dates'
import { praticaUrls } from '#services/personal_area/pratica_urls'
import { praticaPaths } from '#services/pratiche/pratica_paths'

/**
 * The "Allegati" and "Documenti" sections of the personal area: the
 * files of all the citizen's pratiche (theirs and the office's, from the
 * forms and the messages) and the documents issued to them (the modulo
 * compilato; response documents later), newest first, always available.
 */
export interface SectionFile {
  name: string
  size: string
  when: string
  url: string
  pratica: { uuid: string; serviceName: string; url: string }
}

async function praticheById(ente: Ente, citizen: Citizen) {
  const pratiche = await citizenPratiche(ente, citizen).preload('service')
  return new Map(pratiche.map((pratica) => [pratica.id, pratica]))
}

function praticaRef(ente: Ente, pratica: Pratica) {
  return {
    uuid: pratica.uuid,
    serviceName: pratica.service.name,
    url: praticaUrls(ente.slug, pratica.uuid, 'area').page,
  }
}

export async function citizenAttachments(ente: Ente, citizen: Citizen, locale: string) {
  const pratiche = await praticheById(ente, citizen)
  const visible = await attachmentsOf(ente, [...pratiche.keys()])
  return visible.reverse().map(({ upload, source }): SectionFile => {
    const pratica = pratiche.get(source.praticaId)!
    return {
      name: upload.clientName,
      size: formatSize(upload.size),
      when: displayMoment(upload.createdAt, locale),
      url: praticaUrls(ente.slug, pratica.uuid, 'area').attachment(upload.id),
      pratica: praticaRef(ente, pratica),
    }
  })
}

export async function citizenDocuments(ente: Ente, citizen: Citizen, locale: string) {
  const pratiche = await praticheById(ente, citizen)
  if (pratiche.size === 0) return []
  const documents = await PraticaDocument.forEnte(ente)
    .whereIn('pratica_id', [...pratiche.keys()])
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
  return documents.map((document): SectionFile & { kind: string } => {
    const pratica = pratiche.get(document.praticaId)!
    return {
      kind: document.kind,
      name: document.fileName,
      size: formatSize(document.size),
      when: displayMoment(document.createdAt, locale),
      url: praticaPaths(ente.slug, pratica.uuid).modulo,
      pratica: praticaRef(ente, pratica),
    }
  })
}
