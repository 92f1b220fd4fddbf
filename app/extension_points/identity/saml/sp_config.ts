import { createPrivateKey, X509Certificate } from 'node:crypto'
import { field } from '../../config_fields.js'
import type { PluginContext } from '../../define_plugin.js'
import { RemoteConfigurationError } from '../../errors.js'
import { IDENTITY_PATHS } from '../contract.js'
import { credentialsAt } from './credential_store.js'
import { SAML_PROFILES } from './profiles.js'
import type { SamlProfileName, ServiceProviderSettings } from './service_provider.js'
import type { SigningCredentials } from './x509.js'

/**
 * The settings every SAML SP plugin shares, as config fields: the ente's
 * identity in the metadata and the certificate, and optional overrides of
 * the entityID and of the generated key.
 */
export const spConfigFields = {
  contactEmail: field.email({
    label: 'Indirizzo e-mail di contatto',
    help: 'Compare nei metadati come contatto dell’ente per AgID e per i gestori di identità.',
  }),
  contactPhone: field.text({ label: 'Telefono di contatto', optional: true, maxLength: 30 }),
  ipaCode: field.text({
    label: 'Codice IPA',
    optional: true,
    maxLength: 20,
    help: 'Lasciare vuoto per usare il codice IPA dell’ente.',
  }),
  locality: field.text({
    label: 'Sede dell’ente (località)',
    optional: true,
    maxLength: 100,
    help: 'Scritta nel certificato di firma; lasciare vuoto per usare il nome dell’ente.',
  }),
  serviceName: field.text({
    label: 'Nome del servizio nei metadati',
    optional: true,
    maxLength: 200,
    help: 'Lasciare vuoto per «Servizi online» seguito dal nome dell’ente.',
  }),
  organizationUrl: field.url({
    label: 'Sito istituzionale dell’ente',
    optional: true,
    help: 'Lasciare vuoto per usare l’indirizzo dell’ente su questa piattaforma.',
  }),
  entityId: field.url({
    label: 'Entity ID',
    optional: true,
    help: 'Lasciare vuoto per usare l’indirizzo dei metadati. Se lo si cambia, i metadati vanno registrati di nuovo.',
  }),
  acsUrl: field.url({
    label: 'Indirizzo di risposta (AssertionConsumerService)',
    optional: true,
    help: 'Solo se l’ente è servito su un indirizzo proprio: lasciare vuoto per quello della piattaforma.',
  }),
  sloUrl: field.url({
    label: 'Indirizzo di logout (SingleLogoutService)',
    optional: true,
    help: 'Come sopra, per il logout.',
  }),
  certificate: field.textarea({
    label: 'Certificato di firma (PEM)',
    optional: true,
    help: 'Solo per usare un certificato proprio, con la sua chiave privata; lasciare vuoto per quello generato dalla piattaforma.',
  }),
  privateKey: field.secret({ label: 'Chiave privata del certificato (PEM)', optional: true }),
}

export type SpConfig = {
  contactEmail: string
  contactPhone?: string
  ipaCode?: string
  locality?: string
  serviceName?: string
  organizationUrl?: string
  entityId?: string
  acsUrl?: string
  sloUrl?: string
  certificate?: string
  privateKey?: string
}

function configurationError(message: string, cause?: unknown) {
  return new RemoteConfigurationError({ reason: 'sp_settings_invalid', message, cause })
}

/** The key and certificate the admin entered, checked to belong together. */
function ownCredentials(config: SpConfig): SigningCredentials | null {
  if (!config.certificate && !config.privateKey) return null
  if (!config.certificate || !config.privateKey) {
    throw configurationError(
      'Indicare sia il certificato sia la chiave privata, oppure nessuno dei due.'
    )
  }
  try {
    const certificate = new X509Certificate(config.certificate)
    if (!certificate.checkPrivateKey(createPrivateKey(config.privateKey))) {
      throw new Error('key mismatch')
    }
  } catch (error) {
    throw configurationError(
      'Il certificato e la chiave privata non sono validi o non corrispondono.',
      error
    )
  }
  return { certificate: config.certificate, privateKey: config.privateKey }
}

/**
 * The SP of one ente, from its configuration and the ente's data; the
 * signing key is generated on first use and kept on the drive.
 */
export async function resolveSpSettings(
  context: PluginContext<SpConfig>,
  profile: SamlProfileName,
  extra: Partial<ServiceProviderSettings['contact']> = {}
): Promise<ServiceProviderSettings> {
  const { config, ente } = context
  const ipaCode = config.ipaCode ?? ente.codiceIpa
  if (!ipaCode) {
    throw configurationError('Manca il codice IPA: indicarlo qui o nei dati dell’ente.')
  }
  const entityId = config.entityId ?? context.routeUrl(IDENTITY_PATHS.metadata)
  const credentials =
    ownCredentials(config) ??
    (await credentialsAt(`plugins/${context.pluginId}/ente-${ente.id}/signing.json`, {
      commonName: ente.name,
      organizationName: ente.name,
      uri: entityId,
      ipaCode,
      localityName: config.locality ?? ente.name,
    }))
  return {
    profile,
    entityId,
    acsUrl: config.acsUrl ?? context.routeUrl(IDENTITY_PATHS.login),
    sloUrl: config.sloUrl ?? context.routeUrl(IDENTITY_PATHS.logout),
    credentials,
    attributes: SAML_PROFILES[profile].attributes,
    serviceName: config.serviceName ?? `Servizi online - ${ente.name}`,
    organization: {
      name: ente.name,
      displayName: ente.name,
      url: config.organizationUrl ?? ente.baseUrl,
    },
    contact: {
      ipaCode,
      email: config.contactEmail,
      telephone: config.contactPhone,
      company: ente.name,
      ...extra,
    },
  }
}
