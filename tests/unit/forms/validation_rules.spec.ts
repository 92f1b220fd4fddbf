import { test } from '@japa/runner'
import { errorFor } from './helpers.js'

/**
 * Every validation rule with a value it accepts and one it refuses, through
 * the same path as a POST: posted text → readSubmission → evaluateForm.
 */
type Case = {
  rule: string
  component: Record<string, any>
  valid: string
  invalid: string
  message: string
}

const field = (type: string, extra: Record<string, any> = {}) => ({
  key: 'value',
  label: 'Valore',
  input: true,
  type,
  ...extra,
})

const CASES: Case[] = [
  {
    rule: 'required',
    component: field('textfield', { validate: { required: true } }),
    valid: 'x',
    invalid: '  ',
    message: 'Campo richiesto',
  },
  {
    rule: 'pattern',
    component: field('textfield', { validate: { pattern: '[0-9]{5}' } }),
    valid: '56040',
    invalid: '5604',
    message: 'Il valore non è nel formato richiesto',
  },
  {
    rule: 'minLength',
    component: field('textfield', { validate: { minLength: 3 } }),
    valid: 'abc',
    invalid: 'ab',
    message: 'Inserisci almeno 3 caratteri',
  },
  {
    rule: 'maxLength',
    component: field('textfield', { validate: { maxLength: 3 } }),
    valid: 'abc',
    invalid: 'abcd',
    message: 'Inserisci al massimo 3 caratteri',
  },
  {
    rule: 'minWords',
    component: field('textarea', { validate: { minWords: 2 } }),
    valid: 'due parole',
    invalid: 'una',
    message: 'Inserisci almeno 2 parole',
  },
  {
    rule: 'maxWords',
    component: field('textarea', { validate: { maxWords: 2 } }),
    valid: 'due parole',
    invalid: 'ben tre parole',
    message: 'Inserisci al massimo 2 parole',
  },
  {
    rule: 'min',
    component: field('number', { validate: { min: 1 } }),
    valid: '1',
    invalid: '0',
    message: 'Il valore non può essere inferiore a 1',
  },
  {
    rule: 'max',
    component: field('number', { validate: { max: 10 } }),
    valid: '10',
    invalid: '10,5',
    message: 'Il valore non può essere superiore a 10',
  },
  {
    rule: 'number',
    component: field('number'),
    valid: '1.234,5',
    invalid: 'dodici',
    message: 'Inserisci un numero, ad esempio 12 oppure 12,5',
  },
  {
    rule: 'currency',
    component: field('currency'),
    valid: '12,50',
    invalid: '12,505',
    message: 'Inserisci un importo in euro, ad esempio 12,50',
  },
  {
    rule: 'currency max',
    component: field('currency', { validate: { max: 100 } }),
    valid: '100,00',
    invalid: '100,01',
    message: 'Il valore non può essere superiore a 100,00',
  },
  {
    rule: 'email',
    component: field('email'),
    valid: 'mario.rossi@example.it',
    invalid: 'mario.rossi@',
    message: 'Inserisci un indirizzo email valido, ad esempio nome@esempio.it',
  },
  {
    rule: 'phone',
    component: field('phoneNumber'),
    valid: '+39 050 123456',
    invalid: '12-ab',
    message: 'Inserisci un numero di telefono valido, ad esempio +39 333 1234567',
  },
  {
    rule: 'date (Italian format)',
    component: field('datetime'),
    valid: '29/02/2024',
    invalid: '29/02/2023',
    message: 'Inserisci una data valida nel formato gg/mm/aaaa, ad esempio 20/02/1980',
  },
  {
    rule: 'minDate',
    component: field('datetime', { datePicker: { minDate: '2024-01-01' } }),
    valid: '01/01/2024',
    invalid: '31/12/2023',
    message: 'La data non può essere precedente al 01/01/2024',
  },
  {
    rule: 'maxDate',
    component: field('datetime', { datePicker: { maxDate: '2024-01-01' } }),
    valid: '01/01/2024',
    invalid: '02/01/2024',
    message: 'La data non può essere successiva al 01/01/2024',
  },
  {
    rule: 'day',
    component: field('day'),
    valid: '1/2/2020',
    invalid: '31/04/2020',
    message: 'Inserisci una data valida nel formato gg/mm/aaaa, ad esempio 20/02/1980',
  },
  {
    rule: 'input mask',
    component: field('textfield', { inputMask: 'AA999AA' }),
    valid: 'AB123CD',
    invalid: 'AB12CDE',
    message: 'Il valore non è nel formato richiesto (XX000XX: 0 una cifra, X una lettera)',
  },
  {
    rule: 'codice fiscale',
    component: field('textfield', { validate: { codiceFiscale: true } }),
    valid: 'rssmra80a01h501u',
    invalid: 'RSSMRA80A01H501X',
    message:
      'Il codice fiscale non è valido: controlla di averlo scritto per intero e senza errori',
  },
  {
    rule: 'codice fiscale (OpenCity mask, omocodia accepted)',
    component: field('textfield', { inputMask: 'AAAAAA99A99A***A' }),
    valid: 'RSSMRA80A01H50MM',
    invalid: 'RSSMRA80A01H501A',
    message:
      'Il codice fiscale non è valido: controlla di averlo scritto per intero e senza errori',
  },
  {
    rule: 'partita IVA',
    component: field('textfield', { validate: { partitaIva: true } }),
    valid: '00743110157',
    invalid: '00743110158',
    message:
      'La partita IVA non è valida: servono 11 cifre, controlla di averle scritte senza errori',
  },
  {
    rule: 'select value in its list',
    component: field('select', { data: { values: [{ value: 'a', label: 'A' }] } }),
    valid: 'a',
    invalid: 'b',
    message: "Scegli una delle opzioni dell'elenco",
  },
  {
    rule: 'radio value in its list',
    component: field('radio', { values: [{ value: 'a', label: 'A' }] }),
    valid: 'a',
    invalid: 'z',
    message: "Scegli una delle opzioni dell'elenco",
  },
  {
    rule: 'province list',
    component: field('select', { dataSrc: 'list', data: { list: 'province' } }),
    valid: 'PI',
    invalid: 'XX',
    message: "Scegli una delle opzioni dell'elenco",
  },
  {
    rule: 'customMessage',
    component: field('textfield', { validate: { pattern: '[0-9]+', customMessage: 'Solo cifre' } }),
    valid: '12',
    invalid: 'a',
    message: 'Solo cifre',
  },
  {
    rule: 'validate.custom (OpenCity name check)',
    component: field('textfield', {
      validate: {
        custom:
          "if(input.match('^([a-zA-Z óèéòàùì\\\\-\\'’‘])+$|^$')){\n  valid = true\n}else{\n  valid = 'Il nome può contenere solo caratteri alfabetici'\n}",
      },
    }),
    valid: "D'Angelo",
    invalid: 'R2D2',
    message: 'Il nome può contenere solo caratteri alfabetici',
  },
  {
    rule: 'validate.custom with moment (OpenCity birth date)',
    component: field('textfield', {
      validate: {
        custom:
          "let passedDate = moment(input, 'DD/MM/YYYY');\nif (!passedDate.isValid()){ valid = 'La data inserita non è valida'; } else if(!passedDate.isBetween(moment('01-01-1900','DD-MM-YYYY'), moment(), 'day', '[]')){ valid = 'La data inserita non è valida' }",
      },
    }),
    valid: '20/02/1980',
    invalid: '20/02/2030',
    message: 'La data inserita non è valida',
  },
]

test.group('Forms: validation rules', () => {
  test('{rule}: accepts the valid value')
    .with(CASES)
    .run(({ assert }, row) => {
      assert.isUndefined(errorFor(row.component, row.valid))
    })

  test('{rule}: refuses the invalid value with its message')
    .with(CASES)
    .run(({ assert }, row) => {
      assert.equal(errorFor(row.component, row.invalid), row.message)
    })

  test('an empty optional field passes every rule but required', ({ assert }) => {
    // validate.custom code decides about empty values itself, as in Form.io
    for (const row of CASES.filter(
      (item) => item.rule !== 'required' && !item.component.validate?.custom
    )) {
      assert.isUndefined(errorFor(row.component, ''), row.rule)
    }
  })

  test('a required checkbox must be ticked, a required file must have one', ({ assert }) => {
    assert.equal(
      errorFor(field('checkbox', { validate: { required: true } }), null),
      'Campo richiesto: spunta la casella per proseguire'
    )
    assert.isUndefined(errorFor(field('checkbox', { validate: { required: true } }), 'true'))
    assert.equal(
      errorFor(field('file', { validate: { required: true } }), []),
      'Campo richiesto: allega almeno un file'
    )
  })
})
