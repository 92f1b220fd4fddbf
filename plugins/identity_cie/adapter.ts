import app from '@adonisjs/core/services/app'
import type { InferConfig } from '#extension_points/config_fields'
import type { PluginContext } from '#extension_points/define_plugin'
import {
  parseIdpMetadata,
  type IdentityProviderMetadata,
} from '#extension_points/identity/saml/idp_metadata'
import { loadIdpMetadata } from '#extension_points/identity/saml/metadata_source'
import {
  SamlSpAdapter,
  type IdentityProviderDirectory,
} from '#extension_points/identity/saml/sp_adapter'
import { resolveSpSettings } from '#extension_points/identity/saml/sp_config'
import type { cieConfigFields } from './config.js'

export type CieConfig = InferConfig<typeof cieConfigFields>

/**
 * The one IdP CIE has: the Ministero's (its metadata from a URL, cached,
 * or pasted), or in development the platform's test IdP.
 */
class CieDirectory implements IdentityProviderDirectory {
  constructor(protected source: { metadataUrl: string; metadataXml?: string; maxAgeMs?: number }) {}

  async defaultIdp(): Promise<IdentityProviderMetadata | null> {
    const [idp] = await this.#idps()
    return idp ?? null
  }

  async find(entityId: string) {
    const idps = await this.#idps()
    return idps.find((idp) => idp.entityId === entityId) ?? null
  }

  async #idps() {
    if (this.source.metadataXml) {
      try {
        return parseIdpMetadata(this.source.metadataXml)
      } catch {
        return []
      }
    }
    const loaded = await loadIdpMetadata(this.source.metadataUrl, {
      maxAgeMs: this.source.maxAgeMs,
    })
    return loaded.idps
  }
}

function idpSource(context: PluginContext<CieConfig>) {
  const { config } = context
  if (config.testIdp && !app.inProduction) {
    // the platform's development IdP of the same ente (plugin identity_test_idp)
    return {
      metadataUrl: `${context.ente.baseUrl}/auth/identity_test_idp/idp/metadata`,
      maxAgeMs: 0,
    }
  }
  return { metadataUrl: config.idpMetadataUrl, metadataXml: config.idpMetadataXml }
}

/** The CIE SP of one ente: level 3 always, four attributes, local logout. */
export async function createCieAdapter(context: PluginContext<CieConfig>) {
  const settings = await resolveSpSettings(context, 'cie', {
    municipality: context.config.municipality,
    province: context.config.province,
  })
  return new SamlSpAdapter({
    settings,
    directory: new CieDirectory(idpSource(context)),
    source: 'cie',
    singleLogout: false,
  })
}
