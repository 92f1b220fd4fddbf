import nodemailer from 'nodemailer'

type Address = { name: string; address: string }

/** A fully composed e-mail, accepted both by nodemailer and by @adonisjs/mail. */
export interface ComposedMail {
  from: Address
  to: Address[]
  replyTo?: Address[]
  subject: string
  text: string
  html?: string
  messageId: string
  attachments: Array<{ filename: string; contentType: string; content: Buffer }>
}

/** Where a composed e-mail goes: the ente's own SMTP server or the platform's mailer. */
export interface MailDelivery {
  send(mail: ComposedMail): Promise<void>
}

export interface SmtpSettings {
  host: string
  port?: number
  secure: boolean
  user?: string
  password?: string
}

/** The ente's own SMTP server; `verify` connects and authenticates (health check). */
export function smtpDelivery(settings: SmtpSettings): MailDelivery & { verify(): Promise<void> } {
  const transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port ?? (settings.secure ? 465 : 587),
    secure: settings.secure,
    auth: settings.user ? { user: settings.user, pass: settings.password ?? '' } : undefined,
    // a relay that hangs must surface as "down" soon enough for the queue to retry
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return {
    async send(mail) {
      await transporter.sendMail(mail)
    },
    async verify() {
      await transporter.verify()
    },
  }
}

/**
 * The deployment's default mailer (config/mail.ts): the development mailbox
 * in the embedded default, the platform SMTP relay in production. Imported
 * lazily so the plugin loads without a booted application.
 */
export function platformMailerDelivery(): MailDelivery {
  return {
    async send(mail) {
      const { default: mailer } = await import('@adonisjs/mail/services/main')
      await mailer.use().sendCompiled({ message: mail, views: {} })
    },
  }
}
