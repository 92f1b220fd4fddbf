import { defineMessagingPlugin } from '#extension_points/messaging/contract'
import { EmailMessagingAdapter } from './adapter.js'
import { emailConfigFields } from './config.js'
import { platformMailerDelivery, smtpDelivery } from './delivery.js'
import { toMessagingError } from './smtp_errors.js'

type EmailSettings = {
  smtpHost?: string
  smtpPort?: number
  smtpSecure: boolean
  smtpUser?: string
  smtpPassword?: string
}

function enteSmtp(config: EmailSettings & { smtpHost: string }) {
  return smtpDelivery({
    host: config.smtpHost,
    port: config.smtpPort,
    secure: config.smtpSecure,
    user: config.smtpUser,
    password: config.smtpPassword,
  })
}

/** The built-in e-mail channel. */
export default defineMessagingPlugin({
  id: 'messaging_email',
  name: 'E-mail',
  description:
    'Invia i messaggi ai cittadini per posta elettronica, dal server di posta della piattaforma o da quello dell’ente.',
  version: '1.0.0',
  vendor: 'Stanza del Cittadino',
  capabilities: { deliveryTracking: false, attachments: true },
  config: emailConfigFields,

  create({ config, ente }) {
    const delivery = config.smtpHost
      ? enteSmtp({ ...config, smtpHost: config.smtpHost })
      : platformMailerDelivery()
    return new EmailMessagingAdapter(config, ente.id, delivery)
  },

  async healthCheck({ config }) {
    if (!config.smtpHost) return { ok: true, message: 'Usa il server di posta della piattaforma' }
    try {
      await enteSmtp({ ...config, smtpHost: config.smtpHost }).verify()
      return { ok: true, message: `Server SMTP ${config.smtpHost} raggiungibile` }
    } catch (error) {
      const mapped = toMessagingError(error)
      return { ok: false, message: mapped instanceof Error ? mapped.message : String(mapped) }
    }
  },
})
