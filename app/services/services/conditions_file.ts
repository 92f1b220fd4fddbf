import drive from '@adonisjs/drive/services/main'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type Ente from '#models/ente'
import type Service from '#models/service'
import Upload from '#models/upload'
import type { FileRules } from '#domain/forms/types'
import { formatSize } from '#domain/forms/rules/files'
import { acceptUpload } from '#services/forms/uploads'
import { recordAudit } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'
import { serviceSubject } from '#services/services/update_service'

/**
 * The "Condizioni di servizio" file a citizen downloads from the scheda.
 * It goes through the same checks as a citizen's upload (type by name,
 * size, content by magic bytes), lives on the drive disk, and is recorded
 * as an upload owned by its service; `services.conditions_file_path`
 * names it.
 */
export const CONDITIONS_FILE_RULES: FileRules = {
  types: ['pdf', 'p7m', 'odt', 'docx'],
  maxSize: 10 * 1024 * 1024,
  minSize: 0,
  multiple: false,
}

export interface ConditionsFile {
  name: string
  extension: string
  mimeType: string
  size: number
  sizeText: string
  diskKey: string
}

function ownerOf(service: Service) {
  return `service:${service.id}:condizioni`
}

async function uploadOf(service: Service) {
  if (!service.conditionsFilePath) return null
  return Upload.forEnte({ id: service.enteId })
    .where('owner', ownerOf(service))
    .where('disk_key', service.conditionsFilePath)
    .first()
}

export async function conditionsFileOf(service: Service): Promise<ConditionsFile | null> {
  const upload = await uploadOf(service)
  if (!upload) return null
  return {
    name: upload.clientName,
    extension: upload.extension,
    mimeType: upload.mimeType,
    size: upload.size,
    sizeText: formatSize(upload.size),
    diskKey: upload.diskKey,
  }
}

/** Stores the new file in place of the old one; the reason in Italian when it is refused. */
export async function replaceConditionsFile(
  ente: Ente,
  service: Service,
  file: MultipartFile,
  by: Acting
): Promise<{ error: string } | { file: ConditionsFile }> {
  const outcome = await acceptUpload(
    ente,
    ownerOf(service),
    'condizioni',
    CONDITIONS_FILE_RULES,
    file
  )
  if (!outcome.upload) return { error: outcome.error }
  const previous = await uploadOf(service)
  service.conditionsFilePath = outcome.upload.diskKey
  await service.save()
  if (previous) await deleteUpload(previous)
  await audit(service, by, outcome.upload.clientName)
  return { file: (await conditionsFileOf(service))! }
}

export async function removeConditionsFile(service: Service, by: Acting) {
  const previous = await uploadOf(service)
  if (!previous) return
  service.conditionsFilePath = null
  await service.save()
  await deleteUpload(previous)
  await audit(service, by, null)
}

function audit(service: Service, by: Acting, fileName: string | null) {
  return recordAudit({
    action: 'service_updated',
    enteId: service.enteId,
    actor: by.actor,
    subject: serviceSubject(service),
    metadata: { tab: 'scheda', fields: ['conditionsFile'], conditionsFile: fileName },
    origin: by.origin,
  })
}

async function deleteUpload(upload: Upload) {
  await upload.delete()
  await drive.use().delete(upload.diskKey)
}

/** The file's bytes for the download, or null when the service has none. */
export async function openConditionsFile(service: Service) {
  const file = await conditionsFileOf(service)
  if (!file) return null
  return { file, stream: await drive.use().getStream(file.diskKey) }
}
