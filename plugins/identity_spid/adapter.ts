import type { PluginContext } from '#extension_points/define_plugin'
import type { InferConfig } from '#extension_points/config_fields'
import { resolveSpSettings } from '#extension_points/identity/saml/sp_config'
import { SamlSpAdapter } from '#extension_points/identity/saml/sp_adapter'
import type { spidConfigFields } from './config.js'
import {
  AGID_VALIDATOR,
  SPID_DEMO,
  SpidDirectory,
  testIdpAllowed,
  type ExtraIdp,
} from './directory.js'

export type SpidConfig = InferConfig<typeof spidConfigFields>

/** The platform's development IdP of the same ente (plugin identity_test_idp), by its metadata URL. */
export function testIdpOf(context: PluginContext<SpidConfig>): ExtraIdp {
  const metadataUrl = `${context.ente.baseUrl}/auth/identity_test_idp/idp/metadata`
  return { name: 'IdP di test', entityId: metadataUrl, metadataUrl, maxAgeMs: 0 }
}

function extraIdps(context: PluginContext<SpidConfig>): ExtraIdp[] {
  const { config } = context
  const extras: ExtraIdp[] = []
  if (config.validatorIdp) extras.push(AGID_VALIDATOR)
  if (config.demoIdp) extras.push(SPID_DEMO)
  if (config.testIdp && testIdpAllowed()) extras.push(testIdpOf(context))
  if (config.extraIdpMetadataUrl || config.extraIdpMetadataXml) {
    extras.push({
      name: config.extraIdpName ?? 'Gestore di test',
      metadataUrl: config.extraIdpMetadataUrl,
      metadataXml: config.extraIdpMetadataXml,
    })
  }
  return extras
}

/** The SPID SP of one ente. */
export async function createSpidAdapter(context: PluginContext<SpidConfig>) {
  const settings = await resolveSpSettings(context, 'spid')
  const directory = new SpidDirectory({
    enteId: context.ente.id,
    registryMetadataUrl: context.config.registryMetadataUrl,
    extras: extraIdps(context),
    logoUrl: (file) => new URL(context.routeUrl(`/logos/${file}`)).pathname,
  })
  return new SamlSpAdapter({
    settings,
    directory,
    source: 'spid',
    singleLogout: true,
    binding: context.config.binding,
  })
}
