import { field, type InferConfig } from '#extension_points/config_fields'

/** The settings an ente admin fills in for MyPay (MyPay's "ente SIL" and "tipo dovuto" data). */
export const myPayConfig = {
  baseUrl: field.url({
    label: 'Indirizzo di MyPay',
    help: 'Backend MyPay dell’ente: il servizio SOAP è in /ws/pa/. Vuoto: il simulatore di questa installazione',
    optional: true,
  }),
  codIpaEnte: field.text({
    label: 'Codice IPA dell’ente in MyPay',
    help: 'Vuoto: il codice IPA dell’ente',
    optional: true,
    maxLength: 35,
  }),
  password: field.secret({
    label: 'Password dei servizi MyPay',
    help: 'Da 8 a 15 caratteri, come registrata in MyPay per l’ente',
  }),
  tipoDovuto: field.text({
    label: 'Codice del tipo dovuto',
    help: 'identificativoTipoDovuto dei pagamenti, quando il servizio non ne indica uno',
    maxLength: 64,
  }),
  datiSpecificiRiscossione: field.text({
    label: 'Dati specifici di riscossione predefiniti',
    help: 'Tipo e codice, per esempio 9/0101100IM/: usati quando il pagamento non ha una tassonomia',
    optional: true,
    maxLength: 140,
  }),
  jwtSecret: field.secret({
    label: 'Chiave del JWT delle notifiche di esito',
    help: 'La chiave segreta (base64, almeno 64 byte) impostata in MyPay per l’invio dell’esito. Vuota: le notifiche non sono accettate e l’esito arriva con le verifiche periodiche',
    optional: true,
  }),
  jwtClientId: field.text({
    label: 'Client id del JWT delle notifiche',
    help: 'Se indicato, il JWT deve riportarlo come emittente (iss)',
    optional: true,
    maxLength: 64,
  }),
  checkoutUrl: field.url({
    label: 'Indirizzo di pagoPA Checkout',
    help: 'Per pagare più avvisi insieme. Vuoto: pagoPA Checkout, o il simulatore quando MyPay è il simulatore',
    optional: true,
  }),
  timeoutSeconds: field.number({
    label: 'Attesa massima di una risposta (secondi)',
    help: 'Vuoto: 15 secondi',
    optional: true,
    min: 1,
    max: 120,
  }),
}

export type MyPayConfig = InferConfig<typeof myPayConfig>

export const DEFAULT_TIMEOUT_SECONDS = 15
