import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import Citizen from '#models/citizen'
import { EnteFactory } from '#factories/ente_factory'
import { CitizenFactory } from '#factories/citizen_factory'
import { upsertCitizenFromIdentity } from '#services/citizens/upsert_from_identity'
import type { NormalisedIdentity } from '#extension_points/identity/contract'

/** What an identity plugin answers for Lorenzo Bertoli (born in Trento, 11 March 2000). */
function identity(overrides: Partial<NormalisedIdentity> = {}): NormalisedIdentity {
  return {
    fiscalNumber: 'BRTLNZ00C11L378I',
    name: 'Lorenzo',
    familyName: 'Bertoli',
    level: 2,
    source: 'spid',
    ...overrides,
  }
}

test.group('Citizens: created or updated from SPID/CIE at every login', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the first login creates the citizen with the asserted fields locked', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()

    const citizen = await upsertCitizenFromIdentity(
      ente,
      identity({
        fiscalNumber: 'TINIT-brtlnz00c11l378i',
        email: 'Lorenzo.Bertoli@Example.it',
        mobilePhone: '+393331234567',
        dateOfBirth: '2000-03-11',
        placeOfBirth: 'L378',
        idpId: 'https://id.lepida.it/idp/shibboleth',
      })
    )

    const stored = await Citizen.findOrFail(citizen.id)
    assert.equal(stored.enteId, ente.id)
    assert.equal(stored.fiscalCode, 'BRTLNZ00C11L378I')
    assert.equal(stored.fullName, 'Lorenzo Bertoli')
    assert.equal(stored.gender, 'M', 'from the codice fiscale')
    assert.equal(stored.birthDate?.toISODate(), '2000-03-11')
    assert.equal(stored.birthPlace, 'L378')
    assert.equal(stored.email, 'lorenzo.bertoli@example.it')
    assert.equal(stored.mobilePhone, '+393331234567')
    assert.equal(stored.identitySource, 'spid')
    assert.equal(stored.identityProvider, 'https://id.lepida.it/idp/shibboleth')
    assert.isNotNull(stored.identityVerifiedAt)
    assert.isNotNull(stored.lastLoginAt)
    assert.sameMembers(stored.lockedFields, [
      'fiscalCode',
      'firstName',
      'lastName',
      'gender',
      'birthDate',
      'birthPlace',
    ])
    assert.notInclude(stored.lockedFields, 'email', 'contacts stay the citizen’s')
  })

  test('without dateOfBirth the birth date comes from the codice fiscale', async ({ assert }) => {
    const ente = await EnteFactory.create()

    const citizen = await upsertCitizenFromIdentity(ente, identity({ source: 'cie', level: 3 }))

    assert.equal(citizen.birthDate?.toISODate(), '2000-03-11')
    assert.equal(citizen.identitySource, 'cie')
    assert.include(citizen.lockedFields, 'birthDate')
    assert.notInclude(citizen.lockedFields, 'birthPlace', 'not asserted, so still editable')
  })

  test('a citizen created by an operator becomes the same person, with SPID data locked', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()
    const typed = await CitizenFactory.apply('operator')
      .merge({
        enteId: ente.id,
        fiscalCode: 'BRTLNZ00C11L378I',
        firstName: 'Lorenso',
        lastName: 'Bertolli',
        gender: 'F',
        birthDate: DateTime.fromISO('2000-03-12'),
        birthPlace: 'Trento',
        email: 'scelta.dal.cittadino@example.it',
        residenceAddress: 'Via Parma',
      })
      .create()

    const citizen = await upsertCitizenFromIdentity(
      ente,
      identity({ email: 'da.spid@example.it', mobilePhone: '+393330000000' })
    )

    assert.equal(citizen.id, typed.id)
    assert.lengthOf(await Citizen.query().where('ente_id', ente.id), 1)
    const stored = await Citizen.findOrFail(typed.id)
    // identity fields: SPID overwrites them
    assert.equal(stored.fullName, 'Lorenzo Bertoli')
    assert.equal(stored.gender, 'M')
    assert.equal(stored.birthDate?.toISODate(), '2000-03-11')
    assert.equal(stored.identitySource, 'spid')
    // not asserted: what the operator typed stays, editable
    assert.equal(stored.birthPlace, 'Trento')
    assert.isFalse(stored.isLocked('birthPlace'))
    // contacts: the citizen's own win, empty ones are filled
    assert.equal(stored.email, 'scelta.dal.cittadino@example.it')
    assert.equal(stored.mobilePhone, '+393330000000')
    assert.equal(stored.residenceAddress, 'Via Parma')
  })

  test('a login-free applicant becomes the same person too', async ({ assert }) => {
    const ente = await EnteFactory.create()
    const anonymous = await CitizenFactory.apply('anonymous')
      .merge({ enteId: ente.id, fiscalCode: 'BRTLNZ00C11L378I', email: null })
      .create()

    const citizen = await upsertCitizenFromIdentity(ente, identity({ email: 'lorenzo@example.it' }))

    assert.equal(citizen.id, anonymous.id)
    assert.equal(citizen.identitySource, 'spid')
    assert.equal(citizen.email, 'lorenzo@example.it')
  })

  test('every login writes the asserted fields again, and the latest IdP', async ({ assert }) => {
    const ente = await EnteFactory.create()
    const first = await upsertCitizenFromIdentity(ente, identity({ placeOfBirth: 'L378' }))
    // the citizen cannot change a locked field, but a stale one is corrected
    first.merge({ lastName: 'Vecchio' })
    await first.save()

    const second = await upsertCitizenFromIdentity(
      ente,
      identity({ source: 'cie', level: 3, idpId: 'cie' })
    )

    assert.equal(second.id, first.id)
    assert.equal(second.lastName, 'Bertoli')
    assert.equal(second.identitySource, 'cie')
    assert.equal(second.identityProvider, 'cie')
    assert.include(second.lockedFields, 'birthPlace', 'asserted at an earlier login')
    assert.equal(second.birthPlace, 'L378')
  })

  test('the same codice fiscale in another ente is another citizen', async ({ assert }) => {
    const a = await EnteFactory.create()
    const b = await EnteFactory.create()

    const inA = await upsertCitizenFromIdentity(a, identity())
    const inB = await upsertCitizenFromIdentity(b, identity())

    assert.notEqual(inA.id, inB.id)
    assert.equal(inB.enteId, b.id)
  })

  test('SPID address: the domicile, parsed and locked; a new one replaces it whole', async ({
    assert,
  }) => {
    const ente = await EnteFactory.create()

    const { id } = await upsertCitizenFromIdentity(
      ente,
      identity({ address: 'Via Listz 21 00144 Roma RM' })
    )
    const citizen = await Citizen.findOrFail(id)
    assert.deepInclude(citizen.serialize(), {
      domicileAddress: 'Via Listz',
      domicileHouseNumber: '21',
      domicilePostalCode: '00144',
      domicileMunicipality: 'Roma',
      domicileCounty: 'RM',
    })
    assert.includeMembers(citizen.lockedFields, [
      'domicileAddress',
      'domicileHouseNumber',
      'domicilePostalCode',
      'domicileMunicipality',
      'domicileCounty',
    ])
    assert.isNull(citizen.residenceAddress, 'the residence is the citizen’s to give')

    const moved = await upsertCitizenFromIdentity(ente, identity({ address: 'Località Boschetto' }))
    assert.equal(moved.domicileAddress, 'Località Boschetto')
    assert.isNull(moved.domicilePostalCode)
    assert.isNull(moved.domicileMunicipality)
    assert.include(moved.lockedFields, 'domicileAddress')
    assert.notInclude(moved.lockedFields, 'domicilePostalCode', 'the citizen may add it')
  })

  test('a login without an address leaves the domicile as it was', async ({ assert }) => {
    const ente = await EnteFactory.create()
    await upsertCitizenFromIdentity(ente, identity({ address: 'Via Listz 21 00144 Roma RM' }))

    const citizen = await upsertCitizenFromIdentity(ente, identity())

    assert.equal(citizen.domicileMunicipality, 'Roma')
    assert.include(citizen.lockedFields, 'domicileMunicipality')
  })
})
