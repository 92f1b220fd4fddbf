import router from '@adonisjs/core/services/router'

const AssetsController = () => import('#controllers/assets_controller')

/**
 * Bootstrap Italia and Alpine straight from node_modules (whitelisted
 * files only). Our own CSS and JS are in public/, served by @adonisjs/static.
 */
router.get('/assets/vendor/*', [AssetsController, 'vendor']).as('assets.vendor')
