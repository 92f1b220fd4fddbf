import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type Ente from '#models/ente'
import type Service from '#models/service'
import ServiceFormVersion from '#models/service_form_version'
import { importForm } from '#domain/forms/formio/import'
import { inlineBlocks, type FormioJson } from '#domain/forms/formio/library'
import type { ImportReport } from '#domain/forms/types'
import { blockLibrary } from '#services/forms/block_library'
import { currentFormVersion, saveFormVersion } from '#services/forms/form_versions'
import { postForm, startForm, type FormPage } from '#services/forms/form_page'
import { recordAudit } from '#services/audit/audit_log'
import type { Acting } from '#services/operators/types'
import { serviceSubject } from '#services/services/update_service'

/**
 * The "Modulo" tab: the form's Form.io JSON, edited as text, imported
 * from a Form.io export, previewed before saving and saved as a new
 * version (a pratica keeps the version it was filled with).
 */
export const MAX_FORM_JSON_LENGTH = 900_000

export type ParsedForm = { ok: true; schema: FormioJson } | { ok: false; error: string }

/** The JSON typed or pasted, as a Form.io form, or why it is not one (in Italian). */
export function parseFormJson(text: unknown): ParsedForm {
  const source = typeof text === 'string' ? text.trim() : ''
  if (!source) return { ok: false, error: 'Scrivi o incolla il JSON del modulo.' }
  if (source.length > MAX_FORM_JSON_LENGTH)
    return { ok: false, error: 'Il JSON del modulo è troppo grande (al massimo 900 kB).' }
  let value: unknown
  try {
    value = JSON.parse(source)
  } catch (error) {
    return { ok: false, error: `Il JSON non è valido: ${whereJsonFails(source, error as Error)}` }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return {
      ok: false,
      error: 'Il JSON di un modulo Form.io è un oggetto con l’elenco «components».',
    }
  if (!Array.isArray((value as FormioJson).components))
    return { ok: false, error: 'Questo JSON non è un modulo Form.io: manca l’elenco «components».' }
  return { ok: true, schema: value as FormioJson }
}

/** "riga 3, colonna 14" from V8's message ("... at position 42", or "line 3 column 14"). */
function whereJsonFails(source: string, error: Error) {
  const position = /position (\d+)/.exec(error.message)
  if (position) {
    const before = source.slice(0, Number(position[1]))
    const line = before.split('\n').length
    const column = Number(position[1]) - before.lastIndexOf('\n')
    return `c'è un errore alla riga ${line}, colonna ${column}.`
  }
  const lineColumn = /line (\d+) column (\d+)/.exec(error.message)
  if (lineColumn) return `c'è un errore alla riga ${lineColumn[1]}, colonna ${lineColumn[2]}.`
  return 'il testo finisce prima del previsto o contiene caratteri non ammessi.'
}

/** What the engine makes of a schema: its report (unsupported and adapted parts) with the blocks resolved. */
export async function formReport(schema: FormioJson): Promise<ImportReport> {
  return importForm(inlineBlocks(schema, await blockLibrary())).report
}

/**
 * A version of the schema that is not saved, for the preview: rendered and
 * validated by the form engine exactly as a saved one.
 */
async function unsavedVersion(service: Service, schema: FormioJson) {
  const version = new ServiceFormVersion()
  version.merge({
    enteId: service.enteId,
    serviceId: service.id,
    version: 0,
    schema: inlineBlocks(schema, await blockLibrary()),
    translations: {},
  })
  return version
}

/** The preview's first page. */
export async function startPreview(ente: Ente, service: Service, schema: FormioJson) {
  return startForm(ente, await unsavedVersion(service, schema))
}

/** The preview after "Avanti", "Indietro", "Invia" or a grid button, as the citizen's form would go. */
export async function continuePreview(
  ente: Ente,
  service: Service,
  schema: FormioJson,
  request: HttpContext['request']
): Promise<FormPage> {
  return postForm(ente, await unsavedVersion(service, schema), request)
}

/**
 * "Salva": a new version when the schema changed (the same schema keeps
 * the current one). The new version takes over the label translations of
 * the one before, keyed by text, so the labels it keeps stay translated.
 */
export async function saveServiceForm(service: Service, schema: FormioJson, by: Acting) {
  return db.transaction(async (trx) => {
    const previous = await currentFormVersion(service, trx)
    const version = await saveFormVersion(service, schema, {
      client: trx,
      createdById: by.actor.id,
    })
    const created = version.id !== previous?.id
    if (created) {
      if (previous && Object.keys(previous.translations ?? {}).length) {
        version.translations = previous.translations
        await version.useTransaction(trx).save()
      }
      await recordAudit(
        {
          action: 'service_form_saved',
          enteId: service.enteId,
          actor: by.actor,
          subject: serviceSubject(service),
          metadata: { version: version.version },
          origin: by.origin,
        },
        trx
      )
    }
    return { version, created }
  })
}

/** The saved versions, newest first, with who saved them. */
export async function formVersions(service: Service) {
  const versions = await ServiceFormVersion.forEnte({ id: service.enteId })
    .where('service_form_versions.service_id', service.id)
    .leftJoin('users', 'users.id', 'service_form_versions.created_by_id')
    .orderBy('service_form_versions.version', 'desc')
    .select(
      'service_form_versions.id',
      'service_form_versions.version',
      'service_form_versions.created_at',
      'users.first_name as author_first_name',
      'users.last_name as author_last_name'
    )
  return versions.map((version) => ({
    number: version.version,
    savedAt: version.createdAt.setZone('Europe/Rome').toFormat('dd/MM/yyyy HH:mm'),
    author: [version.$extras.author_first_name, version.$extras.author_last_name]
      .filter(Boolean)
      .join(' '),
  }))
}
