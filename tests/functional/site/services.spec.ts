import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import ServiceGroup from '#models/service_group'
import GeographicArea from '#models/geographic_area'
import { ServiceFactory } from '#factories/service_factory'
import { OfficeFactory } from '#factories/office_factory'
import { createSiteEnte } from './fixtures.js'

/** The names of the cards of a catalogue page, in order. */
function cardNames(html: string) {
  return [
    ...html.matchAll(/<h3 class="it-card-title h5"[^>]*>\s*<a href="[^"]+">([^<]+)<\/a>/g),
  ].map((match) => match[1].trim())
}

/** The parsed JSON-LD of a page. */
function jsonLd(html: string) {
  const match = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)
  if (!match) throw new Error('no JSON-LD in the page')
  return JSON.parse(match[1])
}

test.group('Site: catalogue', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists the listed services only, and says how many', async ({ client, assert }) => {
    const { ente } = await createSiteEnte()
    const other = await createSiteEnte()
    const now = DateTime.now()
    await ServiceFactory.merge([
      { enteId: ente.id, name: 'Servizio riservato', status: 'private' },
      { enteId: ente.id, name: 'Servizio sospeso', status: 'suspended' },
      {
        enteId: ente.id,
        name: 'Bando aperto',
        status: 'scheduled',
        scheduledFrom: now.minus({ days: 1 }),
        scheduledTo: now.plus({ days: 1 }),
      },
      {
        enteId: ente.id,
        name: 'Bando futuro',
        status: 'scheduled',
        scheduledFrom: now.plus({ days: 3 }),
        scheduledTo: null,
      },
      {
        enteId: ente.id,
        name: 'Bando chiuso',
        status: 'scheduled',
        scheduledFrom: null,
        scheduledTo: now.minus({ days: 1 }),
      },
      { enteId: other.ente.id, name: 'Servizio di un altro ente', status: 'published' },
    ]).createMany(6)

    const response = await client.get(`/${ente.slug}/servizi`)

    response.assertStatus(200)
    assert.deepEqual(cardNames(response.text()), [
      'Bando aperto',
      'Richiedere permesso di accesso ad area ZTL',
      'Segnalare un disservizio',
      'Servizio sospeso',
    ])
    response.assertTextIncludes('4 servizi trovati')
    response.assertTextIncludes('Esplora tutti i servizi')
    response.assertTextIncludes('Leggi di più')
  })

  test('"Cerca" finds words of the name or short description, whatever case and accents', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Iscrizione al nido',
      content: {
        it: { descrizione_breve: "Iscrizione all'asilo nido comunale per l'anno educativo." },
      },
    }).create()

    const byName = await client.get(`/${ente.slug}/servizi`).qs({ q: 'ztl' })
    assert.deepEqual(cardNames(byName.text()), ['Richiedere permesso di accesso ad area ZTL'])
    byName.assertTextIncludes('1 servizio trovato')

    const byDescription = await client.get(`/${ente.slug}/servizi`).qs({ q: 'ASILO educativo' })
    assert.deepEqual(cardNames(byDescription.text()), ['Iscrizione al nido'])

    // "disservizio" is in a name, "segnalare" too: every word must match
    const twoWords = await client.get(`/${ente.slug}/servizi`).qs({ q: 'segnalare nido' })
    assert.deepEqual(cardNames(twoWords.text()), [])
    twoWords.assertTextIncludes('Nessun servizio trovato')
    twoWords.assertTextIncludes('Nessun servizio corrisponde alla ricerca')

    // accents and case do not matter, on either side
    await ServiceFactory.merge({ enteId: ente.id, name: 'Contributi per la mobilità' }).create()
    const accents = await client.get(`/${ente.slug}/servizi`).qs({ q: 'MOBILITA' })
    assert.deepEqual(cardNames(accents.text()), ['Contributi per la mobilità'])

    // LIKE wildcards are plain characters here
    const wildcard = await client.get(`/${ente.slug}/servizi`).qs({ q: '%' })
    assert.deepEqual(cardNames(wildcard.text()), [])
  })

  test('"Argomenti" and "Tipologia" narrow the list and offer only what has services', async ({
    client,
    assert,
  }) => {
    const { ente, category } = await createSiteEnte()
    const payments = await ServiceGroup.create({
      enteId: ente.id,
      name: 'Pagamenti',
      slug: 'pagamenti',
    })
    await ServiceGroup.create({ enteId: ente.id, name: 'Vuota', slug: 'vuota' })
    await ServiceFactory.merge([
      { enteId: ente.id, name: 'Pagare il canone idrico', serviceGroupId: payments.id },
      {
        enteId: ente.id,
        name: 'Pagare la sosta',
        serviceGroupId: payments.id,
        categoryId: category.id,
      },
    ]).createMany(2)

    const byTopic = await client.get(`/${ente.slug}/servizi`).qs({ categoria: category.slug })
    assert.deepEqual(cardNames(byTopic.text()), [
      'Pagare la sosta',
      'Richiedere permesso di accesso ad area ZTL',
    ])

    const byType = await client.get(`/${ente.slug}/servizi`).qs({ tipologia: 'pagamenti' })
    assert.deepEqual(cardNames(byType.text()), ['Pagare il canone idrico', 'Pagare la sosta'])

    const both = await client
      .get(`/${ente.slug}/servizi`)
      .qs({ categoria: category.slug, tipologia: 'pagamenti', q: 'sosta' })
    assert.deepEqual(cardNames(both.text()), ['Pagare la sosta'])
    both.assertTextIncludes('<option value="pagamenti" selected>')
    both.assertTextIncludes(`<option value="${category.slug}" selected>`)

    // a type without listed services is not offered; an unknown one filters nothing
    assert.notInclude(byType.text(), 'value="vuota"')
    const unknown = await client.get(`/${ente.slug}/servizi`).qs({ tipologia: 'inesistente' })
    assert.lengthOf(cardNames(unknown.text()), 4)
  })

  test('a service of ente A is never listed nor reachable under ente B', async ({
    client,
    assert,
  }) => {
    const a = await createSiteEnte()
    const b = await createSiteEnte()
    const onlyInA = await ServiceFactory.merge({ enteId: a.ente.id, slug: 'solo-ente-a' }).create()

    const scheda = await client.get(`/${b.ente.slug}/servizi/${onlyInA.slug}`)
    scheda.assertStatus(404)
    scheda.assertTextIncludes('Pagina non trovata')
    assert.notInclude(scheda.text(), `/${a.ente.slug}/`)

    const list = await client.get(`/${b.ente.slug}/servizi`).qs({ q: onlyInA.name })
    assert.notInclude(list.text(), onlyInA.slug)
  })
})

test.group('Site: scheda', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('has the sections and the page index in the manual order', async ({ client, assert }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      slug: 'completo',
      name: 'Servizio completo',
      maxResponseDays: 30,
      content: {
        it: {
          descrizione_breve: 'In breve.',
          a_chi_e_rivolto: 'Ai residenti.',
          descrizione: 'Primo paragrafo.\n\nSecondo paragrafo\ncon un a capo.',
          come_fare: 'Accedi e compila.',
          cosa_serve: 'SPID o CIE.',
          cosa_si_ottiene: 'Il permesso.',
          tempi_e_scadenze: 'Entro 30 giorni.',
          costi: 'Nessuno.',
          condizioni: 'Vale un anno.',
          contatti: 'Scrivi all’ufficio.',
        },
      },
    }).create()

    const response = await client.get(`/${ente.slug}/servizi/completo`)

    response.assertStatus(200)
    const html = response.text()
    const titles = [
      'A chi è rivolto',
      'Descrizione',
      'Come fare',
      'Cosa serve',
      'Cosa si ottiene',
      'Tempi e scadenze',
      'Costi',
      'Accedi al servizio',
      'Condizioni di servizio',
      'Contatti',
    ]
    const index = html.slice(
      html.indexOf('Indice della pagina'),
      html.indexOf('</nav>', html.indexOf('Indice della pagina'))
    )
    assert.deepEqual(
      [...index.matchAll(/<span>([^<]+)<\/span><\/a>/g)].map((match) => match[1]),
      titles
    )
    const headings = [...html.matchAll(/<h2 id="([a-z-]+)-title" class="h3 mb-3">([^<]+)<\/h2>/g)]
    assert.deepEqual(
      headings.map((match) => match[2]),
      titles
    )
    // every index link points at its section
    for (const match of headings) {
      assert.include(index, `href="#${match[1]}"`)
      assert.include(html, `<section id="${match[1]}" class="it-page-section`)
    }
    // plain text keeps its paragraphs and line breaks
    response.assertTextIncludes(
      '<p>Primo paragrafo.</p>\n<p>Secondo paragrafo<br>con un a capo.</p>'
    )
    response.assertTextIncludes('Accedi al servizio online')
  })

  test('leaves out the empty sections, and says the answer time when the text does not', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      slug: 'breve',
      maxResponseDays: 45,
      content: { it: { descrizione_breve: 'Solo questo.', come_fare: 'Compila il modulo.' } },
    }).create()

    const response = await client.get(`/${ente.slug}/servizi/breve`)
    const html = response.text()

    assert.include(html, 'href="#come-fare"')
    assert.include(html, 'href="#tempi-e-scadenze"')
    assert.include(
      html,
      'L&#x27;ufficio risponde entro 45 giorni dalla presentazione della richiesta.'
    )
    assert.include(html, 'href="#accedi-al-servizio"')
    assert.include(html, 'href="#contatti"')
    for (const missing of [
      'a-chi-e-rivolto',
      'descrizione',
      'cosa-serve',
      'costi',
      'condizioni-di-servizio',
    ])
      assert.notInclude(html, `href="#${missing}"`)
    // no office and no contact text: the ente's contacts
    assert.include(html, 'info@comune.prova.it')
  })

  test('shows the offices with address, opening hours and contacts', async ({ client }) => {
    const { ente } = await createSiteEnte()
    const service = await ServiceFactory.merge({ enteId: ente.id, slug: 'con-ufficio' }).create()
    const office = await OfficeFactory.merge({
      enteId: ente.id,
      name: 'Palazzo del municipio',
      description: "Palazzo dell'inizio del '900.",
      address: 'Via Niccolò Macchiavelli',
      postalCode: '40062',
      city: 'Molinella',
      email: 'anagrafe@comune.prova.it',
      phone: '051 123 456',
      pec: null,
      openingHours: [
        { days: [1, 3], from: '09:00', to: '12:30' },
        { days: [4], from: '15:00', to: '17:00' },
      ],
      openingNotes: 'Chiuso il 15 agosto.',
    }).create()
    await service.related('offices').attach([office.id])

    const response = await client.get(`/${ente.slug}/servizi/con-ufficio`)

    response.assertTextIncludes('Oppure, prenota un appuntamento presso l&#x27;ufficio competente.')
    response.assertTextIncludes('Palazzo del municipio')
    response.assertTextIncludes('Palazzo dell&#x27;inizio del &#x27;900.')
    response.assertTextIncludes('Via Niccolò Macchiavelli')
    response.assertTextIncludes('40062 Molinella')
    response.assertTextIncludes('Orari al pubblico:')
    response.assertTextIncludes('<li>lunedì, mercoledì: 09:00–12:30</li>')
    response.assertTextIncludes('<li>giovedì: 15:00–17:00</li>')
    response.assertTextIncludes('Chiuso il 15 agosto.')
    response.assertTextIncludes('href="mailto:anagrafe@comune.prova.it"')
    response.assertTextIncludes('href="tel:051123456"')
  })

  test('says which login the service needs', async ({ client }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge([
      { enteId: ente.id, slug: 'libero', minAuthLevel: 0 },
      { enteId: ente.id, slug: 'spid', minAuthLevel: 2 },
      { enteId: ente.id, slug: 'forte', minAuthLevel: 3 },
    ]).createMany(3)

    const notes = {
      libero: 'Per accedere al servizio non serve autenticarsi.',
      spid: 'Per accedere al servizio serve SPID o CIE.',
      forte: 'Per accedere al servizio serve CIE o SPID di livello 3.',
    }
    for (const [slug, note] of Object.entries(notes)) {
      const response = await client.get(`/${ente.slug}/servizi/${slug}`)
      response.assertTextIncludes(note)
    }
  })

  test('a suspended or out-of-dates service shows why instead of the button', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    const now = DateTime.now()
    const from = now.plus({ days: 2 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 })
    await ServiceFactory.merge([
      { enteId: ente.id, slug: 'sospeso', status: 'suspended' },
      { enteId: ente.id, slug: 'futuro', status: 'scheduled', scheduledFrom: from },
      {
        enteId: ente.id,
        slug: 'scaduto',
        status: 'scheduled',
        scheduledTo: now.minus({ hours: 1 }),
      },
      {
        enteId: ente.id,
        slug: 'aperto',
        status: 'scheduled',
        scheduledFrom: now.minus({ hours: 1 }),
        scheduledTo: now.plus({ hours: 1 }),
      },
    ]).createMany(4)

    const suspended = await client.get(`/${ente.slug}/servizi/sospeso`)
    suspended.assertStatus(200)
    suspended.assertTextIncludes('momentaneamente sospeso')
    assert.notInclude(suspended.text(), '/servizi/sospeso/accedi"')

    const future = await client.get(`/${ente.slug}/servizi/futuro`)
    future.assertTextIncludes(
      `Il servizio sarà disponibile online dal ${from.setZone('Europe/Rome').toFormat('dd/MM/yyyy HH:mm')}.`
    )
    assert.notInclude(future.text(), '/servizi/futuro/accedi"')

    const past = await client.get(`/${ente.slug}/servizi/scaduto`)
    past.assertTextIncludes('Il servizio non è più disponibile online dal')
    assert.notInclude(past.text(), '/servizi/scaduto/accedi"')

    const open = await client.get(`/${ente.slug}/servizi/aperto`)
    open.assertTextIncludes(`href="/${ente.slug}/servizi/aperto/accedi"`)
  })

  test('a private service is not listed but its scheda answers by link', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      name: 'Servizio riservato',
      slug: 'riservato',
      status: 'private',
    }).create()

    const scheda = await client.get(`/${ente.slug}/servizi/riservato`)
    scheda.assertStatus(200)
    scheda.assertTextIncludes(`href="/${ente.slug}/servizi/riservato/accedi"`)
    const list = await client.get(`/${ente.slug}/servizi`)
    assert.notInclude(list.text(), 'Servizio riservato')
  })

  test('HTML in the scheda is cleaned: text markup stays, scripts and handlers go', async ({
    client,
    assert,
  }) => {
    const { ente } = await createSiteEnte()
    await ServiceFactory.merge({
      enteId: ente.id,
      slug: 'html',
      content: {
        it: {
          come_fare:
            '<p onclick="alert(1)">Passo <strong>uno</strong></p><script>alert(2)</script>' +
            '<ul><li><a href="javascript:alert(3)">male</a></li><li><a href="https://www.example.it" target="_blank">bene</a></li></ul>' +
            '<img src=x onerror="alert(4)"><iframe src="https://evil.example"></iframe>',
        },
      },
    }).create()

    const response = await client.get(`/${ente.slug}/servizi/html`)
    const html = response.text()

    assert.include(html, '<p>Passo <strong>uno</strong></p>')
    assert.include(
      html,
      '<a href="https://www.example.it" target="_blank" rel="noopener noreferrer">bene</a>'
    )
    assert.include(html, '<a>male</a>')
    for (const bad of ['alert(', 'onclick', 'onerror', '<iframe', '<img', 'javascript:'])
      assert.notInclude(html.slice(html.indexOf('id="come-fare"')), bad)
  })

  test('the JSON-LD describes the GovernmentService with what the platform knows', async ({
    client,
    assert,
  }) => {
    const { ente, category } = await createSiteEnte({ languages: ['it', 'en'] })
    const service = await ServiceFactory.merge({
      enteId: ente.id,
      slug: 'ztl',
      name: 'Permesso ZTL </script><script>alert(1)</script>',
      categoryId: category.id,
      maxResponseDays: 30,
      content: {
        it: {
          descrizione_breve: 'Il servizio permette di ottenere un permesso ZTL.',
          a_chi_e_rivolto: '<p>A chi abita nella <strong>ZTL</strong>.</p>',
        },
      },
    }).create()
    const office = await OfficeFactory.merge({
      enteId: ente.id,
      name: 'Ufficio Mobilità',
      address: 'Piazza del Municipio 1',
      postalCode: '56040',
      city: 'Prova',
      phone: '050 123456',
    }).create()
    await service.related('offices').attach([office.id])
    const area = await GeographicArea.create({ enteId: ente.id, name: 'Centro storico' })
    await service.related('geographicAreas').attach([area.id])

    const response = await client.get(`/${ente.slug}/servizi/ztl`)
    const html = response.text()

    // the name cannot close the script element
    assert.notInclude(html, '</script><script>alert(1)')
    const data = jsonLd(html)
    assert.equal(data['@context'], 'https://schema.org')
    assert.equal(data['@type'], 'GovernmentService')
    assert.equal(data.name, 'Permesso ZTL </script><script>alert(1)</script>')
    assert.equal(data.description, 'Il servizio permette di ottenere un permesso ZTL.')
    assert.match(data.url, new RegExp(`^http://[^/]+/${ente.slug}/servizi/ztl$`))
    assert.equal(data.serviceType, 'Mobilità e trasporti')
    assert.deepInclude(data.provider, { '@type': 'GovernmentOrganization', 'name': ente.name })
    assert.deepEqual(data.serviceOperator, data.provider)
    assert.deepEqual(data.areaServed, [{ '@type': 'AdministrativeArea', 'name': 'Centro storico' }])
    assert.deepEqual(data.audience, {
      '@type': 'Audience',
      'audienceType': 'A chi abita nella ZTL.',
    })
    const [online, desk] = data.availableChannel
    assert.equal(online.serviceUrl, `${data.url}/accedi`)
    assert.equal(online.processingTime, 'P30D')
    assert.deepEqual(
      online.availableLanguage.map((language: any) => language.alternateName),
      ['it', 'en']
    )
    assert.equal(desk.serviceLocation.address.streetAddress, 'Piazza del Municipio 1')
    assert.equal(desk.serviceLocation.address.postalCode, '56040')
    assert.equal(desk.servicePhone.telephone, '050 123456')
    assert.notProperty(data, 'termsOfService')
  })

  test('the scheda follows the visitor language, falling back to Italian', async ({ client }) => {
    const { ente } = await createSiteEnte({ languages: ['it', 'en'] })

    const english = await client.get(`/${ente.slug}/servizi/permesso-ztl`).qs({ lang: 'en' })
    english.assertTextIncludes('Apply for a restricted traffic zone permit')
    english.assertTextIncludes('On this page')
    english.assertTextIncludes('Use the service online')
    // "Come fare" exists only in Italian: shown, marked as Italian
    english.assertTextIncludes(
      '<div lang="it"><p>Accedi con SPID o CIE e compila la domanda.</p></div>'
    )
  })

  test('without a condizioni file its download answers 404', async ({ client }) => {
    const { ente } = await createSiteEnte()
    const response = await client.get(`/${ente.slug}/servizi/permesso-ztl/condizioni`)
    response.assertStatus(404)
  })
})
