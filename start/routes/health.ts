import router from '@adonisjs/core/services/router'

const HealthController = () => import('#controllers/health_controller')

router.get('/health', [HealthController, 'report'])
// Liveness only, no checks: also the bare route `npm run bench` compares with
router.get('/health/live', [HealthController, 'live'])
