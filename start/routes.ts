/*
|--------------------------------------------------------------------------
| Routes
|--------------------------------------------------------------------------
|
| One file per area, see DESIGN.md "URLs". Platform-level paths come
| first; the ente-prefixed groups match /{ente}/... last.
*/
import '#start/routes/health'
import '#start/routes/assets'
import '#start/routes/forms'
import '#start/routes/dev'
import '#start/routes/admin'
import '#start/routes/plugins'
import '#start/routes/queue_admin'
import '#start/routes/site'
import '#start/routes/auth'
import '#start/routes/identity'
import '#start/routes/citizen'
import '#start/routes/pratiche'
import '#start/routes/profile'
import '#start/routes/backoffice'
import '#start/routes/operators'
import '#start/routes/services_admin'
import '#start/routes/payments_area'
import '#start/routes/payments'
