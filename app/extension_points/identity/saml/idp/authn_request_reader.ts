import type { LoginLevel } from '../../contract.js'
import { levelOfClassRef, NS } from '../constants.js'
import type { SignedMessage } from '../messages.js'
import { refusal } from '../refusals.js'
import { childElements, filledAttribute, filledText } from '../xml.js'
import type { ServiceProviderRecord } from './service_provider_record.js'

/** An AuthnRequest as the IdP understood it, with where to answer. */
export interface ReceivedAuthnRequest {
  id: string
  spEntityId: string
  issueInstant: string
  level: LoginLevel
  forceAuthn: boolean
  acsUrl: string
  /** the attributes the SP asked for (its AttributeConsumingService) */
  attributes: string[]
  relayState?: string
}

/**
 * Reads a verified AuthnRequest (see readSignedMessage): the level from
 * RequestedAuthnContext, the ACS and the attributes from the indexes the
 * SP's metadata declares (or an ACS URL the metadata lists).
 */
export function readAuthnRequest(
  message: SignedMessage,
  sp: ServiceProviderRecord
): ReceivedAuthnRequest {
  const root = message.root
  if (root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest') {
    throw refusal('not_a_response', {
      message: 'Il messaggio ricevuto non è una richiesta di autenticazione.',
    })
  }
  const id = filledAttribute(root, 'ID')
  const issueInstant = filledAttribute(root, 'IssueInstant')
  if (!id || !issueInstant) throw refusal('xml_not_parsable')

  const context = childElements(root, NS.protocol, 'RequestedAuthnContext')[0]
  const classRef = context && childElements(context, NS.assertion, 'AuthnContextClassRef')[0]
  const level = (classRef && levelOfClassRef(filledText(classRef) ?? '')) || 1

  const acsIndex = filledAttribute(root, 'AssertionConsumerServiceIndex')
  const acsUrl =
    acsIndex !== null
      ? sp.acs.get(Number(acsIndex))
      : (filledAttribute(root, 'AssertionConsumerServiceURL') ?? sp.acs.get(sp.defaultAcsIndex))
  if (!acsUrl || ![...sp.acs.values()].includes(acsUrl)) {
    throw refusal('destination_mismatch', {
      message:
        'La richiesta indica un indirizzo di risposta che il fornitore del servizio non ha registrato.',
    })
  }
  const attributeIndex = Number(filledAttribute(root, 'AttributeConsumingServiceIndex') ?? 0)

  return {
    id,
    spEntityId: sp.entityId,
    issueInstant,
    level,
    forceAuthn: ['true', '1'].includes(filledAttribute(root, 'ForceAuthn') ?? ''),
    acsUrl,
    attributes: sp.attributeServices.get(attributeIndex) ?? [],
    relayState: message.relayState,
  }
}
