import { field } from '#extension_points/config_fields'

/**
 * Per-ente settings of the e-mail channel. Without an SMTP host the
 * deployment's mailer delivers (the development mailbox in the embedded
 * default, the platform SMTP relay in production).
 */
export const emailConfigFields = {
  senderAddress: field.email({
    label: 'Indirizzo del mittente',
    help: 'Per esempio noreply@comune.bugliano.pi.it',
  }),
  senderName: field.text({ label: 'Nome del mittente', help: 'Per esempio Comune di Bugliano' }),
  replyTo: field.email({
    label: 'Indirizzo per le risposte',
    help: 'Dove arrivano le risposte dei cittadini (per esempio l’URP). Vuoto: nessuno',
    optional: true,
  }),
  maxMessagesPerMinute: field.number({
    label: 'Numero massimo di messaggi al minuto',
    help: 'Oltre questo limite gli invii restano in coda e ripartono da soli',
    min: 1,
    max: 10_000,
    default: 60,
  }),
  smtpHost: field.text({
    label: 'Server SMTP dell’ente',
    help: 'Vuoto: usa il server di posta della piattaforma',
    optional: true,
  }),
  smtpPort: field.number({
    label: 'Porta SMTP',
    help: 'Vuoto: 465 con TLS diretto, 587 altrimenti',
    optional: true,
    min: 1,
    max: 65_535,
  }),
  smtpSecure: field.boolean({ label: 'TLS diretto (porta 465)', default: false }),
  smtpUser: field.text({ label: 'Utente SMTP', optional: true }),
  smtpPassword: field.secret({ label: 'Password SMTP', optional: true }),
}
