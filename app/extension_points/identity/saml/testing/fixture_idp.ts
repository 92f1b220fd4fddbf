import { randomUUID } from 'node:crypto'
import type { PluginHttpRequest } from '../../../define_plugin.js'
import type { BrowserTransport, LoginLevel } from '../../contract.js'
import type { TestUser } from '../../testing.js'
import { encodePostMessage } from '../bindings.js'
import { buildIdpMetadata, parseIdpMetadata } from '../idp_metadata.js'
import { readAuthnRequest, type ReceivedAuthnRequest } from '../idp/authn_request_reader.js'
import { responseParamsFor } from '../idp/response_params.js'
import {
  responseXml,
  type ResponseAttribute,
  type ResponseParams,
} from '../idp/response_template.js'
import { signSamlResponse, type ResponseSigning } from '../idp/sign_response.js'
import { parseSpMetadata, type ServiceProviderRecord } from '../idp/service_provider_record.js'
import { logoutRequestXml, logoutResponseXml, readLogoutRequest, sendMessage } from '../logout.js'
import { readSignedMessage } from '../messages.js'
import type { SamlProfileName } from '../service_provider.js'
import { generateSigningCredentials, type SigningCredentials } from '../x509.js'

/**
 * The tests' IdP: a real SAML IdP in memory, with keys generated at test
 * time (never committed). It reads the SP's signed AuthnRequest, builds
 * each Response from the SPID template (idp/response_template.ts), lets a
 * test case mutate it, and signs it as the IdP would (or not, or with a
 * foreign key, for the signature cases).
 */

let keys: { own: SigningCredentials; foreign: SigningCredentials } | undefined

/** One key pair per test process: RSA generation is the slow part. */
function fixtureKeys() {
  keys ??= {
    own: generateSigningCredentials(
      { commonName: 'IdP di prova', organizationName: 'IdP di prova' },
      { modulusLength: 2048 }
    ),
    foreign: generateSigningCredentials(
      { commonName: 'Impostore', organizationName: 'Impostore' },
      { modulusLength: 2048 }
    ),
  }
  return keys
}

/** The browser bringing a transport to its destination, as a plugin request. */
export function browserRequest(transport: BrowserTransport): PluginHttpRequest {
  if (transport.kind === 'redirect') {
    const url = new URL(transport.url)
    return {
      method: 'GET',
      url: url.href,
      headers: {},
      query: Object.fromEntries(url.searchParams),
      body: {},
      rawBody: null,
    }
  }
  return {
    method: 'POST',
    url: transport.action,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: {},
    body: { ...transport.fields },
    rawBody: new URLSearchParams(transport.fields).toString(),
  }
}

/** What a test user's identity looks like as SPID attributes. */
function userAttributes(user: TestUser): Record<string, ResponseAttribute> {
  const attributes: Record<string, ResponseAttribute> = {
    fiscalNumber: { name: 'fiscalNumber', value: `TINIT-${user.fiscalNumber}` },
    name: { name: 'name', value: user.name },
    familyName: { name: 'familyName', value: user.familyName },
    address: { name: 'address', value: 'Via Roma 1 56100 Pisa PI' },
  }
  if (user.email) attributes.email = { name: 'email', value: user.email }
  if (user.mobilePhone) attributes.mobilePhone = { name: 'mobilePhone', value: user.mobilePhone }
  if (user.placeOfBirth)
    attributes.placeOfBirth = { name: 'placeOfBirth', value: user.placeOfBirth }
  if (user.dateOfBirth) {
    attributes.dateOfBirth = { name: 'dateOfBirth', value: user.dateOfBirth, type: 'date' }
  }
  return attributes
}

export class FixtureIdp {
  readonly ssoUrl: string
  readonly sloUrl: string
  readonly credentials: SigningCredentials
  /** another key: a Response signed with it is not from this IdP */
  readonly foreignCredentials: SigningCredentials
  #metadata?: string

  constructor(
    readonly profile: SamlProfileName,
    readonly entityId = 'https://idp.fixture.test/metadata'
  ) {
    const origin = new URL(entityId).origin
    this.ssoUrl = `${origin}/sso`
    this.sloUrl = `${origin}/slo`
    this.credentials = fixtureKeys().own
    this.foreignCredentials = fixtureKeys().foreign
  }

  metadataXml() {
    this.#metadata ??= buildIdpMetadata({
      entityId: this.entityId,
      credentials: this.credentials,
      ssoUrl: this.ssoUrl,
      sloUrl: this.sloUrl,
      organizationName: 'IdP di prova',
    })
    return this.#metadata
  }

  metadata() {
    return parseIdpMetadata(this.metadataXml())[0]
  }

  /** The SP's AuthnRequest, its signature checked against the SP's metadata. */
  async receive(transport: BrowserTransport, spMetadataXml: string) {
    const sp = parseSpMetadata(spMetadataXml)
    if (!sp) throw new Error('the SP metadata has no SPSSODescriptor')
    const message = await readSignedMessage(browserRequest(transport), async (issuer) =>
      issuer === sp.entityId ? sp.certificates : null
    )
    return { request: readAuthnRequest(message, sp), sp }
  }

  /** A correct answer to `request`, as spid-sp-test's base response (IssueInstant = the request's). */
  responseParams(
    request: ReceivedAuthnRequest,
    answer: { user: TestUser; level: LoginLevel }
  ): ResponseParams {
    return responseParamsFor({
      request,
      idpEntityId: this.entityId,
      level: answer.level,
      attributes: userAttributes(answer.user),
      issuerFormat: this.profile === 'spid',
    })
  }

  /** Signs as a SPID IdP does (Assertion and Response), unless told otherwise. */
  sign(xml: string, signing: Partial<ResponseSigning> = {}) {
    return signSamlResponse(xml, {
      assertion: true,
      response: true,
      credentials: this.credentials,
      ...signing,
    })
  }

  /** The browser posting `xml` to the SP's ACS. */
  post(request: ReceivedAuthnRequest, xml: string): PluginHttpRequest {
    return browserRequest({
      kind: 'form',
      action: request.acsUrl,
      fields: { SAMLResponse: encodePostMessage(xml), RelayState: request.relayState ?? '' },
    })
  }

  /** The whole correct login: receive, answer, sign, post. */
  async answer(
    transport: BrowserTransport,
    spMetadataXml: string,
    answer: { user: TestUser; level: LoginLevel }
  ) {
    const { request } = await this.receive(transport, spMetadataXml)
    return this.post(request, this.sign(responseXml(this.responseParams(request, answer))))
  }

  /** Answers the SP's LogoutRequest with a signed LogoutResponse to its SLO. */
  async answerLogout(transport: BrowserTransport, spMetadataXml: string) {
    const sp = parseSpMetadata(spMetadataXml) as ServiceProviderRecord
    const message = await readSignedMessage(browserRequest(transport), async (issuer) =>
      issuer === sp.entityId ? sp.certificates : null
    )
    const request = readLogoutRequest(message.root)
    const binding = message.binding
    const destination = (sp.slo[binding] ?? sp.slo.post ?? sp.slo.redirect)!.responseLocation
    const id = `_${randomUUID()}`
    const xml = logoutResponseXml({
      id,
      from: this.entityId,
      destination,
      inResponseTo: request.id,
      success: true,
    })
    return browserRequest(
      sendMessage('SAMLResponse', xml, {
        id,
        localName: 'LogoutResponse',
        destination,
        binding,
        relayState: message.relayState,
        credentials: this.credentials,
      })
    )
  }

  /** The IdP ending a session itself (IdP-initiated Single Logout): a signed LogoutRequest to the SP. */
  startLogout(
    spMetadataXml: string,
    session: { nameId: string; sessionIndex?: string },
    binding: 'post' | 'redirect' = 'post'
  ) {
    const sp = parseSpMetadata(spMetadataXml) as ServiceProviderRecord
    const destination = (sp.slo[binding] ?? sp.slo.post ?? sp.slo.redirect)!.location
    const id = `_${randomUUID()}`
    const xml = logoutRequestXml({
      id,
      from: this.entityId,
      destination,
      nameId: session.nameId,
      nameQualifier: this.entityId,
      sessionIndex: session.sessionIndex,
    })
    const request = browserRequest(
      sendMessage('SAMLRequest', xml, {
        id,
        localName: 'LogoutRequest',
        destination,
        binding,
        relayState: 'idp-relay',
        credentials: this.credentials,
      })
    )
    return { id, request }
  }
}
