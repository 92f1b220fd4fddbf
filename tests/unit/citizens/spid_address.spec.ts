import { test } from '@japa/runner'
import { parseSpidAddress } from '#services/citizens/spid_address'

test.group('Citizens: the SPID address attribute', () => {
  test('street, house number, CAP, municipality and province are read from its end', ({
    assert,
  }) => {
    assert.deepEqual(parseSpidAddress('Via Listz 21 00144 Roma RM'), {
      address: 'Via Listz',
      houseNumber: '21',
      postalCode: '00144',
      municipality: 'Roma',
      county: 'RM',
    })
    assert.deepEqual(parseSpidAddress('  Piazza  del Municipio, 1/B 56040 Santa Luce (PI) '), {
      address: 'Piazza del Municipio',
      houseNumber: '1/B',
      postalCode: '56040',
      municipality: 'Santa Luce',
      county: 'PI',
    })
    assert.deepEqual(parseSpidAddress('Via Roma 62A 38122 Trento'), {
      address: 'Via Roma',
      houseNumber: '62A',
      postalCode: '38122',
      municipality: 'Trento',
    })
  })

  test('what cannot be read stays whole in the address', ({ assert }) => {
    assert.deepEqual(parseSpidAddress('Località Boschetto'), { address: 'Località Boschetto' })
    assert.deepEqual(parseSpidAddress('Via XX Settembre 12 Roma'), {
      address: 'Via XX Settembre 12 Roma',
    })
  })
})
