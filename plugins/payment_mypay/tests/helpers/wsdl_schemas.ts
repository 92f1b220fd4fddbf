import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WSDL_PATH } from '../../client.js'
import { xsdForXmllint } from '../../simulator/xsd.js'

/**
 * The two XML schemas inside pa-per-ente.wsdl (the SOAP header's and the
 * operations'), written out as files xmllint can load, so the tests check
 * each SOAP request the client sends against the WSDL itself. Only what a
 * standalone file needs is added: the namespace declarations the WSDL root
 * carries, and where the imported schemas are.
 */
const NAMESPACES =
  'xmlns:xsd="http://www.w3.org/2001/XMLSchema" ' +
  'xmlns:ppt="http://www.regione.veneto.it/pagamenti/ente/" ' +
  'xmlns:ppthead="http://www.regione.veneto.it/pagamenti/ente/ppthead" ' +
  'xmlns:pay_i="http://www.regione.veneto.it/schemas/2012/Pagamenti/Ente/"'

let written: Promise<{ operations: string; header: string }> | null = null

export function wsdlSchemas() {
  written ??= (async () => {
    const wsdl = await readFile(WSDL_PATH, 'utf8')
    const schemas = [...wsdl.matchAll(/<xsd:schema\b[^>]*>[\s\S]*?<\/xsd:schema>/g)].map(
      (match) => match[0]
    )
    const header = schemas.find((schema) =>
      schema.includes('targetNamespace="http://www.regione.veneto.it/pagamenti/ente/ppthead"')
    )
    const operations = schemas.find((schema) =>
      schema.includes('targetNamespace="http://www.regione.veneto.it/pagamenti/ente/"')
    )
    if (!header || !operations) throw new Error('the WSDL does not hold the two schemas it used to')

    const directory = await mkdtemp(join(tmpdir(), 'mypay-wsdl-'))
    const headerPath = join(directory, 'ppthead.xsd')
    const operationsPath = join(directory, 'ppt.xsd')
    await writeFile(headerPath, header.replace('<xsd:schema ', `<xsd:schema ${NAMESPACES} `))
    await writeFile(
      operationsPath,
      operations
        .replace('<xsd:schema ', `<xsd:schema ${NAMESPACES} `)
        .replace(
          'schemaLocation="PagInf_Dovuti_Pagati_6_2_0.xsd"',
          `schemaLocation="${await xsdForXmllint()}"`
        )
        .replace(
          /(<xsd:import [^>]*\/>)/,
          `$1<xsd:import namespace="http://www.regione.veneto.it/pagamenti/ente/ppthead" schemaLocation="${headerPath}"/>`
        )
    )
    return { operations: operationsPath, header: headerPath }
  })()
  return written
}
