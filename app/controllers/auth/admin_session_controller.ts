import { StaffSessionController } from '#controllers/auth/staff_session_controller'

/** Login of the platform administrators (they belong to no ente). */
export default class AdminSessionController extends StaffSessionController {
  protected title = 'Amministrazione della piattaforma'

  protected door() {
    return null
  }
}
