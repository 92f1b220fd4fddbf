import type { MessageRecipient } from '#extension_points/messaging/contract'
import { EMAIL_CHANNEL } from '#services/pratiche/receipt'

/** How a person is reached: what the channels need of them. */
export interface Contact {
  name: string
  email: string | null
  fiscalCode: string | null
}

/**
 * The channels a notice can go through, each with the address it needs.
 * A notice goes through every one the ente has enabled and the person can
 * be reached on (App IO joins this list with its plugin, by codice fiscale).
 */
export interface NoticeChannel {
  plugin: string
  address(contact: Contact): MessageRecipient | null
}

const EMAIL: NoticeChannel = {
  plugin: EMAIL_CHANNEL,
  address: (contact) => (contact.email ? { email: contact.email, name: contact.name } : null),
}

export const CITIZEN_CHANNELS: NoticeChannel[] = [EMAIL]

/** Operators are told by e-mail: the address their account was created with. */
export const OPERATOR_CHANNELS: NoticeChannel[] = [EMAIL]
