import { BaseSchema } from '@adonisjs/lucid/schema'

const ADDRESS_PARTS = [
  ['address', 255],
  ['house_number', 20],
  ['municipality', 120],
  ['postal_code', 10],
  ['county', 40],
  ['country', 80],
] as const

/**
 * The citizen's "Profilo": birth data, residence and domicile (OpenCity's
 * address keys), identity document, and which identity fields are locked
 * because SPID/CIE asserted them (a JSON list of attribute names), with the
 * IdP and the time they last did.
 */
export default class extends BaseSchema {
  protected tableName = 'citizens'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('gender', 1).nullable()
      table.date('birth_date').nullable()
      table.string('birth_place', 120).nullable()
      table.string('birth_county', 40).nullable()
      table.string('birth_country', 80).nullable()
      for (const kind of ['residence', 'domicile']) {
        for (const [part, length] of ADDRESS_PARTS) {
          table.string(`${kind}_${part}`, length).nullable()
        }
      }
      table.string('id_document_type', 40).nullable()
      table.string('id_document_number', 40).nullable()
      table.string('id_document_authority', 120).nullable()
      table.date('id_document_issued_on').nullable()
      table.date('id_document_expires_on').nullable()
      table.text('locked_fields').notNullable().defaultTo('[]')
      table.string('identity_provider', 255).nullable()
      table.timestamp('identity_verified_at').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumns(
        'gender',
        'birth_date',
        'birth_place',
        'birth_county',
        'birth_country',
        ...['residence', 'domicile'].flatMap((kind) =>
          ADDRESS_PARTS.map(([part]) => `${kind}_${part}`)
        ),
        'id_document_type',
        'id_document_number',
        'id_document_authority',
        'id_document_issued_on',
        'id_document_expires_on',
        'locked_fields',
        'identity_provider',
        'identity_verified_at'
      )
    })
  }
}
