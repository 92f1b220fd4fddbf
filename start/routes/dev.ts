import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const MailboxController = () => import('#controllers/dev/mailbox_controller')

/**
 * Development and test only (the devOnly middleware answers 404 in
 * production).
 */
router
  .group(() => {
    router.get('/mailbox', [MailboxController, 'index']).as('dev.mailbox')
    router
      .get('/mailbox/:id', [MailboxController, 'show'])
      .as('dev.mailbox.show')
      .where('id', router.matchers.number())
    router
      .get('/mailbox/:id/html', [MailboxController, 'html'])
      .where('id', router.matchers.number())
    router.delete('/mailbox', [MailboxController, 'destroyAll']).as('dev.mailbox.clear')
  })
  .prefix('/dev')
  .use(middleware.devOnly())
