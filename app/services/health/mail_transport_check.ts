import nodemailer from 'nodemailer'
import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import env from '#start/env'
import DevMail from '#models/dev_mail'

/**
 * SMTP: the server answers and accepts our credentials. Development
 * mailbox: its table can be read.
 */
export class MailTransportCheck extends BaseCheck {
  name = 'Trasporto e-mail'

  async run(): Promise<HealthCheckResult> {
    const transport = env.get('MAIL_TRANSPORT', 'mailbox')
    try {
      if (transport === 'smtp') {
        const smtp = nodemailer.createTransport({
          host: env.get('SMTP_HOST'),
          port: env.get('SMTP_PORT'),
          secure: env.get('SMTP_SECURE', false),
          auth: env.get('SMTP_USERNAME')
            ? { user: env.get('SMTP_USERNAME'), pass: env.get('SMTP_PASSWORD', '') }
            : undefined,
          connectionTimeout: 3000,
          greetingTimeout: 3000,
        })
        await smtp.verify()
        smtp.close()
        return Result.ok(`SMTP ${env.get('SMTP_HOST')}:${env.get('SMTP_PORT')} raggiungibile`)
      }
      await DevMail.query().limit(1)
      return Result.ok('Casella di sviluppo (/dev/mailbox)')
    } catch (error) {
      return Result.failed(
        `Trasporto ${transport} non disponibile: ${(error as Error).message}`,
        error as Error
      )
    }
  }
}
