import { createHash, randomBytes, randomUUID } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { iuvFor } from '#extension_points/payment/notice_code'
import type { NuovaPosizione, NuovoCarrello, Posizione } from '../api.js'

/**
 * The simulated gateway's storage (tables as_sim_*): the enti and their
 * keys, positions with the IUV the gateway gave them, checkout carts.
 */
const POSIZIONI = 'as_sim_posizioni'
const CARRELLI = 'as_sim_carrelli'
/** The simulator's own segregation code in the IUVs it makes. */
const SEGREGAZIONE = '02'

const isUniqueViolation = (error: any) =>
  error?.code === '23505' || String(error?.code).startsWith('SQLITE_CONSTRAINT')
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')
const today = () => DateTime.now().setZone('Europe/Rome').toISODate()!

export interface SimCarrello {
  id: string
  codiceEnte: string
  iuv: string[]
  urlOk: string
  urlKo: string
  stato: 'aperto' | 'pagato' | 'abbandonato'
}

function toPosizione(row: any): Posizione {
  const dati: NuovaPosizione = JSON.parse(row.dati)
  return {
    ...dati,
    fineValidita: row.fine_validita,
    iuv: row.iuv,
    numeroAvviso: `3${row.iuv}`,
    stato: row.stato === 'DA_PAGARE' && row.fine_validita < today() ? 'SCADUTA' : row.stato,
    pagamento: row.pagato_il
      ? {
          data: new Date(row.pagato_il).toISOString(),
          importo: dati.importo,
          idRicevuta: row.id_ricevuta,
          psp: PSP,
        }
      : undefined,
  }
}

export const PSP = 'Banca di Prova (simulatore Advanced System)'

/** The first key an ente uses becomes its key; another key is refused. */
export async function keyAccepted(codiceEnte: string, apiKey: string) {
  const chiave = sha256(apiKey)
  const known = await db.from('as_sim_enti').where('codice_ente', codiceEnte).first()
  if (known) return known.chiave === chiave
  try {
    await db
      .table('as_sim_enti')
      .insert({ codice_ente: codiceEnte, chiave, created_at: new Date() })
    return true
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    return keyAccepted(codiceEnte, apiKey)
  }
}

/**
 * The ente's back office at the gateway: where outcomes are pushed and the
 * key that signs them. The ente is bound to its API key first, as by its
 * first call.
 */
export async function configurePush(
  codiceEnte: string,
  apiKey: string,
  push: { url: string; chiave: string } | null
) {
  if (!(await keyAccepted(codiceEnte, apiKey))) throw new Error(`another key for ${codiceEnte}`)
  await db
    .from('as_sim_enti')
    .where('codice_ente', codiceEnte)
    .update({ url_notifica: push?.url ?? null, chiave_notifica: push?.chiave ?? null })
}

export async function pushSettingsOf(codiceEnte: string) {
  const row = await db.from('as_sim_enti').where('codice_ente', codiceEnte).first()
  return row?.url_notifica && row.chiave_notifica
    ? { url: String(row.url_notifica), chiave: String(row.chiave_notifica) }
    : null
}

export async function positionByIuv(codiceEnte: string, iuv: string) {
  const row = await db.from(POSIZIONI).where({ codice_ente: codiceEnte, iuv }).first()
  return row ? toPosizione(row) : null
}

export async function positionsOf(codiceEnte: string, debitore: string) {
  const rows = await db.from(POSIZIONI).where({ codice_ente: codiceEnte, debitore }).orderBy('id')
  return rows.map(toPosizione)
}

/** A new position with its IUV, or null when the reference is already held. */
export async function createPosition(codiceEnte: string, nuova: NuovaPosizione) {
  try {
    const iuv = await db.transaction(async (trx) => {
      const [inserted] = await trx
        .table(POSIZIONI)
        .insert({
          codice_ente: codiceEnte,
          riferimento: nuova.riferimento,
          debitore: nuova.debitore.codiceFiscale,
          dati: JSON.stringify(nuova),
          fine_validita: nuova.fineValidita,
          stato: 'DA_PAGARE',
          created_at: new Date(),
        })
        .returning('id')
      const id = typeof inserted === 'object' ? inserted.id : inserted
      const made = iuvFor({
        auxDigit: '3',
        segregationCode: SEGREGAZIONE,
        reference: String(id).padStart(13, '0'),
      })
      await trx.from(POSIZIONI).where('id', id).update({ iuv: made })
      return made
    })
    return (await positionByIuv(codiceEnte, iuv))!
  } catch (error) {
    if (isUniqueViolation(error)) return null
    throw error
  }
}

export async function positionByReference(codiceEnte: string, riferimento: string) {
  const row = await db.from(POSIZIONI).where({ codice_ente: codiceEnte, riferimento }).first()
  return row ? toPosizione(row) : null
}

/** True when this call cancelled it (a second cancellation changes nothing). */
export async function cancelPosition(codiceEnte: string, iuv: string) {
  const changed = await db
    .from(POSIZIONI)
    .where({ codice_ente: codiceEnte, iuv, stato: 'DA_PAGARE' })
    .update({ stato: 'ANNULLATA' })
  return Number(changed) > 0
}

export async function openCart(codiceEnte: string, carrello: NuovoCarrello) {
  const id = randomUUID()
  await db.table(CARRELLI).insert({
    id,
    codice_ente: codiceEnte,
    iuv: JSON.stringify(carrello.iuv),
    url_ok: carrello.urlOk,
    url_ko: carrello.urlKo,
    stato: 'aperto',
    created_at: new Date(),
  })
  return id
}

export async function cart(id: string): Promise<SimCarrello | null> {
  const row = await db.from(CARRELLI).where('id', id).first()
  if (!row) return null
  return {
    id: row.id,
    codiceEnte: row.codice_ente,
    iuv: JSON.parse(row.iuv),
    urlOk: row.url_ok,
    urlKo: row.url_ko,
    stato: row.stato,
  }
}

export async function positionsOfCart(current: SimCarrello) {
  const rows = await db
    .from(POSIZIONI)
    .where('codice_ente', current.codiceEnte)
    .whereIn('iuv', current.iuv)
    .orderBy('id')
  return rows.map(toPosizione)
}

/** The citizen paid: the cart closes once, its positions are paid with one receipt each. */
export async function payCart(current: SimCarrello) {
  return db.transaction(async (trx) => {
    const closed = await trx
      .from(CARRELLI)
      .where({ id: current.id, stato: 'aperto' })
      .update({ stato: 'pagato' })
    if (!Number(closed)) return false
    for (const iuv of current.iuv) {
      await trx
        .from(POSIZIONI)
        .where({ codice_ente: current.codiceEnte, iuv, stato: 'DA_PAGARE' })
        .update({
          stato: 'PAGATA',
          pagato_il: new Date(),
          id_ricevuta: `RIC${randomBytes(10).toString('hex').toUpperCase()}`,
        })
    }
    return true
  })
}

export async function abandonCart(current: SimCarrello) {
  await db
    .from(CARRELLI)
    .where({ id: current.id, stato: 'aperto' })
    .update({ stato: 'abbandonato' })
}

export async function countPositions() {
  const [row] = await db.from(POSIZIONI).count('* as total')
  return Number(row.total)
}

/** Moves a position's last day to yesterday (the harness's clock); answers its ente. */
export async function expire(iuv: string) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await db.from(POSIZIONI).where('iuv', iuv).update({ fine_validita: yesterday })
  const row = await db.from(POSIZIONI).where('iuv', iuv).select('codice_ente').first()
  return row ? String(row.codice_ente) : null
}
