import env from '#start/env'
import { configProvider } from '@adonisjs/core'
import { defineConfig, transports } from '@adonisjs/mail'

/**
 * `mailbox` captures every e-mail into the development mailbox page
 * (/dev/mailbox); `smtp` delivers for real. The embedded default is the
 * mailbox; production sets MAIL_TRANSPORT=smtp.
 */
const mailConfig = defineConfig({
  default: env.get('MAIL_TRANSPORT', 'mailbox'),
  from: {
    address: env.get('MAIL_FROM_ADDRESS', 'noreply@stanza.localhost'),
    name: env.get('MAIL_FROM_NAME', 'Servizi digitali'),
  },
  mailers: {
    smtp: transports.smtp({
      host: env.get('SMTP_HOST', '127.0.0.1'),
      port: env.get('SMTP_PORT', 25),
      secure: env.get('SMTP_SECURE', false),
      ...(env.get('SMTP_USERNAME')
        ? {
            auth: {
              type: 'login' as const,
              user: env.get('SMTP_USERNAME')!,
              pass: env.get('SMTP_PASSWORD', ''),
            },
          }
        : {}),
    }),
    mailbox: configProvider.create(async () => {
      const { MailboxTransport } = await import('#services/dev_mailbox/mailbox_transport')
      return () => new MailboxTransport()
    }),
  },
})

export default mailConfig

declare module '@adonisjs/mail/types' {
  export interface MailersList extends InferMailers<typeof mailConfig> {}
}
