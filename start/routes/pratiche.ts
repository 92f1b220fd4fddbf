import router from '@adonisjs/core/services/router'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { middleware } from '#start/kernel'
import env from '#start/env'
import { currentCitizen } from '#services/identity/citizen_session'

const CompileController = () => import('#controllers/pratiche/compile_controller')
const SubmissionController = () => import('#controllers/pratiche/submission_controller')
const WithdrawalController = () => import('#controllers/pratiche/withdrawal_controller')
const ModuloController = () => import('#controllers/pratiche/modulo_controller')
const FollowUpController = () => import('#controllers/pratiche/follow_up_controller')
const BenchLoginController = () => import('#controllers/pratiche/bench_login_controller')
const PraticaPaymentController = () => import('#controllers/payments/pratica_payment_controller')

/** The site's header shows the citizen logged in to this ente. */
export async function shareCitizen(ctx: HttpContext, next: NextFn) {
  const citizen = await currentCitizen(ctx)
  if (citizen) ctx.view.share({ currentCitizen: citizen })
  return next()
}

/**
 * A citizen's pratica: the service's door opens the draft, then the form,
 * the Riepilogo, "Invia", the receipt, the payment step, the modulo
 * compilato, "Ritira pratica" and rinnovo/modifica/voltura. Pages under
 * /:ente/pratiche/:pratica answer only the pratica's citizen or a browser
 * holding its signed link (app/services/pratiche/pratica_access.ts); the
 * bare /:ente/pratiche/:pratica is the signed link's landing page (the
 * personal area's).
 */
router
  .group(() => {
    router.get('/servizi/:slug/compila', [CompileController, 'start']).as('pratiche.start')
    router
      .post('/servizi/:slug/compila', [CompileController, 'startWithoutLogin'])
      .as('pratiche.start_without_login')
    router.get('/pratiche/:pratica/compila', [CompileController, 'show']).as('pratiche.compile')
    router.post('/pratiche/:pratica/compila', [CompileController, 'save']).as('pratiche.save')
    router
      .get('/pratiche/:pratica/riepilogo', [SubmissionController, 'review'])
      .as('pratiche.summary')
    router.post('/pratiche/:pratica/invia', [SubmissionController, 'submit']).as('pratiche.submit')
    router
      .get('/pratiche/:pratica/ricevuta', [SubmissionController, 'receipt'])
      .as('pratiche.receipt')
    router
      .get('/pratiche/:pratica/pagamento', [PraticaPaymentController, 'show'])
      .as('pratiche.payment')
    router
      .get('/pratiche/:pratica/modulo-compilato', [ModuloController, 'download'])
      .as('pratiche.modulo')
    router
      .get('/pratiche/:pratica/ritira', [WithdrawalController, 'confirm'])
      .as('pratiche.withdraw_confirm')
    router
      .post('/pratiche/:pratica/ritira', [WithdrawalController, 'withdraw'])
      .as('pratiche.withdraw')
    router
      .post('/pratiche/:pratica/nuova-richiesta', [FollowUpController, 'start'])
      .as('pratiche.follow_up')
  })
  .prefix('/:ente')
  .use([middleware.ente(), shareCitizen])

/** `npm run bench`: a citizen session for the submission scenario (bin/bench_scenarios.js). */
if (env.get('BENCH_MODE')) {
  router
    .get('/:ente/_bench/accedi', [BenchLoginController, 'show'])
    .use(middleware.ente())
    .as('pratiche.bench_login')
}
