/*
|--------------------------------------------------------------------------
| Jobs and outbox subscriptions
|--------------------------------------------------------------------------
|
| Core jobs register here (plugins through the plugin runtime):
|
|   jobRegistry.register('pratiche.acquire', acquirePratica, { attempts: 5, backoffMs: 2000 })
|   subscriptions.subscribe('pratica.submitted', 'pratiche.acquire')
|
| Delivery is at least once: every handler applies its effect through
| runOnce (app/queue/run_once.ts).
*/
import app from '@adonisjs/core/services/app'
import env from '#start/env'

// tests/embedded and tests/services: slow jobs with a recorded effect
if (env.get('QUEUE_TEST_FIXTURES') && !app.inProduction) {
  const { registerFixtureJobs } = await import('#tests/fixtures/jobs/effect_job')
  registerFixtureJobs()
}
