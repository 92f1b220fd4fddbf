import type { LoginLevel } from '../../contract.js'
import { classRefOf } from '../constants.js'
import type { ResponseAttribute, ResponseParams } from '../idp/response_template.js'
import type { ResponseSigning } from '../idp/sign_response.js'
import type { SamlRefusalDetail } from '../refusals.js'
import type { SamlProfileName } from '../service_provider.js'
import { all, attributeWithoutValue, empty, remove, setAttribute, setText } from './mutations.js'
import { WRAPPING_ATTACKS, type WrappingAttack } from './wrapping.js'

/**
 * The spid-sp-test response cases (tests/fixtures/saml/spid-sp-test-response-cases.tsv),
 * each as the change it makes to the correct Response, and the outcome the
 * SP must give: 'OK' (the citizen is logged in) or the refusal's detail.
 * A changed Response is signed again, so the change is the only defect;
 * the signature cases say how they sign (or tamper after signing).
 *
 * Each case isolates its own defect: where a spid-sp-test template changes
 * more than its title says (79-82 also set NotBefore in 2099), only the
 * titled change is made, so the expected detail is that change's.
 */

export type Outcome = 'OK' | SamlRefusalDetail

export interface ResponseCase {
  /** edits the unsigned Response (the spid-sp-test template's block) */
  mutate?: (document: Document) => void
  /** changes to the template's parameters (attributes, ACR, instants...) */
  params?: (params: ResponseParams) => Partial<ResponseParams>
  /** how the IdP signs; default: Assertion and Response with its own key */
  signing?: (idp: {
    credentials: ResponseSigning['credentials']
    foreign: ResponseSigning['credentials']
  }) => Partial<ResponseSigning>
  /** a change made after signing: the signature cases */
  afterSigning?: (signedXml: string) => string
  /** the IdP refuses the login: an error Response with "ErrorCode nr<N>" (unsigned, as spid-sp-test sends it) */
  spidErrorCode?: number
  expected: Outcome
  /** where the CIE profile expects otherwise (its Issuers carry no Format) */
  cie?: Outcome
}

const wrapping = (attack: WrappingAttack): ResponseCase => ({
  afterSigning: WRAPPING_ATTACKS[attack],
  expected: attack === 'xslt' ? 'signature_transform_not_allowed' : 'unexpected_assertion',
})

const FUTURE = '2099-01-01T00:00:00Z'

export const RESPONSE_CASES: Record<string, ResponseCase> = {
  '1': { expected: 'OK' },
  '2': {
    signing: () => ({ assertion: false, response: false }),
    expected: 'assertion_signature_missing',
  },
  '3': { signing: () => ({ assertion: false }), expected: 'assertion_signature_missing' },
  '4': {
    signing: ({ foreign }) => ({ credentials: foreign, keyInfo: false }),
    expected: 'response_signature_invalid',
  },
  '5': {
    // the foreign certificate travels in KeyInfo: the SP must not trust it
    signing: ({ foreign }) => ({ credentials: foreign, keyInfo: true }),
    expected: 'response_signature_invalid',
  },
  'xsw1': wrapping('xsw1'),
  'xsw2': wrapping('xsw2'),
  'xsw3': wrapping('xsw3'),
  'xsw4': wrapping('xsw4'),
  'xsw5': wrapping('xsw5'),
  'xsw6': wrapping('xsw6'),
  'xsw7': wrapping('xsw7'),
  'xsw8': wrapping('xsw8'),
  'xslt': wrapping('xslt'),
  '8': { mutate: setAttribute('response', 'ID', ''), expected: 'response_id_missing' },
  '9': { mutate: setAttribute('response', 'ID', null), expected: 'response_id_missing' },
  '10': { mutate: setAttribute('response', 'Version', '1.0'), expected: 'version_invalid' },
  '11': { mutate: setAttribute('response', 'IssueInstant', ''), expected: 'issue_instant_missing' },
  '12': {
    mutate: setAttribute('response', 'IssueInstant', null),
    expected: 'issue_instant_missing',
  },
  '13': {
    mutate: setAttribute('response', 'IssueInstant', '2018-09-04'),
    expected: 'issue_instant_invalid',
  },
  '14': {
    mutate: setAttribute('response', 'IssueInstant', '2018-01-01T00:00:00Z'),
    expected: 'issue_instant_before_request',
  },
  '15': {
    mutate: setAttribute('response', 'IssueInstant', FUTURE),
    expected: 'issue_instant_in_future',
  },
  '16': {
    mutate: all(
      setAttribute('response', 'InResponseTo', ''),
      setAttribute('subjectConfirmationData', 'InResponseTo', '')
    ),
    expected: 'in_response_to_missing',
  },
  '17': {
    mutate: all(
      setAttribute('response', 'InResponseTo', null),
      setAttribute('subjectConfirmationData', 'InResponseTo', null)
    ),
    expected: 'in_response_to_missing',
  },
  '18': {
    params: () => ({ inResponseTo: 'inresponsetodiversodaidrequest' }),
    expected: 'request_unknown',
  },
  '19': { mutate: setAttribute('response', 'Destination', ''), expected: 'destination_missing' },
  '20': { mutate: setAttribute('response', 'Destination', null), expected: 'destination_missing' },
  '21': {
    params: () => ({ destination: 'diversodaassertionconsumerserviceurl' }),
    expected: 'destination_mismatch',
  },
  '22': { mutate: empty('status'), expected: 'status_code_missing' },
  '23': { mutate: remove('status'), expected: 'status_missing' },
  '24': { mutate: setAttribute('statusCode', 'Value', ''), expected: 'status_code_missing' },
  '26': {
    mutate: setAttribute(
      'statusCode',
      'Value',
      'urn:oasis:names:tc:SAML:2.0:status:statuscodenonvalido'
    ),
    expected: 'status_not_success',
  },
  '27': { mutate: setText('responseIssuer', ''), expected: 'issuer_missing' },
  '28': { mutate: remove('responseIssuer'), expected: 'issuer_missing' },
  '29': { mutate: setText('responseIssuer', 'diversodaentityididp'), expected: 'issuer_mismatch' },
  '30': {
    mutate: setAttribute(
      'responseIssuer',
      'Format',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:diversodaentity'
    ),
    expected: 'issuer_format_invalid',
  },
  '31': { mutate: setAttribute('responseIssuer', 'Format', null), expected: 'OK' },
  '32': { mutate: remove('assertion'), expected: 'assertion_missing' },
  '33': { mutate: setAttribute('assertion', 'ID', ''), expected: 'assertion_id_missing' },
  '34': { mutate: setAttribute('assertion', 'ID', null), expected: 'assertion_id_missing' },
  '35': {
    mutate: setAttribute('assertion', 'Version', '1.0'),
    expected: 'assertion_version_invalid',
  },
  '36': {
    mutate: setAttribute('assertion', 'IssueInstant', ''),
    expected: 'assertion_issue_instant_missing',
  },
  '37': {
    mutate: setAttribute('assertion', 'IssueInstant', null),
    expected: 'assertion_issue_instant_missing',
  },
  '38': {
    mutate: setAttribute('assertion', 'IssueInstant', '2018-09-06 16:00'),
    expected: 'assertion_issue_instant_invalid',
  },
  '39': {
    mutate: setAttribute('assertion', 'IssueInstant', '2000-01-01T12:00:00Z'),
    expected: 'assertion_issue_instant_before_request',
  },
  '40': {
    mutate: setAttribute('assertion', 'IssueInstant', FUTURE),
    expected: 'assertion_issue_instant_in_future',
  },
  '41': { mutate: empty('subject'), expected: 'subject_missing' },
  '42': { mutate: remove('subject'), expected: 'subject_missing' },
  '43': {
    mutate: all(empty('nameId'), setAttribute('nameId', 'NameQualifier', '')),
    expected: 'name_id_missing',
  },
  '44': { mutate: remove('nameId'), expected: 'name_id_missing' },
  '45': { mutate: setAttribute('nameId', 'Format', ''), expected: 'name_id_format_missing' },
  '46': { mutate: setAttribute('nameId', 'Format', null), expected: 'name_id_format_missing' },
  '47': {
    mutate: setAttribute(
      'nameId',
      'Format',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:diversodatransient'
    ),
    expected: 'name_id_format_invalid',
  },
  '48': { mutate: setAttribute('nameId', 'NameQualifier', ''), expected: 'name_qualifier_missing' },
  '49': {
    mutate: setAttribute('nameId', 'NameQualifier', null),
    expected: 'name_qualifier_missing',
  },
  // spid-sp-test's template 51 is SubjectConfirmation without its data, like 56
  '51': { mutate: empty('subjectConfirmation'), expected: 'subject_confirmation_data_missing' },
  '52': { mutate: remove('subjectConfirmation'), expected: 'subject_confirmation_missing' },
  '53': {
    mutate: setAttribute('subjectConfirmation', 'Method', ''),
    expected: 'subject_confirmation_method_missing',
  },
  '54': {
    mutate: setAttribute('subjectConfirmation', 'Method', null),
    expected: 'subject_confirmation_method_missing',
  },
  '55': {
    mutate: setAttribute(
      'subjectConfirmation',
      'Method',
      'urn:oasis:names:tc:SAML:2.0:cm:diversodabearer'
    ),
    expected: 'subject_confirmation_method_invalid',
  },
  '56': {
    mutate: remove('subjectConfirmationData'),
    expected: 'subject_confirmation_data_missing',
  },
  '57': {
    mutate: setAttribute('subjectConfirmationData', 'Recipient', ''),
    expected: 'recipient_missing',
  },
  '58': {
    mutate: setAttribute('subjectConfirmationData', 'Recipient', null),
    expected: 'recipient_missing',
  },
  '59': {
    mutate: setAttribute(
      'subjectConfirmationData',
      'Recipient',
      'diversodaassertionconsumerserviceurl'
    ),
    expected: 'recipient_mismatch',
  },
  '60': {
    mutate: setAttribute('subjectConfirmationData', 'InResponseTo', ''),
    expected: 'subject_in_response_to_missing',
  },
  '61': {
    mutate: setAttribute('subjectConfirmationData', 'InResponseTo', null),
    expected: 'subject_in_response_to_missing',
  },
  '62': {
    mutate: setAttribute('subjectConfirmationData', 'InResponseTo', 'diversodaauthnrequestid'),
    expected: 'subject_in_response_to_mismatch',
  },
  '63': {
    mutate: setAttribute('subjectConfirmationData', 'NotOnOrAfter', ''),
    expected: 'subject_not_on_or_after_missing',
  },
  '64': {
    mutate: setAttribute('subjectConfirmationData', 'NotOnOrAfter', null),
    expected: 'subject_not_on_or_after_missing',
  },
  '65': {
    mutate: setAttribute('subjectConfirmationData', 'NotOnOrAfter', '2018.09.18'),
    expected: 'subject_not_on_or_after_invalid',
  },
  '66': {
    mutate: setAttribute('subjectConfirmationData', 'NotOnOrAfter', '2000-01-01T00:00:00Z'),
    expected: 'subject_not_on_or_after_expired',
  },
  '68': { mutate: remove('assertionIssuer'), expected: 'assertion_issuer_missing' },
  '69': {
    mutate: setText('assertionIssuer', 'diversodaentityididp'),
    expected: 'assertion_issuer_mismatch',
  },
  '70': {
    mutate: setAttribute('assertionIssuer', 'Format', ''),
    expected: 'assertion_issuer_format_missing',
    cie: 'assertion_issuer_format_invalid',
  },
  '71': {
    mutate: setAttribute('assertionIssuer', 'Format', null),
    expected: 'assertion_issuer_format_missing',
    // the CIE IdP writes no Format: its base Response is this case
    cie: 'OK',
  },
  '72': {
    mutate: setAttribute(
      'assertionIssuer',
      'Format',
      'urn:oasis:names:tc:SAML:2.0:nameid-format:diversodaentity'
    ),
    expected: 'assertion_issuer_format_invalid',
  },
  // spid-sp-test's template 73 empties Conditions of its AudienceRestriction (its 84 is the same)
  '73': { mutate: remove('audienceRestriction'), expected: 'audience_restriction_missing' },
  '74': { mutate: remove('conditions'), expected: 'conditions_missing' },
  '75': { mutate: setAttribute('conditions', 'NotBefore', ''), expected: 'not_before_missing' },
  '76': { mutate: setAttribute('conditions', 'NotBefore', null), expected: 'not_before_missing' },
  '77': {
    mutate: setAttribute('conditions', 'NotBefore', '2018/09/10'),
    expected: 'not_before_invalid',
  },
  '78': {
    mutate: setAttribute('conditions', 'NotBefore', FUTURE),
    expected: 'not_before_in_future',
  },
  '79': {
    mutate: setAttribute('conditions', 'NotOnOrAfter', ''),
    expected: 'not_on_or_after_missing',
  },
  '80': {
    mutate: setAttribute('conditions', 'NotOnOrAfter', null),
    expected: 'not_on_or_after_missing',
  },
  '81': {
    mutate: setAttribute('conditions', 'NotOnOrAfter', '10-09-2018'),
    expected: 'not_on_or_after_invalid',
  },
  '82': {
    mutate: setAttribute('conditions', 'NotOnOrAfter', '2000-01-01T00:00:00Z'),
    expected: 'not_on_or_after_expired',
  },
  '83': { mutate: empty('audienceRestriction'), expected: 'audience_missing' },
  '85': { mutate: setText('audience', ''), expected: 'audience_missing' },
  // spid-sp-test's template 86 is the same as 83: AudienceRestriction without Audience
  '86': { mutate: remove('audience'), expected: 'audience_missing' },
  '87': { mutate: setText('audience', 'diversodaentityidsp'), expected: 'audience_mismatch' },
  '88': { mutate: empty('authnStatement'), expected: 'authn_context_missing' },
  '89': { mutate: remove('authnStatement'), expected: 'authn_statement_missing' },
  '90': { mutate: empty('authnContext'), expected: 'authn_context_class_ref_missing' },
  '92': { mutate: setText('classRef', ''), expected: 'authn_context_class_ref_missing' },
  '93': { mutate: remove('classRef'), expected: 'authn_context_class_ref_missing' },
  // 94-96: the outcome depends on the level asked, see levelCaseOutcome
  '94': { params: () => ({ classRef: classRefOf(1) }), expected: 'OK' },
  '95': { params: () => ({ classRef: classRefOf(2) }), expected: 'OK' },
  '96': { params: () => ({ classRef: classRefOf(3) }), expected: 'OK' },
  '97': {
    params: () => ({ classRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:SpidL1' }),
    expected: 'authn_context_class_ref_unknown',
  },
  '98': { mutate: empty('attributeStatement'), expected: 'attribute_statement_empty' },
  '99': { mutate: attributeWithoutValue('spidCode'), expected: 'attribute_value_missing' },
  '100': {
    signing: ({ foreign }) => ({ assertionCredentials: foreign }),
    expected: 'assertion_signature_invalid',
  },
  '103': {
    params: () => ({
      attributes: [
        { name: 'spidCode', value: 'AGID-001' },
        { name: 'address', value: 'via Test' },
      ] satisfies ResponseAttribute[],
    }),
    expected: 'attributes_mismatch',
  },
  '104': { spidErrorCode: 19, expected: 'authn_failed_spid_error' },
  '105': { spidErrorCode: 20, expected: 'authn_failed_spid_error' },
  '106': { spidErrorCode: 21, expected: 'authn_failed_spid_error' },
  '107': { spidErrorCode: 22, expected: 'authn_failed_spid_error' },
  '108': { spidErrorCode: 23, expected: 'authn_failed_spid_error' },
  '109': { params: () => ({ attributeNameFormat: false }), expected: 'OK' },
  '110': {
    // what spid-sp-test sends: microseconds and no zone designator
    params: () => ({
      issueInstant: new Date().toISOString().replace(/\.(\d{3})Z$/, '.$1456'),
    }),
    expected: 'OK',
  },
  '111': { spidErrorCode: 25, expected: 'cancelled_by_user' },
}

/** The level cases (94-96): refused below the level asked (Comparison "minimum"). */
export const LEVEL_CASES: Record<string, LoginLevel> = { '94': 1, '95': 2, '96': 3 }

export function levelCaseOutcome(asserted: LoginLevel, requested: LoginLevel): Outcome {
  return asserted >= requested ? 'OK' : 'authn_context_too_low'
}

export function expectedOutcome(testCase: ResponseCase, profile: SamlProfileName): Outcome {
  return profile === 'cie' && testCase.cie !== undefined ? testCase.cie : testCase.expected
}
