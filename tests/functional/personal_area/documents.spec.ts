import { test } from '@japa/runner'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { pageText } from '#tests/functional/identity/helpers'
import { ensureModuloCompilato } from '#services/pratiche/documents'
import { areaFixture, praticaIn } from './helpers.js'

test.group('Personal area: "Documenti" and the modulo compilato', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    drive.fake('fs')
    return () => drive.restore('fs')
  })

  test('"Scarica il modulo compilato" once the PDF exists, and the document in "Documenti"', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 2000)
    const modulo = `/${ente.slug}/pratiche/${pratica.uuid}/modulo-compilato`
    const page = () =>
      client.get(`${area}/pratiche/${pratica.uuid}`).withGuard('citizen').loginAs(citizen)

    assert.notInclude(pageText(await page()), 'Scarica il modulo compilato')
    assert.include(
      pageText(await client.get(`${area}/documenti`).withGuard('citizen').loginAs(citizen)),
      'Nessun documento'
    )

    const document = await ensureModuloCompilato(pratica.id)

    const text = pageText(await page())
    assert.include(text, 'Scarica il modulo compilato')
    assert.include(text, `href="${modulo}"`)
    const documents = pageText(
      await client.get(`${area}/documenti`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(documents, document.fileName)
    assert.include(documents, `href="${modulo}"`)
    assert.include(documents, `${area}/pratiche/${pratica.uuid}`)

    const download = await client.get(modulo).withGuard('citizen').loginAs(citizen)
    download.assertStatus(200)
    download.assertHeader('content-type', 'application/pdf')
  })
})
