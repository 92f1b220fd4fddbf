import { randomUUID } from 'node:crypto'
import nodemailer from 'nodemailer'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'
import DevMail from '#models/dev_mail'

type Address = string | { address: string; name?: string }

/**
 * Mail transport of the embedded default: every e-mail is stored in the
 * database and shown at /dev/mailbox instead of being delivered.
 */
export class MailboxTransport implements MailTransportContract {
  async send(message: NodeMailerMessage): Promise<MailResponse<DevMail>> {
    // nodemailer's JSON transport renders templates and attachments the same
    // way SMTP would, so what is captured is what would have been sent
    const rendered = await nodemailer.createTransport({ jsonTransport: true }).sendMail(message)
    const data = JSON.parse(String(rendered.message)) as {
      messageId?: string
      html?: string
      text?: string
      attachments?: Array<{ filename?: string; contentType?: string; content?: string }>
    }

    const to = toList(message.to)
    const from = toList(message.from)[0] ?? ''
    const mail = await DevMail.create({
      messageId: data.messageId ?? `<${randomUUID()}@mailbox.local>`,
      fromAddress: from,
      toAddresses: to,
      subject: String(message.subject ?? ''),
      html: data.html ?? null,
      text: data.text ?? null,
      attachments: (data.attachments ?? []).map((attachment) => ({
        filename: attachment.filename ?? 'allegato',
        contentType: attachment.contentType ?? 'application/octet-stream',
        size: attachment.content ? Buffer.from(attachment.content, 'base64').length : 0,
      })),
    })

    return new MailResponse(mail.messageId, { from, to }, mail)
  }
}

function toList(value: unknown): string[] {
  if (!value) return []
  const items = (Array.isArray(value) ? value : [value]) as Address[]
  return items.map((item) => (typeof item === 'string' ? item : item.address))
}
