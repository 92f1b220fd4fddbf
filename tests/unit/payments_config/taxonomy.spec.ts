import { test } from '@japa/runner'
import { readFile } from 'node:fs/promises'
import { DateTime } from 'luxon'
import {
  knownTaxonomyLabel,
  parseTaxonomy,
  taxonomyChoices,
  taxonomyCodes,
} from '#services/payments/taxonomy'

test.group('pagoPA taxonomy', () => {
  test('reads the official CSV by its headers: code, "macro area: servizio"', async ({
    assert,
  }) => {
    const csv = await readFile(
      new URL('../../../app/services/payments/taxonomy/taxonomy.csv', import.meta.url),
      'utf8'
    )
    const entries = parseTaxonomy(csv)
    assert.lengthOf(entries, 4)
    const imu = entries.find((entry) => entry.code === '9/0101100IM/')!
    assert.equal(imu.label, 'TRIBUTI: Rendite catastali (ICI, IMU, TUC, ecc.)')
    assert.equal(imu.creditorType, 'COMUNE/UNIONE DI COMUNI / CONSORZI')
    assert.equal(imu.validUntil!.toISODate(), '2080-01-01')
    const codes = await taxonomyCodes()
    assert.isTrue(codes.has('9/0102100SA/'))
    assert.equal(
      await knownTaxonomyLabel('9/0102100SA/'),
      'CORPO DI POLIZIA LOCALE: Multe / Verbali di Contravvenzione'
    )
    assert.isNull(await knownTaxonomyLabel('9/0301123AP/'))
  })

  test('columns in another order, and the expired entries left out of the choices', async ({
    assert,
  }) => {
    const entries = parseTaxonomy(
      'TIPO SERVIZIO;DATI SPECIFICI DI INCASSO;NOME MACRO AREA;TIPO ENTE CREDITORE;DATA FINE VALIDITA (mm/gg/aaaa)\n' +
        'Accesso agli Atti;9/0201133AP/;SERVIZI REGIONALI;REGIONE;12/31/2024\n'
    )
    assert.deepEqual(
      entries.map((entry) => [entry.code, entry.label, entry.validUntil!.toISODate()]),
      [['9/0201133AP/', 'SERVIZI REGIONALI: Accesso agli Atti', '2024-12-31']]
    )
    assert.throws(() => parseTaxonomy('A;B\n1;2\n'), /manca la colonna/)
    const later = await taxonomyChoices(DateTime.fromISO('2090-01-01'))
    assert.lengthOf(later, 0)
    assert.lengthOf(await taxonomyChoices(), 4)
  })
})
