import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FailedJobsController = () => import('#controllers/admin/failed_jobs_controller')

/**
 * /admin/jobs: failed jobs and stuck outbox events (platform admins).
 */
router
  .group(() => {
    router.get('/jobs', [FailedJobsController, 'index']).as('admin.jobs.index')
    router.post('/jobs/:id/retry', [FailedJobsController, 'retryJob']).as('admin.jobs.retry')
    router
      .post('/jobs/outbox/:id/retry', [FailedJobsController, 'retryOutboxEvent'])
      .as('admin.jobs.outbox.retry')
      .where('id', router.matchers.number())
  })
  .prefix('/admin')
  .use(middleware.platformAdmin())
