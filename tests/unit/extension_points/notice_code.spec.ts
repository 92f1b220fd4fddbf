import { test } from '@japa/runner'
import {
  checkDigits,
  formatNoticeCode,
  isValidNoticeCode,
  iuvFor,
  noticeCodeFromIuv,
  noticeQrPayload,
  parseNoticeCode,
} from '#extension_points/payment/notice_code'

// the IUV of the operator manual's paid pratica ("Identificativo Univoco del Versamento")
const MANUAL_IUV = '04240000000021691'

test.group('Notice codes (codice avviso)', () => {
  test('check digits are the remainder of the division by 93, on two digits', ({ assert }) => {
    assert.equal(checkDigits('93'), '00')
    assert.equal(checkDigits('100'), '07')
    assert.equal(checkDigits('3042400000000216'), '91')
    assert.throws(() => checkDigits('12a'), /digits/)
  })

  test('an IUV for aux digit 3 carries the segregation code and its check digits', ({ assert }) => {
    const iuv = iuvFor({ auxDigit: '3', segregationCode: '04', reference: '2400000000216' })
    assert.equal(iuv, MANUAL_IUV)
    assert.deepEqual(parseNoticeCode(`3${iuv}`), {
      auxDigit: '3',
      iuv,
      segregationCode: '04',
    })
  })

  test('an IUV for aux digit 0 has 15 digits; the notice code adds the application code', ({
    assert,
  }) => {
    const iuv = iuvFor({ auxDigit: '0', applicationCode: '12', reference: '0000000004567' })
    assert.lengthOf(iuv, 15)
    assert.equal(iuv.slice(13), checkDigits('0120000000004567'))
    assert.deepEqual(parseNoticeCode(`012${iuv}`), {
      auxDigit: '0',
      applicationCode: '12',
      iuv,
    })
    assert.equal(noticeCodeFromIuv(iuv, { applicationCode: '12' }), `012${iuv}`)
    assert.isNull(noticeCodeFromIuv(iuv), 'no application code, no notice code')
    assert.isNull(noticeCodeFromIuv(iuv, { applicationCode: '13' }), 'another code fails the check')
  })

  test('an IUV for aux digit 2 has a 15-digit reference', ({ assert }) => {
    const iuv = iuvFor({ auxDigit: '2', reference: '123456789012345' })
    assert.equal(iuv, `123456789012345${checkDigits('2123456789012345')}`)
    assert.equal(noticeCodeFromIuv(iuv), `2${iuv}`)
  })

  test('the aux digit of a 17-digit IUV is the one its check digits satisfy', ({ assert }) => {
    assert.equal(noticeCodeFromIuv(MANUAL_IUV), `3${MANUAL_IUV}`)
    const altered = `${MANUAL_IUV.slice(0, 15)}00`
    assert.isNull(noticeCodeFromIuv(altered))
    assert.isNull(noticeCodeFromIuv('RF23567483937849'), 'a creditor reference is not a notice')
  })

  test('refuses what is not a notice code', ({ assert }) => {
    assert.isTrue(isValidNoticeCode(`3${MANUAL_IUV}`))
    assert.isTrue(isValidNoticeCode(formatNoticeCode(`3${MANUAL_IUV}`)), 'spaces are ignored')
    assert.isFalse(isValidNoticeCode(`3${MANUAL_IUV.slice(0, 16)}2`), 'wrong check digits')
    assert.isFalse(isValidNoticeCode(`1${MANUAL_IUV}`), 'aux digit 1 is obsolete')
    assert.isFalse(isValidNoticeCode(`4${MANUAL_IUV}`))
    assert.isFalse(isValidNoticeCode(MANUAL_IUV), '17 digits')
    assert.isFalse(isValidNoticeCode(`3${MANUAL_IUV}0`), '19 digits')
    assert.isFalse(isValidNoticeCode('3042400000000216A1'))
  })

  test('prints the notice code in groups of four digits', ({ assert }) => {
    assert.equal(formatNoticeCode(`3${MANUAL_IUV}`), '3042 4000 0000 0216 91')
  })

  test('the QR code payload of the avviso', ({ assert }) => {
    assert.equal(
      noticeQrPayload({
        noticeCode: `3${MANUAL_IUV}`,
        creditorFiscalCode: '00184280360',
        amountCents: 100,
      }),
      'PAGOPA|002|304240000000021691|00184280360|100'
    )
    assert.throws(
      () =>
        noticeQrPayload({
          noticeCode: '300000000000000000',
          creditorFiscalCode: '00184280360',
          amountCents: 1,
        }),
      /notice code/
    )
    assert.throws(
      () =>
        noticeQrPayload({
          noticeCode: `3${MANUAL_IUV}`,
          creditorFiscalCode: 'BRTLNZ96C11L378I',
          amountCents: 1,
        }),
      /11 digits/
    )
    assert.throws(
      () =>
        noticeQrPayload({
          noticeCode: `3${MANUAL_IUV}`,
          creditorFiscalCode: '00184280360',
          amountCents: 1.5,
        }),
      /cents/
    )
  })
})
