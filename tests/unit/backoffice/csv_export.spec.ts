import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import {
  CSV_BOM,
  CsvWriter,
  csvDate,
  csvField,
  csvLine,
  csvNumber,
  isCountable,
} from '#domain/csv_export'
import { parseCsv } from '#domain/csv'

test.group('CSV writer', () => {
  test('fields: the separator, quotes and line breaks are quoted; quotes doubled', ({ assert }) => {
    assert.equal(csvField('Rossi'), 'Rossi')
    assert.equal(csvField('Rossi; Bianchi'), '"Rossi; Bianchi"')
    assert.equal(csvField('Il "Comune"'), '"Il ""Comune"""')
    assert.equal(csvField('prima riga\nseconda'), '"prima riga\nseconda"')
    assert.equal(csvField('a\r\nb'), '"a\r\nb"')
    assert.equal(csvField('virgola, non separatore'), 'virgola, non separatore')
    assert.equal(csvField(null), '')
    assert.equal(csvField(undefined), '')
    assert.equal(csvLine(['a', 'b;c', null]), 'a;"b;c";\r\n')
  })

  test('text a spreadsheet would run as a formula starts with an apostrophe', ({ assert }) => {
    assert.equal(csvField('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`)
    assert.equal(csvField('+39 333'), "'+39 333")
    assert.equal(csvField('-1'), "'-1")
    assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)")
    // numbers are numbers: a negative amount stays one
    assert.equal(csvField(-1.5), '-1,5')
  })

  test('numbers with a decimal comma and no grouping; float noise rounded', ({ assert }) => {
    assert.equal(csvNumber(1234.5), '1234,5')
    assert.equal(csvNumber(1_000_000), '1000000')
    assert.equal(csvNumber(0.1 + 0.2), '0,3')
    assert.equal(csvNumber(-0.0000001), '0')
    assert.equal(csvNumber(Number.NaN), '')
  })

  test('dates as dd/mm/yyyy HH:mm in Europe/Rome', ({ assert }) => {
    assert.equal(csvDate(DateTime.fromISO('2024-10-02T08:35:24Z')), '02/10/2024 10:35')
    assert.equal(csvDate(DateTime.fromISO('2024-12-31T23:30:00Z')), '01/01/2025 00:30')
    assert.equal(csvField(DateTime.fromISO('2024-01-15T09:05:00Z')), '15/01/2024 10:05')
  })

  test('a file: BOM, header, rows, then Somma, Media and Conta under their columns', ({
    assert,
  }) => {
    type Row = { name: string; amount: unknown; email: string | null }
    const writer = new CsvWriter<Row>([
      { header: 'Nome', value: (row) => row.name },
      { header: 'Importo', value: (row) => row.amount as any, summaries: ['sum', 'mean'] },
      { header: 'Email', value: (row) => row.email, summaries: ['count'] },
    ])
    const text =
      writer.start() +
      writer.rows([
        { name: 'Anna', amount: 10.5, email: 'anna@example.it' },
        { name: 'Bruno', amount: 'dieci', email: '' },
      ]) +
      writer.rows([{ name: 'Carla', amount: 4, email: 'carla@example.it' }]) +
      writer.end()

    assert.isTrue(text.startsWith(CSV_BOM))
    assert.deepEqual(parseCsv(text.slice(1), ';'), [
      ['Nome', 'Importo', 'Email'],
      ['Anna', '10,5', 'anna@example.it'],
      ['Bruno', 'dieci', ''],
      ['Carla', '4', 'carla@example.it'],
      // text is not summed: the mean is over the two numbers
      ['Somma', '14,5', ''],
      ['Media', '7,25', ''],
      ['Conta', '', '2'],
    ])
    assert.include(text, '\r\nSomma;14,5;\r\n')
  })

  test('no summary asked, no summary rows; a mean of nothing is empty', ({ assert }) => {
    const plain = new CsvWriter<{ a: string }>([{ header: 'A', value: (row) => row.a }])
    plain.start()
    plain.rows([{ a: 'x' }])
    assert.equal(plain.end(), '')

    const empty = new CsvWriter<{ a: unknown }>([
      { header: 'A', value: () => null },
      { header: 'B', value: (row) => row.a as any, summaries: ['mean', 'count'] },
    ])
    empty.rows([{ a: null }])
    assert.deepEqual(parseCsv(empty.end(), ';'), [
      ['Media', ''],
      ['Conta', '0'],
    ])
  })

  test('what Conta counts', ({ assert }) => {
    for (const value of ['x', 0, 12, true, { id: 1 }, ['a']]) {
      assert.isTrue(isCountable(value), JSON.stringify(value))
    }
    for (const value of [null, undefined, '', '   ', false, []]) {
      assert.isFalse(isCountable(value), JSON.stringify(value))
    }
  })
})
