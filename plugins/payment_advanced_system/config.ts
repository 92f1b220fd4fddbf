import { field } from '#extension_points/config_fields'
import { paymentFields } from '#extension_points/payment/kit/config_fields'

/**
 * What an ente sets to reach Advanced System's pagoPA gateway. The fields
 * are the ones any intermediary's contract gives (an address, a key, the
 * ente's code, a default taxonomy); their names at Advanced System await
 * the vendor's kit (README.md).
 */
export const advancedSystemConfig = {
  baseUrl: field.url({
    label: 'Indirizzo del servizio Advanced System',
    help: 'Vuoto: il simulatore di questa installazione',
    optional: true,
  }),
  apiKey: field.secret({
    label: 'Chiave di accesso (API key)',
    help: 'Rilasciata da Advanced System per l’ente',
  }),
  codiceEnte: field.text({
    label: 'Codice dell’ente presso Advanced System',
    help: 'Vuoto: il codice fiscale dell’ente',
    optional: true,
    maxLength: 35,
  }),
  datiSpecificiRiscossione: field.text({
    label: 'Dati specifici di riscossione predefiniti',
    help: 'Usati quando il pagamento non ha una propria categoria della tassonomia pagoPA (es. 9/0101108TS/)',
    maxLength: 140,
  }),
  chiaveNotifiche: field.secret({
    label: 'Chiave delle notifiche di esito',
    help: 'La chiave impostata presso Advanced System per firmare (HMAC-SHA256) gli esiti che invia a …/callbacks/payment_advanced_system/notify. Vuota: le notifiche non sono accettate e l’esito arriva con le verifiche periodiche',
    optional: true,
  }),
  timeoutMs: paymentFields.timeoutMs(),
}
