import { createHash, randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { PosizioneDati, StatoPosizione } from '../messages.js'

/**
 * The simulated Plug&Pay's storage (tables pnp_sim_*): the positions the
 * enti loaded, and the checkout transactions.
 */
export interface SimPosizione {
  codiceEnte: string
  dati: PosizioneDati
  stato: StatoPosizione
  rimossa: boolean
  pagatoIl: Date | null
  receiptId: string | null
}

export interface SimTransazione {
  id: string
  codiceEnte: string
  iuv: string[]
  urlBack: string
  urlReturn: string
  stato: 'aperta' | 'pagata' | 'annullata'
}

const POSIZIONI = 'pnp_sim_posizioni'
const TRANSAZIONI = 'pnp_sim_transazioni'

function toPosizione(row: any): SimPosizione {
  return {
    codiceEnte: row.codice_ente,
    dati: { ...JSON.parse(row.dati), dataScadenza: row.data_scadenza ?? undefined },
    stato: row.stato,
    rimossa: row.rimossa_il !== null,
    pagatoIl: row.pagato_il ? new Date(row.pagato_il) : null,
    receiptId: row.receipt_id,
  }
}

function toTransazione(row: any): SimTransazione {
  return {
    id: row.id,
    codiceEnte: row.codice_ente,
    iuv: JSON.parse(row.iuv),
    urlBack: row.url_back,
    urlReturn: row.url_return,
    stato: row.stato,
  }
}

const isUniqueViolation = (error: any) =>
  error?.code === '23505' || String(error?.code).startsWith('SQLITE_CONSTRAINT')

/** The first IdApplicazione an ente uses is the one enabled for it; another is refused. */
export async function applicationEnabled(codiceEnte: string, idApplicazione: string) {
  const hash = createHash('sha256').update(idApplicazione).digest('hex')
  const known = await db.from('pnp_sim_applicazioni').where('codice_ente', codiceEnte).first()
  if (known) return known.id_applicazione === hash
  try {
    await db
      .table('pnp_sim_applicazioni')
      .insert({ codice_ente: codiceEnte, id_applicazione: hash, created_at: new Date() })
    return true
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return applicationEnabled(codiceEnte, idApplicazione)
  }
}

export async function posizione(codiceEnte: string, iuv: string) {
  const row = await db.from(POSIZIONI).where({ codice_ente: codiceEnte, iuv }).first()
  return row ? toPosizione(row) : null
}

export async function posizioniOf(codiceEnte: string, debitore: string) {
  const rows = await db
    .from(POSIZIONI)
    .where({ codice_ente: codiceEnte, debitore })
    .whereNull('rimossa_il')
    .orderBy('id')
  return rows.map(toPosizione)
}

/** False when the IUV is already held for the ente (IuvNonUnivoco). */
export async function loadPosizione(codiceEnte: string, dati: PosizioneDati) {
  try {
    await db.table(POSIZIONI).insert({
      codice_ente: codiceEnte,
      iuv: dati.iuv,
      debitore: dati.debitore.codiceFiscalePartitaIva,
      dati: JSON.stringify({ ...dati, dataScadenza: undefined }),
      importo_cents: dati.importoCents,
      data_scadenza: dati.dataScadenza ?? null,
      stato: 'NonPagata',
      created_at: new Date(),
    })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

export async function removePosizione(codiceEnte: string, iuv: string) {
  await db
    .from(POSIZIONI)
    .where({ codice_ente: codiceEnte, iuv })
    .update({ rimossa_il: new Date() })
}

export async function openTransazione(input: Omit<SimTransazione, 'id' | 'stato'>) {
  const id = randomUUID()
  await db.table(TRANSAZIONI).insert({
    id,
    codice_ente: input.codiceEnte,
    iuv: JSON.stringify(input.iuv),
    url_back: input.urlBack,
    url_return: input.urlReturn,
    stato: 'aperta',
    created_at: new Date(),
  })
  return id
}

export async function transazione(id: string) {
  const row = await db.from(TRANSAZIONI).where('id', id).first()
  return row ? toTransazione(row) : null
}

export async function posizioniOfTransazione(current: SimTransazione) {
  const rows = await db
    .from(POSIZIONI)
    .where('codice_ente', current.codiceEnte)
    .whereIn('iuv', current.iuv)
    .orderBy('id')
  return rows.map(toPosizione)
}

/**
 * The citizen paid: every position of the transaction, once. A second
 * submission of the same page finds the transaction closed and pays nothing.
 */
export async function payTransazione(current: SimTransazione, paidAt: Date) {
  return db.transaction(async (trx) => {
    const closed = await trx
      .from(TRANSAZIONI)
      .where({ id: current.id, stato: 'aperta' })
      .update({ stato: 'pagata' })
    if (!Number(closed)) return false
    for (const iuv of current.iuv) {
      await trx
        .from(POSIZIONI)
        .where({ codice_ente: current.codiceEnte, iuv, stato: 'NonPagata' })
        .update({
          stato: 'Pagata',
          pagato_il: paidAt,
          receipt_id: randomBytes(16).toString('hex'),
        })
    }
    return true
  })
}

export async function abandonTransazione(current: SimTransazione) {
  await db
    .from(TRANSAZIONI)
    .where({ id: current.id, stato: 'aperta' })
    .update({ stato: 'annullata' })
}

export async function countPosizioni() {
  const [row] = await db.from(POSIZIONI).count('* as total')
  return Number(row.total)
}

/** Moves a position's expiry to yesterday (the harness's clock). */
export async function expire(iuv: string) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await db
    .from(POSIZIONI)
    .where('iuv', iuv)
    .update({ data_scadenza: `${yesterday}T23:59:59` })
}
