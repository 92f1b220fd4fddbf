import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the admin's service configuration stores beyond the foundation's
 * columns: the external back office a service with the "Inoltro" workflow
 * forwards its pratiche to, and the en/de label translations of a form
 * version (keyed by the Italian text, as OpenCity's `i18n.json`), which
 * change no data and so are kept with the version they translate.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('services', (table) => {
      table.string('forward_url', 2048).nullable()
    })
    this.schema.alterTable('service_form_versions', (table) => {
      table.text('translations').notNullable().defaultTo('{}')
    })
  }

  async down() {
    this.schema.alterTable('service_form_versions', (table) => {
      table.dropColumn('translations')
    })
    this.schema.alterTable('services', (table) => {
      table.dropColumn('forward_url')
    })
  }
}
