import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import Upload from '#models/upload'
import PraticaDocument from '#models/pratica_document'
import EntePlugin from '#models/ente_plugin'
import PaymentPosition from '#models/payment_position'
import { EnteFactory } from '#factories/ente_factory'
import { ServiceFactory } from '#factories/service_factory'
import { UserFactory } from '#factories/user_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { PraticaFactory } from '#factories/pratica_factory'
import { OfficeFactory } from '#factories/office_factory'

/** Text that only the guarded pratica, its citizen and its service carry. */
export const MARKERS = ['Zefferina', 'Marcatorini', 'MRCZFF80A41H501T', 'Servizio Marcato']

/**
 * Ente A: the service "Servizio Marcato" with a pratica of Zefferina
 * Marcatorini (a file, a document, a message, a payment position, an office,
 * an operator of its own), its
 * operator enabled for it, a manager of the same ente who is not, and its
 * admin. Ente B: an admin and an operator who must see nothing of A.
 */
export async function walkFixture() {
  const ente = await EnteFactory.create()
  const other = await EnteFactory.create()
  await EntePlugin.create({
    enteId: ente.id,
    pluginId: 'messaging_email',
    inContract: true,
    enabled: true,
    config: { senderAddress: 'noreply@a.example.it', senderName: 'A', maxMessagesPerMinute: 60 },
  })
  const guarded = await ServiceFactory.merge({ enteId: ente.id, name: 'Servizio Marcato' }).create()
  const open = await ServiceFactory.merge({ enteId: ente.id, name: 'Servizio aperto' }).create()
  const office = await OfficeFactory.merge({ enteId: ente.id }).create()
  const enabled = await UserFactory.merge({ enteId: ente.id }).create()
  await enabled.related('services').attach([guarded.id])
  await enabled.related('offices').attach([office.id])
  const notEnabled = await UserFactory.apply('manager').merge({ enteId: ente.id }).create()
  await notEnabled.related('services').attach([open.id])
  await notEnabled.related('offices').attach([office.id])
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    firstName: 'Zefferina',
    lastName: 'Marcatorini',
    fiscalCode: 'MRCZFF80A41H501T',
  }).create()
  const pratica = await PraticaFactory.merge({
    enteId: ente.id,
    serviceId: guarded.id,
    citizenId: citizen.id,
    status: 4000,
    operatorId: enabled.id,
    officeId: office.id,
    submittedAt: DateTime.now().minus({ days: 2 }),
    data: { applicant: { completename: { name: 'Zefferina', surname: 'Marcatorini' } } },
  }).create()
  const upload = await Upload.create({
    id: randomUUID(),
    enteId: ente.id,
    owner: `pratica:${pratica.id}`,
    field: 'documento',
    clientName: 'Marcatorini.pdf',
    extension: 'pdf',
    mimeType: 'application/pdf',
    size: 10,
    diskKey: `tests/${randomUUID()}.pdf`,
  })
  const document = await PraticaDocument.create({
    enteId: ente.id,
    praticaId: pratica.id,
    kind: 'modulo_compilato',
    fileName: 'Marcatorini.pdf',
    mimeType: 'application/pdf',
    size: 10,
    diskKey: `tests/${randomUUID()}.pdf`,
    sha256: '0'.repeat(64),
  })
  const message = await pratica.related('messages').create({
    enteId: ente.id,
    authorType: 'citizen',
    body: 'Messaggio di Zefferina Marcatorini',
    visibility: 'applicant',
  })
  const position = await PaymentPosition.create({
    uuid: randomUUID(),
    enteId: ente.id,
    praticaId: pratica.id,
    citizenId: citizen.id,
    idempotencyKey: `walk:${pratica.id}`,
    type: 'PAGOPA',
    status: 'CREATION_FAILED',
    pluginId: 'payment_mypay',
    amountCents: 1600,
    causale: 'Diritti di istruttoria',
    creditorFiscalCode: '80004560126',
    payer: { fiscalCode: 'MRCZFF80A41H501T', name: 'Zefferina Marcatorini', kind: 'person' },
    links: {},
    createdAt: DateTime.now(),
  })
  return {
    ente,
    position,
    other,
    guarded,
    office,
    pratica,
    upload,
    document,
    message,
    enabled,
    notEnabled,
    admin: await UserFactory.apply('enteAdmin').merge({ enteId: ente.id }).create(),
    otherAdmin: await UserFactory.apply('enteAdmin').merge({ enteId: other.id }).create(),
    otherOperator: await UserFactory.merge({ enteId: other.id }).create(),
  }
}

export type WalkFixture = Awaited<ReturnType<typeof walkFixture>>
