import { createHash } from 'node:crypto'
import type {
  Correspondent,
  DocumentRef,
  Folder,
  ProtocolAdapter,
  ProtocolDocumentType,
  ProtocolFile,
  RegisterDocumentInput,
  RegisteredDocument,
  RegisteredDocumentDetail,
} from '#extension_points/protocol/contract'
import { ProtocolNotFoundError } from '#extension_points/protocol/errors'
import type { TestRegisterClient } from './client.js'

type Registration = {
  id: number
  anno: number
  numero: string
  data: string
  registro: string
  verso: 'E' | 'U'
}
type StoredFileAnswer = {
  filename: string
  contentType: string
  sha256: string
  contentBase64: string
}
type Detail = Registration & {
  tipo: string
  oggetto: string
  corrispondente: Correspondent
  file: StoredFileAnswer[]
  fascicoli: string[]
}

const toBase64 = (file: ProtocolFile) => Buffer.from(file.content).toString('base64')

/**
 * Protocol adapter for the test register: the idempotency key travels as
 * the register's external key, the main document is the first file,
 * attachments follow in order.
 */
export class TestRegisterAdapter implements ProtocolAdapter {
  constructor(
    private client: TestRegisterClient,
    private aoo: string
  ) {}

  registerInbound(input: RegisterDocumentInput) {
    return this.#register(input, 'E')
  }

  registerOutbound(input: RegisterDocumentInput) {
    return this.#register(input, 'U')
  }

  async getDocument(ref: DocumentRef): Promise<RegisteredDocumentDetail> {
    const answer = await this.client.call<Detail>(
      'GET',
      `/documenti?aoo=${encodeURIComponent(this.aoo)}&id=${encodeURIComponent(ref.documentId)}`
    )
    if (!answer) throw new ProtocolNotFoundError(`${ref.number}/${ref.year}`)
    const [mainDocument, ...attachments] = answer.file.map((file) => {
      const content = Buffer.from(file.contentBase64, 'base64')
      return {
        filename: file.filename,
        contentType: file.contentType,
        size: content.length,
        sha256: createHash('sha256').update(content).digest('hex'),
        content: new Uint8Array(content),
      }
    })
    return {
      ...toRegistered(answer),
      documentType: answer.tipo as ProtocolDocumentType,
      subject: answer.oggetto,
      correspondent: answer.corrispondente,
      mainDocument,
      attachments,
      folderIds: answer.fascicoli,
    }
  }

  async createFolder(input: {
    idempotencyKey: string
    subject: string
    classification?: string
  }): Promise<Folder> {
    const answer = await this.client.call<{ id: number; numero: string; oggetto: string }>(
      'POST',
      '/fascicoli',
      {
        aoo: this.aoo,
        subject: input.subject,
        classification: input.classification,
        externalKey: input.idempotencyKey,
      }
    )
    return { folderId: String(answer!.id), number: answer!.numero, subject: answer!.oggetto }
  }

  async addToFolder(input: { folderId: string; document: DocumentRef }): Promise<void> {
    const answer = await this.client.call('POST', '/fascicoli/documenti', {
      aoo: this.aoo,
      folderId: Number(input.folderId),
      documentId: Number(input.document.documentId),
    })
    if (!answer) throw new ProtocolNotFoundError(`${input.document.number}/${input.document.year}`)
  }

  async #register(input: RegisterDocumentInput, direction: 'E' | 'U'): Promise<RegisteredDocument> {
    const answer = await this.client.call<Registration>('POST', '/documenti', {
      aoo: this.aoo,
      direction,
      kind: input.documentType,
      subject: input.subject,
      correspondent: input.correspondent,
      classification: input.classification,
      office: input.office,
      inReplyTo: input.inReplyTo ? Number(input.inReplyTo.documentId) : undefined,
      externalKey: input.idempotencyKey,
      files: [input.mainDocument, ...input.attachments].map((file) => ({
        filename: file.filename,
        contentType: file.contentType,
        contentBase64: toBase64(file),
      })),
    })
    return toRegistered(answer!)
  }
}

function toRegistered(answer: Registration): RegisteredDocument {
  return {
    documentId: String(answer.id),
    number: answer.numero,
    year: answer.anno,
    date: new Date(answer.data),
    register: answer.registro,
    direction: answer.verso === 'E' ? 'inbound' : 'outbound',
  }
}
