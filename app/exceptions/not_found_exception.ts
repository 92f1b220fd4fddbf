import { Exception } from '@adonisjs/core/exceptions'

/**
 * Anything outside the caller's ente or permissions: always 404 (never
 * 403), so the existence of a record never leaks. Rendered as the styled
 * "Pagina non trovata" page.
 */
export default class NotFoundException extends Exception {
  static status = 404
  static code = 'E_NOT_FOUND'
  static message = 'Pagina non trovata'
}
