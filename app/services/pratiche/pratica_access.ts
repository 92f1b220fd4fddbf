import type { HttpContext } from '@adonisjs/core/http'
import Pratica from '#models/pratica'
import Citizen from '#models/citizen'
import Service from '#models/service'
import NotFoundException from '#exceptions/not_found_exception'
import { currentCitizen } from '#services/identity/citizen_session'
import { verifyPraticaLink } from '#services/citizens/pratica_link'
import { isUuid } from '#domain/uuid'

/**
 * Who may open a pratica's pages (/:ente/pratiche/:pratica/...): the
 * citizen it belongs to, logged in to its ente; or, without a login, the
 * browser that holds a grant for it in its session: the login-free
 * applicant who is filling it, or who opened the signed link of the
 * receipt e-mail (the link's landing page calls `rememberPraticaLink`).
 * Anyone else gets the 404 of a pratica that does not exist.
 */
const GRANTS_KEY = 'pratiche_senza_login'

type Grant = { uuid: string; citizenId: number | null }

export type PraticaVisitor =
  /** the logged-in citizen the pratica belongs to */
  | { kind: 'citizen'; citizenId: number; citizen: Citizen }
  /** a browser with a grant: the login-free applicant (citizenId null while a draft) */
  | { kind: 'link'; citizenId: number | null; citizen: null }

function grantsOf(ctx: HttpContext): Grant[] {
  const grants = ctx.session.get(GRANTS_KEY)
  return Array.isArray(grants) ? grants : []
}

function grant(ctx: HttpContext, entry: Grant) {
  const others = grantsOf(ctx).filter((existing) => existing.uuid !== entry.uuid)
  // the most recent first, bounded: a session is not a store
  ctx.session.put(GRANTS_KEY, [entry, ...others].slice(0, 20))
}

/** The login-free applicant's browser may go on with this draft. */
export function grantDraft(ctx: HttpContext, pratica: Pratica) {
  grant(ctx, { uuid: pratica.uuid, citizenId: pratica.citizenId })
}

/**
 * For the landing page of the signed link (PRATICA_LINK_PATTERN): once
 * `verifyPraticaLink` accepted the link, the pages under it (modulo
 * compilato, Ritira pratica...) are open to this browser too.
 */
export function rememberPraticaLink(
  ctx: HttpContext,
  link: { praticaId: string; citizenId: number }
) {
  grant(ctx, { uuid: link.praticaId, citizenId: link.citizenId })
}

/** The drafts this browser fills without login, most recent first. */
export function grantedUuids(ctx: HttpContext) {
  return grantsOf(ctx).map((entry) => entry.uuid)
}

/** The pratica named by the URL and who is asking, or a 404. */
export async function praticaForVisitor(
  ctx: HttpContext,
  uuid: unknown
): Promise<{ pratica: Pratica; visitor: PraticaVisitor }> {
  if (!isUuid(uuid)) throw new NotFoundException()
  const pratica = await Pratica.forEnte(ctx.ente).where('uuid', uuid.toLowerCase()).first()
  if (!pratica) throw new NotFoundException()

  const citizen = await currentCitizen(ctx)
  if (citizen && pratica.citizenId === citizen.id) {
    return { pratica, visitor: { kind: 'citizen', citizenId: citizen.id, citizen } }
  }

  const link = verifyPraticaLink(ctx.request, ctx.ente)
  if (link && link.praticaId === pratica.uuid && link.citizenId === pratica.citizenId) {
    rememberPraticaLink(ctx, link)
  }
  const granted = grantsOf(ctx).find((entry) => entry.uuid === pratica.uuid)
  // a grant names the citizen the pratica had then: it does not follow a pratica given to someone else
  if (granted && (pratica.citizenId === null || granted.citizenId === pratica.citizenId)) {
    return { pratica, visitor: { kind: 'link', citizenId: pratica.citizenId, citizen: null } }
  }
  throw new NotFoundException()
}

/** The pratica, who asks, and its service. */
export async function praticaWithService(ctx: HttpContext) {
  const { pratica, visitor } = await praticaForVisitor(ctx, ctx.params.pratica)
  const service = await Service.query()
    .where('ente_id', pratica.enteId)
    .where('id', pratica.serviceId)
    .firstOrFail()
  return { pratica, visitor, service }
}

/**
 * The citizen the visitor acts as: the logged-in one, or the pratica's
 * citizen for a browser holding its link.
 */
export async function actingCitizen(visitor: PraticaVisitor) {
  if (visitor.citizen) return visitor.citizen
  return visitor.citizenId ? Citizen.find(visitor.citizenId) : null
}
