import { definePlugin, type PluginManifest } from '#plugin_runtime/define_plugin'
import type { ConfigFields } from '#plugin_runtime/config_fields'

/**
 * Protocol: registration of documents in the ente's protocollo informatico
 * (the many products behind e-procurement-WSDM's IWSDMManager, a PEC
 * mailbox, a test register).
 *
 * The core registers from queue jobs: the application when it is submitted
 * (inbound), integration requests and outcomes (outbound), integration
 * answers (inbound), all filed in the pratica's fascicolo. A remote that is
 * down raises RemoteUnavailableError and the job retries with the same
 * idempotency key: a document is never registered twice.
 */

/** The kinds of document OpenCity protocols (specs/opencity/enums.json, protocol_document_types). */
export const PROTOCOL_DOCUMENT_TYPES = [
  'application-request',
  'integration-request',
  'integration-response',
  'application-outcome',
  'application-revocation',
  'application-withdraw',
] as const
export type ProtocolDocumentType = (typeof PROTOCOL_DOCUMENT_TYPES)[number]

export type ProtocolCapabilities = {
  /** createFolder / addToFolder: the system keeps fascicoli */
  folders: boolean
}

/** The sender of an inbound document, the addressee of an outbound one. */
export interface Correspondent {
  kind: 'person' | 'organisation'
  /** codice fiscale or partita IVA */
  fiscalCode?: string
  /** given name, or the organisation's name */
  name: string
  familyName?: string
  email?: string
  pec?: string
  address?: string
}

export interface ProtocolFile {
  filename: string
  contentType: string
  content: Uint8Array
  description?: string
}

export interface RegisterDocumentInput {
  /** stable per effect (e.g. "pratica:42:protocol:application-request") */
  idempotencyKey: string
  documentType: ProtocolDocumentType
  /** oggetto */
  subject: string
  correspondent: Correspondent
  /** the main document (documento principale), e.g. the filled form as PDF */
  mainDocument: ProtocolFile
  attachments: ProtocolFile[]
  /** titolario code, e.g. "6.3" */
  classification?: string
  /** the office (UO) in charge */
  office?: string
  /** an outbound answer names the inbound document it answers */
  inReplyTo?: DocumentRef
}

export interface DocumentRef {
  /** the remote's id of the document */
  documentId: string
  /** numero di protocollo, as the register prints it */
  number: string
  year: number
}

export interface RegisteredDocument extends DocumentRef {
  /** data di protocollazione */
  date: Date
  /** the register (registro) it was recorded in, e.g. "Protocollo generale" */
  register: string
  direction: 'inbound' | 'outbound'
}

/** A file as the register holds it: the hash is the impronta of the Segnatura (SHA-256). */
export interface StoredFile {
  filename: string
  contentType: string
  size: number
  /** hex SHA-256 of the content */
  sha256: string
  /** the bytes, when the system gives them back */
  content?: Uint8Array
}

export interface RegisteredDocumentDetail extends RegisteredDocument {
  documentType: ProtocolDocumentType
  subject: string
  correspondent: Correspondent
  mainDocument: StoredFile
  attachments: StoredFile[]
  /** fascicoli it is filed in */
  folderIds: string[]
}

export interface Folder {
  folderId: string
  /** e.g. "2026/6.3/42" */
  number: string
  subject: string
}

export interface ProtocolAdapter {
  /**
   * Registers a document received by the ente (a citizen's application or
   * answer). Idempotent on `idempotencyKey`: the same key answers the same
   * protocol number.
   *
   * @example
   *   async registerInbound(input) {
   *     const found = await this.findByExternalKey(input.idempotencyKey)   // systems keep a "riferimento esterno"
   *     if (found) return found
   *     const answer = await this.soap.InserisciProtocolloEAnagraficheAsync(toMaggioli(input, 'E'))
   *     return { documentId: answer.IdDocumento, number: answer.NumeroProtocollo, year: answer.AnnoProtocollo,
   *              date: new Date(answer.DataProtocollo), register: 'Protocollo generale', direction: 'inbound' }
   *   }
   */
  registerInbound(input: RegisterDocumentInput): Promise<RegisteredDocument>

  /**
   * Registers a document the ente sends (integration request, outcome).
   * Idempotent like `registerInbound`.
   *
   * @example
   *   async registerOutbound(input) {
   *     return this.register({ ...toMaggioli(input, 'U'), Destinatari: [toAnagrafica(input.correspondent)] }, input.idempotencyKey)
   *   }
   */
  registerOutbound(input: RegisterDocumentInput): Promise<RegisteredDocument>

  /**
   * Reads a registered document back, with every file (at least name, size
   * and SHA-256). Throws ProtocolNotFoundError for an unknown document.
   *
   * @example
   *   async getDocument(ref) {
   *     const answer = await this.soap.LeggiProtocolloAsync({ AnnoProtocollo: ref.year, NumeroProtocollo: ref.number })
   *     if (answer.lngErrNumber === 404) throw new ProtocolNotFoundError(`${ref.number}/${ref.year}`)
   *     return fromMaggioli(answer)
   *   }
   */
  getDocument(ref: DocumentRef): Promise<RegisteredDocumentDetail>

  /**
   * Opens a fascicolo (capability `folders`). Idempotent on `idempotencyKey`.
   *
   * @example
   *   async createFolder({ idempotencyKey, subject, classification }) {
   *     const answer = await this.soap.FascicoloInserisciAsync({ Oggetto: subject, Classifica: classification, CodiceEsterno: idempotencyKey })
   *     return { folderId: answer.CodiceFascicolo, number: answer.NumeroFascicolo, subject }
   *   }
   */
  createFolder?(input: {
    idempotencyKey: string
    subject: string
    classification?: string
  }): Promise<Folder>

  /**
   * Files a registered document in a fascicolo (capability `folders`).
   * Filing it again is a no-op.
   *
   * @example
   *   async addToFolder({ folderId, document }) {
   *     await this.soap.FascicoloAggiungiDocumentoAsync({ CodiceFascicolo: folderId, NumeroDocumento: document.documentId })
   *   }
   */
  addToFolder?(input: { folderId: string; document: DocumentRef }): Promise<void>
}

/**
 * Declares a protocol plugin: the point is fixed and the adapter type bound.
 *
 * @example
 *   export default defineProtocolPlugin({
 *     id: 'protocol_maggioli',
 *     name: 'Protocollo Maggioli',
 *     description: 'Protocollazione sul servizio SOAP Maggioli',
 *     version: '1.0.0',
 *     capabilities: { folders: true },
 *     config: { wsdlUrl: field.url({ label: 'Indirizzo del servizio' }), password: field.secret({ label: 'Password' }) },
 *     create: (context) => new MaggioliAdapter(context),
 *   })
 */
export function defineProtocolPlugin<Fields extends ConfigFields>(
  manifest: Omit<PluginManifest<'protocol', ProtocolAdapter, ProtocolCapabilities, Fields>, 'point'>
): PluginManifest<'protocol', ProtocolAdapter, ProtocolCapabilities, Fields> {
  return definePlugin({ ...manifest, point: 'protocol' })
}
