import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The marca da bollo digitale of a dovuto (datiMarcaBolloDigitale).
 *
 * In the ledger: the document's digest and the payer's province, which
 * paaSILInviaDovuti needs when the citizen pays (a stamp's `iuv` stays ''
 * until MyPay gives it one: MyPay assigns it at its checkout).
 *
 * In the simulator: the same data as MyPay keeps them
 * (mygov_dati_marca_bollo_digitale) and the marca issued once it is paid.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('mypay_dovuti', (table) => {
      table.string('stamp_document_hash', 72).nullable()
      table.string('stamp_province', 2).nullable()
    })
    this.schema.alterTable('mypay_sim_dovuti', (table) => {
      table.string('bollo_hash_documento', 72).nullable()
      table.string('bollo_provincia', 2).nullable()
      table.text('marca_xml').nullable()
    })
  }

  async down() {
    this.schema.alterTable('mypay_sim_dovuti', (table) => {
      table.dropColumn('marca_xml')
      table.dropColumn('bollo_provincia')
      table.dropColumn('bollo_hash_documento')
    })
    this.schema.alterTable('mypay_dovuti', (table) => {
      table.dropColumn('stamp_province')
      table.dropColumn('stamp_document_hash')
    })
  }
}
