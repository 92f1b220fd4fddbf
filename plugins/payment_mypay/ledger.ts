import db from '@adonisjs/lucid/services/db'
import type { PayerKind } from './documents.js'

/**
 * What this platform knows of each dovuto it created at MyPay (or read from
 * MyPay's open positions): MyPay gives a dovuto's data back only once it is
 * paid, but the notice, the cart and a cancellation need them before.
 * Keyed by the ente's IPA code and the IUD, like MyPay itself.
 */
export interface LedgerRow {
  codIpaEnte: string
  iud: string
  /** '' for a marca da bollo MyPay has not given an IUV yet */
  iuv: string
  payerKind: PayerKind
  payerFiscalCode: string
  payerName: string
  payerEmail: string | null
  amountCents: number
  description: string
  tipoDovuto: string
  datiSpecificiRiscossione: string
  /** YYYY-MM-DD, the day in Italy */
  dueDate: string | null
  urlFileAvviso: string | null
  lastSession: string | null
  /** a marca da bollo digitale: the base64 SHA-256 of the stamped document, the payer's province */
  stampDocumentHash: string | null
  stampProvince: string | null
}

const TABLE = 'mypay_dovuti'

function fromRow(row: Record<string, any>): LedgerRow {
  return {
    codIpaEnte: row.cod_ipa_ente,
    iud: row.iud,
    iuv: row.iuv,
    payerKind: row.payer_kind,
    payerFiscalCode: row.payer_fiscal_code,
    payerName: row.payer_name,
    payerEmail: row.payer_email,
    amountCents: Number(row.amount_cents),
    description: row.description,
    tipoDovuto: row.tipo_dovuto,
    datiSpecificiRiscossione: row.dati_specifici_riscossione,
    dueDate: row.due_date ? dayOf(row.due_date) : null,
    urlFileAvviso: row.url_file_avviso,
    lastSession: row.last_session,
    stampDocumentHash: row.stamp_document_hash ?? null,
    stampProvince: row.stamp_province ?? null,
  }
}

/** PostgreSQL gives a date column back as a Date at local midnight, SQLite as the text written. */
function dayOf(value: Date | string) {
  if (typeof value === 'string') return value.slice(0, 10)
  const month = String(value.getMonth() + 1).padStart(2, '0')
  return `${value.getFullYear()}-${month}-${String(value.getDate()).padStart(2, '0')}`
}

export async function findDovuto(codIpaEnte: string, key: { iud: string } | { iuv: string }) {
  const row = await db
    .from(TABLE)
    .where('cod_ipa_ente', codIpaEnte)
    .where('iud' in key ? { iud: key.iud } : { iuv: key.iuv })
    .first()
  return row ? fromRow(row) : null
}

/** Records a dovuto; a row already there (a concurrent creation, a listing) is kept. */
export async function recordDovuto(row: Omit<LedgerRow, 'lastSession'>) {
  await db
    .knexQuery()
    .table(TABLE)
    .insert({
      cod_ipa_ente: row.codIpaEnte,
      iud: row.iud,
      iuv: row.iuv,
      payer_kind: row.payerKind,
      payer_fiscal_code: row.payerFiscalCode,
      payer_name: row.payerName,
      payer_email: row.payerEmail,
      amount_cents: row.amountCents,
      description: row.description,
      tipo_dovuto: row.tipoDovuto,
      dati_specifici_riscossione: row.datiSpecificiRiscossione,
      due_date: row.dueDate,
      url_file_avviso: row.urlFileAvviso,
      stamp_document_hash: row.stampDocumentHash,
      stamp_province: row.stampProvince,
      created_at: new Date(),
    })
    .onConflict(['cod_ipa_ente', 'iud'])
    .ignore()
  return (await findDovuto(row.codIpaEnte, { iud: row.iud }))!
}

/** The IUV MyPay gave a marca da bollo at its checkout, once known. */
export async function recordIuv(codIpaEnte: string, iud: string, iuv: string) {
  await db.from(TABLE).where({ cod_ipa_ente: codIpaEnte, iud, iuv: '' }).update({ iuv })
}

export async function rememberSession(codIpaEnte: string, iud: string, idSession: string) {
  await db.from(TABLE).where({ cod_ipa_ente: codIpaEnte, iud }).update({ last_session: idSession })
}
