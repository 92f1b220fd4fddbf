import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'

export type DevMailAttachment = { filename: string; contentType: string; size: number }

/** An e-mail captured by the development mailbox. */
export default class DevMail extends BaseModel {
  static table = 'dev_mailbox_messages'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare messageId: string

  @column()
  declare fromAddress: string

  @jsonColumn()
  declare toAddresses: string[]

  @column()
  declare subject: string

  @column()
  declare html: string | null

  @column()
  declare text: string | null

  @jsonColumn()
  declare attachments: DevMailAttachment[]

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
