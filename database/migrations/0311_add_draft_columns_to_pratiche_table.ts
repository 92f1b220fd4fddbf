import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What a draft needs besides its data: the step the citizen was on (the
 * draft resumes there), and the applicant a login-free applicant typed by
 * hand (the pratica keeps what was typed; the citizen is found or created
 * from it only when the pratica is sent).
 */
export default class extends BaseSchema {
  protected tableName = 'pratiche'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.integer('form_step').notNullable().defaultTo(0)
      table.text('typed_applicant').nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('form_step')
      table.dropColumn('typed_applicant')
    })
  }
}
