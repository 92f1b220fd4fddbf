import {
  definePlugin,
  type PluginHttpRequest,
  type PluginManifest,
} from '#plugin_runtime/define_plugin'
import type { ConfigFields } from '#plugin_runtime/config_fields'
import { AuthLevel, CIE_LEVEL, type AuthLevelValue } from '#domain/auth_level'

export { AuthLevel, CIE_LEVEL }
export type { AuthLevelValue }

/**
 * Identity: how a citizen proves who they are (SPID, CIE, a test IdP).
 *
 * The flow, driven by the core:
 * 1. `buildLoginRequest` → the core stores a PendingLogin server-side under
 *    `requestId` and sends the browser on (redirect, or auto-POST form);
 * 2. the IdP sends the browser back to `context.routeUrl(IDENTITY_PATHS.login)`;
 *    the core calls `handleCallback` with the request and a lookup of pending
 *    logins. The core deletes a pending login once it is used, so a replayed
 *    answer finds nothing;
 * 3. logout: `logout` answers either "local only" or a request to the IdP,
 *    whose answer comes back to `IDENTITY_PATHS.logout`.
 * Adapters are framework-agnostic: plain data in and out.
 */

/**
 * Where the core mounts the browser callbacks, relative to `context.routeUrl`.
 * The core also mounts `/login` (the start of a login) there: a plugin's own
 * `routes` use other paths.
 */
export const IDENTITY_PATHS = {
  /** the IdP's answer to a login (SAML Assertion Consumer Service) */
  login: '/acs',
  /** the IdP's answer to a logout (SAML Single Logout Service) */
  logout: '/slo',
  /** the SP metadata, when the `metadata` capability is on */
  metadata: '/metadata',
} as const

export type IdentityCapabilities = {
  /** `logout` asks the IdP to end its session too (SP-initiated SLO) */
  singleLogout: boolean
  /** `metadata` publishes the SP metadata the IdPs register */
  metadata: boolean
}

/** A level a login can ask for: SPID 1..3 (CIE answers at 3, see CIE_LEVEL). */
export type LoginLevel = Exclude<AuthLevelValue, typeof AuthLevel.ANONYMOUS>

/** Where an identity comes from; the values of OpenCity's `user_idp` plus the test IdP. */
export type IdentitySource = 'spid' | 'cie' | 'cps/cns' | 'test'

export interface LoginRequestInput {
  level: LoginLevel
  /** opaque to the adapter; comes back untouched with the identity */
  relayState: string
  /** re-authenticate even if the IdP has a session (needed to step up a level) */
  forceAuthn?: boolean
  /** the IdP the citizen chose on the login page (SPID has many), by the plugin's own id */
  idpId?: string
}

/** How the browser is sent to the remote: a redirect, or a form the page auto-submits. */
export type BrowserTransport =
  | { kind: 'redirect'; url: string }
  | { kind: 'form'; action: string; fields: Record<string, string> }

export interface LoginRequest {
  /** unique; the id the IdP's answer refers to (SAML InResponseTo) */
  requestId: string
  transport: BrowserTransport
  /** what the adapter needs later to verify the answer (JSON), stored by the core */
  data: Record<string, unknown>
}

/** A login in progress, as the core stored it. */
export interface PendingLogin {
  requestId: string
  level: LoginLevel
  relayState: string
  createdAt: Date
  data: Record<string, unknown>
}

/** The identity every plugin answers, whatever the protocol. */
export interface NormalisedIdentity {
  /** codice fiscale, upper case, without the "TINIT-" prefix */
  fiscalNumber: string
  name: string
  familyName: string
  /** the level the IdP asserted (at least the requested one) */
  level: LoginLevel
  source: IdentitySource
  email?: string
  mobilePhone?: string
  /** YYYY-MM-DD */
  dateOfBirth?: string
  placeOfBirth?: string
  address?: string
  /** needed for Single Logout */
  sessionIndex?: string
  nameId?: string
  /** the IdP that answered */
  idpId?: string
}

export interface LoginCallbackInput {
  request: PluginHttpRequest
  /** the pending login for a request id, or null when unknown, expired or already used */
  findPending(requestId: string): Promise<PendingLogin | null>
}

export interface LoginResult {
  requestId: string
  relayState: string
  identity: NormalisedIdentity
}

/** What the core keeps of a login to log out later. */
export interface IdentitySession {
  fiscalNumber: string
  level: LoginLevel
  source: IdentitySource
  nameId?: string
  sessionIndex?: string
  idpId?: string
}

export type LogoutRequest =
  | { kind: 'local' }
  | {
      kind: 'remote'
      requestId: string
      transport: BrowserTransport
      data: Record<string, unknown>
    }

export interface PendingLogout {
  requestId: string
  relayState: string
  createdAt: Date
  data: Record<string, unknown>
}

export interface LogoutCallbackInput {
  request: PluginHttpRequest
  findPending(requestId: string): Promise<PendingLogout | null>
}

/** A logout the IdP started (SAML LogoutRequest), once verified. */
export interface IdpLogoutRequest {
  /** whose session ends: the core compares them with the IdentitySession it keeps */
  nameId?: string
  sessionIndex?: string
  /** the signed answer (SAML LogoutResponse, echoing the IdP's RelayState) the browser takes back */
  answer: BrowserTransport
}

export interface IdentityAdapter {
  /**
   * Starts a login at `input.level`. The answer tells the core where to send
   * the browser and what to keep until the callback.
   *
   * @example
   *   async buildLoginRequest({ level, relayState, forceAuthn }) {
   *     const requestId = `_${randomUUID()}`
   *     const xml = this.authnRequest({ requestId, level, forceAuthn, acs: this.context.routeUrl(IDENTITY_PATHS.login) })
   *     return {
   *       requestId,
   *       transport: { kind: 'form', action: this.idp.ssoUrl, fields: { SAMLRequest: toBase64(sign(xml)), RelayState: relayState } },
   *       data: { idp: this.idp.entityId },
   *     }
   *   }
   */
  buildLoginRequest(input: LoginRequestInput): Promise<LoginRequest>

  /**
   * Verifies the IdP's answer and returns the normalised identity. Throws
   * IdentityCallbackError (with a reason) for anything it cannot trust: a bad
   * signature or tampered content, an unknown or used request, a level below
   * the requested one, a login the IdP denied.
   *
   * @example
   *   async handleCallback({ request, findPending }) {
   *     const response = this.verifySignature(String((request.body as any).SAMLResponse))   // throws invalid_signature
   *     const pending = await findPending(response.inResponseTo)
   *     if (!pending) throw new IdentityCallbackError('unknown_request')
   *     const level = levelOf(response.authnContextClassRef)
   *     if (level < pending.level) throw new IdentityCallbackError('level_too_low')
   *     return {
   *       requestId: pending.requestId,
   *       relayState: pending.relayState,
   *       identity: { fiscalNumber: normaliseFiscalNumber(response.attributes.fiscalNumber), level, source: 'spid', ... },
   *     }
   *   }
   */
  handleCallback(input: LoginCallbackInput): Promise<LoginResult>

  /**
   * Ends a session: `{ kind: 'local' }` when only the platform session ends
   * (no `singleLogout`), else a request the browser takes to the IdP.
   *
   * @example
   *   async logout({ session, relayState }) {
   *     if (!session.nameId) return { kind: 'local' }
   *     const requestId = `_${randomUUID()}`
   *     const url = this.logoutRequestUrl({ requestId, nameId: session.nameId, sessionIndex: session.sessionIndex, relayState })
   *     return { kind: 'remote', requestId, transport: { kind: 'redirect', url }, data: {} }
   *   }
   */
  logout(input: { session: IdentitySession; relayState: string }): Promise<LogoutRequest>

  /**
   * Verifies the IdP's answer to a logout. Present with `singleLogout`.
   * Throws IdentityCallbackError like `handleCallback`.
   *
   * @example
   *   async handleLogoutCallback({ request, findPending }) {
   *     const answer = this.verifySignature(String(request.query.SAMLResponse))
   *     const pending = await findPending(answer.inResponseTo)
   *     if (!pending) throw new IdentityCallbackError('unknown_request')
   *     return { requestId: pending.requestId, relayState: pending.relayState }
   *   }
   */
  handleLogoutCallback?(
    input: LogoutCallbackInput
  ): Promise<{ requestId: string; relayState: string }>

  /**
   * A logout the IdP starts (IdP-initiated SLO), arriving at
   * IDENTITY_PATHS.logout like the answers to ours. The core asks this first:
   * null means "not a logout request from the IdP", and the core goes on with
   * `handleLogoutCallback`. Present with `singleLogout` when the IdP can end
   * the platform's sessions. Throws IdentityCallbackError for a request it
   * cannot trust (bad signature, wrong destination...). The core ends the
   * matching citizen session, then sends the browser on with `answer`.
   *
   * @example
   *   async handleIdpLogout({ request }) {
   *     const encoded = request.query.SAMLRequest ?? (request.body as any)?.SAMLRequest
   *     if (!encoded) return null
   *     const logout = this.verifyLogoutRequest(String(encoded))   // throws invalid_signature
   *     const xml = this.logoutResponse({ inResponseTo: logout.id, status: 'Success' })
   *     return {
   *       nameId: logout.nameId,
   *       sessionIndex: logout.sessionIndex,
   *       answer: { kind: 'form', action: this.idp.sloUrl, fields: { SAMLResponse: toBase64(sign(xml)), RelayState: String(request.query.RelayState ?? '') } },
   *     }
   *   }
   */
  handleIdpLogout?(input: { request: PluginHttpRequest }): Promise<IdpLogoutRequest | null>

  /**
   * The SP metadata to publish at IDENTITY_PATHS.metadata. Present with the
   * `metadata` capability.
   *
   * @example
   *   async metadata() {
   *     return { contentType: 'application/samlmetadata+xml', body: this.signedMetadataXml() }
   *   }
   */
  metadata?(): Promise<{ contentType: string; body: string }>

  /**
   * The identity providers the citizen picks from on the access page (SPID
   * has many), in no particular order: the page shuffles them. Absent when
   * the plugin has a single IdP (CIE). The chosen `id` comes back as
   * `LoginRequestInput.idpId`.
   *
   * @example
   *   async identityProviders() {
   *     return this.registry.map((idp) => ({ id: idp.entityId, name: idp.organizationName, logoUrl: idp.logoUrl }))
   *   }
   */
  identityProviders?(): Promise<IdentityProviderChoice[]>
}

/** One entry of the IdP list on the access page. */
export interface IdentityProviderChoice {
  /** the plugin's own id for it (for SAML, the IdP entityID) */
  id: string
  /** as shown to the citizen, e.g. "Poste Italiane SpA" */
  name: string
  /** an image URL the page can load (served by the platform or the plugin) */
  logoUrl?: string
}

/**
 * The codice fiscale as the platform stores it: SPID and CIE send
 * "TINIT-RSSMRA80A01H501U".
 */
export function normaliseFiscalNumber(value: string): string {
  return value
    .trim()
    .toUpperCase()
    .replace(/^TINIT-/, '')
}

/**
 * Declares an identity plugin: the point is fixed and the adapter type bound.
 *
 * @example
 *   export default defineIdentityPlugin({
 *     id: 'identity_spid',
 *     name: 'SPID',
 *     description: 'Accesso con SPID',
 *     version: '1.0.0',
 *     capabilities: { singleLogout: true, metadata: true },
 *     config: { entityId: field.url({ label: 'Entity ID' }), privateKey: field.secret({ label: 'Chiave privata' }) },
 *     create: (context) => new SpidAdapter(context),
 *   })
 */
export function defineIdentityPlugin<Fields extends ConfigFields>(
  manifest: Omit<PluginManifest<'identity', IdentityAdapter, IdentityCapabilities, Fields>, 'point'>
): PluginManifest<'identity', IdentityAdapter, IdentityCapabilities, Fields> {
  return definePlugin({ ...manifest, point: 'identity' })
}
