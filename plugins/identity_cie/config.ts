import { field } from '#extension_points/config_fields'
import { spConfigFields } from '#extension_points/identity/saml/sp_config'

/** The CIE IdP of the Ministero dell'Interno (production). */
export const CIE_IDP_METADATA_URL =
  'https://idserver.servizicie.interno.gov.it/idp/shibboleth?Metadata'

export const cieConfigFields = {
  ...spConfigFields,
  municipality: field.text({
    label: 'Codice catastale del comune',
    maxLength: 4,
    help: 'Il comune dell’ente (ad esempio G702 per Pisa): richiesto dai metadati CIE.',
  }),
  province: field.text({ label: 'Sigla della provincia', optional: true, maxLength: 2 }),
  idpMetadataUrl: field.url({
    label: 'Metadati del gestore di identità CIE',
    default: CIE_IDP_METADATA_URL,
    help: 'Per il collaudo: https://preproduzione.idserver.servizicie.interno.gov.it/idp/shibboleth?Metadata',
  }),
  idpMetadataXml: field.textarea({
    label: 'Metadati del gestore di identità CIE (XML)',
    optional: true,
    help: 'In alternativa all’indirizzo.',
  }),
  testIdp: field.boolean({
    label: 'Usa l’IdP di test della piattaforma',
    help: 'Solo in sviluppo e nei test: in produzione è ignorato.',
  }),
}
