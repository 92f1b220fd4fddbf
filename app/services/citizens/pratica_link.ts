import router from '@adonisjs/core/services/router'
import type { Request } from '@adonisjs/core/http'
import { platformOrigin } from '#plugin_runtime/plugin_context'

/**
 * The link a login-free applicant follows their pratica with (in the
 * receipt e-mail): /{ente}/pratiche/{pratica}?cittadino={id}&signature=...
 * signed with APP_KEY for this purpose only, so the ente, the pratica and
 * the citizen cannot be changed without breaking it. The route answering
 * it checks it with `verifyPraticaLink`.
 */
export const PRATICA_LINK_PATTERN = '/:ente/pratiche/:pratica'
const PURPOSE = 'login-free-pratica'

export type PraticaLinkTarget = {
  ente: { slug: string }
  praticaId: string | number
  citizen: { id: number }
  /** e.g. '90 days'; by default the link does not expire, as the pratica may last */
  expiresIn?: string | number
}

/** The signed path (no origin). */
export function praticaLinkPath({ ente, praticaId, citizen, expiresIn }: PraticaLinkTarget) {
  return router
    .builder()
    .disableRouteLookup()
    .params({ ente: ente.slug, pratica: String(praticaId) })
    .qs({ cittadino: String(citizen.id) })
    .makeSigned(PRATICA_LINK_PATTERN, { purpose: PURPOSE, expiresIn })
}

/** The signed link with the platform's public origin, for an e-mail. */
export function praticaLinkUrl(target: PraticaLinkTarget) {
  return `${platformOrigin()}${praticaLinkPath(target)}`
}

/**
 * The pratica and citizen a request's link grants, or null when the link
 * was not signed here for this purpose, was altered, has expired, or
 * belongs to another ente.
 */
export function verifyPraticaLink(
  request: Request,
  ente: { slug: string }
): { praticaId: string; citizenId: number } | null {
  if (!request.hasValidSignature(PURPOSE)) return null
  const [, slug, section, praticaId] = request.url().split('/')
  const citizenId = Number(request.qs().cittadino)
  if (slug !== ente.slug || section !== 'pratiche' || !praticaId) return null
  if (!Number.isInteger(citizenId) || citizenId <= 0) return null
  return { praticaId: decodeURIComponent(praticaId), citizenId }
}
