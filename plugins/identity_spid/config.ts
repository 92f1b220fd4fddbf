import { field } from '#extension_points/config_fields'
import { spConfigFields } from '#extension_points/identity/saml/sp_config'

/** AgID's public endpoints: the aggregated metadata of the official IdPs and their list. */
export const AGID_REGISTRY_METADATA_URL =
  'https://registry.spid.gov.it/metadata/idp/spid-entities-idps.xml'
export const AGID_IDP_LIST_URL =
  'https://registry.spid.gov.it/entities-idp?&output=json&custom=info_display_base'

export const spidConfigFields = {
  ...spConfigFields,
  binding: field.select({
    label: 'Invio della richiesta di autenticazione',
    default: 'post',
    options: [
      { value: 'post', label: 'HTTP-POST (consigliato)' },
      { value: 'redirect', label: 'HTTP-Redirect' },
    ],
  }),
  registryMetadataUrl: field.url({
    label: 'Metadati dei gestori di identità (registro AgID)',
    default: AGID_REGISTRY_METADATA_URL,
  }),
  idpListUrl: field.url({
    label: 'Elenco dei gestori di identità (registro AgID)',
    default: AGID_IDP_LIST_URL,
    help: 'Letto da «Aggiorna l’elenco dei gestori di identità».',
  }),
  validatorIdp: field.boolean({
    label: 'Validatore AgID (validator.spid.gov.it) nell’elenco',
    help: 'Per le verifiche di AgID durante l’accreditamento.',
  }),
  demoIdp: field.boolean({ label: 'SPID Demo (demo.spid.gov.it) nell’elenco' }),
  testIdp: field.boolean({
    label: 'IdP di test della piattaforma nell’elenco',
    help: 'Solo in sviluppo e nei test: in produzione non compare mai.',
  }),
  extraIdpName: field.text({ label: 'Altro gestore di test: nome', optional: true }),
  extraIdpMetadataUrl: field.url({
    label: 'Altro gestore di test: indirizzo dei metadati',
    optional: true,
  }),
  extraIdpMetadataXml: field.textarea({
    label: 'Altro gestore di test: metadati (XML)',
    optional: true,
    help: 'In alternativa all’indirizzo.',
  }),
}
