import { test } from '@japa/runner'
import {
  DEFAULT_RECEIPT_TEMPLATE,
  renderMessageTemplate,
  TEMPLATE_PLACEHOLDERS,
  unknownPlaceholders,
} from '#domain/message_template'

const VALUES = {
  nome: 'Lorenzo',
  cognome: 'Bertoli',
  servizio: 'Richiedere permesso di accesso ad area ZTL',
  numero_richiesta: '9be669dc-fdc4-4a92-a731-42330695a296',
  stato: 'Inviata',
  data: '20 feb 2025 alle 12:57',
  ente: 'Comune di Bugliano',
  link: 'https://servizi.example.it/comune-di-bugliano/pratiche/9be669dc?cittadino=1&signature=x',
}

test.group('Message templates', () => {
  test('every placeholder of DESIGN.md is replaced, with or without spaces', ({ assert }) => {
    const template = TEMPLATE_PLACEHOLDERS.map((name, index) =>
      index % 2 ? `{{${name}}}` : `{{ ${name} }}`
    ).join('|')
    const { text } = renderMessageTemplate(template, VALUES)
    assert.equal(text, TEMPLATE_PLACEHOLDERS.map((name) => VALUES[name]).join('|'))
  })

  test('values are escaped in HTML, and so is the text around them', ({ assert }) => {
    const { text, html } = renderMessageTemplate('<b>Gentile</b> {{ nome }}', {
      nome: '<script>alert(1)</script> & "co"',
    })
    assert.equal(text, '<b>Gentile</b> <script>alert(1)</script> & "co"')
    assert.equal(
      html,
      '<p>&lt;b&gt;Gentile&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;</p>'
    )
  })

  test('a value is never evaluated: template syntax inside a value stays text', ({ assert }) => {
    const { text } = renderMessageTemplate('{{ nome }} {{ cognome }}', {
      nome: '{{ cognome }}',
      cognome: '${process.exit()}',
    })
    assert.equal(text, '{{ cognome }} ${process.exit()}')
  })

  test('paragraphs and line breaks; a value cannot open one; the link is clickable', ({
    assert,
  }) => {
    const { html } = renderMessageTemplate(
      'Gentile {{ nome }},\n\nriga uno\nriga due\n{{ link }}',
      {
        nome: 'Anna\n\nBianchi',
        link: 'https://example.it/a?b=1&c=2',
      }
    )
    assert.equal(
      html,
      '<p>Gentile Anna Bianchi,</p>\n<p>riga uno<br>riga due<br>' +
        '<a href="https://example.it/a?b=1&amp;c=2">https://example.it/a?b=1&amp;c=2</a></p>'
    )
    const notAUrl = renderMessageTemplate('{{ link }}', { link: 'javascript:alert(1)' })
    assert.equal(notAUrl.html, '<p>javascript:alert(1)</p>')
  })

  test('unknown placeholders stay as written and are reported; missing values are empty', ({
    assert,
  }) => {
    const template = 'Ciao {{ nomee }} {{ cognome }}{{ stato }}'
    assert.equal(
      renderMessageTemplate(template, { cognome: 'Rossi' }).text,
      'Ciao {{ nomee }} Rossi'
    )
    assert.deepEqual(unknownPlaceholders(template), ['nomee'])
    assert.deepEqual(unknownPlaceholders(DEFAULT_RECEIPT_TEMPLATE), [])
  })

  test('the default receipt says the request was received, with its number', ({ assert }) => {
    const { text } = renderMessageTemplate(DEFAULT_RECEIPT_TEMPLATE, VALUES)
    assert.include(
      text,
      'la tua richiesta per il servizio Richiedere permesso di accesso ad area ZTL è stata ricevuta'
    )
    assert.include(text, VALUES.numero_richiesta)
    assert.include(text, VALUES.link)
  })
})
