import { field } from '#extension_points/config_fields'
import { paymentFields } from '#extension_points/payment/kit/config_fields'

/**
 * What an ente sets to reach Plug&Pay (E-Fil). The codes come from the
 * ente's Plug&Pay onboarding: the application id (Plug&Pay's credential,
 * sent in every request), the ente's code, the codice versamento of the
 * platform's payments, and the two digits Plug&Pay reserves in the IUV
 * for this application ("id gestionale").
 */
export const plugAndPayConfig = {
  idApplicazione: field.secret({
    label: 'IdApplicazione',
    help: 'L’identificativo dell’applicazione rilasciato da E-Fil: autentica ogni richiesta',
  }),
  codiceEnte: field.text({
    label: 'Codice dell’ente in Plug&Pay',
    help: 'Il codice ente creditore assegnato da E-Fil (di solito il codice fiscale dell’ente)',
    maxLength: 35,
  }),
  codiceServizio: field.text({
    label: 'Codice versamento (servizio)',
    help: 'Il servizio Plug&Pay a cui appartengono i pagamenti della piattaforma',
    maxLength: 35,
  }),
  idGestionale: field.text({
    label: 'Id gestionale',
    help: 'Due cifre: le prime del codice IUV dopo il codice di segregazione, riservate a questa applicazione',
    maxLength: 2,
  }),
  codiceSegregazione: field.text({
    label: 'Codice di segregazione',
    help: 'Due cifre: l’inizio degli IUV dell’ente (avvisi con aux digit 3)',
    maxLength: 2,
  }),
  endpointFeed: field.url({
    label: 'Indirizzo del servizio DigitBusFeed',
    help: 'Es. https://services.plugandpay.it/Feed/DigitBusFeed.svc; vuoto: il simulatore di questa installazione',
    optional: true,
  }),
  endpointDeliver: field.url({
    label: 'Indirizzo del servizio DigitBusDeliver',
    help: 'Es. https://services.plugandpay.it/Deliver/DigitBusDeliver.svc; vuoto: il simulatore',
    optional: true,
  }),
  endpointPayment: field.url({
    label: 'Indirizzo del servizio DigitBusPayment',
    help: 'Es. https://pos.plugandpay.it/Payment/DigitBusPayment.svc; vuoto: il simulatore',
    optional: true,
  }),
  endpointGeneratorPdf: field.url({
    label: 'Indirizzo del servizio GeneratorPdf (avvisi)',
    help: 'Es. https://generatorpdf.plugandpay.it/GeneratorPdf.svc; vuoto: il simulatore',
    optional: true,
  }),
  timeoutMs: paymentFields.timeoutMs(),
}
