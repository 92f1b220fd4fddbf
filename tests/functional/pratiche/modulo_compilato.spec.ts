import { test } from '@japa/runner'
import { execFile } from 'node:child_process'
import testUtils from '@adonisjs/core/services/test_utils'
import Ente from '#models/ente'
import Upload from '#models/upload'
import { CitizenFactory } from '#factories/citizen_factory'
import { praticaSummary } from '#services/pratiche/pratica_form'
import { asCitizen, fillAndSubmit, openDraft, pdfFile, workTheQueue, ztlSetup } from './helpers.js'

/** The text of a PDF as poppler's pdftotext reads it, whitespace collapsed. */
function pdfText(pdf: Buffer): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile('pdftotext', ['-raw', '-enc', 'UTF-8', '-', '-'], (error, stdout) =>
      error ? reject(error) : resolve(stdout.replace(/\s+/g, ' '))
    )
    child.stdin!.end(pdf)
  })
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim()

test.group('Pratica: the modulo compilato PDF', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the ente, the request and every visible label and value, and no hidden field', async ({
    client,
    assert,
  }) => {
    const { ente, service, citizen } = await ztlSetup()
    // typed in blocks that end up hidden: applying for themselves, a permanent permit
    const { pratica, base } = await fillAndSubmit(client, ente, service, citizen, {
      'beneficiary/completename/name': 'Nascostissimo',
      'beneficiary/fiscal_code/fiscal_code': 'RSSMRA80B20L378U',
      'days': '77',
    })
    await workTheQueue()
    await pratica.refresh()

    const response = await asCitizen(client.get(`${base}/modulo-compilato`), ente, citizen)
    response.assertStatus(200)
    response.assertHeader('content-type', 'application/pdf')
    assert.equal(
      response.header('content-disposition'),
      `attachment; filename="modulo-compilato-${pratica.uuid}.pdf"`
    )
    const text = await pdfText(response.body())

    assert.include(text, ente.name)
    assert.include(text, `Codice fiscale ${ente.codiceFiscale}`)
    assert.include(text, 'Modulo compilato')
    assert.include(text, service.name)
    assert.include(text, `Numero richiesta ${pratica.uuid}`)
    assert.include(text, 'Richiesta presentata il')
    assert.include(text, 'Riceverai risposta entro il')
    assert.include(text, `${citizen.firstName} ${citizen.lastName}`)

    const sections = await praticaSummary(await Ente.findOrFail(ente.id), pratica)
    const rows = sections.flatMap((section) => section.rows)
    assert.isAbove(rows.length, 15)
    for (const section of sections) assert.include(text, collapse(section.title))
    for (const row of rows) {
      assert.include(text, collapse(row.label), `label ${row.label}`)
      if (row.value) assert.include(text, collapse(row.value), `value of ${row.label}`)
    }
    // spot checks, whatever the summary says
    assert.include(text, "Ho letto e compreso l'informativa sulla privacy Sì")
    assert.include(text, 'Targa (1) AB123CD')
    assert.include(text, `Codice Fiscale ${citizen.fiscalCode}`)
    assert.include(text, 'Specifica la durata del permesso permanente')

    assert.notInclude(text, 'Nascostissimo')
    assert.notInclude(text, 'RSSMRA80B20L378U')
    assert.notInclude(text, 'Beneficiario')
    assert.notInclude(text, 'Delega')
    assert.notInclude(text, 'Numero di giorni')
  })

  test('uploaded files are listed by name and size', async ({ client, assert }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { base } = await openDraft(client, ente, service, citizen)
    await asCitizen(client.post(`${base}/compila`), ente, citizen)
      .withCsrfToken()
      .fields({ _step: '3', _action: 'prev' })
      .file('upload:attachments', pdfFile(3072), { filename: 'carta-di-circolazione.pdf' })
    const upload = await Upload.query()
      .where('client_name', 'carta-di-circolazione.pdf')
      .firstOrFail()
    const { pratica } = await fillAndSubmit(client, ente, service, citizen, {
      'attachments[]': upload.id,
    })
    assert.equal(pratica.status, 1900)

    const response = await asCitizen(client.get(`${base}/modulo-compilato`), ente, citizen)
    const text = await pdfText(response.body())
    assert.include(text, 'Allega eventuali documenti carta-di-circolazione.pdf (3 kB)')
  })

  test('only for the applicant, and only once the pratica is sent', async ({ client }) => {
    const { ente, service, citizen } = await ztlSetup()
    const { base } = await openDraft(client, ente, service, citizen)
    const draft = await asCitizen(client.get(`${base}/modulo-compilato`), ente, citizen)
    draft.assertStatus(404)

    await fillAndSubmit(client, ente, service, citizen)
    const stranger = await CitizenFactory.merge({ enteId: ente.id }).create()
    const byStranger = await asCitizen(client.get(`${base}/modulo-compilato`), ente, stranger)
    byStranger.assertStatus(404)
    const anonymous = await client.get(`${base}/modulo-compilato`)
    anonymous.assertStatus(404)
  })
})
