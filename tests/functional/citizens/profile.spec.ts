import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import { EnteFactory } from '#factories/ente_factory'
import { CitizenFactory } from '#factories/citizen_factory'

/** What the form sends when every section is filled in. */
const FILLED_FORM = {
  email: 'Lorenzo.Bertoli@Example.it',
  mobilePhone: '+39 333 1234567',
  phone: '050 123456',
  birthPlace: 'Pisa',
  birthCounty: 'pi',
  birthCountry: 'Italia',
  residenceAddress: 'Via Parma',
  residenceHouseNumber: '12/A',
  residencePostalCode: '56040',
  residenceMunicipality: 'Bugliano',
  residenceCounty: 'PI',
  residenceCountry: 'Italia',
  domicileAddress: 'Via Roma',
  domicileHouseNumber: '3',
  domicilePostalCode: '38122',
  domicileMunicipality: 'Trento',
  domicileCounty: 'TN',
  domicileCountry: 'Italia',
  idDocumentType: 'carta_identita_elettronica',
  idDocumentNumber: 'ca12345ab',
  idDocumentAuthority: 'Comune di Bugliano',
  idDocumentIssuedOn: '2021-03-11',
  idDocumentExpiresOn: '2031-03-11',
}

async function spidCitizen() {
  const ente = await EnteFactory.create()
  const citizen = await CitizenFactory.merge({
    enteId: ente.id,
    fiscalCode: 'BRTLNZ00C11L378I',
    firstName: 'Lorenzo',
    lastName: 'Bertoli',
    gender: 'M',
    birthDate: DateTime.fromISO('2000-03-11'),
    email: 'lorenzo@example.it',
  }).create()
  return { ente, citizen, url: `/${ente.slug}/area-personale/profilo` }
}

test.group('Citizens: the "Profilo" page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows the sections of the manual; SPID/CIE data read-only with its note', async ({
    client,
    assert,
  }) => {
    const { citizen, url } = await spidCitizen()

    const response = await client.get(url).withGuard('citizen').loginAs(citizen)

    response.assertStatus(200)
    const html = response.text()
    for (const section of [
      'Contatti',
      'Dati personali',
      'Residenza',
      'Domicilio',
      'Carta d&#x27;identità',
    ]) {
      assert.include(html, `>${section}</h2>`)
    }
    assert.include(html, 'Dati forniti da SPID/CIE: non modificabili')
    // locked: shown, read-only, not part of the form
    assert.match(html, /id="field-firstName" class="form-control" value="Lorenzo" readonly/)
    assert.match(html, /id="field-birthDate" class="form-control" value="11\/03\/2000" readonly/)
    assert.match(html, /id="field-gender" class="form-control" value="Maschio" readonly/)
    assert.notInclude(html, 'name="firstName"')
    assert.notInclude(html, 'name="fiscalCode"')
    assert.include(html, 'value="BRTLNZ00C11L378I" readonly')
    // editable: the citizen's own data
    assert.include(html, 'name="email" value="lorenzo@example.it"')
    assert.include(html, 'name="birthPlace"')
    assert.include(html, '>Copia da residenza</button>')
    assert.include(html, '>Copia da domicilio</button>')
    // the area tab of this page is the current one
    assert.match(html, /href="[^"]+\/area-personale\/profilo" aria-current=page>Profilo</)
  })

  test('"Salva" stores contacts, birth data, both addresses and the identity card', async ({
    client,
    assert,
  }) => {
    const { citizen, url } = await spidCitizen()

    const response = await client
      .post(url)
      .form(FILLED_FORM)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', url)
    response.assertFlashMessage('success', 'Profilo salvato.')
    await citizen.refresh()
    assert.equal(citizen.email, 'lorenzo.bertoli@example.it')
    assert.equal(citizen.mobilePhone, '+39 333 1234567')
    assert.equal(citizen.birthPlace, 'Pisa')
    assert.equal(citizen.birthCounty, 'PI')
    assert.deepInclude(citizen.serialize(), {
      residenceAddress: 'Via Parma',
      residenceHouseNumber: '12/A',
      residencePostalCode: '56040',
      residenceMunicipality: 'Bugliano',
      domicileMunicipality: 'Trento',
      domicileCounty: 'TN',
      idDocumentType: 'carta_identita_elettronica',
      idDocumentNumber: 'CA12345AB',
      idDocumentAuthority: 'Comune di Bugliano',
    })
    assert.equal(citizen.idDocumentIssuedOn?.toISODate(), '2021-03-11')
    assert.equal(citizen.idDocumentExpiresOn?.toISODate(), '2031-03-11')
  })

  test('a field left empty is cleared', async ({ client, assert }) => {
    const { citizen, url } = await spidCitizen()
    citizen.merge({ phone: '050 999999', residenceAddress: 'Via Vecchia' })
    await citizen.save()

    await client
      .post(url)
      .form({ ...FILLED_FORM, phone: '', residenceAddress: '' })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    await citizen.refresh()
    assert.isNull(citizen.phone)
    assert.isNull(citizen.residenceAddress)
  })

  test('locked fields sent with the form are ignored (tampering)', async ({ client, assert }) => {
    const { citizen, url } = await spidCitizen()

    const response = await client
      .post(url)
      .form({
        ...FILLED_FORM,
        fiscalCode: 'RSSMRA80A01H501U',
        firstName: 'Mario',
        lastName: 'Rossi',
        gender: 'F',
        birthDate: '1980-01-01',
        lockedFields: '[]',
        identitySource: 'anonymous',
      })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    const stored = await Citizen.findOrFail(citizen.id)
    assert.equal(stored.fiscalCode, 'BRTLNZ00C11L378I')
    assert.equal(stored.fullName, 'Lorenzo Bertoli')
    assert.equal(stored.gender, 'M')
    assert.equal(stored.birthDate?.toISODate(), '2000-03-11')
    assert.equal(stored.identitySource, 'spid')
    assert.sameMembers(stored.lockedFields, citizen.lockedFields)
    // the rest of the form was saved
    assert.equal(stored.birthPlace, 'Pisa')
  })

  test("fields nobody locked are the citizen's to edit, and then required", async ({
    client,
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const citizen = await CitizenFactory.apply('operator').merge({ enteId: ente.id }).create()
    const url = `/${ente.slug}/area-personale/profilo`

    const page = await client.get(url).withGuard('citizen').loginAs(citizen)
    assert.include(page.text(), `name="firstName" value="${citizen.firstName}"`)
    assert.notInclude(page.text(), 'Dati forniti da SPID/CIE')

    const missing = await client
      .post(url)
      .form({ ...FILLED_FORM, firstName: '', lastName: 'Verdi', birthDate: '1985-08-12' })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    missing.assertHasValidationError('firstName')

    await client
      .post(url)
      .form({
        ...FILLED_FORM,
        firstName: 'Giulia',
        lastName: 'Verdi',
        gender: 'F',
        birthDate: '1985-08-12',
      })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    await citizen.refresh()
    assert.equal(citizen.fullName, 'Giulia Verdi')
    assert.equal(citizen.gender, 'F')
    assert.equal(citizen.birthDate?.toISODate(), '1985-08-12')
  })

  test('bad input: Italian messages next to the fields, everything typed comes back', async ({
    client,
    assert,
  }) => {
    const { citizen, url } = await spidCitizen()
    const typed = {
      ...FILLED_FORM,
      email: 'lorenzo@',
      mobilePhone: 'chiamami',
      residencePostalCode: '561',
      residenceCounty: 'Pisa',
      idDocumentIssuedOn: '2031-01-01',
      idDocumentExpiresOn: '2020-01-01',
    }

    const response = await client
      .post(url)
      .form(typed)
      .header('referer', url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', url)
    const flashed = response.flashMessages()
    assert.deepEqual(flashed.inputErrorsBag, {
      email: ['Il campo Indirizzo email deve essere un indirizzo email valido'],
      mobilePhone: ['Inserisci un numero di cellulare valido, per esempio +39 333 1234567'],
      residencePostalCode: ['Il CAP non è valido: in Italia ha 5 cifre'],
      residenceCounty: ['Indica la sigla della provincia, per esempio PI'],
      idDocumentIssuedOn: ['Data di rilascio: la data non può essere nel futuro'],
      idDocumentExpiresOn: ['La data di scadenza deve essere successiva alla data di rilascio'],
    })
    await citizen.refresh()
    assert.equal(citizen.email, 'lorenzo@example.it', 'nothing saved')

    // the page the citizen is sent back to
    const page = await client
      .get(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withFlashMessages(flashed)
    const html = page.text()
    assert.include(html, 'name="email" value="lorenzo@"')
    assert.include(html, 'name="residenceMunicipality" value="Bugliano"')
    assert.include(html, 'name="idDocumentNumber" value="ca12345ab"')
    assert.include(html, '<option value="carta_identita_elettronica" selected>')
    assert.include(
      html,
      '<div id="field-residencePostalCode-error" class="invalid-feedback d-block">Il CAP non è valido: in Italia ha 5 cifre</div>'
    )
    assert.match(html, /id="field-email" name="email"[^>]*aria-invalid=true/)
    // and a summary at the top, each error linked to its field
    assert.include(html, 'Il profilo non è stato salvato: correggi i campi indicati.')
    assert.include(
      html,
      '<a href="#field-residencePostalCode">Residenza: Il CAP non è valido: in Italia ha 5 cifre</a>'
    )
    assert.include(
      html,
      '<a href="#field-idDocumentExpiresOn">Carta d&#x27;identità: La data di scadenza deve essere successiva alla data di rilascio</a>'
    )
  })

  test('a foreign address takes its own postal code and county', async ({ client, assert }) => {
    const { citizen, url } = await spidCitizen()

    const response = await client
      .post(url)
      .form({
        ...FILLED_FORM,
        domicilePostalCode: 'SW1A 1AA',
        domicileCounty: 'Greater London',
        domicileCountry: 'Regno Unito',
      })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertFlashMessage('success', 'Profilo salvato.')
    await citizen.refresh()
    assert.equal(citizen.domicilePostalCode, 'SW1A 1AA')
    assert.equal(citizen.domicileCounty, 'Greater London')
  })
  test('in English where the ente offers it, messages included', async ({ client, assert }) => {
    const ente = await EnteFactory.merge({ languages: ['it', 'en'] }).create()
    const citizen = await CitizenFactory.merge({ enteId: ente.id }).create()
    const url = `/${ente.slug}/area-personale/profilo?lang=en`

    const page = await client.get(url).withGuard('citizen').loginAs(citizen)
    assert.include(page.text(), '>Profile</h1>')
    assert.include(page.text(), 'Data provided by SPID/CIE: cannot be changed')
    assert.include(page.text(), '>Copy from residence</button>')

    const save = await client
      .post(url)
      .form({ ...FILLED_FORM, residencePostalCode: '1' })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    save.assertFlashMessage('inputErrorsBag', {
      residencePostalCode: ['The postal code is not valid: in Italy it has 5 digits'],
    })
  })
})

test.group('Citizens: the copy buttons without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('"Copia da residenza" sends the form back with the domicile filled, unsaved', async ({
    client,
    assert,
  }) => {
    const { citizen, url } = await spidCitizen()
    const typed = {
      ...FILLED_FORM,
      domicileAddress: '',
      domicileMunicipality: '',
      copia: 'residenza',
    }

    const response = await client
      .post(url)
      .form(typed)
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', `${url}#domicilio`)
    const flashed = response.flashMessages()
    assert.include(flashed, {
      domicileAddress: 'Via Parma',
      domicileHouseNumber: '12/A',
      domicilePostalCode: '56040',
      domicileMunicipality: 'Bugliano',
      domicileCounty: 'PI',
      residenceAddress: 'Via Parma',
      email: FILLED_FORM.email,
      info: 'Indirizzo copiato: controlla i dati e premi Salva.',
    })
    await citizen.refresh()
    assert.isNull(citizen.domicileAddress, 'nothing saved yet')

    const page = await client
      .get(url)
      .withGuard('citizen')
      .loginAs(citizen)
      .withFlashMessages(flashed)
    assert.include(page.text(), 'name="domicileAddress" value="Via Parma"')
    assert.include(page.text(), 'Indirizzo copiato: controlla i dati e premi Salva.')
  })

  test('"Copia da domicilio" takes a domicile locked by SPID from the profile', async ({
    client,
    assert,
  }) => {
    const { citizen, url } = await spidCitizen()
    citizen.merge({
      domicileAddress: 'Via Listz',
      domicileHouseNumber: '21',
      domicilePostalCode: '00144',
      domicileMunicipality: 'Roma',
      lockedFields: [
        ...citizen.lockedFields,
        'domicileAddress',
        'domicileHouseNumber',
        'domicilePostalCode',
        'domicileMunicipality',
      ],
    })
    await citizen.save()

    const page = await client.get(url).withGuard('citizen').loginAs(citizen)
    assert.notInclude(page.text(), '>Copia da residenza</button>', 'the domicile cannot be changed')

    const response = await client
      .post(url)
      .form({ ...FILLED_FORM, copia: 'domicilio' })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)

    response.assertHeader('location', `${url}#residenza`)
    assert.include(response.flashMessages(), {
      residenceAddress: 'Via Listz',
      residenceHouseNumber: '21',
      residencePostalCode: '00144',
      residenceMunicipality: 'Roma',
      residenceCounty: 'TN',
    })
  })
})

test.group('Citizens: the profile belongs to its ente', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test("a visitor, or a citizen of another ente, is sent to this ente's access page", async ({
    client,
    assert,
  }) => {
    const { citizen } = await spidCitizen()
    const other = await EnteFactory.create()
    const url = `/${other.slug}/area-personale/profilo`

    const anonymous = await client.get(url).redirects(0)
    anonymous.assertStatus(302)
    anonymous.assertHeader('location', `/${other.slug}/accedi`)

    const page = await client.get(url).withGuard('citizen').loginAs(citizen).redirects(0)
    page.assertStatus(302)
    page.assertHeader('location', `/${other.slug}/accedi`)

    const save = await client
      .post(url)
      .form({ ...FILLED_FORM, email: 'x@y.it' })
      .withGuard('citizen')
      .loginAs(citizen)
      .withCsrfToken()
      .redirects(0)
    save.assertStatus(302)
    save.assertHeader('location', `/${other.slug}/accedi`)
    await citizen.refresh()
    assert.equal(citizen.email, 'lorenzo@example.it')
  })

  test('without CSRF token nothing is saved', async ({ client, assert }) => {
    const { citizen, url } = await spidCitizen()

    await client
      .post(url)
      .form({ ...FILLED_FORM, email: 'altro@example.it' })
      .withGuard('citizen')
      .loginAs(citizen)
      .redirects(0)

    await citizen.refresh()
    assert.equal(citizen.email, 'lorenzo@example.it')
  })
})
