import { field } from '#extension_points/config_fields'
import { paymentFields } from '#extension_points/payment/kit/config_fields'

/**
 * What an ente sets to reach IRIS. The codes come from the ente's IRIS
 * onboarding (Gruppo Init's "Connettore di pagamento IRIS" manual lists
 * the same: codice ente, ID applicazione, codice tributo, the two SOAP
 * endpoints behind the CART with HTTP Basic credentials).
 */
export const irisConfig = {
  codiceEnte: field.text({
    label: 'Codice dell’ente in IRIS',
    help: 'Il codice che IRIS ha assegnato all’ente (mittente dei messaggi, es. CLivorno)',
    maxLength: 35,
  }),
  codiceApplicazione: field.text({
    label: 'Identificativo dell’applicazione in IRIS',
    help: 'Il sistema mittente registrato in IRIS per questa piattaforma (es. SIL_CLIVORNO_SDC)',
    maxLength: 35,
  }),
  tipoPendenza: field.text({
    label: 'Codice tributo (tipo pendenza)',
    help: 'Il tributo di IRIS per i pagamenti della piattaforma; deve consentire la sostituzione delle pendenze on-the-fly',
    maxLength: 35,
  }),
  codiceSegregazione: field.text({
    label: 'Codice di segregazione',
    help: 'Due cifre: l’inizio degli IUV generati dalla piattaforma (avvisi con aux digit 3)',
    maxLength: 2,
  }),
  endpointPosizioni: field.url({
    label: 'Indirizzo del servizio ComunicazionePosizioniDebitorieOTF',
    help: 'Vuoto: il simulatore IRIS di questa installazione',
    optional: true,
  }),
  endpointVerifica: field.url({
    label: 'Indirizzo del servizio VerificaStatoPagamento',
    help: 'Vuoto: il simulatore IRIS di questa installazione',
    optional: true,
  }),
  username: field.text({ label: 'Utente dei servizi IRIS', optional: true }),
  password: field.secret({ label: 'Password dei servizi IRIS', optional: true }),
  notificaUsername: field.text({
    label: 'Utente delle notifiche di pagamento',
    help: 'Se indicato, IRIS deve presentarlo (HTTP Basic) quando notifica un pagamento',
    optional: true,
  }),
  notificaPassword: field.secret({
    label: 'Password delle notifiche di pagamento',
    optional: true,
  }),
  timeoutMs: paymentFields.timeoutMs(),
}
