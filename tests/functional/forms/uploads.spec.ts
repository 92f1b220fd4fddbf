import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import drive from '@adonisjs/drive/services/main'
import Upload from '#models/upload'
import { contentProblem } from '#services/forms/uploads'
import { serviceWithForm, ALL_COMPONENTS } from './helpers.js'

/** The fixture's "Documento" field: .pdf or .png, at most 100 KB, on the second step. */
const FIELD = 'document'
const DRAFT = '0b7f9a52-8a4e-4a53-9d55-3c1f4a0e9b11'

const pdf = (size = 2048) =>
  Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(size - 9, 0x20)])
const png = () =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500)])
const signedData = () =>
  Buffer.from([
    0x30, 0x82, 0x01, 0x00, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0,
    0x82, 0x01,
  ])

async function upload(
  client: any,
  admin: any,
  url: string,
  file: Buffer,
  filename: string,
  extra: Record<string, string> = {}
) {
  return client
    .post(url)
    .loginAs(admin)
    .withCsrfToken()
    .fields({ _draft: DRAFT, _step: '1', _action: 'prev', ...extra })
    .file(`upload:${FIELD}`, file, { filename })
}

test.group('Forms: uploads', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('refused by type, with the reason next to the field', async ({ client, assert }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await upload(client, admin, url, Buffer.from('MZ\x90\x00'), 'documento.exe')
    response.assertStatus(422)
    assert.include(
      response.text(),
      'Il file «documento.exe» non è di un tipo ammesso: puoi caricare solo file pdf e png.'
    )
    assert.equal(
      await Upload.query()
        .count('* as total')
        .first()
        .then((row: any) => Number(row.$extras.total)),
      0
    )
  })

  test('refused by size', async ({ client, assert }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await upload(client, admin, url, pdf(150 * 1024), 'grande.pdf')
    response.assertStatus(422)
    assert.include(response.text(), 'Il file «grande.pdf» supera la dimensione massima di 100 kB.')
  })

  test('refused by content: a file renamed to .pdf is not a PDF', async ({ client, assert }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    const response = await upload(
      client,
      admin,
      url,
      Buffer.from('MZ' + 'x'.repeat(600)),
      'fattura.pdf'
    )
    response.assertStatus(422)
    assert.include(
      response.text(),
      'Il contenuto del file «fattura.pdf» non corrisponde a un file pdf: carica il documento originale.'
    )
    const other = await upload(client, admin, url, png(), 'foto.pdf')
    assert.include(other.text(), 'Il contenuto del file «foto.pdf» non corrisponde a un file pdf')
  })

  test('accepted: stored on the drive disk, listed with name and size, kept across pages', async ({
    client,
    assert,
  }) => {
    const { admin, url, ente } = await serviceWithForm(ALL_COMPONENTS)
    const response = await upload(client, admin, url, pdf(3072), 'delega firmata.pdf')
    response.assertStatus(200)
    const stored = await Upload.query().where('owner', `draft:${DRAFT}`).firstOrFail()
    assert.equal(stored.enteId, ente.id)
    assert.equal(stored.clientName, 'delega firmata.pdf')
    assert.equal(stored.size, 3072)
    assert.equal(stored.mimeType, 'application/pdf')
    assert.isTrue(await drive.use().exists(stored.diskKey))
    const html = response.text()
    assert.match(
      html,
      new RegExp(
        `<tr data-upload="${stored.id}"[^>]*>\\s*<td>\\s*<input type="hidden" name="${FIELD}\\[\\]" value="${stored.id}">\\s*delega firmata.pdf\\s*</td>\\s*<td>3 kB</td>`
      )
    )

    // the next POST carries the id; another draft's id is ignored
    const next = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({ _draft: DRAFT, _step: '1', _action: 'prev', [`${FIELD}[]`]: stored.id })
    assert.include(next.text(), 'delega firmata.pdf')
    const stranger = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        _draft: '1c1c1c1c-2d2d-4e4e-8f8f-000000000000',
        _step: '1',
        _action: 'prev',
        [`${FIELD}[]`]: stored.id,
      })
    assert.notInclude(stranger.text(), 'delega firmata.pdf')
  })

  test('removed: "Rimuovi" deletes the record and the file', async ({ client, assert }) => {
    const { admin, url } = await serviceWithForm(ALL_COMPONENTS)
    await upload(client, admin, url, png(), 'foto.png')
    const stored = await Upload.query().where('owner', `draft:${DRAFT}`).firstOrFail()
    const response = await client
      .post(url)
      .loginAs(admin)
      .withCsrfToken()
      .form({
        _draft: DRAFT,
        _step: '1',
        _action: `remove_upload:${stored.id}`,
        [`${FIELD}[]`]: stored.id,
      })
    response.assertStatus(200)
    assert.notInclude(response.text(), 'foto.png')
    assert.isNull(await Upload.find(stored.id))
    assert.isFalse(await drive.use().exists(stored.diskKey))
  })

  test('p7m is recognised as DER or base64 CMS SignedData', ({ assert }) => {
    assert.isNull(contentProblem('atto.pdf.p7m', new Uint8Array(signedData())))
    assert.isNull(
      contentProblem(
        'atto.p7m',
        new Uint8Array(Buffer.from(signedData().toString('base64') + 'AAAAAAAAAAAAAAAA'))
      )
    )
    assert.include(
      contentProblem('atto.p7m', new Uint8Array(pdf(100)))!,
      'non corrisponde a un file p7m'
    )
  })
})
