import sanitizeHtml from 'sanitize-html'

/**
 * HTML written by an ente's staff (scheda text, the content blocks of a
 * form) and shown to citizens: only text markup survives (paragraphs,
 * lists, emphasis, headings, tables, links to http(s), mailto and tel);
 * scripts, styles, event handlers, frames, forms and images go. Cleaned
 * where it is shown, so whatever wrote it (the admin's form, an import, a
 * seeder, the API) the page stays safe.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'small', 'sub', 'sup', 'span', 'div',
    'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'hr', 'abbr', 'code', 'pre',
    'h2', 'h3', 'h4', 'h5', 'h6', 'a',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  ], // prettier-ignore
  allowedAttributes: {
    a: ['href', 'title', 'target', 'rel'],
    abbr: ['title'],
    th: ['scope', 'colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  transformTags: {
    // a link opening a new window must not hand it our window
    a: (tagName, attribs) => ({
      tagName,
      attribs: attribs.target ? { ...attribs, rel: 'noopener noreferrer' } : attribs,
    }),
  },
}

const cache = new Map<string, string>()
const CACHE_LIMIT = 2000

export function safeHtml(html: string): string {
  let clean = cache.get(html)
  if (clean === undefined) {
    clean = sanitizeHtml(html, OPTIONS)
    if (cache.size >= CACHE_LIMIT) cache.clear()
    cache.set(html, clean)
  }
  return clean
}

const TAG = /<\/?[a-z][^>]*>/i

/**
 * A text field that may hold HTML (scheda sections): HTML is cleaned;
 * plain text is escaped and keeps its paragraphs (blank lines) and line
 * breaks.
 */
export function richText(text: string | null | undefined): string {
  const value = (text ?? '').trim()
  if (!value) return ''
  if (TAG.test(value)) return safeHtml(value)
  return value
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeText(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n')
}

/** Plain text of some HTML (JSON-LD, search): tags removed, entities decoded. */
export function plainText(text: string | null | undefined): string {
  const value = (text ?? '').trim()
  if (!TAG.test(value)) return value.replace(/\s+/g, ' ')
  // blocks end in a space, so "<p>a</p><p>b</p>" reads "a b"
  const spaced = value.replace(/<br\s*\/?>|<\/(?:p|div|li|dd|dt|h[1-6]|tr|td|th)>/gi, '$& ')
  return withoutTags(spaced).replace(/\s+/g, ' ').trim()
}

/**
 * Plain text of a rich text (a message going by e-mail text or into a
 * PDF), by paragraph: blocks and list items apart ("• " before each
 * item), line breaks kept within a paragraph.
 */
export function plainParagraphs(text: string | null | undefined): string[] {
  const marked = richText(text)
    .replace(/<li[^>]*>/gi, '\n\n• ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|li|ul|ol|h[2-6]|blockquote|tr|table)>/gi, '\n\n')
  return withoutTags(marked)
    .split(/\n{2,}/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.replace(/[ \t]+/g, ' ').trim())
        .filter(Boolean)
        .join('\n')
    )
    .filter(Boolean)
}

function withoutTags(html: string) {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
}

function escapeText(text: string) {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}
