import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { DOMParser, XMLSerializer } from '@xmldom/xmldom'

/**
 * Checks IRIS documents with xmllint against IRIS's own XSDs (wsdl/): the
 * document inside a SOAP envelope, the schema chosen by its root element.
 */
const run = promisify(execFile)
const XSD_DIR = fileURLToPath(new URL('../wsdl/', import.meta.url))

const SCHEMA_OF_ROOT: Record<string, string> = {
  IdpAllineamentoPendenzeOTF: 'IdP.AllineamentoPendenze.xsd',
  IdpAllineamentoPendenzeMultiOTF: 'IdP.AllineamentoPendenze.xsd',
  IdpVerificaStatoPagamento: 'IdP.InformativaPagamento.xsd',
  IdpInformativaPagamento: 'IdP.InformativaPagamento.xsd',
  IdpEsitoOTF: 'IdP.Esito.xsd',
  IdpMultiEsitoOTF: 'IdP.Esito.xsd',
  IdpEsitoVerifica: 'IdP.Esito.Verifica.xsd',
}

function firstElement(node: any): any {
  for (let child = node?.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 1) return child
  }
  return undefined
}

/** The IRIS document in an envelope: Envelope > Body > operation wrapper > document. */
export function documentIn(envelope: string) {
  const parsed = new DOMParser().parseFromString(envelope, 'text/xml')
  const body = parsed
    .getElementsByTagNameNS('http://schemas.xmlsoap.org/soap/envelope/', 'Body')
    .item(0)
  const document = firstElement(firstElement(body))
  if (!document) throw new Error(`no document in ${envelope.slice(0, 300)}`)
  return {
    root: document.localName as string,
    xml: new XMLSerializer().serializeToString(document),
  }
}

/** xmllint's complaints about the document, or null when it is valid. */
export async function schemaErrors(envelope: string) {
  const { root, xml } = documentIn(envelope)
  const schema = SCHEMA_OF_ROOT[root]
  if (!schema) return `no IRIS schema for <${root}>`
  const folder = await mkdtemp(join(tmpdir(), 'iris-xsd-'))
  try {
    const file = join(folder, `${root}.xml`)
    await writeFile(file, xml)
    await run('xmllint', ['--noout', '--schema', join(XSD_DIR, schema), file])
    return null
  } catch (error) {
    return `${root}: ${(error as { stderr?: string }).stderr ?? error}`
  } finally {
    await rm(folder, { recursive: true, force: true })
  }
}
