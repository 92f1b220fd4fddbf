import { DateTime } from 'luxon'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { jsonColumn } from '#models/mixins/json_column'
import { TenantOwned } from '#models/mixins/tenant_owned'
import type { DocumentRef } from '#extension_points/protocol/contract'

export type PraticaDocumentKind = 'modulo_compilato' | 'integrazioni' | 'esito'

/**
 * A document issued for a pratica and kept with it (the "modulo
 * compilato" PDF), on the drive disk. See app/services/pratiche/documents.ts.
 */
export default class PraticaDocument extends compose(BaseModel, TenantOwned) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare praticaId: number

  @column()
  declare kind: PraticaDocumentKind

  /** the name it is downloaded with */
  @column()
  declare fileName: string

  @column()
  declare mimeType: string

  @column({ consume: (value) => Number(value) })
  declare size: number

  @column()
  declare diskKey: string

  /** hex SHA-256 of the content */
  @column({ columnName: 'sha256' })
  declare sha256: string

  /** the protocol register's reference, once protocolled */
  @jsonColumn()
  declare protocol: DocumentRef | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
