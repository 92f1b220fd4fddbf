import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { TenantOwned } from '#models/mixins/tenant_owned'
import type { FileRef } from '#domain/forms/types'

/**
 * A file uploaded into a form's file field, checked by content, kept on
 * the drive disk. See app/services/forms/uploads.ts.
 */
export default class Upload extends compose(BaseModel, TenantOwned) {
  static table = 'form_uploads'
  // ids are UUIDs chosen here, not numbers from the database
  static selfAssignPrimaryKey = true

  @column({ isPrimary: true })
  declare id: string

  /** "draft:<token>" while the form is filled; the pratica adopts it (adoptUploads) */
  @column()
  declare owner: string

  /** input name of the field it was uploaded into */
  @column()
  declare field: string

  @column()
  declare clientName: string

  @column()
  declare extension: string

  @column()
  declare mimeType: string

  @column({ consume: (value) => Number(value) })
  declare size: number

  @column()
  declare diskKey: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** How a file field holds it. */
  toRef(): FileRef {
    return { id: this.id, name: this.clientName, size: this.size, type: this.mimeType }
  }
}
