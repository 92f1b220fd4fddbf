/**
 * Message templates written by an ente admin (the receipt text, the
 * messages per state): plain text with the placeholders of DESIGN.md.
 * A placeholder is only ever replaced by its value, never evaluated; in
 * the HTML version both the admin's text and the values are escaped, so
 * neither can inject markup. Unknown placeholders stay as written, so a
 * typo shows in the preview instead of vanishing.
 */
export const TEMPLATE_PLACEHOLDERS = [
  'nome',
  'cognome',
  'servizio',
  'numero_richiesta',
  'stato',
  'data',
  'ente',
  'link',
] as const

export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number]
export type TemplateValues = Partial<Record<TemplatePlaceholder, string | null>>

export interface RenderedMessage {
  text: string
  /** paragraphs at blank lines, <br> at single newlines, the link clickable */
  html: string
}

/** The receipt sent when a service has no receipt text of its own. */
export const DEFAULT_RECEIPT_TEMPLATE = `Gentile {{ nome }} {{ cognome }},

la tua richiesta per il servizio {{ servizio }} è stata ricevuta il {{ data }}.

Il numero identificativo della richiesta è {{ numero_richiesta }}: fai sempre riferimento a questo numero in caso di comunicazioni relative alla tua richiesta.

Puoi seguire la pratica a questo indirizzo: {{ link }}

Grazie per la collaborazione.
{{ ente }}`

const PLACEHOLDER = /\{\{\s*([A-Za-z_]+)\s*\}\}/g
const KNOWN = new Set<string>(TEMPLATE_PLACEHOLDERS)

type Part = { literal: string } | { name: TemplatePlaceholder }

function parts(template: string): Part[] {
  const found: Part[] = []
  let last = 0
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1].toLowerCase()
    if (!KNOWN.has(name)) continue
    found.push({ literal: template.slice(last, match.index) })
    found.push({ name: name as TemplatePlaceholder })
    last = match.index! + match[0].length
  }
  found.push({ literal: template.slice(last) })
  return found
}

export function escapeHtml(value: string) {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

function htmlValue(name: TemplatePlaceholder, value: string) {
  const escaped = escapeHtml(value)
  return name === 'link' && /^https?:\/\//.test(value)
    ? `<a href="${escaped}">${escaped}</a>`
    : escaped
}

export function renderMessageTemplate(template: string, values: TemplateValues): RenderedMessage {
  const split = parts(template.replace(/\r\n?/g, '\n').replaceAll('\u0000', ''))
  const text = split
    .map((part) => ('literal' in part ? part.literal : (values[part.name] ?? '')))
    .join('')
  // newlines are turned into markup on the escaped literal text only: a
  // value cannot open a paragraph
  const marked = split
    .map((part) =>
      'literal' in part
        ? escapeHtml(part.literal)
            .replace(/\n{2,}/g, '\u0000')
            .replace(/\n/g, '<br>')
        : htmlValue(part.name, String(values[part.name] ?? '').replace(/\s+/g, ' '))
    )
    .join('')
  const html = marked
    .split('\u0000')
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph}</p>`)
    .join('\n')
  return { text, html }
}

/** The placeholders of a template that are not among TEMPLATE_PLACEHOLDERS (for the admin's form). */
export function unknownPlaceholders(template: string): string[] {
  const unknown = new Set<string>()
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!KNOWN.has(match[1].toLowerCase())) unknown.add(match[1])
  }
  return [...unknown]
}
