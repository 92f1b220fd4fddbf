import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPublicKey } from 'node:crypto'

/**
 * The two Debian tools spid-sp-test checks SP output with: xmllint
 * (libxml2-utils) against the SPID/CIE schemas, offline through an XML
 * catalog, and xmlsec1 for the signatures.
 */

export interface ToolResult {
  ok: boolean
  output: string
}

function withFile<T>(xml: string, run: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'saml-'))
  try {
    const path = join(dir, 'document.xml')
    writeFileSync(path, xml)
    return run(path, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** `xmllint --nonet --schema <xsd>`, with the catalog that maps xml.xsd to the local copy. */
export function validateAgainstXsd(xml: string, schema: string, catalog: string): ToolResult {
  return withFile(xml, (path) => {
    const result = spawnSync('xmllint', ['--nonet', '--noout', '--schema', schema, path], {
      env: { ...process.env, XML_CATALOG_FILES: catalog },
      encoding: 'utf8',
    })
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
  })
}

/**
 * `xmlsec1 --verify` as spid-sp-test runs it: `--id-attr:ID` on the signed
 * element's type, with the signer's public key when given (else the
 * certificate in KeyInfo, as for metadata).
 */
export function verifyWithXmlsec(
  xml: string,
  signedElement: string,
  certificate?: string
): ToolResult {
  return withFile(xml, (path, dir) => {
    const args = ['--verify', '--insecure', '--id-attr:ID', signedElement]
    if (certificate) {
      const keyPath = join(dir, 'key.pem')
      writeFileSync(keyPath, createPublicKey(certificate).export({ type: 'spki', format: 'pem' }))
      args.push('--pubkey-pem', keyPath)
    }
    const result = spawnSync('xmlsec1', [...args, path], { encoding: 'utf8' })
    return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` }
  })
}
