import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import {
  typedProvince,
  base64Digest,
  digitalStampAvailable,
  digitalStampUnderway,
  istanzaDigest,
  normalizeProvince,
  provinceError,
} from '#domain/payments/digital_stamp'

test.group('Marca da bollo digitale: document digest and province', () => {
  test('the istanza digest ignores key order and changes with any datum', ({ assert }) => {
    const uuid = '5f0c2f8e-7a0e-4a53-9d7a-1d1a2b3c4d5e'
    const one = istanzaDigest(uuid, { targa: 'AB123CD', richiedente: { nome: 'Anna', cf: 'X' } })
    const same = istanzaDigest(uuid, { richiedente: { cf: 'X', nome: 'Anna' }, targa: 'AB123CD' })
    assert.equal(one, same)
    assert.equal(Buffer.from(one, 'base64').length, 32, 'a SHA-256 digest in base64')
    assert.notEqual(
      one,
      istanzaDigest(uuid, { targa: 'AB123CE', richiedente: { nome: 'Anna', cf: 'X' } })
    )
    assert.notEqual(
      one,
      istanzaDigest('00000000-7a0e-4a53-9d7a-1d1a2b3c4d5e', {
        targa: 'AB123CD',
        richiedente: { nome: 'Anna', cf: 'X' },
      })
    )
  })

  test('a stored document hex SHA-256 becomes the base64 digest pagoPA expects', ({ assert }) => {
    const bytes = Buffer.from('%PDF-1.7 modulo compilato')
    const hex = createHash('sha256').update(bytes).digest('hex')
    assert.equal(base64Digest(hex), createHash('sha256').update(bytes).digest('base64'))
  })

  test('the province is a two-letter sigla, typed in any case', ({ assert }) => {
    assert.equal(normalizeProvince(' pi '), 'PI')
    assert.isNull(provinceError('PI'))
    assert.match(provinceError('')!, /Indica la sigla/)
    assert.match(provinceError('PISA')!, /due lettere/)
    assert.match(provinceError('P1')!, /due lettere/)
  })

  test('a digital marca on its way blocks another; a failed, expired or cancelled one does not', ({
    assert,
  }) => {
    for (const status of [
      'CREATION_PENDING',
      'PAYMENT_PENDING',
      'PAYMENT_STARTED',
      'COMPLETE',
    ] as const)
      assert.isTrue(digitalStampUnderway(status), status)
    for (const status of ['CREATION_FAILED', 'PAYMENT_FAILED', 'EXPIRED', 'CANCELED'] as const)
      assert.isFalse(digitalStampUnderway(status), status)
    assert.isFalse(digitalStampUnderway(null))
  })

  test('only the 16,00 € imposta di bollo is issued as a marca digitale', ({ assert }) => {
    assert.isTrue(digitalStampAvailable(1600))
    assert.isFalse(digitalStampAvailable(200))
    assert.isFalse(digitalStampAvailable(3200))
  })

  test('the province typed in the Richiedente block is the default, when it is a sigla', ({
    assert,
  }) => {
    assert.equal(typedProvince({ applicant: { address: { county: 'pi' } } }), 'PI')
    assert.isNull(typedProvince({ applicant: { address: { county: 'Pisa' } } }))
    assert.isNull(typedProvince({ applicant: {} }))
    assert.isNull(typedProvince(null))
  })
})
