import vine, { errors } from '@vinejs/vine'
import type { PluginHttpRequest, PluginHttpResponse } from '#extension_points/define_plugin'
import {
  countDocuments,
  fileInFolder,
  openFolder,
  readDocument,
  registerDocument,
} from './store.js'

/**
 * The register's HTTP API, as a protocol system would expose it (JSON, the
 * files in base64), mounted at /_sim/protocol_test_register/ outside
 * production. The adapter is its only client.
 */
const REGISTER_NAME = 'Protocollo generale (registro di prova)'

const fileSchema = vine.object({
  filename: vine.string().maxLength(255),
  contentType: vine.string().maxLength(120),
  contentBase64: vine.string(),
})

const registerDocumentInput = vine.compile(
  vine.object({
    aoo: vine.string().maxLength(60),
    direction: vine.enum(['E', 'U'] as const),
    kind: vine.string().maxLength(40),
    subject: vine.string().maxLength(2000),
    correspondent: vine.object({}).allowUnknownProperties(),
    classification: vine.string().maxLength(40).optional(),
    office: vine.string().maxLength(255).optional(),
    inReplyTo: vine.number().optional(),
    externalKey: vine.string().maxLength(255),
    files: vine.array(fileSchema).minLength(1),
  })
)

const openFolderInput = vine.compile(
  vine.object({
    aoo: vine.string().maxLength(60),
    subject: vine.string().maxLength(2000),
    classification: vine.string().maxLength(40).optional(),
    externalKey: vine.string().maxLength(255),
  })
)

const fileInput = vine.compile(
  vine.object({ aoo: vine.string(), folderId: vine.number(), documentId: vine.number() })
)

function json(status: number, body: Record<string, unknown>): PluginHttpResponse {
  return { status, headers: { 'content-type': 'application/json' }, body }
}

/** Invalid input is a 400 with the field errors, as a real system's fault answer. */
async function validated<T>(run: () => Promise<T>): Promise<T | PluginHttpResponse> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) return json(400, { errors: error.messages })
    throw error
  }
}

const isResponse = (value: unknown): value is PluginHttpResponse =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value

export const simulatorRoutes = [
  {
    method: 'POST' as const,
    path: '/documenti',
    csrfExempt: true,
    async handler(request: PluginHttpRequest) {
      const input = await validated(() => registerDocumentInput.validate(request.body))
      if (isResponse(input)) return input
      const { document, created } = await registerDocument(input)
      return json(created ? 201 : 200, {
        id: document.id,
        anno: document.year,
        numero: String(document.number).padStart(7, '0'),
        data: document.createdAt.toISOString(),
        registro: REGISTER_NAME,
        verso: document.direction,
      })
    },
  },
  {
    method: 'GET' as const,
    path: '/documenti',
    async handler(request: PluginHttpRequest) {
      const id = Number(request.query.id)
      const document = Number.isInteger(id)
        ? await readDocument(String(request.query.aoo ?? ''), id)
        : null
      if (!document) return json(404, { errore: 'documento non trovato' })
      return json(200, {
        id: document.id,
        anno: document.year,
        numero: String(document.number).padStart(7, '0'),
        data: document.createdAt.toISOString(),
        registro: REGISTER_NAME,
        verso: document.direction,
        tipo: document.kind,
        oggetto: document.subject,
        corrispondente: document.correspondent,
        classifica: document.classification,
        inRispostaA: document.inReplyTo,
        file: document.files,
        fascicoli: document.folderIds,
      })
    },
  },
  {
    method: 'POST' as const,
    path: '/fascicoli',
    csrfExempt: true,
    async handler(request: PluginHttpRequest) {
      const input = await validated(() => openFolderInput.validate(request.body))
      if (isResponse(input)) return input
      const folder = await openFolder(input)
      return json(200, { id: folder.id, numero: folder.number, oggetto: folder.subject })
    },
  },
  {
    method: 'POST' as const,
    path: '/fascicoli/documenti',
    csrfExempt: true,
    async handler(request: PluginHttpRequest) {
      const input = await validated(() => fileInput.validate(request.body))
      if (isResponse(input)) return input
      const filed = await fileInFolder(input.aoo, input.folderId, input.documentId)
      return filed
        ? json(200, { ok: true })
        : json(404, { errore: 'fascicolo o documento non trovato' })
    },
  },
  {
    method: 'GET' as const,
    path: '/stato',
    async handler() {
      return json(200, { documenti: await countDocuments() })
    },
  },
]
