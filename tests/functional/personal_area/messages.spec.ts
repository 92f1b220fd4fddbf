import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import PraticaMessage from '#models/pratica_message'
import Upload from '#models/upload'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { PRATICA_MESSAGE_CREATED } from '#services/pratiche/post_message'
import { DEFAULT_MAX_SIZE } from '#domain/forms/rules/files'
import { areaFixture, pdf, png, praticaIn } from './helpers.js'

const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 1)])
const OLE = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(300),
])
const PROGRAM = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00'), Buffer.alloc(300)])

async function messagesOf(praticaId: number) {
  return PraticaMessage.query().where('pratica_id', praticaId).orderBy('id')
}

test.group('Personal area: messages of a pratica', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('"Invia messaggio" with attachments: stored, announced, attachments moved to the message', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 2000)
    const url = `${area}/pratiche/${pratica.uuid}`

    const response = await client
      .post(`${url}/messaggi`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
      .field('messaggio', '  Buongiorno, quando riceverò risposta?  ')
      .file('allegati', pdf(), { filename: 'ricevuta.pdf' })
      .file('allegati', OLE, { filename: 'lettera.doc' })
      .file('allegati', Buffer.from('targa;data\nAB123CD;12/02/2025\n'), { filename: 'elenco.csv' })

    response.assertStatus(302)
    response.assertHeader('location', `${url}#messaggi`)
    const [message] = await messagesOf(pratica.id)
    assert.equal(message.body, 'Buongiorno, quando riceverò risposta?')
    assert.equal(message.authorType, 'citizen')
    assert.equal(message.authorId, citizen.id)
    assert.equal(message.visibility, 'applicant')
    const files = await Upload.query()
      .where('owner', `message:${message.id}`)
      .orderBy('client_name')
    assert.deepEqual(
      files.map((file) => [file.clientName, file.mimeType]),
      [
        ['elenco.csv', 'text/csv'],
        ['lettera.doc', 'application/msword'],
        ['ricevuta.pdf', 'application/pdf'],
      ]
    )
    for (const file of files) assert.isTrue(await drive.use().exists(file.diskKey))
    const events = await db.from('outbox_events').where('type', PRATICA_MESSAGE_CREATED)
    assert.lengthOf(events, 1)

    const page = pageText(
      await client
        .get(url)
        .withFlashMessages(response.flashMessages())
        .withGuard('citizen')
        .loginAs(citizen)
    )
    assert.include(page, 'Messaggio inviato.')
    assert.include(page, 'lettera.doc')
  })

  test('a closed pratica still takes messages (Accettata, Rifiutata, Ritirata)', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    for (const status of [7000, 9000, 20000] as const) {
      const pratica = await praticaIn(ente, service, citizen, status)
      const page = pageText(
        await client.get(`${area}/pratiche/${pratica.uuid}`).withGuard('citizen').loginAs(citizen)
      )
      assert.include(page, 'Invia messaggio', `form on ${status}`)
      const response = await client
        .post(`${area}/pratiche/${pratica.uuid}/messaggi`)
        .withGuard('citizen')
        .loginAs(citizen)
        .withCsrfToken()
        .redirects(0)
        .form({ messaggio: 'Vorrei una copia della risposta.' })
      response.assertStatus(302)
      assert.lengthOf(await messagesOf(pratica.id), 1, `message on ${status}`)
    }
  })

  test('refused by type, size and content, with Italian reasons; the text typed comes back', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 2000)
    const send = (file: Buffer, filename: string) =>
      client
        .post(`${area}/pratiche/${pratica.uuid}/messaggi`)
        .withGuard('citizen')
        .loginAs(citizen)
        .withCsrfToken()
        .field('messaggio', 'Allego il documento <richiesto> & firmato')
        .file('allegati', file, { filename })

    const cases: Array<[Buffer, string, string]> = [
      [
        PROGRAM,
        'programma.exe',
        'Il file «programma.exe» non è di un tipo ammesso: puoi caricare solo file doc, docx, odt, pdf,',
      ],
      [
        pdf(DEFAULT_MAX_SIZE + 1),
        'enorme.pdf',
        'Il file «enorme.pdf» supera la dimensione massima di 30 MB.',
      ],
      [
        PROGRAM,
        'fattura.pdf',
        'Il contenuto del file «fattura.pdf» non corrisponde a un file pdf: carica il documento originale.',
      ],
      [
        PROGRAM,
        'note.txt',
        'Il contenuto del file «note.txt» non corrisponde a un file txt: carica il documento originale.',
      ],
      [png(), 'foto.docx', 'Il contenuto del file «foto.docx» non corrisponde a un file docx'],
    ]
    for (const [file, name, reason] of cases) {
      const response = await send(file, name)
      response.assertStatus(422)
      const text = pageText(response)
      assert.include(text, reason, name)
      assert.include(text, 'Il messaggio non è stato inviato:')
      assert.include(text, '>Allego il documento <richiesto> & firmato</textarea>', 'text kept')
      assert.include(
        text,
        'aria-invalid=true aria-describedby="message-files-hint message-files-error"'
      )
    }
    assert.lengthOf(await messagesOf(pratica.id), 0)
    assert.lengthOf(await Upload.all(), 0)
  })

  test('without text: not sent, the accepted files kept under the form and sent with it later', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 2000)
    const url = `${area}/pratiche/${pratica.uuid}/messaggi`

    const first = await client
      .post(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .field('messaggio', '   ')
      .file('allegati', DOCX, { filename: 'domanda.docx' })
      .file('allegati', pdf(), { filename: 'libretto.pdf' })
    first.assertStatus(422)
    const text = pageText(first)
    assert.include(text, 'Scrivi il testo del messaggio.')
    assert.include(text, 'id="message-body-error"')
    const draft = /name="_draft" value="([0-9a-f-]{36})"/.exec(text)![1]
    assert.include(text, 'domanda.docx')
    assert.include(text, 'libretto.pdf')
    const kept = await Upload.query().where('owner', `draft:${draft}`).orderBy('client_name')
    assert.lengthOf(kept, 2)

    // "Rimuovi" one of them: the other stays
    const removed = await client
      .post(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .form({ messaggio: 'Ecco i documenti', _draft: draft, rimuovi: kept[0].id })
    removed.assertStatus(200)
    assert.notInclude(pageText(removed), 'domanda.docx')
    assert.include(pageText(removed), '>Ecco i documenti</textarea>')
    assert.isFalse(await drive.use().exists(kept[0].diskKey))

    const sent = await client
      .post(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
      .form({ messaggio: 'Ecco i documenti', _draft: draft })
    sent.assertStatus(302)
    const [message] = await messagesOf(pratica.id)
    const files = await Upload.query().where('owner', `message:${message.id}`)
    assert.deepEqual(
      files.map((file) => file.clientName),
      ['libretto.pdf']
    )
  })

  test("a draft takes no message; another citizen's pratica answers 404", async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const draft = await praticaIn(ente, service, citizen, 1000)
    const refused = await client
      .post(`${area}/pratiche/${draft.uuid}/messaggi`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .form({ messaggio: 'Prova' })
    refused.assertStatus(422)
    assert.include(pageText(refused), "Potrai scrivere all'ufficio dopo aver inviato la pratica.")

    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 2000)
    const response = await client
      .post(`${area}/pratiche/${theirs.uuid}/messaggi`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .form({ messaggio: 'Prova' })
    response.assertStatus(404)
    assert.lengthOf(await PraticaMessage.all(), 0)
  })
})
