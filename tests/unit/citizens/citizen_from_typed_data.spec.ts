import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { errors } from '@vinejs/vine'
import Citizen from '#models/citizen'
import { EnteFactory } from '#factories/ente_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { citizenFromTypedData } from '#services/citizens/citizen_from_typed_data'

/** The manual's login-free applicant, with a codice fiscale that passes its check. */
const TYPED = {
  nome: 'Lorenzo',
  cognome: 'Bertoli',
  codiceFiscale: 'brtlnz00c11l378i',
  email: 'Lorenzo.Bertoli@Opencitylabs.it',
  telefono: '+39 333 1234567',
}

async function validationMessages(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof errors.E_VALIDATION_ERROR) {
      return Object.fromEntries(
        error.messages.map((entry: { field: string; message: string }) => [
          entry.field,
          entry.message,
        ])
      )
    }
    throw error
  }
  throw new Error('expected a validation error')
}

test.group('Citizens: created from data typed without login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a new person is created as anonymous, birth data read from the codice fiscale', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()

    const citizen = await citizenFromTypedData(ente, TYPED)

    const stored = await Citizen.findOrFail(citizen.id)
    assert.equal(stored.enteId, ente.id)
    assert.equal(stored.fiscalCode, 'BRTLNZ00C11L378I')
    assert.equal(stored.fullName, 'Lorenzo Bertoli')
    assert.equal(stored.email, 'lorenzo.bertoli@opencitylabs.it')
    assert.equal(stored.mobilePhone, '+39 333 1234567')
    assert.isNull(stored.phone)
    assert.equal(stored.gender, 'M')
    assert.equal(stored.birthDate?.toISODate(), '2000-03-11')
    assert.equal(stored.identitySource, 'anonymous')
    assert.deepEqual(stored.lockedFields, [])
  })

  test("inside the caller's transaction: rolled back with it", async ({ assert }) => {
    const ente = await EnteFactory.create()

    const trx = await db.transaction()
    const citizen = await citizenFromTypedData(ente, TYPED, { client: trx })
    assert.isNotNull(await Citizen.query({ client: trx }).where('id', citizen.id).first())
    await trx.rollback()

    assert.lengthOf(await Citizen.query().where('ente_id', ente.id), 0)
  })

  test('a landline goes to the phone, not the mobile', async ({ assert }) => {
    const ente = await EnteFactory.create()

    const citizen = await citizenFromTypedData(ente, { ...TYPED, telefono: '050 123456' })

    assert.equal(citizen.phone, '050 123456')
    assert.isNull(citizen.mobilePhone ?? null)
  })

  test('a known codice fiscale is the same person: nothing typed overwrites their data', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const known = await CitizenFactory.merge({
      enteId: ente.id,
      fiscalCode: 'BRTLNZ00C11L378I',
      firstName: 'Lorenzo',
      lastName: 'Bertoli',
      email: 'lorenzo@example.it',
      mobilePhone: null,
    }).create()

    const citizen = await citizenFromTypedData(ente, {
      ...TYPED,
      nome: 'Mario',
      cognome: 'Rossi',
      email: 'altro@example.it',
    })

    assert.equal(citizen.id, known.id)
    const stored = await Citizen.findOrFail(known.id)
    assert.equal(stored.fullName, 'Lorenzo Bertoli', 'locked by SPID')
    assert.equal(stored.identitySource, 'spid')
    assert.sameMembers(stored.lockedFields, known.lockedFields)
    assert.equal(stored.email, 'lorenzo@example.it', 'anyone can type a codice fiscale')
    assert.equal(stored.mobilePhone, '+39 333 1234567', 'an empty contact is filled')
    assert.lengthOf(await Citizen.query().where('ente_id', ente.id), 1)
  })

  test('the same data in another ente is another citizen', async ({ assert }) => {
    const a = await EnteFactory.create()
    const b = await EnteFactory.create()

    const inA = await citizenFromTypedData(a, TYPED)
    const inB = await citizenFromTypedData(b, TYPED)

    assert.notEqual(inA.id, inB.id)
  })

  test('a codice fiscale that fails its check is refused with a clear Italian message', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()

    // the manual's "CF non valido" example
    const messages = await validationMessages(
      citizenFromTypedData(ente, { ...TYPED, codiceFiscale: 'MRARSI01A70G452D' })
    )

    assert.deepEqual(messages, {
      codiceFiscale:
        "Il codice fiscale non è valido: l'ultimo carattere non corrisponde agli altri. Controlla di averlo scritto correttamente",
    })
    assert.lengthOf(await Citizen.query().where('ente_id', ente.id), 0)
  })

  test('every field is checked, each with its own message', async ({ assert }) => {
    const ente = await EnteFactory.create()

    const messages = await validationMessages(
      citizenFromTypedData(ente, {
        nome: '',
        codiceFiscale: 'BRTLNNE00C11L07G',
        email: 'lorenzo@',
        telefono: 'chiamami',
      })
    )

    assert.deepEqual(messages, {
      nome: 'Il campo Nome è obbligatorio',
      cognome: 'Il campo Cognome è obbligatorio',
      codiceFiscale:
        'Il codice fiscale non ha il formato giusto: 6 lettere, 2 cifre, 1 lettera, 2 cifre, 1 lettera, 3 cifre e 1 lettera',
      email: 'Il campo Indirizzo email deve essere un indirizzo email valido',
      telefono: 'Inserisci un recapito telefonico valido, per esempio +39 333 1234567',
    })
  })

  test('messages follow the language asked for', async ({ assert }) => {
    const ente = await EnteFactory.create()

    const messages = await validationMessages(
      citizenFromTypedData(
        ente,
        { ...TYPED, codiceFiscale: 'RSSMRA80A01H501' },
        { i18n: i18nManager.locale('en') }
      )
    )

    assert.deepEqual(messages, { codiceFiscale: 'The tax code must have 16 characters' })
  })
})
