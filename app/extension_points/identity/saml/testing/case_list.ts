import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'

/** One row of spid-sp-test's response cases (tests/fixtures/saml/spid-sp-test-response-cases.tsv). */
export interface ResponseCaseRow {
  id: string
  expected: 'OK' | 'KO'
  name: string
  description: string
}

export function responseCaseRows(): ResponseCaseRow[] {
  const tsv = readFileSync(
    app.makePath('tests/fixtures/saml/spid-sp-test-response-cases.tsv'),
    'utf8'
  )
  const [, ...lines] = tsv.trim().split('\n')
  return lines.map((line) => {
    const [id, expected, name, description] = line.split('\t')
    return { id, expected: expected as 'OK' | 'KO', name: name.trim(), description }
  })
}
