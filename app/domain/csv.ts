/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, commas and
 * newlines inside quotes) into rows of strings.
 */
export function parseCsv(text: string, separator = ','): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let fieldValue = ''
  let quoted = false

  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        fieldValue += '"'
        i++
      } else if (char === '"') {
        quoted = false
      } else {
        fieldValue += char
      }
    } else if (char === '"') {
      quoted = true
    } else if (char === separator) {
      row.push(fieldValue)
      fieldValue = ''
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++
      row.push(fieldValue)
      rows.push(row)
      row = []
      fieldValue = ''
    } else {
      fieldValue += char
    }
  }
  if (fieldValue !== '' || row.length) {
    row.push(fieldValue)
    rows.push(row)
  }
  return rows.filter((cells) => cells.some((cell) => cell !== ''))
}

/** Rows as objects keyed by the header row. */
export function parseCsvRecords(text: string, separator = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text, separator)
  return rows.map((cells) =>
    Object.fromEntries(header.map((name, index) => [name, cells[index] ?? '']))
  )
}
