import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import type Citizen from '#models/citizen'
import type Ente from '#models/ente'
import type Service from '#models/service'
import type Pratica from '#models/pratica'
import PraticaStatusChange from '#models/pratica_status_change'
import Upload from '#models/upload'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { saveFormVersion } from '#services/forms/form_versions'
import { changeStatus } from '#services/pratiche/change_status'
import { postMessage } from '#services/pratiche/post_message'
import type { PraticaStatusCode } from '#domain/pratica_status'

/**
 * Pratiche as the compile flow and the office leave them: a form version,
 * stored data, the iter written by changeStatus from "Bozza" on.
 */
export const PERMIT_FORM = {
  title: 'Permesso',
  display: 'form',
  components: [
    {
      type: 'panel',
      key: 'richiesta',
      title: 'Dati della richiesta',
      input: false,
      components: [
        { type: 'textfield', key: 'targa', label: 'Targa del veicolo', input: true },
        { type: 'textarea', key: 'motivo', label: 'Motivo della richiesta', input: true },
        { type: 'file', key: 'documento', label: 'Documento', input: true, storage: 'base64' },
      ],
    },
  ],
}

export async function areaFixture() {
  const ente = await EnteFactory.create()
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
  }).create()
  const service = await ServiceFactory.merge({
    enteId: ente.id,
    name: 'Richiedere permesso di accesso ad area ZTL',
  }).create()
  const version = await saveFormVersion(service, PERMIT_FORM)
  return { ente, citizen, service, version, area: `/${ente.slug}/area-personale` }
}

/** The route a pratica takes from "Bozza" to each state, as the office would move it. */
const ROUTES: Partial<Record<PraticaStatusCode, PraticaStatusCode[]>> = {
  1000: [],
  1500: [1500],
  1900: [1900],
  2000: [1900, 2000],
  3000: [1900, 2000, 3000],
  4000: [1900, 2000, 4000],
  4100: [1900, 2000, 4000, 4100],
  7000: [1900, 2000, 4000, 7000],
  9000: [1900, 2000, 4000, 9000],
  20000: [1900, 2000, 20000],
}

export async function praticaIn(
  ente: Ente,
  service: Service,
  citizen: Citizen,
  status: PraticaStatusCode,
  data: Record<string, unknown> = { targa: 'AB123CD', motivo: 'Carico e scarico' }
): Promise<Pratica> {
  const formVersion = await service.related('formVersions').query().orderBy('id', 'desc').first()
  const pratica = await PraticaFactory.merge({
    enteId: ente.id,
    serviceId: service.id,
    citizenId: citizen.id,
    formVersionId: formVersion?.id ?? null,
    data,
  }).create()
  await PraticaStatusChange.create({
    enteId: ente.id,
    praticaId: pratica.id,
    fromStatus: null,
    toStatus: 1000,
    partial: false,
    actorType: 'citizen',
    actorId: citizen.id,
  })
  await db.transaction(async (trx) => {
    for (const to of ROUTES[status]!) {
      const submitted = to === 1900
      await changeStatus(trx, pratica.id, to, {
        actor: submitted ? { type: 'citizen', id: citizen.id } : { type: 'system' },
        patch: submitted
          ? {
              submittedAt: DateTime.now(),
              responseDueAt: DateTime.now().plus({ days: service.maxResponseDays ?? 30 }),
            }
          : {},
      })
    }
  })
  await pratica.refresh()
  return pratica
}

/** A message of the office to the applicant. */
export function officeMessage(
  pratica: Pratica,
  body: string,
  visibility: 'applicant' | 'internal' = 'applicant'
) {
  return db.transaction((trx) =>
    postMessage(trx, pratica, {
      author: { type: 'operator', id: 1, name: 'Mario Rossi' },
      body,
      visibility,
    })
  )
}

/** A stored file owned by `owner` (the bytes are on the fake disk). */
export async function storedUpload(ente: Ente, owner: string, name: string, bytes: Buffer) {
  const id = randomUUID()
  const extension = name.split('.').pop()!
  const diskKey = `uploads/${ente.id}/${id}.${extension}`
  await drive.use().put(diskKey, bytes)
  return Upload.create({
    id,
    enteId: ente.id,
    owner,
    field: 'documento',
    clientName: name,
    extension,
    mimeType: extension === 'pdf' ? 'application/pdf' : 'image/png',
    size: bytes.length,
    diskKey,
  })
}

export const pdf = (size = 2048) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)])
export const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500)])
