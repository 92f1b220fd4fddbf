import { NS } from '../constants.js'
import { childElements } from '../xml.js'

/**
 * Small DOM edits for the response cases: each spid-sp-test template is
 * the base response with one block changed, and so is each case here.
 */

type Path = Array<[namespace: string, localName: string]>

const P = NS.protocol
const A = NS.assertion

export const PATHS = {
  response: [] as Path,
  responseIssuer: [[A, 'Issuer']] as Path,
  status: [[P, 'Status']] as Path,
  statusCode: [
    [P, 'Status'],
    [P, 'StatusCode'],
  ] as Path,
  assertion: [[A, 'Assertion']] as Path,
  assertionIssuer: [
    [A, 'Assertion'],
    [A, 'Issuer'],
  ] as Path,
  subject: [
    [A, 'Assertion'],
    [A, 'Subject'],
  ] as Path,
  nameId: [
    [A, 'Assertion'],
    [A, 'Subject'],
    [A, 'NameID'],
  ] as Path,
  subjectConfirmation: [
    [A, 'Assertion'],
    [A, 'Subject'],
    [A, 'SubjectConfirmation'],
  ] as Path,
  subjectConfirmationData: [
    [A, 'Assertion'],
    [A, 'Subject'],
    [A, 'SubjectConfirmation'],
    [A, 'SubjectConfirmationData'],
  ] as Path,
  conditions: [
    [A, 'Assertion'],
    [A, 'Conditions'],
  ] as Path,
  audienceRestriction: [
    [A, 'Assertion'],
    [A, 'Conditions'],
    [A, 'AudienceRestriction'],
  ] as Path,
  audience: [
    [A, 'Assertion'],
    [A, 'Conditions'],
    [A, 'AudienceRestriction'],
    [A, 'Audience'],
  ] as Path,
  authnStatement: [
    [A, 'Assertion'],
    [A, 'AuthnStatement'],
  ] as Path,
  authnContext: [
    [A, 'Assertion'],
    [A, 'AuthnStatement'],
    [A, 'AuthnContext'],
  ] as Path,
  classRef: [
    [A, 'Assertion'],
    [A, 'AuthnStatement'],
    [A, 'AuthnContext'],
    [A, 'AuthnContextClassRef'],
  ] as Path,
  attributeStatement: [
    [A, 'Assertion'],
    [A, 'AttributeStatement'],
  ] as Path,
} as const

export type PathName = keyof typeof PATHS

export function find(document: Document, path: PathName): Element {
  let element: Element = document.documentElement
  for (const [namespace, localName] of PATHS[path]) {
    const next = childElements(element, namespace, localName)[0]
    if (!next) throw new Error(`no ${localName} on the way to ${path}`)
    element = next
  }
  return element
}

/** Sets (or, with null, removes) an attribute. */
export const setAttribute =
  (path: PathName, name: string, value: string | null) => (document: Document) => {
    const element = find(document, path)
    if (value === null) element.removeAttribute(name)
    else element.setAttribute(name, value)
  }

/** Removes the element ("mancante"). */
export const remove = (path: PathName) => (document: Document) => {
  const element = find(document, path)
  element.parentNode!.removeChild(element)
}

/** Keeps the element, without content ("non specificato"). */
export const empty = (path: PathName) => (document: Document) => {
  const element = find(document, path)
  while (element.firstChild) element.removeChild(element.firstChild)
}

export const setText = (path: PathName, value: string) => (document: Document) => {
  const element = find(document, path)
  while (element.firstChild) element.removeChild(element.firstChild)
  element.appendChild(document.createTextNode(value))
}

/** Several edits in one case. */
export const all =
  (...edits: Array<(document: Document) => void>) =>
  (document: Document) => {
    for (const edit of edits) edit(document)
  }

/** Replaces the AttributeStatement's content with one Attribute that has no value (case 99). */
export const attributeWithoutValue = (name: string) => (document: Document) => {
  const statement = find(document, 'attributeStatement')
  while (statement.firstChild) statement.removeChild(statement.firstChild)
  const attribute = document.createElementNS(NS.assertion, 'saml:Attribute')
  attribute.setAttribute('Name', name)
  attribute.setAttribute('NameFormat', 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic')
  statement.appendChild(attribute)
}
