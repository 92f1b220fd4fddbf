import { test } from '@japa/runner'
import { checkPaymentItem, bilancioFor, checkStampItem } from '#domain/payments/payment_item'
import { parseEuroCents, euroInput } from '#domain/payments/euro_input'
import { isDatiSpecificiRiscossione } from '#domain/payments/dati_specifici_riscossione'

const rules = {
  allowZero: false,
  formFields: ['importo_calcolato'],
  isTaxonomyCode: (code: string) => code === '9/0101100IM/',
}

const valid = {
  causale: 'Diritti di segreteria',
  importo: '16,00',
  datiSpecificiRiscossione: '9/0301123AP/',
  taxonomyCode: '9/0101100IM/',
  bilancio: [
    { id: 'c_1', codCapitolo: 'Cap1', codUfficio: 'Uff1', codAccertamento: 'Acc1', importo: '10' },
    { id: 'c_2', codCapitolo: 'Cap2', importo: '6,00' },
  ],
}

test.group('Payments configuration: amounts', () => {
  test('reads Italian and dotted amounts into cents', ({ assert }) => {
    assert.equal(parseEuroCents('16'), 1600)
    assert.equal(parseEuroCents('16,5'), 1650)
    assert.equal(parseEuroCents('1.234,56'), 123456)
    assert.equal(parseEuroCents('16.50'), 1650)
    assert.equal(parseEuroCents(' € 2,00 '), 200)
    assert.isNull(parseEuroCents(''))
    assert.isUndefined(parseEuroCents('sedici'))
    assert.isUndefined(parseEuroCents('16,505'))
    assert.isUndefined(parseEuroCents('-3'))
    assert.equal(euroInput(123456), '1234,56')
  })
})

test.group('Payments configuration: a payment', () => {
  test('accepts a payment whose bilancio adds up to the total', ({ assert }) => {
    const { item, errors } = checkPaymentItem(valid, rules)
    assert.deepEqual(errors, {})
    assert.equal(item.amountCents, 1600)
    assert.deepEqual(item.bilancio, [
      {
        id: 'c_1',
        codCapitolo: 'Cap1',
        codUfficio: 'Uff1',
        codAccertamento: 'Acc1',
        importoCents: 1000,
      },
      { id: 'c_2', codCapitolo: 'Cap2', importoCents: 600 },
    ])
  })

  test('refuses a bilancio that does not add up, naming both sums', ({ assert }) => {
    const { errors } = checkPaymentItem(
      { ...valid, bilancio: [{ id: 'c_1', codCapitolo: 'Cap1', importo: '10' }] },
      rules
    )
    assert.equal(
      errors.bilancio,
      "La somma degli importi delle voci (10,00 €) deve essere uguale all'importo totale (16,00 €)."
    )
  })

  test('requires ID, Capitolo and Importo of each row, IDs unique', ({ assert }) => {
    const { errors } = checkPaymentItem(
      {
        ...valid,
        bilancio: [
          { id: 'c_1', codCapitolo: '', importo: '16' },
          { id: 'c_1', codCapitolo: 'X', importo: '' },
        ],
      },
      rules
    )
    assert.equal(errors['bilancio.0.codCapitolo'], 'Indica il capitolo di bilancio.')
    assert.equal(errors['bilancio.1.id'], 'Questo ID è già usato da un’altra voce.')
    assert.equal(errors['bilancio.1.importo'], "Indica l'importo della voce.")
    assert.notProperty(errors, 'bilancio')
  })

  test('requires causale, dati specifici riscossione in their format, a known categoria', ({
    assert,
  }) => {
    const { errors } = checkPaymentItem(
      { causale: ' ', importo: '5', datiSpecificiRiscossione: '5/ABC/', taxonomyCode: 'X' },
      rules
    )
    assert.equal(errors.causale, 'Scrivi la causale del pagamento.')
    assert.match(errors.datiSpecificiRiscossione, /^Formato non valido/)
    assert.match(errors.taxonomyCode, /^Categoria sconosciuta/)
    assert.isTrue(isDatiSpecificiRiscossione('9/0301123AP/'))
    assert.isTrue(isDatiSpecificiRiscossione('2/1234'))
    assert.isFalse(isDatiSpecificiRiscossione('3/0301123AP/'))
    assert.isFalse(isDatiSpecificiRiscossione('9/ab'))
  })

  test('an amount or a form field, not both, not neither; 0 only when deferred', ({ assert }) => {
    assert.match(checkPaymentItem({ ...valid, importo: '' }, rules).errors.importo, /oppure/)
    assert.match(
      checkPaymentItem({ ...valid, amountField: 'importo_calcolato' }, rules).errors.importo,
      /non entrambi/
    )
    assert.match(
      checkPaymentItem({ ...valid, importo: '0', bilancio: [] }, rules).errors.importo,
      /maggiore di zero/
    )
    assert.deepEqual(
      checkPaymentItem({ ...valid, importo: '0', bilancio: [] }, { ...rules, allowZero: true })
        .errors,
      {}
    )
    assert.equal(
      checkPaymentItem({ ...valid, importo: '', amountField: 'altro', bilancio: [] }, rules).errors
        .amountField,
      'Scegli un campo del modulo del servizio.'
    )
  })

  test('a calculated amount: one bilancio row at most, which takes the whole amount', ({
    assert,
  }) => {
    const computed = { ...valid, importo: '', amountField: 'importo_calcolato' }
    assert.match(checkPaymentItem(computed, rules).errors.bilancio, /al massimo una voce/)
    const one = checkPaymentItem(
      { ...computed, bilancio: [{ id: 'c_1', codCapitolo: 'Cap1', importo: '' }] },
      rules
    )
    assert.deepEqual(one.errors, {})
    assert.isNull(one.item.amountCents)
    assert.deepEqual(bilancioFor(one.item, 4250), [
      { id: 'c_1', codCapitolo: 'Cap1', importoCents: 4250 },
    ])
  })

  test('a bollo has a causale and a positive amount', ({ assert }) => {
    assert.deepEqual(checkStampItem({ causale: 'Bollo istanza', importo: '16,00' }), {
      item: { causale: 'Bollo istanza', amountCents: 1600 },
      errors: {},
    })
    const { errors } = checkStampItem({ causale: '', importo: '0' })
    assert.equal(errors.causale, 'Scrivi la causale del bollo.')
    assert.match(errors.importo!, /^Importo non valido/)
  })
})
