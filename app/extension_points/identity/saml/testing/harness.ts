import type { IdentityHarness } from '../../testing.js'
import { decodePostMessage, encodePostMessage } from '../bindings.js'
import { errorResponseXml } from '../idp/response_template.js'
import type { FixtureIdp } from './fixture_idp.js'
import { EVIL_FISCAL_NUMBER } from './wrapping.js'

/**
 * The identity conformance suite's harness for a SAML SP plugin, played by
 * the fixture IdP: real AuthnRequests read and verified, signed Responses
 * and LogoutResponses, a tampering that keeps the IdP's signature.
 */
export function samlConformanceHarness(options: {
  idp: FixtureIdp
  /** the SP's metadata (its key and endpoints): what an IdP registers */
  spMetadata: () => Promise<string>
  /** for SPID, which lists several IdPs: the fixture's entityID */
  idpId?: string
}): IdentityHarness {
  const { idp } = options
  return {
    idpId: options.idpId,
    // the CIE IdP authenticates at level 3 whatever the service needs
    levelFor: idp.profile === 'cie' ? () => 3 : undefined,

    async answerLogin(login, answer) {
      return idp.answer(login.transport, await options.spMetadata(), answer)
    },

    async denyLogin(login) {
      const { request } = await idp.receive(login.transport, await options.spMetadata())
      const params = idp.responseParams(request, {
        user: { fiscalNumber: '', name: '', familyName: '' },
        level: request.level,
      })
      return idp.post(request, errorResponseXml({ ...params, errorCode: 25 }))
    },

    async tamper(callback) {
      const body = callback.body as Record<string, string>
      const xml = decodePostMessage(body.SAMLResponse).replace(
        /TINIT-[A-Z0-9]{16}/,
        EVIL_FISCAL_NUMBER
      )
      return { ...callback, body: { ...body, SAMLResponse: encodePostMessage(xml) } }
    },

    async answerLogout(logout) {
      return idp.answerLogout(logout.transport, await options.spMetadata())
    },
  }
}
