import encryption from '@adonisjs/core/services/encryption'
import type { PluginContext, PluginHttpRequest } from '#extension_points/define_plugin'
import type { LoginLevel } from '#extension_points/identity/contract'
import { NS } from '#extension_points/identity/saml/constants'
import { credentialsAt } from '#extension_points/identity/saml/credential_store'
import { buildIdpMetadata } from '#extension_points/identity/saml/idp_metadata'
import {
  readAuthnRequest,
  type ReceivedAuthnRequest,
} from '#extension_points/identity/saml/idp/authn_request_reader'
import { responseParamsFor } from '#extension_points/identity/saml/idp/response_params'
import {
  errorResponseXml,
  responseXml,
  type ResponseAttribute,
} from '#extension_points/identity/saml/idp/response_template'
import {
  parseSpMetadata,
  type ServiceProviderRecord,
} from '#extension_points/identity/saml/idp/service_provider_record'
import { signSamlResponse } from '#extension_points/identity/saml/idp/sign_response'
import {
  logoutResponseXml,
  readLogoutRequest,
  sendMessage,
} from '#extension_points/identity/saml/logout'
import { readSignedMessage } from '#extension_points/identity/saml/messages'
import { fetchMetadataXml } from '#extension_points/identity/saml/metadata_source'
import { encodePostMessage } from '#extension_points/identity/saml/bindings'
import { newMessageId } from '#extension_points/identity/saml/authn_request'
import type { SigningCredentials } from '#extension_points/identity/saml/x509'
import type { TestCitizen } from './citizens.js'

/** A login the IdP is asking the tester about, carried by the page's form. */
export interface Ticket {
  request: ReceivedAuthnRequest
  /** who is asking, as its metadata names it */
  spName?: string
  /** the SP speaks the CIE profile: answer as the CIE IdP does (no Issuer Format) */
  cie: boolean
}

const TICKET_LIFETIME = '15 minutes'
/** SPID's "anomalia" for a login the citizen cancels. */
const CANCELLED = 25

function citizenAttributes(citizen: TestCitizen): Record<string, ResponseAttribute> {
  return {
    fiscalNumber: { name: 'fiscalNumber', value: `TINIT-${citizen.fiscalNumber}` },
    name: { name: 'name', value: citizen.name },
    familyName: { name: 'familyName', value: citizen.familyName },
    dateOfBirth: { name: 'dateOfBirth', value: citizen.dateOfBirth, type: 'date' },
    placeOfBirth: { name: 'placeOfBirth', value: citizen.placeOfBirth },
    email: { name: 'email', value: citizen.email },
    mobilePhone: { name: 'mobilePhone', value: citizen.mobilePhone },
    address: { name: 'address', value: citizen.address },
  }
}

/**
 * The development IdP of one ente: a real SAML IdP with its own key
 * (generated on first start, kept on the drive), which trusts the SPs of
 * this platform, reading their metadata from their entityID.
 */
export class TestIdp {
  readonly entityId: string
  readonly ssoUrl: string
  readonly sloUrl: string
  #spCache = new Map<string, { record: ServiceProviderRecord; cie: boolean; at: number }>()

  constructor(
    protected context: PluginContext<Record<string, never>>,
    readonly credentials: SigningCredentials
  ) {
    this.entityId = context.routeUrl('/idp/metadata')
    this.ssoUrl = context.routeUrl('/idp/sso')
    this.sloUrl = context.routeUrl('/idp/slo')
  }

  static async create(context: PluginContext<Record<string, never>>) {
    const credentials = await credentialsAt(
      `plugins/${context.pluginId}/ente-${context.ente.id}/idp-signing.json`,
      { commonName: 'IdP di test', organizationName: `IdP di test - ${context.ente.name}` }
    )
    return new TestIdp(context, credentials)
  }

  metadata() {
    return buildIdpMetadata({
      entityId: this.entityId,
      credentials: this.credentials,
      ssoUrl: this.ssoUrl,
      sloUrl: this.sloUrl,
      organizationName: 'IdP di test',
    })
  }

  /**
   * An SP of this platform, by its entityID: its metadata is fetched from
   * there (only on the platform's own origin), briefly cached.
   */
  async serviceProvider(entityId: string) {
    if (new URL(entityId, 'http://invalid').origin !== new URL(this.context.ente.baseUrl).origin) {
      return null
    }
    const cached = this.#spCache.get(entityId)
    if (cached && Date.now() - cached.at < 30_000) return cached
    try {
      const xml = await fetchMetadataXml(entityId)
      const record = parseSpMetadata(xml)
      if (!record || record.entityId !== entityId) return null
      const entry = { record, cie: xml.includes(NS.cie), at: Date.now() }
      this.#spCache.set(entityId, entry)
      return entry
    } catch (error) {
      this.context.logger.warn({ err: error, sp: entityId }, 'test IdP: SP metadata unavailable')
      return null
    }
  }

  /** Reads and verifies an AuthnRequest; the ticket the choice page carries. */
  async receiveAuthnRequest(request: PluginHttpRequest): Promise<Ticket> {
    let sp: { record: ServiceProviderRecord; cie: boolean } | null = null
    const message = await readSignedMessage(request, async (issuer) => {
      sp = await this.serviceProvider(issuer)
      return sp?.record.certificates ?? null
    })
    const { record, cie } = sp!
    return { request: readAuthnRequest(message, record), spName: record.name, cie }
  }

  seal(ticket: Ticket) {
    return encryption.encrypt(ticket, TICKET_LIFETIME, this.#ticketPurpose())
  }

  open(sealed: unknown): Ticket | null {
    return typeof sealed === 'string'
      ? encryption.decrypt<Ticket>(sealed, this.#ticketPurpose())
      : null
  }

  #ticketPurpose() {
    return `identity_test_idp:ticket:${this.context.ente.id}`
  }

  /** The signed Response that logs `citizen` in at `level`, as the form to post to the SP. */
  answer(ticket: Ticket, citizen: TestCitizen, level: LoginLevel) {
    const params = responseParamsFor({
      request: ticket.request,
      idpEntityId: this.entityId,
      level,
      attributes: citizenAttributes(citizen),
      issuerFormat: !ticket.cie,
    })
    const xml = signSamlResponse(responseXml(params), {
      assertion: true,
      response: true,
      credentials: this.credentials,
    })
    return this.#toAcs(ticket, xml)
  }

  /** The citizen cancelled: an error Response (SPID ErrorCode nr25), signed. */
  cancel(ticket: Ticket) {
    const params = responseParamsFor({
      request: ticket.request,
      idpEntityId: this.entityId,
      level: ticket.request.level,
      attributes: {},
      issuerFormat: !ticket.cie,
    })
    const xml = signSamlResponse(errorResponseXml({ ...params, errorCode: CANCELLED }), {
      assertion: false,
      response: true,
      credentials: this.credentials,
    })
    return this.#toAcs(ticket, xml)
  }

  #toAcs(ticket: Ticket, xml: string) {
    const fields: Record<string, string> = { SAMLResponse: encodePostMessage(xml) }
    if (ticket.request.relayState) fields.RelayState = ticket.request.relayState
    return { action: ticket.request.acsUrl, fields }
  }

  /** An SP's LogoutRequest, verified, and the LogoutResponse that answers it. */
  async answerLogout(request: PluginHttpRequest) {
    let sp: ServiceProviderRecord | null = null
    const message = await readSignedMessage(request, async (issuer) => {
      const found = await this.serviceProvider(issuer)
      sp = found?.record ?? null
      return sp?.certificates ?? null
    })
    const logout = readLogoutRequest(message.root)
    const record: ServiceProviderRecord = sp!
    const binding = record.slo[message.binding]
      ? message.binding
      : record.slo.post
        ? 'post'
        : 'redirect'
    const destination = record.slo[binding]?.responseLocation
    if (!destination) return null
    const id = newMessageId()
    const xml = logoutResponseXml({
      id,
      from: this.entityId,
      destination,
      inResponseTo: logout.id,
      success: true,
    })
    return sendMessage('SAMLResponse', xml, {
      id,
      localName: 'LogoutResponse',
      destination,
      binding,
      relayState: message.relayState,
      credentials: this.credentials,
    })
  }
}
