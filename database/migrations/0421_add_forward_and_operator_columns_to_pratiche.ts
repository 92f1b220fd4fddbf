import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Workflow "Inoltro": when the pratica was forwarded to the external back
 * office. "Crea pratica": the operator who filled the pratica for the
 * citizen (the draft is theirs until it is sent).
 */
export default class extends BaseSchema {
  protected tableName = 'pratiche'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.timestamp('forwarded_at').nullable()
      table
        .integer('created_by_operator_id')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('forwarded_at')
      table.dropColumn('created_by_operator_id')
    })
  }
}
