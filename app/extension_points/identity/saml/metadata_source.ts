import { createHash } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import { parseIdpMetadata, type IdentityProviderMetadata } from './idp_metadata.js'

/**
 * IdP metadata from a URL (the AgID registry's aggregated metadata, an IdP's
 * own metadata URL), cached on the drive disk so that a registry that is
 * down does not stop logins: a fresh copy is fetched when the cached one is
 * older than `maxAgeMs`, and the cached one is used when the fetch fails.
 */

export const METADATA_MAX_AGE_MS = 24 * 60 * 60_000
const FETCH_TIMEOUT_MS = 10_000

function cachePath(url: string) {
  return `saml/metadata-cache/${createHash('sha256').update(url).digest('hex')}.xml`
}

export async function fetchMetadataXml(url: string): Promise<string> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' },
  })
  if (!response.ok) throw new Error(`HTTP ${response.status} da ${url}`)
  return response.text()
}

export interface MetadataLoadResult {
  idps: IdentityProviderMetadata[]
  /** when the returned copy was fetched; null for one never fetched */
  fetchedAt: Date | null
  /** why a fresh copy could not be fetched, when the cached one was used */
  error?: string
}

/**
 * The IdPs of the metadata at `url`. Never throws: with no copy at all the
 * list is empty and `error` says why.
 */
export async function loadIdpMetadata(
  url: string,
  options: { maxAgeMs?: number; now?: Date } = {}
): Promise<MetadataLoadResult> {
  const disk = drive.use()
  const path = cachePath(url)
  const now = options.now ?? new Date()
  let cached: { xml: string; fetchedAt: Date } | null = null
  if (await disk.exists(path)) {
    const { lastModified } = await disk.getMetaData(path)
    cached = { xml: await disk.get(path), fetchedAt: lastModified }
  }
  if (
    cached &&
    now.getTime() - cached.fetchedAt.getTime() < (options.maxAgeMs ?? METADATA_MAX_AGE_MS)
  ) {
    return { idps: safeParse(cached.xml), fetchedAt: cached.fetchedAt }
  }
  try {
    const xml = await fetchMetadataXml(url)
    const idps = parseIdpMetadata(xml)
    if (idps.length === 0) throw new Error(`nessun gestore di identità nei metadati di ${url}`)
    await disk.put(path, xml)
    return { idps, fetchedAt: now }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return cached
      ? { idps: safeParse(cached.xml), fetchedAt: cached.fetchedAt, error: message }
      : { idps: [], fetchedAt: null, error: message }
  }
}

function safeParse(xml: string) {
  try {
    return parseIdpMetadata(xml)
  } catch {
    return []
  }
}
