import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import {
  caseBuilder,
  ConformanceSuite,
  rejection,
  uniqueKey,
  type HarnessLifecycle,
  type JapaTest,
  type SuiteOptions,
} from '#extension_points/conformance'
import type { ConfigFields } from '#plugin_runtime/config_fields'
import type {
  ProtocolAdapter,
  ProtocolCapabilities,
  ProtocolFile,
  RegisterDocumentInput,
  RegisteredDocument,
  StoredFile,
} from './contract.js'
import { ProtocolNotFoundError, RemoteUnavailableError } from './errors.js'

export { createTestAdapter, type CaseResult } from '#extension_points/conformance'

/** Drives the protocol system (or its simulator) for the suite. */
export interface ProtocolHarness extends HarnessLifecycle {
  takeDown(): Promise<void>
  bringUp(): Promise<void>
  /** How many documents the register holds: proves a retry registers once. */
  countDocuments(): Promise<number>
}

export const PROTOCOL_CASES = {
  inbound: 'registers an inbound document with its attachments',
  idempotent: 'registering again with the same idempotency key answers the same number',
  outbound: 'registers an outbound document in reply to an inbound one',
  readBack: 'reads back a registered document with every file intact',
  folders: 'files documents in a fascicolo',
  remoteDown:
    'a system that is down raises RemoteUnavailableError (retryable); the retry registers once',
  notFound: 'an unknown document raises ProtocolNotFoundError',
} as const

export type ProtocolSuiteOptions<Fields extends ConfigFields> = SuiteOptions<
  'protocol',
  ProtocolAdapter,
  ProtocolCapabilities,
  Fields,
  ProtocolHarness
>

/** Every byte value, so a system that mangles binaries (text encodings, trimming) is caught. */
const BINARY = Uint8Array.from({ length: 1024 }, (_, index) => index % 256)

function documentInput(overrides: Partial<RegisterDocumentInput> = {}): RegisterDocumentInput {
  const reference = uniqueKey('pratica')
  return {
    idempotencyKey: uniqueKey('protocollo'),
    documentType: 'application-request',
    subject: `Richiesta di iscrizione al servizio mensa scolastica – pratica ${reference}`,
    correspondent: {
      kind: 'person',
      fiscalCode: 'RSSMRA80A41H501Y',
      name: 'Maria',
      familyName: 'Rossi',
      email: 'maria.rossi@example.test',
    },
    mainDocument: {
      filename: 'domanda.pdf',
      contentType: 'application/pdf',
      content: Buffer.from(`%PDF-1.4\n% domanda ${reference}\n%%EOF\n`),
    },
    attachments: [
      {
        filename: 'documento_identita.pdf',
        contentType: 'application/pdf',
        content: BINARY,
        description: 'Documento di identità',
      },
      {
        filename: 'isee.p7m',
        contentType: 'application/pkcs7-mime',
        content: Buffer.from(`ISEE ${reference}`),
      },
    ],
    classification: '7.4',
    ...overrides,
  }
}

function fingerprint(file: ProtocolFile) {
  return {
    filename: file.filename,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
  }
}

function assertFile(stored: StoredFile, sent: ProtocolFile, what: string) {
  assert.deepEqual(
    { filename: stored.filename, size: stored.size, sha256: stored.sha256 },
    fingerprint(sent),
    `${what} is stored whole`
  )
  if (stored.content)
    assert.ok(Buffer.from(stored.content).equals(Buffer.from(sent.content)), `${what}: same bytes`)
}

function assertRegistered(document: RegisteredDocument, direction: 'inbound' | 'outbound') {
  assert.ok(document.documentId, 'a document id')
  assert.ok(document.number, 'a protocol number')
  assert.ok(
    Number.isInteger(document.year) && document.year >= 2000,
    `a year (got ${document.year})`
  )
  assert.ok(
    document.date instanceof Date && Math.abs(document.date.getTime() - Date.now()) < 86_400_000,
    'registered today'
  )
  assert.ok(document.register, 'the register it is recorded in')
  assert.equal(document.direction, direction)
}

/** The protocol conformance suite as a list of cases (run it with `.run()`). */
export function protocolConformanceCases<Fields extends ConfigFields>(
  options: ProtocolSuiteOptions<Fields>
) {
  const cases = caseBuilder(options)

  return new ConformanceSuite(
    cases.name,
    [
      cases.define(PROTOCOL_CASES.inbound, async ({ adapter }) => {
        const input = documentInput()
        const registered = await adapter.registerInbound(input)
        assertRegistered(registered, 'inbound')
        const detail = await adapter.getDocument(registered)
        assert.deepEqual(
          detail.attachments.map((file) => file.filename),
          input.attachments.map((file) => file.filename),
          'every attachment is registered, in order'
        )
      }),

      cases.define(PROTOCOL_CASES.idempotent, async ({ adapter, harness }) => {
        const before = await harness.countDocuments()
        const input = documentInput()
        const first = await adapter.registerInbound(input)
        const again = await adapter.registerInbound({ ...input })
        assert.deepEqual(
          { documentId: again.documentId, number: again.number, year: again.year },
          { documentId: first.documentId, number: first.number, year: first.year }
        )
        assert.equal(await harness.countDocuments(), before + 1, 'registered once')
      }),

      cases.define(PROTOCOL_CASES.outbound, async ({ adapter }) => {
        const inbound = await adapter.registerInbound(documentInput())
        const outbound = await adapter.registerOutbound(
          documentInput({
            documentType: 'application-outcome',
            subject: 'Esito della richiesta',
            inReplyTo: inbound,
          })
        )
        assertRegistered(outbound, 'outbound')
        assert.notDeepEqual(
          [outbound.number, outbound.year],
          [inbound.number, inbound.year],
          'its own number'
        )
      }),

      cases.define(PROTOCOL_CASES.readBack, async ({ adapter }) => {
        const input = documentInput()
        const registered = await adapter.registerInbound(input)
        const detail = await adapter.getDocument(registered)

        assert.equal(detail.number, registered.number)
        assert.equal(detail.year, registered.year)
        assert.equal(detail.direction, 'inbound')
        assert.equal(detail.documentType, input.documentType)
        assert.equal(detail.subject, input.subject)
        assert.equal(detail.correspondent.fiscalCode, input.correspondent.fiscalCode)
        assertFile(detail.mainDocument, input.mainDocument, 'the main document')
        assert.equal(detail.attachments.length, input.attachments.length, 'every attachment')
        input.attachments.forEach((sent, index) =>
          assertFile(detail.attachments[index], sent, `attachment ${sent.filename}`)
        )

        const outbound = await adapter.registerOutbound(
          documentInput({ documentType: 'integration-request' })
        )
        const outboundDetail = await adapter.getDocument(outbound)
        assert.equal(outboundDetail.direction, 'outbound')
      }),

      cases.define(
        PROTOCOL_CASES.folders,
        async ({ adapter }) => {
          assert.ok(
            adapter.createFolder && adapter.addToFolder,
            'folders needs createFolder and addToFolder'
          )
          const folderInput = {
            idempotencyKey: uniqueKey('fascicolo'),
            subject: 'Pratica mensa scolastica',
            classification: '7.4',
          }
          const folder = await adapter.createFolder(folderInput)
          assert.ok(folder.folderId && folder.number, 'a fascicolo has an id and a number')
          const folderAgain = await adapter.createFolder({ ...folderInput })
          assert.equal(folderAgain.folderId, folder.folderId, 'same key, same fascicolo')

          const inbound = await adapter.registerInbound(documentInput())
          const outbound = await adapter.registerOutbound(
            documentInput({ documentType: 'application-outcome', inReplyTo: inbound })
          )
          await adapter.addToFolder({ folderId: folder.folderId, document: inbound })
          await adapter.addToFolder({ folderId: folder.folderId, document: outbound })
          await adapter.addToFolder({ folderId: folder.folderId, document: inbound })

          const [filedInbound, filedOutbound] = await Promise.all([
            adapter.getDocument(inbound),
            adapter.getDocument(outbound),
          ])
          assert.deepEqual(filedInbound.folderIds, [folder.folderId], 'filed once')
          assert.deepEqual(filedOutbound.folderIds, [folder.folderId])
        },
        'folders'
      ),

      cases.define(PROTOCOL_CASES.remoteDown, async ({ adapter, harness }) => {
        const before = await harness.countDocuments()
        const input = documentInput()
        await harness.takeDown()
        const error = await rejection(
          adapter.registerInbound(input),
          RemoteUnavailableError,
          'registration while down'
        )
        assert.equal(error.retryable, true)
        await harness.bringUp()
        assert.equal(await harness.countDocuments(), before, 'nothing registered while down')
        assertRegistered(await adapter.registerInbound(input), 'inbound')
        assert.equal(await harness.countDocuments(), before + 1)
      }),

      cases.define(PROTOCOL_CASES.notFound, async ({ adapter }) => {
        const unknown = { documentId: uniqueKey('sconosciuto'), number: '9999999', year: 2001 }
        await rejection(
          adapter.getDocument(unknown),
          ProtocolNotFoundError,
          'reading an unknown document'
        )
      }),
    ],
    options.harness
  )
}

/**
 * Registers the protocol conformance suite as a Japa group, in one call.
 *
 * @example
 *   protocolConformance({ test, plugin, config: { ... }, harness: maggioliSimulatorHarness })
 */
export function protocolConformance<Fields extends ConfigFields>(
  options: ProtocolSuiteOptions<Fields> & { test: JapaTest; timeout?: number }
) {
  protocolConformanceCases(options).register(options.test, { timeout: options.timeout })
}
