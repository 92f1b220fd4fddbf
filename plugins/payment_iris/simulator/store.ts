import { randomBytes, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'

/**
 * The simulated IRIS's storage (tables iris_sim_*): pendenze with their
 * single payment condition, the message ids it processed, gateway sessions
 * and the pushes it made.
 */
export interface SimPendenza {
  codiceEnte: string
  idPendenza: string
  tipoPendenza: string
  idPagamento: string
  debitore: string
  debitoreNome: string | null
  causale: string
  importoCents: number
  dataScadenza: string
  dataFineValidita: string
  stato: 'aperta' | 'pagata'
  ultimoTentativo: 'PAG_ANNULLATO' | 'PAG_NON_ESEGUITO' | null
  datiMbd: string | null
  pagatoIl: Date | null
  idTransazione: string | null
  iubd: string | null
}

export interface SimSession {
  token: string
  codiceEnte: string
  codiceApplicazione: string
  urlBack: string
  urlCancel: string
  idPagamenti: string[]
  stato: 'aperta' | 'pagata' | 'annullata'
}

const PENDENZE = 'iris_sim_pendenze'
const SESSIONI = 'iris_sim_sessioni'

function isoDay(value: unknown) {
  return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10)
}

function toPendenza(row: any): SimPendenza {
  return {
    codiceEnte: row.codice_ente,
    idPendenza: row.id_pendenza,
    tipoPendenza: row.tipo_pendenza,
    idPagamento: row.id_pagamento,
    debitore: row.debitore,
    debitoreNome: row.debitore_nome,
    causale: row.causale,
    importoCents: Number(row.importo_cents),
    dataScadenza: isoDay(row.data_scadenza),
    dataFineValidita: isoDay(row.data_fine_validita),
    stato: row.stato,
    ultimoTentativo: row.ultimo_tentativo,
    datiMbd: row.dati_mbd,
    pagatoIl: row.pagato_il ? new Date(row.pagato_il) : null,
    idTransazione: row.id_transazione,
    iubd: row.iubd,
  }
}

function toSession(row: any): SimSession {
  return {
    token: row.token,
    codiceEnte: row.codice_ente,
    codiceApplicazione: row.codice_applicazione,
    urlBack: row.url_back,
    urlCancel: row.url_cancel,
    idPagamenti: JSON.parse(row.id_pagamenti),
    stato: row.stato,
  }
}

/** False when IRIS already processed this message id for the ente (A0000035). */
export async function registerMessage(codiceEnte: string, msgId: string) {
  const seen = await db
    .from('iris_sim_messaggi')
    .where({ codice_ente: codiceEnte, e2e_msg_id: msgId })
    .first()
  if (seen) return false
  await db
    .table('iris_sim_messaggi')
    .insert({ codice_ente: codiceEnte, e2e_msg_id: msgId, created_at: new Date() })
  return true
}

export async function pendenzaById(codiceEnte: string, idPendenza: string) {
  const row = await db
    .from(PENDENZE)
    .where({ codice_ente: codiceEnte, id_pendenza: idPendenza })
    .first()
  return row ? toPendenza(row) : null
}

export async function pendenzaByPagamento(codiceEnte: string, idPagamento: string) {
  const row = await db
    .from(PENDENZE)
    .where({ codice_ente: codiceEnte, id_pagamento: idPagamento })
    .first()
  return row ? toPendenza(row) : null
}

export type NewPendenza = Pick<
  SimPendenza,
  | 'idPendenza'
  | 'tipoPendenza'
  | 'idPagamento'
  | 'debitore'
  | 'debitoreNome'
  | 'causale'
  | 'importoCents'
  | 'dataScadenza'
  | 'dataFineValidita'
  | 'datiMbd'
>

/** Insert, or Replace of the terms of a pendenza IRIS holds (its payment state stays). */
export async function savePendenza(codiceEnte: string, pendenza: NewPendenza) {
  const values = {
    tipo_pendenza: pendenza.tipoPendenza,
    id_pagamento: pendenza.idPagamento,
    debitore: pendenza.debitore,
    debitore_nome: pendenza.debitoreNome,
    causale: pendenza.causale,
    importo_cents: pendenza.importoCents,
    data_scadenza: pendenza.dataScadenza,
    data_fine_validita: pendenza.dataFineValidita,
    dati_mbd: pendenza.datiMbd,
  }
  const where = { codice_ente: codiceEnte, id_pendenza: pendenza.idPendenza }
  if (await db.from(PENDENZE).where(where).first()) {
    await db.from(PENDENZE).where(where).update(values)
    return
  }
  await db.table(PENDENZE).insert({ ...values, ...where, stato: 'aperta', created_at: new Date() })
}

export async function openSession(input: Omit<SimSession, 'token' | 'stato'>) {
  const token = randomBytes(16).toString('hex')
  await db.table(SESSIONI).insert({
    token,
    codice_ente: input.codiceEnte,
    codice_applicazione: input.codiceApplicazione,
    url_back: input.urlBack,
    url_cancel: input.urlCancel,
    id_pagamenti: JSON.stringify(input.idPagamenti),
    stato: 'aperta',
    created_at: new Date(),
  })
  return token
}

export async function session(token: string) {
  const row = await db.from(SESSIONI).where('token', token).first()
  return row ? toSession(row) : null
}

export async function pendenzeOf(current: SimSession) {
  const rows = await db
    .from(PENDENZE)
    .where('codice_ente', current.codiceEnte)
    .whereIn('id_pagamento', current.idPagamenti)
  return rows.map(toPendenza)
}

/** The citizen paid: every pendenza of the session, one transaction id. */
export async function paySession(current: SimSession, paidAt: Date) {
  const idTransazione = `TRX${randomBytes(8).toString('hex').toUpperCase()}`
  const pendenze = await pendenzeOf(current)
  await db.transaction(async (trx) => {
    for (const pendenza of pendenze) {
      await trx
        .from(PENDENZE)
        .where({ codice_ente: current.codiceEnte, id_pagamento: pendenza.idPagamento })
        .update({
          stato: 'pagata',
          pagato_il: paidAt,
          id_transazione: idTransazione,
          iubd: pendenza.datiMbd ? String(randomInt(10 ** 13, 10 ** 14 - 1)) : null,
          ultimo_tentativo: null,
        })
    }
    await trx.from(SESSIONI).where('token', current.token).update({ stato: 'pagata' })
  })
  return pendenzeOf(current)
}

/** An attempt that did not pay: the citizen left (the session ends) or the card was refused. */
export async function failAttempt(
  current: SimSession,
  tentativo: 'PAG_ANNULLATO' | 'PAG_NON_ESEGUITO'
) {
  await db
    .from(PENDENZE)
    .where('codice_ente', current.codiceEnte)
    .whereIn('id_pagamento', current.idPagamenti)
    .update({ ultimo_tentativo: tentativo })
  if (tentativo === 'PAG_ANNULLATO') {
    await db.from(SESSIONI).where('token', current.token).update({ stato: 'annullata' })
  }
}

export async function recordNotification(input: {
  codiceEnte: string
  msgId: string
  idPagamenti: string[]
  documento: string
}) {
  await db.table('iris_sim_notifiche').insert({
    codice_ente: input.codiceEnte,
    e2e_msg_id: input.msgId,
    id_pagamenti: JSON.stringify(input.idPagamenti),
    documento: input.documento,
    created_at: new Date(),
  })
}

/** The latest push that reported this payment. */
export async function latestNotification(idPagamento: string) {
  const row = await db
    .from('iris_sim_notifiche')
    .where('id_pagamenti', 'like', `%"${idPagamento}"%`)
    .orderBy('id', 'desc')
    .first()
  return row ? { codiceEnte: row.codice_ente as string, documento: row.documento as string } : null
}

export async function countPendenze() {
  const [row] = await db.from(PENDENZE).count('* as total')
  return Number(row.total)
}

/** Moves a pendenza's end of validity to yesterday (the harness's clock). */
export async function expire(idPagamento: string) {
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  await db
    .from(PENDENZE)
    .where('id_pagamento', idPagamento)
    .update({ data_fine_validita: yesterday })
}
