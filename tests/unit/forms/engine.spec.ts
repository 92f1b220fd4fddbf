import { test } from '@japa/runner'
import { importInline, importShipped, submit, evaluate, context } from './helpers.js'
import { evaluateForm } from '#domain/forms/evaluate'
import { runCode } from '#domain/forms/expression/interpreter'
import { helperScope } from '#domain/forms/expression/helpers'
import { summarize } from '#domain/forms/summary'
import { fileProblem, parseSize, patternExtensions } from '#domain/forms/rules/files'

const FIXTURE = 'tests/fixtures/forms/all_components.json'

test.group('Forms: the fixture with every component', () => {
  test('imports every component without anything unsupported', async ({ assert }) => {
    const { definition, report } = await importShipped(FIXTURE)
    assert.isTrue(definition.wizard)
    assert.deepEqual(report.unsupported, [])
    assert.deepEqual(
      report.adapted.map((issue) => `${issue.path}:${issue.feature}`),
      ['marriage_day:day', 'place:address']
    )
  })

  test('a valid submission is stored with its typed values', async ({ assert }) => {
    const { definition } = await importShipped(FIXTURE)
    const result = submit(definition, {
      'first_name': 'Maria',
      'last_name': 'Bianchi',
      'fiscal_code': 'RSSMRA80A01H501U',
      'vat_number': '00743110157',
      'email': 'maria@example.it',
      'birth_date': '20/02/1980',
      'marriage_day': '1/6/2010',
      'office': 'tributi',
      'county': 'PI',
      'delivery': 'email',
      'post_address': 'Via nascosta 1',
      'topics[]': undefined,
      'topics': ['rifiuti'],
      'people': '4',
      'amount': '100,00',
      'channel': 'web',
      'place/address/address1': 'Via Roma 1',
      'place/address/city': 'Pisa',
      'children/0/_row': '1',
      'children/0/child_name': 'Luca',
      'children/0/child_age': '7',
      'children/3/_row': '1',
      'children/3/child_name': 'Sara',
      'privacy': 'true',
    })
    assert.deepEqual(result.errors, {})
    const data = result.data as Record<string, any>
    assert.equal(data.birth_date, '1980-02-20')
    assert.equal(data.marriage_day, '01/06/2010')
    assert.equal(data.people, 4)
    assert.equal(data.amount, 100)
    assert.equal(data.total, 25)
    assert.deepEqual(data.topics, { traffico: false, rifiuti: true })
    assert.deepEqual(data.place, {
      mode: 'manual',
      address: { address1: 'Via Roma 1', city: 'Pisa' },
    })
    assert.deepEqual(data.children, [
      { child_name: 'Luca', child_age: 7 },
      { child_name: 'Sara', child_age: null },
    ])
    assert.isTrue(data.privacy)
    // shown only for delivery by post: neither required nor stored
    assert.notProperty(data, 'post_address')
    assert.notProperty(data, 'urgency_reason')
  })

  test('a condition makes a hidden field required once shown', async ({ assert }) => {
    const { definition } = await importShipped(FIXTURE)
    const byPost = submit(definition, { delivery: 'post' }, { steps: [1] })
    assert.equal(byPost.errors.post_address, 'Campo richiesto')
    const byEmail = submit(definition, { delivery: 'email' }, { steps: [1] })
    assert.notProperty(byEmail.errors, 'post_address')
    const urgent = submit(definition, { urgent: 'true' }, { steps: [1] })
    assert.equal(urgent.errors.urgency_reason, 'Campo richiesto')
  })

  test('per-step validation checks only that step', async ({ assert }) => {
    const { definition } = await importShipped(FIXTURE)
    const first = submit(definition, {}, { steps: [0] })
    assert.containsSubset(first.errors, {
      first_name: 'Campo richiesto',
      fiscal_code: 'Campo richiesto',
    })
    assert.notProperty(first.errors, 'privacy')
  })

  test('data grid rows are validated one by one', async ({ assert }) => {
    const { definition } = await importShipped(FIXTURE)
    const result = submit(
      definition,
      { 'children/0/_row': '1', 'children/1/_row': '1', 'children/1/child_age': '20' },
      { steps: [1] }
    )
    assert.equal(result.errors['children/0/child_name'], 'Campo richiesto')
    assert.equal(result.errors['children/1/child_age'], 'Il valore non può essere superiore a 17')
  })

  test('the Riepilogo lists the visible fields with readable values', async ({ assert }) => {
    const { definition } = await importShipped(FIXTURE)
    const result = submit(definition, {
      first_name: 'Maria',
      birth_date: '20/02/1980',
      amount: '12,5',
      office: 'tributi',
      delivery: 'email',
      privacy: 'true',
    })
    const sections = summarize(definition, result.values, new Set(result.hidden))
    const rows = Object.fromEntries(
      sections.flatMap((section) => section.rows.map((row) => [row.label, row.value]))
    )
    assert.equal(rows['Nome'], 'Maria')
    assert.equal(rows['Data di nascita'], '20/02/1980')
    assert.equal(rows['Importo'], '12,50 €')
    assert.equal(rows['Ufficio'], 'Tributi')
    assert.equal(rows["Ho letto e compreso l'informativa sulla privacy"], 'Sì')
    assert.notProperty(rows, 'Indirizzo di spedizione')
    assert.deepEqual(
      sections.map((section) => section.title),
      ['Dati personali', 'Dettagli', 'Richiesta']
    )
  })
})

test.group('Forms: import', () => {
  test('an unknown component is reported by key and type path, never dropped silently', ({
    assert,
  }) => {
    const { definition, report } = importInline([
      {
        type: 'panel',
        key: 'page',
        title: 'Pagina',
        components: [{ type: 'signature', key: 'firma', label: 'Firma' }],
      },
      { type: 'form', key: 'missing', form: 'does-not-exist' },
    ])
    assert.deepEqual(report.unsupported, [
      {
        path: 'firma',
        type: 'panel/signature',
        feature: 'signature',
        reason: 'tipo di componente non supportato',
      },
      {
        path: 'missing',
        type: 'form',
        feature: 'form',
        reason: 'modulo annidato «does-not-exist» non trovato',
      },
    ])
    assert.lengthOf((definition.children[0] as any).children, 0)
  })

  test('code using what is not available is reported and left out', ({ assert }) => {
    const { definition, report } = importInline([
      { type: 'textfield', key: 'a', calculateValue: 'value = window.location.href' },
      { type: 'textfield', key: 'b', customConditional: 'function f() { return 1 }' },
    ])
    assert.deepEqual(
      report.unsupported.map((issue) => `${issue.path}:${issue.feature}:${issue.reason}`),
      [
        'a:calculateValue:usa «window», non disponibile',
        'b:customConditional:codice non interpretabile: «function» non supportato',
      ]
    )
    assert.notProperty(definition.children[0], 'calculate')
    assert.isUndefined(definition.children[1].conditional)
  })

  test('JSON logic conditions', ({ assert }) => {
    const { definition } = importInline([
      { type: 'number', key: 'age', label: 'Età' },
      {
        type: 'textfield',
        key: 'guardian',
        label: 'Tutore',
        conditional: { json: { '<': [{ var: 'data.age' }, 18] } },
      },
    ])
    assert.deepEqual(evaluate(definition, { age: 12, guardian: 'x' }).data, {
      age: 12,
      guardian: 'x',
    })
    assert.deepEqual(evaluate(definition, { age: 40, guardian: 'x' }).data, { age: 40 })
  })

  test("conditions in a nested form read that form's data first (OpenCity address: country when county is EE)", async ({
    assert,
  }) => {
    const { definition } = importInline([
      { type: 'form', key: 'address', form: '5d5a66b7669977001b5b617b' },
    ])
    const { blockLibrary } = await import('#services/forms/block_library')
    const { importForm } = await import('#domain/forms/formio/import')
    const nested = importForm(
      { components: [{ type: 'form', key: 'address', form: '5d5a66b7669977001b5b617b' }] },
      await blockLibrary()
    )
    void definition
    const abroad = evaluate(nested.definition, { address: { county: 'ee', country: 'Francia' } })
    assert.equal((abroad.data as any).address.county, 'EE')
    assert.equal((abroad.data as any).address.country, 'Francia')
    const home = evaluate(nested.definition, { address: { county: 'PI', country: 'Francia' } })
    assert.notProperty((home.data as any).address, 'country')
  })
})

test.group('Forms: calculated values', () => {
  test('value from other fields, recomputed on each evaluation', ({ assert }) => {
    const { definition } = importInline([
      { type: 'number', key: 'a' },
      { type: 'number', key: 'b' },
      { type: 'number', key: 'sum', calculateValue: 'value = (data.a || 0) + (data.b || 0)' },
    ])
    assert.equal((evaluate(definition, { a: 2, b: 3 }).data as any).sum, 5)
    assert.equal((evaluate(definition, { a: 2, b: 10, sum: 5 }).data as any).sum, 12)
  })

  test('OpenCity bookings: assigning data.<key> sets the value', async ({ assert }) => {
    const { definition } = await importShipped(
      'database/data/opencity/formio/services/bookings.json'
    )
    const result = evaluateForm(
      definition,
      {
        user_group: { id: '7', name: 'Anagrafe', calendar_id: 'cal-1' },
        day: '2026-03-20',
        time: { start_time: '09:00', end_time: '09:30', opening_hour: 'oh-1' },
        meeting_id: 'm-9',
      },
      context,
      { validate: false }
    )
    assert.equal((result.data as any).calendar, '20/03/2026 @ 09:00-09:30 (cal-1#m-9#oh-1)')
  })
})

test.group('Forms: the expression interpreter', () => {
  const run = (code: string, scope: Record<string, unknown> = {}) =>
    runCode(code, { ...helperScope(context.today), data: {}, ...scope })

  test('reads, computes and assigns like JavaScript', ({ assert }) => {
    const { interpreter } = run(
      "let x = [1, 2, 3]; if (x.includes(2) && !false) { value = 'ok' + x.length } else value = 'no'"
    )
    assert.equal(interpreter.read('value'), 'ok3')
    assert.equal(run("value = 'a_b_c'.replace(/_/gi, '-')").interpreter.read('value'), 'a-b-c')
    assert.isUndefined(run('value = data.missing.deeper').interpreter.read('value'))
  })

  test('reaches nothing outside the scope', ({ assert }) => {
    assert.throws(() => run('value = data.constructor'), /non accessibile/)
    assert.throws(
      () => run("value = ''.constructor.constructor('return process')()"),
      /non accessibile/
    )
    assert.throws(() => run('value = process.env'), /non è disponibile/)
    assert.throws(() => run('value = data.toString()', { data: {} }), /non disponibile/)
    assert.throws(() => run('value = globalThis'), /non è disponibile/)
  })

  test('stops runaway code', ({ assert }) => {
    const code = 'let s = 0; ' + 's = s + 1; '.repeat(20_000)
    assert.throws(() => run(code), /troppe operazioni/)
  })
})

test.group('Forms: file rules', () => {
  const rules = {
    types: ['pdf', 'p7m'],
    maxSize: parseSize('1MB')!,
    minSize: parseSize('1KB')!,
    multiple: false,
  }

  test('sizes and patterns as Form.io writes them', ({ assert }) => {
    assert.equal(parseSize('10MB'), 10 * 1024 * 1024)
    assert.equal(parseSize('30 MB'), 30 * 1024 * 1024)
    assert.deepEqual(patternExtensions('.jpg,.jpeg,.png'), ['jpg', 'jpeg', 'png'])
    assert.deepEqual(patternExtensions('image/png,application/pdf'), ['png', 'pdf'])
    assert.isNull(patternExtensions('*'))
  })

  test('refuses by type, size and minimum size with the reason', ({ assert }) => {
    assert.isNull(fileProblem(rules, { name: 'delega.PDF', size: 2048 }))
    assert.equal(
      fileProblem(rules, { name: 'virus.exe', size: 2048 }),
      'Il file «virus.exe» non è di un tipo ammesso: puoi caricare solo file pdf e p7m.'
    )
    assert.equal(
      fileProblem(rules, { name: 'grande.pdf', size: 2 * 1024 * 1024 }),
      'Il file «grande.pdf» supera la dimensione massima di 1 MB.'
    )
    assert.equal(
      fileProblem(rules, { name: 'vuoto.pdf', size: 10 }),
      'Il file «vuoto.pdf» è più piccolo della dimensione minima di 1 kB.'
    )
  })
})
