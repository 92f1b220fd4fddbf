import { RemoteConfigurationError } from '../../errors.js'
import type {
  IdentityAdapter,
  IdentityProviderChoice,
  IdentitySession,
  IdentitySource,
  IdpLogoutRequest,
  LoginCallbackInput,
  LoginRequest,
  LoginRequestInput,
  LoginResult,
  LogoutCallbackInput,
  LogoutRequest,
} from '../contract.js'
import type { PluginHttpRequest } from '../../define_plugin.js'
import { buildAuthnRequest, newMessageId } from './authn_request.js'
import type { BindingName } from './constants.js'
import type { IdentityProviderMetadata } from './idp_metadata.js'
import { identityFromAssertion } from './identity.js'
import {
  logoutRequestXml,
  logoutResponseXml,
  readLogoutRequest,
  readLogoutResponse,
  sendMessage,
} from './logout.js'
import { readSignedMessage } from './messages.js'
import { SAML_PROFILES } from './profiles.js'
import { refusal } from './refusals.js'
import { validateResponse, type PendingAuthnData } from './response_validator.js'
import type { ServiceProviderSettings } from './service_provider.js'
import { buildSpMetadata } from './sp_metadata.js'

/** Where an SP finds the IdPs it trusts. */
export interface IdentityProviderDirectory {
  /** the IdP with this entityID, with its metadata; null when unknown or its metadata is unavailable */
  find(entityId: string): Promise<IdentityProviderMetadata | null>
  /** the IdP used when the login names none (CIE has one) */
  defaultIdp?(): Promise<IdentityProviderMetadata | null>
  /** the choices of the access page (SPID) */
  choices?(): Promise<IdentityProviderChoice[]>
}

export interface SamlSpAdapterOptions {
  settings: ServiceProviderSettings
  directory: IdentityProviderDirectory
  source: IdentitySource
  /** SP-initiated and IdP-initiated Single Logout (SPID); CIE logs out locally */
  singleLogout: boolean
  binding?: BindingName
  clockSkewMs?: number
  maxPendingAgeMs?: number
}

/** The IdP's metadata cannot be had: the citizen picks another or tries later. */
export class IdpUnavailableError extends RemoteConfigurationError {
  constructor(entityId: string) {
    super({
      reason: 'idp_metadata_unavailable',
      message:
        'Il gestore di identità scelto non è al momento utilizzabile: i suoi metadati non sono disponibili. ' +
        'Scegli un altro gestore o riprova più tardi.',
      cause: new Error(`no metadata for ${entityId}`),
    })
  }
}

/**
 * A SAML Service Provider as an identity adapter, shared by the SPID and
 * CIE plugins: AuthnRequest out, Response validated (response_validator),
 * Single Logout both ways, signed metadata.
 */
export class SamlSpAdapter implements IdentityAdapter {
  #metadata?: string

  constructor(protected options: SamlSpAdapterOptions) {
    if (options.directory.choices) {
      this.identityProviders = () => options.directory.choices!()
    }
    if (!options.singleLogout) {
      this.handleLogoutCallback = undefined
      this.handleIdpLogout = undefined
    }
  }

  identityProviders?: () => Promise<IdentityProviderChoice[]>

  get settings() {
    return this.options.settings
  }

  async #idp(entityId: string | undefined) {
    const { directory } = this.options
    const idp = entityId ? await directory.find(entityId) : await directory.defaultIdp?.()
    if (!idp) throw new IdpUnavailableError(entityId ?? '(predefinito)')
    return idp
  }

  async buildLoginRequest(input: LoginRequestInput): Promise<LoginRequest> {
    const idp = await this.#idp(input.idpId)
    const requestedLevel = SAML_PROFILES[this.settings.profile].requestLevel(input.level)
    const request = buildAuthnRequest({
      sp: this.settings,
      idp,
      level: requestedLevel,
      forceAuthn: input.forceAuthn,
      binding: this.options.binding,
    })
    const data: PendingAuthnData = {
      idp: idp.entityId,
      issueInstant: request.issueInstant,
      acsUrl: this.settings.acsUrl,
      requestedLevel,
    }
    return { requestId: request.id, transport: request.transport, data }
  }

  async handleCallback({ request, findPending }: LoginCallbackInput): Promise<LoginResult> {
    const validated = await validateResponse({
      samlResponse: (request.body as Record<string, unknown> | null)?.SAMLResponse,
      sp: {
        profile: this.settings.profile,
        entityId: this.settings.entityId,
        acsUrl: this.settings.acsUrl,
      },
      resolveIdp: (entityId) => this.options.directory.find(entityId),
      findPending,
      clockSkewMs: this.options.clockSkewMs,
      maxPendingAgeMs: this.options.maxPendingAgeMs,
    })
    return {
      requestId: validated.pending.requestId,
      relayState: validated.pending.relayState,
      identity: identityFromAssertion(validated, this.options.source),
    }
  }

  async logout({
    session,
  }: {
    session: IdentitySession
    relayState: string
  }): Promise<LogoutRequest> {
    if (!this.options.singleLogout || !session.nameId || !session.idpId) return { kind: 'local' }
    const idp = await this.options.directory.find(session.idpId)
    const binding = this.#sloBinding(idp)
    if (!idp || !binding) return { kind: 'local' }
    const id = newMessageId()
    const destination = idp.slo[binding]!.location
    const xml = logoutRequestXml({
      id,
      from: this.settings.entityId,
      destination,
      nameId: session.nameId,
      nameQualifier: idp.entityId,
      sessionIndex: session.sessionIndex,
    })
    const transport = sendMessage('SAMLRequest', xml, {
      id,
      localName: 'LogoutRequest',
      destination,
      binding,
      credentials: this.settings.credentials,
    })
    return { kind: 'remote', requestId: id, transport, data: { idp: idp.entityId } }
  }

  handleLogoutCallback? = async ({ request, findPending }: LogoutCallbackInput) => {
    const message = await readSignedMessage(request, (issuer) => this.#certificatesOf(issuer))
    const answer = readLogoutResponse(message.root, this.settings.sloUrl)
    const pending = await findPending(answer.inResponseTo)
    if (!pending) throw refusal('request_unknown')
    if (pending.data.idp !== message.issuer) throw refusal('issuer_mismatch')
    return { requestId: pending.requestId, relayState: pending.relayState }
  }

  handleIdpLogout? = async ({
    request,
  }: {
    request: PluginHttpRequest
  }): Promise<IdpLogoutRequest | null> => {
    if (!carries(request, 'SAMLRequest')) return null
    const message = await readSignedMessage(request, (issuer) => this.#certificatesOf(issuer))
    const logoutRequest = readLogoutRequest(message.root)
    const idp = await this.#idp(message.issuer)
    const binding = this.#sloBinding(idp, message.binding)
    if (!binding) throw refusal('issuer_mismatch')
    const id = newMessageId()
    const destination = idp.slo[binding]!.responseLocation
    const xml = logoutResponseXml({
      id,
      from: this.settings.entityId,
      destination,
      inResponseTo: logoutRequest.id,
      success: true,
    })
    return {
      nameId: logoutRequest.nameId,
      sessionIndex: logoutRequest.sessionIndex,
      answer: sendMessage('SAMLResponse', xml, {
        id,
        localName: 'LogoutResponse',
        destination,
        binding,
        relayState: message.relayState,
        credentials: this.settings.credentials,
      }),
    }
  }

  async metadata() {
    this.#metadata ??= buildSpMetadata(this.settings)
    return { contentType: 'application/samlmetadata+xml', body: this.#metadata }
  }

  async #certificatesOf(issuer: string) {
    const idp = await this.options.directory.find(issuer)
    return idp?.certificates ?? null
  }

  #sloBinding(idp: IdentityProviderMetadata | null, preferred?: 'post' | 'redirect') {
    if (!idp) return null
    const order: Array<'post' | 'redirect'> =
      (preferred ?? this.options.binding) === 'redirect'
        ? ['redirect', 'post']
        : ['post', 'redirect']
    return order.find((binding) => idp.slo[binding]) ?? null
  }
}

function carries(request: PluginHttpRequest, field: string) {
  const body = request.body as Record<string, unknown> | null
  return typeof body?.[field] === 'string' || typeof request.query[field] === 'string'
}
