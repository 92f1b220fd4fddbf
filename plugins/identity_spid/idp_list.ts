import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import drive from '@adonisjs/drive/services/main'

/**
 * The official SPID identity providers, in the AgID registry's JSON shape
 * (data/idp-list.json until the ente admin refreshes it from the registry).
 */
export interface OfficialIdp {
  entityId: string
  name: string
  /** a logo shipped in data/logos, by file name */
  logo?: string
}

const SHIPPED_LIST = new URL('./data/idp-list.json', import.meta.url)
const LOGOS = new URL('./data/logos/', import.meta.url)
const LOGO_FILE = /^[a-z0-9-]+\.svg$/

export function logoFile(name: string): URL | null {
  return LOGO_FILE.test(name) && existsSync(new URL(name, LOGOS)) ? new URL(name, LOGOS) : null
}

/** The registry JSON, checked entry by entry; throws with an Italian message when unusable. */
export function parseIdpList(json: unknown): OfficialIdp[] {
  if (!Array.isArray(json)) throw new Error('la risposta non è un elenco')
  const idps = json.flatMap((entry): OfficialIdp[] => {
    const entityId = entry?.entity_id
    const name = entry?.organization_name
    if (typeof entityId !== 'string' || !/^https?:\/\//.test(entityId)) return []
    if (typeof name !== 'string' || !name.trim()) return []
    const logo = typeof entry.logo_uri === 'string' ? entry.logo_uri.split('/').pop() : undefined
    return [{ entityId, name: name.trim(), logo: logo && logoFile(logo) ? logo : undefined }]
  })
  if (idps.length === 0) throw new Error('l’elenco non contiene gestori di identità validi')
  return idps
}

function storedListPath(enteId: number) {
  return `plugins/identity_spid/ente-${enteId}/idp-list.json`
}

/** The ente's list: its last refresh, else the shipped one. */
export async function officialIdps(enteId: number): Promise<OfficialIdp[]> {
  const disk = drive.use()
  const path = storedListPath(enteId)
  const json = (await disk.exists(path))
    ? await disk.get(path)
    : await readFile(SHIPPED_LIST, 'utf8')
  return parseIdpList(JSON.parse(json))
}

/** Reads the registry's list from `url` and keeps it as the ente's list. */
export async function refreshOfficialIdps(enteId: number, url: string): Promise<OfficialIdp[]> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(10_000),
    headers: { accept: 'application/json' },
  }).catch((error) => {
    throw new Error(`il registro (${new URL(url).host}) non è raggiungibile`, { cause: error })
  })
  if (!response.ok) throw new Error(`il registro ha risposto ${response.status}`)
  const json = await response.json().catch((error) => {
    throw new Error('la risposta del registro non è in formato JSON', { cause: error })
  })
  const idps = parseIdpList(json)
  await drive.use().put(storedListPath(enteId), JSON.stringify(json))
  return idps
}
