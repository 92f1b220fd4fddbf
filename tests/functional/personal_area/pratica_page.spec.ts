import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Pratica from '#models/pratica'
import { CitizenFactory } from '#factories/citizen_factory'
import { pageText } from '#tests/functional/identity/helpers'
import { changeStatus } from '#services/pratiche/change_status'
import { areaFixture, officeMessage, praticaIn } from './helpers.js'

/** The text of a page without tags, blanks collapsed: what a person reads. */
function readable(html: string) {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

test.group('Personal area: the pratica page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the title, the tabs, the Riepilogo, the data on the side and the iter', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 2000)

    const response = await client
      .get(`${area}/pratiche/${pratica.uuid}`)
      .withGuard('citizen')
      .loginAs(citizen)

    response.assertStatus(200)
    const text = readable(pageText(response))
    assert.include(text, 'Richiedere permesso di accesso ad area ZTL [Acquisita]')
    assert.include(text, 'Modulo Allegati 0 Messaggi 0')
    assert.notInclude(text, 'Bolli')
    assert.notInclude(text, 'Appuntamenti')
    assert.include(
      text,
      'Dati della richiesta Targa del veicolo AB123CD Motivo della richiesta Carico e scarico'
    )
    assert.include(text, `Numero richiesta: ${pratica.uuid}`)
    assert.match(text, /Richiesta presentata il: \d{1,2} \w{3} \d{4} alle \d{2}:\d{2}:\d{2}/)
    assert.match(text, /Riceverai risposta entro il: \d{1,2} \w{3} \d{4}/)
    assert.include(text, 'Protocollo: (non necessario)')
    assert.match(
      text,
      /Iter della pratica Bozza il \d{1,2} \w{3} \d{4} alle \d{2}:\d{2} Inviata il .+ alle \d{2}:\d{2} Acquisita il /
    )
  })

  test("another citizen's pratica, or a name that is no pratica, answers 404", async ({
    client,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const other = await CitizenFactory.merge({ enteId: ente.id }).create()
    const theirs = await praticaIn(ente, service, other, 2000)

    for (const name of [theirs.uuid, 'record-inesistente', String(theirs.id)]) {
      const response = await client
        .get(`${area}/pratiche/${name}`)
        .withGuard('citizen')
        .loginAs(citizen)
      response.assertStatus(404)
    }
  })

  test('Protocollo: waiting, then the number', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    service.protocolRequired = true
    await service.save()
    const pratica = await praticaIn(ente, service, citizen, 2000)
    const url = `${area}/pratiche/${pratica.uuid}`

    const waiting = readable(pageText(await client.get(url).withGuard('citizen').loginAs(citizen)))
    assert.include(waiting, 'Protocollo: In attesa di protocollazione')

    await db.transaction((trx) =>
      changeStatus(trx, pratica.id, 3000, {
        actor: { type: 'system' },
        patch: { protocolNumber: 'REG-2025-0042' },
      })
    )
    const registered = readable(
      pageText(await client.get(url).withGuard('citizen').loginAs(citizen))
    )
    assert.include(registered, 'Protocollo: REG-2025-0042')
    assert.include(registered, '[Protocollata]')
  })

  test('Bolli and Pagamento only when the service asks for them', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    service.stampSettings = {
      atRequest: [{ causale: 'Imposta di bollo istanza', amountCents: 1600 }],
      atRelease: false,
    }
    service.paymentSettings = {
      atRequest: [{ causale: 'Diritti di istruttoria', amountCents: 5000, bilancio: [] }],
      deferred: [],
    }
    await service.save()
    const pratica = await praticaIn(ente, service, citizen, 2000)

    const text = readable(
      pageText(
        await client.get(`${area}/pratiche/${pratica.uuid}`).withGuard('citizen').loginAs(citizen)
      )
    )
    assert.include(text, 'Modulo Allegati 0 Messaggi 0 Bolli 1 Pagamento')
    // the bollo the service asks at request, recorded for the pratica, to be entered
    assert.include(
      text,
      'Pagamento bollo (In fase di richiesta) Causale Imposta di bollo istanza Numero – Data emissione – Importo 16,00 €'
    )
    assert.include(text, 'Causale versamento: Diritti di istruttoria 50,00 €')
  })

  test('"Ritira pratica" only where the manual\'s rules allow it', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const acquired = await praticaIn(ente, service, citizen, 2000)
    const accepted = await praticaIn(ente, service, citizen, 7000)
    const page = async (uuid: string) =>
      pageText(await client.get(`${area}/pratiche/${uuid}`).withGuard('citizen').loginAs(citizen))

    assert.include(
      await page(acquired.uuid),
      `href="/${ente.slug}/pratiche/${acquired.uuid}/ritira?torna=%2F${ente.slug}%2Farea-personale%2Fpratiche%2F${acquired.uuid}"`
    )
    assert.notInclude(await page(accepted.uuid), 'Ritira pratica')

    service.allowWithdrawal = false
    await service.save()
    assert.notInclude(await page(acquired.uuid), 'Ritira pratica')
  })

  test('a pratica waiting for its payment offers "Vai al pagamento"', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const waiting = await praticaIn(ente, service, citizen, 1500)
    const sent = await praticaIn(ente, service, citizen, 2000)
    const page = async (uuid: string) =>
      pageText(await client.get(`${area}/pratiche/${uuid}`).withGuard('citizen').loginAs(citizen))

    const text = await page(waiting.uuid)
    assert.include(text, '[In attesa di pagamento]')
    assert.include(text, `href="/${ente.slug}/pratiche/${waiting.uuid}/pagamento"`)
    assert.include(text, 'Vai al pagamento')
    assert.notInclude(await page(sent.uuid), 'Vai al pagamento')
  })

  test('a draft offers "Vai alla pratica"', async ({ client, assert }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const draft = await praticaIn(ente, service, citizen, 1000)

    const text = pageText(
      await client.get(`${area}/pratiche/${draft.uuid}`).withGuard('citizen').loginAs(citizen)
    )
    assert.include(text, '[Bozza]')
    assert.include(text, `href="/${ente.slug}/pratiche/${draft.uuid}/compila"`)
    assert.include(text, 'Vai alla pratica')
    assert.notInclude(text, 'Richiesta presentata il')
    assert.notInclude(text, 'Protocollo:')
  })

  test('a sent pratica starts a rinnovo, modifica or voltura linked to it; a draft does not', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const sent = await praticaIn(ente, service, citizen, 7000)
    const draft = await praticaIn(ente, service, citizen, 1000)
    const page = async (uuid: string) =>
      pageText(await client.get(`${area}/pratiche/${uuid}`).withGuard('citizen').loginAs(citizen))

    const text = await page(sent.uuid)
    assert.include(readable(text), 'Nuova richiesta collegata')
    assert.include(text, `action="/${ente.slug}/pratiche/${sent.uuid}/nuova-richiesta"`)
    for (const relation of ['rinnovo', 'modifica', 'voltura']) {
      assert.include(text, `name="relation" value="${relation}"`)
    }
    assert.notInclude(await page(draft.uuid), 'Nuova richiesta collegata')

    const response = await client
      .post(`/${ente.slug}/pratiche/${sent.uuid}/nuova-richiesta`)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
      .form({ relation: 'rinnovo' })
    response.assertStatus(302)
    const renewal = await Pratica.query().where('parent_id', sent.id).firstOrFail()
    assert.equal(renewal.relation, 'rinnovo')
    response.assertHeader('location', `/${ente.slug}/pratiche/${renewal.uuid}/compila`)
  })

  test('"Ultime pratiche inviate dall\'utente": the other sent ones, no drafts', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const current = await praticaIn(ente, service, citizen, 2000)
    const earlier = await praticaIn(ente, service, citizen, 9000)
    const draft = await praticaIn(ente, service, citizen, 1000)

    const text = pageText(
      await client.get(`${area}/pratiche/${current.uuid}`).withGuard('citizen').loginAs(citizen)
    )
    const latest = text.slice(text.indexOf("Ultime pratiche inviate dall'utente"))
    assert.include(latest, `${area}/pratiche/${earlier.uuid}`)
    assert.include(readable(latest), 'Rifiutata')
    assert.match(readable(latest), /acquisita il \d{1,2} \w{3} \d{4}, \d{2}:\d{2}:\d{2}/)
    assert.notInclude(latest, draft.uuid)
  })

  test('Messaggi N counts the thread, marks the unread ones and never shows internal notes', async ({
    client,
    assert,
  }) => {
    const { ente, citizen, service, area } = await areaFixture()
    const pratica = await praticaIn(ente, service, citizen, 4000)
    await officeMessage(pratica, 'Ci serve una copia del libretto di circolazione.')
    await officeMessage(pratica, 'Riservato: verificare la targa', 'internal')
    const url = `${area}/pratiche/${pratica.uuid}`

    const first = readable(pageText(await client.get(url).withGuard('citizen').loginAs(citizen)))
    assert.include(first, 'Messaggi 1 1 nuovo')
    assert.include(first, 'Ci serve una copia del libretto di circolazione.')
    assert.notInclude(first, 'Riservato')
    assert.include(first, `${ente.name} Nuovo`)

    const again = readable(pageText(await client.get(url).withGuard('citizen').loginAs(citizen)))
    assert.include(again, 'Messaggi 1 ')
    assert.notInclude(again, 'nuovo')
    assert.notInclude(again, 'Nuovo')
  })
})
