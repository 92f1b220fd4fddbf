import { readFile } from 'node:fs/promises'
import type { HttpContext } from '@adonisjs/core/http'
import type Service from '#models/service'
import type { FormioJson } from '#domain/forms/formio/library'
import type { ImportReport } from '#domain/forms/types'
import { currentFormVersion } from '#services/forms/form_versions'
import { listBlocks } from '#services/forms/block_library'
import type { FormPage } from '#services/forms/form_page'
import { presentForm } from '#services/forms/form_presenter'
import { findServiceOrFail } from '#services/services/staff_services'
import {
  MAX_FORM_JSON_LENGTH,
  continuePreview,
  formReport,
  formVersions,
  parseFormJson,
  saveServiceForm,
  startPreview,
} from '#services/services/service_form'
import { simpleServiceForm } from '#database/data/forms/simple_service_form'
import {
  acting,
  renderTab,
  tabUrl,
  type FieldErrors,
} from '#controllers/backoffice/services/editing'

const pretty = (schema: FormioJson) => JSON.stringify(schema, null, 2)

/**
 * "Modulo": the JSON editor with its preview, "Importa da Form.io" and
 * "Salva" (a new version). The preview is the form engine's own page of the
 * edited schema, working as the citizen's: its buttons post the schema
 * back with them, so it can be filled and sent without saving anything.
 */
export default class FormController {
  async edit(ctx: HttpContext) {
    const service = await findServiceOrFail(ctx.ente, ctx.params.service)
    const current = await currentFormVersion(service)
    const schema = current?.schema ?? simpleServiceForm(service.name)
    return this.#render(ctx, service, {
      editorText: pretty(schema),
      schema,
      page: await startPreview(ctx.ente, service, schema),
      notice: current
        ? null
        : 'Il servizio non ha ancora un modulo: questo è un modello da cui partire. Salva per creare la versione 1.',
    })
  }

  /** "Aggiorna anteprima" from the editor, or a button of the preview itself. */
  async preview(ctx: HttpContext) {
    const { ente, request } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const fromPreview = request.input('_draft') !== null && request.input('_draft') !== undefined
    const editorText = String(request.input(fromPreview ? '_editor' : 'schema') ?? '')
    const parsed = parseFormJson(fromPreview ? request.input('_schema') : editorText)
    if (!parsed.ok)
      return this.#render(ctx, service, { editorText, errors: { schema: parsed.error } })
    const page = fromPreview
      ? await continuePreview(ente, service, parsed.schema, request)
      : await startPreview(ente, service, parsed.schema)
    return this.#render(ctx, service, { editorText, schema: parsed.schema, page })
  }

  async save(ctx: HttpContext) {
    const { ente, request, session, response } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const editorText = String(request.input('schema') ?? '')
    const parsed = parseFormJson(editorText)
    if (!parsed.ok)
      return this.#render(ctx, service, { editorText, errors: { schema: parsed.error } })
    const { version, created } = await saveServiceForm(service, parsed.schema, acting(ctx))
    session.flash(
      created ? 'success' : 'info',
      created
        ? `Salvata la versione ${version.version} del modulo: le nuove pratiche useranno questa, quelle già presentate restano sulla loro.`
        : `Il modulo non è cambiato: resta la versione ${version.version}.`
    )
    const report = await formReport(parsed.schema)
    const unsupported = report.unsupported.length
    if (unsupported) {
      session.flash(
        'warning',
        `${unsupported === 1 ? 'Una parte' : `${unsupported} parti`} del modulo non ${unsupported === 1 ? 'è supportata' : 'sono supportate'} e non ${unsupported === 1 ? 'viene mostrata' : 'vengono mostrate'} ai cittadini: vedi l'elenco sotto l'editor.`
      )
    }
    return response.redirect(tabUrl(ctx, service, 'modulo'))
  }

  /** "Importa da Form.io": a file or pasted JSON goes into the editor, with its report and preview. */
  async import(ctx: HttpContext) {
    const { ente, request } = ctx
    const service = await findServiceOrFail(ente, ctx.params.service)
    const current = await currentFormVersion(service)
    const currentText = pretty(current?.schema ?? simpleServiceForm(service.name))
    const file = request.file('formio', { size: MAX_FORM_JSON_LENGTH, extnames: ['json'] })
    let source: unknown = request.input('formio_text')
    if (file) {
      if (!file.isValid || !file.tmpPath) {
        const message =
          file.errors[0]?.type === 'size'
            ? 'Il file è troppo grande (al massimo 900 kB).'
            : 'Scegli un file .json esportato da Form.io.'
        return this.#render(ctx, service, { editorText: currentText, errors: { formio: message } })
      }
      source = await readFile(file.tmpPath, 'utf8')
    }
    const parsed = parseFormJson(source)
    if (!parsed.ok) {
      return this.#render(ctx, service, {
        editorText: currentText,
        importText: typeof source === 'string' && !file ? source : '',
        errors: { formio: parsed.error },
      })
    }
    return this.#render(ctx, service, {
      editorText: pretty(parsed.schema),
      schema: parsed.schema,
      page: await startPreview(ente, service, parsed.schema),
      imported: true,
    })
  }

  async #render(
    ctx: HttpContext,
    service: Service,
    state: {
      editorText: string
      schema?: FormioJson
      page?: FormPage
      errors?: FieldErrors
      notice?: string | null
      importText?: string
      imported?: boolean
    }
  ) {
    const report: ImportReport | null = state.schema ? await formReport(state.schema) : null
    return renderTab(ctx, service, 'modulo', {
      editorText: state.editorText,
      previewSchema: state.schema ? JSON.stringify(state.schema) : null,
      form: state.page ? await presentForm(state.page) : null,
      complete: state.page?.complete ?? null,
      report,
      errors: state.errors ?? {},
      notice: state.notice ?? null,
      importText: state.importText ?? '',
      imported: state.imported === true,
      current: await currentFormVersion(service),
      versions: await formVersions(service),
      blocks: await listBlocks(),
    })
  }
}
