import { spawn } from 'node:child_process'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * XSD validation with xmllint (libxml2), as MyPay validates what it
 * receives (JAXBTransformService.unmarshalling with the XSD).
 *
 * MyPay's XSD escapes "/" in two patterns (`[0129]{1}\/\S{3,138}`): Java
 * accepts it, but `\/` is not an escape of XML Schema regular expressions
 * and libxml2 refuses to compile the schema. xmllint gets a copy in which
 * `\/` is written `/` (the same pattern: a literal slash); the file in
 * ../wsdl stays as MyPay publishes it.
 */
export const XSD_PATH = fileURLToPath(
  new URL('../wsdl/PagInf_Dovuti_Pagati_6_2_0.xsd', import.meta.url)
)

let compilable: Promise<string> | null = null

/** The XSD as xmllint can compile it: the published one with `\/` written `/`. */
export function xsdForXmllint() {
  compilable ??= (async () => {
    const directory = await mkdtemp(join(tmpdir(), 'mypay-xsd-'))
    const path = join(directory, 'PagInf_Dovuti_Pagati_6_2_0.xsd')
    const published = await readFile(XSD_PATH, 'utf8')
    await writeFile(path, published.replaceAll('\\/', '/'))
    return path
  })()
  return compilable
}

/** xmllint's verdict on a document (against MyPay's XSD unless told): valid, or its error lines. */
export async function validateWithXsd(
  xml: string,
  schemaPath?: string
): Promise<{ valid: boolean; errors: string }> {
  const schema = schemaPath ?? (await xsdForXmllint())
  return new Promise((resolve, reject) => {
    const child = spawn('xmllint', ['--noout', '--nonet', '--schema', schema, '-'])
    let errors = ''
    child.stderr.on('data', (chunk) => (errors += chunk))
    child.on('error', reject)
    child.on('close', (code) =>
      resolve({ valid: code === 0, errors: errors.replaceAll('-:', 'riga ').trim() })
    )
    child.stdin.end(xml)
  })
}
