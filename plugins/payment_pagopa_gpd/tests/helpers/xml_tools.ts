import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

/**
 * The system's XML tools on a document: xmllint against one of pagoPA's
 * XSDs, xmlsec1 on an enveloped signature. Each answers null when the
 * document passes, else what the tool said.
 */
const run = promisify(execFile)

export const XSD = {
  paForNode: fileURLToPath(new URL('../../wsdl/xsd/paForNode.xsd', import.meta.url)),
  marcaDaBollo: fileURLToPath(new URL('../../xsd-common/MarcaDaBollo.xsd', import.meta.url)),
}

async function withFile(xml: string, command: string, args: (file: string) => string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'gpd-xml-'))
  try {
    const file = join(dir, 'document.xml')
    await writeFile(file, xml)
    await run(command, args(file))
    return null
  } catch (error) {
    return String((error as { stderr?: string }).stderr || error)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function xmllint(xml: string, xsd: string) {
  return withFile(xml, 'xmllint', (file) => ['--noout', '--nonet', '--schema', xsd, file])
}

/** Verifies the signature with the key it carries (KeyValue). */
export function xmlsecVerify(xml: string) {
  return withFile(xml, 'xmlsec1', (file) => [
    '--verify',
    '--enabled-key-data',
    'key-value',
    '--enabled-key-data',
    'rsa',
    file,
  ])
}
