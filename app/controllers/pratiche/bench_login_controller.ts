import type { HttpContext } from '@adonisjs/core/http'
import NotFoundException from '#exceptions/not_found_exception'
import { checkCharacter } from '#domain/codice_fiscale'
import { saveByFiscalCode } from '#services/citizens/save_by_fiscal_code'
import { beginCitizenSession } from '#services/identity/citizen_session'

/**
 * `npm run bench` only (the route exists with BENCH_MODE=true, for the
 * bench enti only): logs bench citizen number `n` in at SPID level 2, as a
 * finished login would, and answers the session's CSRF token and the
 * citizen's codice fiscale (JSON), so the bench can post a pratica's form
 * and "Invia" like a browser.
 */
export default class BenchLoginController {
  /** GET /:ente/_bench/accedi?n= */
  async show(ctx: HttpContext) {
    const { ente, request, response } = ctx
    const n = Number(request.input('n'))
    if (!ente.slug.startsWith('bench-') || !Number.isInteger(n) || n < 0 || n >= 26 ** 3) {
      throw new NotFoundException()
    }
    const fiscalCode = benchFiscalCode(n)
    const citizen = await saveByFiscalCode(ente, fiscalCode, (found, isNew) => {
      if (isNew) {
        found.merge({
          firstName: 'Cittadino',
          lastName: `Bench ${n}`,
          email: `cittadino.${n}@${ente.slug}.example.it`,
          identitySource: 'spid',
          lockedFields: [],
        })
      }
    })
    await beginCitizenSession(ctx, citizen, 'bench', {
      fiscalNumber: fiscalCode,
      name: citizen.firstName,
      familyName: citizen.lastName,
      level: 2,
      source: 'spid',
    })
    return response.json({ csrfToken: request.csrfToken, fiscalCode })
  }
}

/** A valid codice fiscale per bench citizen: the number spelled in the surname's letters. */
export function benchFiscalCode(n: number) {
  const letters = [Math.floor(n / 676), Math.floor(n / 26) % 26, n % 26]
    .map((digit) => String.fromCharCode(65 + digit))
    .join('')
  const first15 = `${letters}BNC80A01H501`
  return first15 + checkCharacter(first15)
}
