import { randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { iuvFor } from '#extension_points/payment/notice_code'
import type { MarcaBollo, PayerKind } from '../documents.js'

/**
 * The simulated MyPay's storage, in the plugin's own tables: its enti
 * (what MyPay's back office holds: password, tipi dovuto, the push
 * settings), its dovuti with MyPay's states, the checkout sessions, and
 * the outcome pushes it sent.
 */
export interface SimEnte {
  codIpaEnte: string
  codiceFiscale: string
  name: string
  password: string
  tipiDovuto: string[]
  segregationCode: string
  pushUrl: string | null
  jwtSecret: string | null
  jwtKid: string | null
  jwtClientId: string | null
  jwtClientMail: string | null
}

export type DovutoStato = 'DA_PAGARE' | 'PAGAMENTO_INIZIATO' | 'PAGATO' | 'ANNULLATO' | 'SCADUTO'

export interface SimDovuto {
  id: number
  codIpaEnte: string
  iud: string
  iuv: string
  stato: DovutoStato
  versamentoXml: string
  payerKind: PayerKind
  payerFiscalCode: string
  amount: string
  dueDate: string | null
  idSession: string | null
  iur: string | null
  paidAt: Date | null
  /** datiMarcaBolloDigitale of a MARCA_BOLLO_DIGITALE dovuto */
  marcaBollo: MarcaBollo | null
  /** the marca da bollo digitale issued when it was paid (MarcaDaBollo.xsd) */
  marcaXml: string | null
}

export type SessionStato = 'NUOVO' | 'IN_CORSO' | 'PAGATO' | 'NON_PAGATO' | 'ANNULLATO'

export interface SimSession {
  idSession: string
  codIpaEnte: string
  /** paaSILVerificaAvviso, pagoPA Checkout's cart, paaSILInviaDovuti */
  kind: 'avviso' | 'carrello' | 'dovuti'
  stato: SessionStato
  iuds: string[]
  returnOk: string
  returnKo: string
  email: string | null
  createdAt: Date
}

export interface SimPush {
  id: number
  codIpaEnte: string
  iud: string
  url: string | null
  authorization: string | null
  body: string
  statusCode: number | null
  error: string | null
  attempts: number
}

function toEnte(row: Record<string, any>): SimEnte {
  return {
    codIpaEnte: row.cod_ipa_ente,
    codiceFiscale: row.codice_fiscale,
    name: row.name,
    password: row.password,
    tipiDovuto: String(row.tipi_dovuto).split(',').filter(Boolean),
    segregationCode: row.segregation_code,
    pushUrl: row.push_url,
    jwtSecret: row.jwt_secret,
    jwtKid: row.jwt_kid,
    jwtClientId: row.jwt_client_id,
    jwtClientMail: row.jwt_client_mail,
  }
}

function toDovuto(row: Record<string, any>): SimDovuto {
  return {
    id: row.id,
    codIpaEnte: row.cod_ipa_ente,
    iud: row.iud,
    iuv: row.iuv,
    stato: row.stato,
    versamentoXml: row.versamento_xml,
    payerKind: row.payer_kind,
    payerFiscalCode: row.payer_fiscal_code,
    amount: row.amount,
    dueDate: row.due_date ? dayOf(row.due_date) : null,
    idSession: row.id_session,
    iur: row.iur,
    paidAt: row.paid_at ? new Date(row.paid_at) : null,
    marcaBollo: row.bollo_hash_documento
      ? { hashDocumento: row.bollo_hash_documento, provinciaResidenza: row.bollo_provincia }
      : null,
    marcaXml: row.marca_xml,
  }
}

function toSession(row: Record<string, any>): SimSession {
  return {
    idSession: row.id_session,
    codIpaEnte: row.cod_ipa_ente,
    kind: row.kind,
    stato: row.stato,
    iuds: JSON.parse(row.iuds),
    returnOk: row.return_ok,
    returnKo: row.return_ko,
    email: row.email,
    createdAt: new Date(row.created_at),
  }
}

/** PostgreSQL gives a date column back as a Date at local midnight, SQLite as the text written. */
function dayOf(value: Date | string) {
  if (typeof value === 'string') return value.slice(0, 10)
  const month = String(value.getMonth() + 1).padStart(2, '0')
  return `${value.getFullYear()}-${month}-${String(value.getDate()).padStart(2, '0')}`
}

function today() {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date())
}

/** MyPay's session ids: random, with a timestamp (Utilities.getRandomUUIDWithTimestamp). */
export function newSessionId() {
  return `${randomBytes(16).toString('hex')}-${Date.now()}`
}

/** Adds an ente to the simulated MyPay, or updates it (its back-office settings). */
export async function registerEnte(ente: SimEnte, client: QueryClientContract = db.connection()) {
  const row = {
    cod_ipa_ente: ente.codIpaEnte,
    codice_fiscale: ente.codiceFiscale,
    name: ente.name,
    password: ente.password,
    tipi_dovuto: ente.tipiDovuto.join(','),
    segregation_code: ente.segregationCode,
    push_url: ente.pushUrl,
    jwt_secret: ente.jwtSecret,
    jwt_kid: ente.jwtKid,
    jwt_client_id: ente.jwtClientId,
    jwt_client_mail: ente.jwtClientMail,
  }
  await client
    .knexQuery()
    .table('mypay_sim_enti')
    .insert({ ...row, iuv_sequence: 0 })
    .onConflict('cod_ipa_ente')
    .merge(row)
}

export async function findEnte(codIpaEnte: string | undefined) {
  if (!codIpaEnte) return null
  const row = await db.from('mypay_sim_enti').where('cod_ipa_ente', codIpaEnte).first()
  return row ? toEnte(row) : null
}

export async function findEnteByFiscalCode(codiceFiscale: string) {
  const row = await db.from('mypay_sim_enti').where('codice_fiscale', codiceFiscale).first()
  return row ? toEnte(row) : null
}

/** A dovuto whose due date has passed is SCADUTO, as MyPay's nightly batch would make it. */
async function expireOverdue(codIpaEnte: string) {
  await db
    .from('mypay_sim_dovuti')
    .where('cod_ipa_ente', codIpaEnte)
    .where('stato', 'DA_PAGARE')
    .where('due_date', '<', today())
    .update({ stato: 'SCADUTO' })
}

export async function findDovuto(codIpaEnte: string, key: { iud: string } | { iuv: string }) {
  await expireOverdue(codIpaEnte)
  const row = await db
    .from('mypay_sim_dovuti')
    .where('cod_ipa_ente', codIpaEnte)
    .where('iud' in key ? { iud: key.iud } : { iuv: key.iuv })
    .first()
  return row ? toDovuto(row) : null
}

export async function unpaidDovutiOf(codIpaEnte: string, payerFiscalCode: string) {
  await expireOverdue(codIpaEnte)
  const rows = await db
    .from('mypay_sim_dovuti')
    .where({ cod_ipa_ente: codIpaEnte, payer_fiscal_code: payerFiscalCode, stato: 'DA_PAGARE' })
    .orderBy('id')
  return rows.map(toDovuto)
}

/**
 * Inserts a dovuto with the next IUV of the ente (aux digit 3: segregation
 * code, 13-digit sequence, check digits). Null when the IUD is taken:
 * the unique index decides, so two concurrent requests make one dovuto.
 */
export async function insertDovuto(
  input: {
    ente: SimEnte
    iud: string
    versamentoXml: string
    payerKind: PayerKind
    payerFiscalCode: string
    amount: string
    dueDate: string | null
    marcaBollo?: MarcaBollo | null
  },
  client: QueryClientContract = db.connection()
): Promise<SimDovuto | null> {
  try {
    return await client.transaction(async (trx) => {
      await trx
        .from('mypay_sim_enti')
        .where('cod_ipa_ente', input.ente.codIpaEnte)
        .increment('iuv_sequence', 1)
      const { iuv_sequence: sequence } = await trx
        .from('mypay_sim_enti')
        .where('cod_ipa_ente', input.ente.codIpaEnte)
        .select('iuv_sequence')
        .firstOrFail()
      const iuv = iuvFor({
        auxDigit: '3',
        segregationCode: input.ente.segregationCode,
        reference: String(sequence).padStart(13, '0'),
      })
      await trx.table('mypay_sim_dovuti').insert({
        cod_ipa_ente: input.ente.codIpaEnte,
        iud: input.iud,
        iuv,
        stato: 'DA_PAGARE',
        versamento_xml: input.versamentoXml,
        payer_kind: input.payerKind,
        payer_fiscal_code: input.payerFiscalCode,
        amount: input.amount,
        due_date: input.dueDate,
        bollo_hash_documento: input.marcaBollo?.hashDocumento ?? null,
        bollo_provincia: input.marcaBollo?.provinciaResidenza ?? null,
        created_at: new Date(),
      })
      return toDovuto(
        await trx
          .from('mypay_sim_dovuti')
          .where({ cod_ipa_ente: input.ente.codIpaEnte, iud: input.iud })
          .firstOrFail()
      )
    })
  } catch (error) {
    if (isUniqueViolation(error)) return null
    throw error
  }
}

function isUniqueViolation(error: unknown) {
  const code = (error as { code?: string }).code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

export async function setDovutoStato(id: number, stato: DovutoStato, from: DovutoStato[]) {
  const updated = await db
    .from('mypay_sim_dovuti')
    .where('id', id)
    .whereIn('stato', from)
    .update({ stato })
  return Number(Array.isArray(updated) ? updated[0] : updated) > 0
}

export async function giveSessionToDovuto(id: number, idSession: string) {
  await db.from('mypay_sim_dovuti').where('id', id).update({ id_session: idSession })
}

export async function findDovutoBySession(idSession: string) {
  const row = await db.from('mypay_sim_dovuti').where('id_session', idSession).first()
  return row ? toDovuto(row) : null
}

/** Marks a dovuto paid, once: false when it was not payable any more. */
export async function markPaid(id: number, paidAt: Date) {
  const updated = await db
    .from('mypay_sim_dovuti')
    .where('id', id)
    .whereIn('stato', ['DA_PAGARE', 'PAGAMENTO_INIZIATO'])
    .update({ stato: 'PAGATO', paid_at: paidAt, iur: randomBytes(16).toString('hex') })
  return Number(Array.isArray(updated) ? updated[0] : updated) > 0
}

/** Keeps the marca da bollo issued for a paid dovuto; the first one issued stays. */
export async function keepMarca(id: number, marcaXml: string) {
  await db
    .from('mypay_sim_dovuti')
    .where('id', id)
    .whereNull('marca_xml')
    .update({ marca_xml: marcaXml })
}

export async function countDovuti(codIpaEnte: string) {
  const row = await db
    .from('mypay_sim_dovuti')
    .where('cod_ipa_ente', codIpaEnte)
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

/** Moves a dovuto's due date to yesterday: the next read finds it SCADUTO. */
export async function backdate(codIpaEnte: string, iud: string) {
  const yesterday = new Date(Date.now() - 86_400_000)
  await db
    .from('mypay_sim_dovuti')
    .where({ cod_ipa_ente: codIpaEnte, iud })
    .update({
      due_date: new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(yesterday),
    })
}

export async function createSession(session: Omit<SimSession, 'stato' | 'createdAt'>) {
  await db.table('mypay_sim_sessions').insert({
    id_session: session.idSession,
    cod_ipa_ente: session.codIpaEnte,
    kind: session.kind,
    stato: 'NUOVO',
    iuds: JSON.stringify(session.iuds),
    return_ok: session.returnOk,
    return_ko: session.returnKo,
    email: session.email,
    created_at: new Date(),
  })
}

export async function findSession(idSession: string | undefined) {
  if (!idSession) return null
  const row = await db.from('mypay_sim_sessions').where('id_session', idSession).first()
  return row ? toSession(row) : null
}

/** Moves a session on; false when it is not in one of the `from` states any more (a second submit). */
export async function moveSession(idSession: string, stato: SessionStato, from: SessionStato[]) {
  const updated = await db
    .from('mypay_sim_sessions')
    .where('id_session', idSession)
    .whereIn('stato', from)
    .update({ stato })
  return Number(Array.isArray(updated) ? updated[0] : updated) > 0
}

export async function recordPush(push: Omit<SimPush, 'id' | 'statusCode' | 'error' | 'attempts'>) {
  const [inserted] = await db
    .table('mypay_sim_pushes')
    .insert({
      cod_ipa_ente: push.codIpaEnte,
      iud: push.iud,
      url: push.url,
      authorization: push.authorization,
      body: push.body,
      attempts: 0,
      created_at: new Date(),
    })
    .returning('id')
  return typeof inserted === 'object' ? inserted.id : inserted
}

export async function pushAttempted(id: number, outcome: { statusCode?: number; error?: string }) {
  await db
    .knexQuery()
    .table('mypay_sim_pushes')
    .where('id', id)
    .update({
      status_code: outcome.statusCode ?? null,
      error: outcome.error ?? null,
      attempts: db.knexRawQuery('attempts + 1'),
    })
}

export async function lastPushFor(codIpaEnte: string, iud: string): Promise<SimPush | null> {
  const row = await db
    .from('mypay_sim_pushes')
    .where({ cod_ipa_ente: codIpaEnte, iud })
    .orderBy('id', 'desc')
    .first()
  if (!row) return null
  return {
    id: row.id,
    codIpaEnte: row.cod_ipa_ente,
    iud: row.iud,
    url: row.url,
    authorization: row.authorization,
    body: row.body,
    statusCode: row.status_code,
    error: row.error,
    attempts: row.attempts,
  }
}
