import app from '@adonisjs/core/services/app'
import type { IdentityProviderChoice } from '#extension_points/identity/contract'
import {
  parseIdpMetadata,
  type IdentityProviderMetadata,
} from '#extension_points/identity/saml/idp_metadata'
import { loadIdpMetadata } from '#extension_points/identity/saml/metadata_source'
import type { IdentityProviderDirectory } from '#extension_points/identity/saml/sp_adapter'
import { officialIdps } from './idp_list.js'

/** An IdP outside the official list, enabled by the ente for tests and accreditation. */
export interface ExtraIdp {
  name: string
  /** known up front for the fixed ones; read from the metadata for the others */
  entityId?: string
  metadataUrl?: string
  metadataXml?: string
  /** how long a fetched copy is trusted: 0 for the platform's own test IdP */
  maxAgeMs?: number
}

export const AGID_VALIDATOR: ExtraIdp = {
  name: 'Validatore SPID (AgID)',
  entityId: 'https://validator.spid.gov.it',
  metadataUrl: 'https://validator.spid.gov.it/metadata.xml',
}
export const SPID_DEMO: ExtraIdp = {
  name: 'SPID Demo',
  entityId: 'https://demo.spid.gov.it',
  metadataUrl: 'https://demo.spid.gov.it/metadata.xml',
}

/**
 * The IdPs one ente's SPID login offers: the official ones (their metadata
 * from the AgID registry's aggregated file) and the extra ones it enabled.
 * An IdP whose metadata cannot be had is still listed, but find() answers
 * null for it, and the login says so.
 */
export class SpidDirectory implements IdentityProviderDirectory {
  constructor(
    protected options: {
      enteId: number
      registryMetadataUrl: string
      extras: ExtraIdp[]
      logoUrl(file: string): string
    }
  ) {}

  async choices(): Promise<IdentityProviderChoice[]> {
    const list = await officialIdps(this.options.enteId)
    const official = list.map((idp) => ({
      id: idp.entityId,
      name: idp.name,
      logoUrl: idp.logo ? this.options.logoUrl(idp.logo) : undefined,
    }))
    const extras: IdentityProviderChoice[] = []
    for (const extra of this.options.extras) {
      const [first] = extra.entityId ? [] : await this.#metadataOf(extra)
      const entityId = extra.entityId ?? first?.entityId
      if (entityId) extras.push({ id: entityId, name: extra.name })
    }
    return [...official, ...extras]
  }

  async find(entityId: string): Promise<IdentityProviderMetadata | null> {
    for (const extra of this.options.extras) {
      if (extra.entityId && extra.entityId !== entityId) continue
      const idps = await this.#metadataOf(extra)
      const found = idps.find((idp) => idp.entityId === entityId)
      if (found) return found
    }
    const official = await officialIdps(this.options.enteId)
    if (!official.some((idp) => idp.entityId === entityId)) return null
    const registry = await loadIdpMetadata(this.options.registryMetadataUrl)
    return registry.idps.find((idp) => idp.entityId === entityId) ?? null
  }

  async #metadataOf(extra: ExtraIdp): Promise<IdentityProviderMetadata[]> {
    if (extra.metadataXml) {
      try {
        return parseIdpMetadata(extra.metadataXml)
      } catch {
        return []
      }
    }
    if (!extra.metadataUrl) return []
    const loaded = await loadIdpMetadata(extra.metadataUrl, { maxAgeMs: extra.maxAgeMs })
    return loaded.idps
  }
}

/** The platform's development IdP never appears in production. */
export function testIdpAllowed() {
  return !app.inProduction
}
