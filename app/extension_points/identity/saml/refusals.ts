import { IdentityCallbackError, type IdentityRefusalReason } from '../errors.js'

/**
 * Every way a SAML answer is refused, each a machine `detail` under one of
 * the identity contract's reasons. The response-case matrix asserts the
 * detail case by case, so a case cannot pass for a reason other than its own.
 */
const DETAILS = {
  malformed: [
    'saml_response_missing',
    'xml_not_parsable',
    'not_a_response',
    'response_id_missing',
    'version_invalid',
    'issue_instant_missing',
    'issue_instant_invalid',
    'issuer_missing',
    'issuer_format_invalid',
    'status_missing',
    'status_code_missing',
    'assertion_missing',
    'assertion_id_missing',
    'assertion_version_invalid',
    'assertion_issue_instant_missing',
    'assertion_issue_instant_invalid',
    'assertion_issuer_missing',
    'assertion_issuer_format_missing',
    'assertion_issuer_format_invalid',
    'subject_missing',
    'name_id_missing',
    'name_id_format_missing',
    'name_id_format_invalid',
    'name_qualifier_missing',
    'subject_confirmation_missing',
    'subject_confirmation_method_missing',
    'subject_confirmation_method_invalid',
    'subject_confirmation_data_missing',
    'subject_not_on_or_after_missing',
    'subject_not_on_or_after_invalid',
    'conditions_missing',
    'not_before_missing',
    'not_before_invalid',
    'not_on_or_after_missing',
    'not_on_or_after_invalid',
    'audience_restriction_missing',
    'audience_missing',
    'authn_statement_missing',
    'authn_context_missing',
    'authn_context_class_ref_missing',
    'authn_context_class_ref_unknown',
    'logout_message_invalid',
  ],
  invalid_signature: [
    'response_signature_invalid',
    'assertion_signature_missing',
    'assertion_signature_invalid',
    'signature_reference_mismatch',
    'signature_algorithm_not_allowed',
    'signature_transform_not_allowed',
    'duplicate_id',
    'unexpected_assertion',
    'issuer_mismatch',
    'assertion_issuer_mismatch',
    'message_signature_missing',
    'message_signature_invalid',
    'saml_profile_rejected',
  ],
  unknown_request: [
    'in_response_to_missing',
    'request_unknown',
    'subject_in_response_to_missing',
    'subject_in_response_to_mismatch',
  ],
  expired: [
    'pending_expired',
    'issue_instant_before_request',
    'issue_instant_in_future',
    'assertion_issue_instant_before_request',
    'assertion_issue_instant_in_future',
    'subject_not_on_or_after_expired',
    'not_before_in_future',
    'not_on_or_after_expired',
  ],
  wrong_destination: [
    'destination_missing',
    'destination_mismatch',
    'recipient_missing',
    'recipient_mismatch',
    'audience_mismatch',
  ],
  level_too_low: ['authn_context_too_low'],
  authn_failed: ['status_not_success', 'authn_failed_spid_error'],
  cancelled: ['cancelled_by_user'],
  missing_attributes: [
    'attribute_statement_missing',
    'attribute_statement_empty',
    'attribute_value_missing',
    'attributes_mismatch',
    'required_attribute_missing',
    'fiscal_number_invalid',
  ],
} as const satisfies Record<IdentityRefusalReason, readonly string[]>

export type SamlRefusalDetail = (typeof DETAILS)[IdentityRefusalReason][number]

const REASON_OF = new Map<string, IdentityRefusalReason>(
  (Object.entries(DETAILS) as Array<[IdentityRefusalReason, readonly string[]]>).flatMap(
    ([reason, details]) => details.map((detail) => [detail, reason] as const)
  )
)

export function reasonOf(detail: SamlRefusalDetail): IdentityRefusalReason {
  return REASON_OF.get(detail)!
}

/** The refusal for `detail`, under its contract reason. */
export function refusal(
  detail: SamlRefusalDetail,
  options: { message?: string; cause?: unknown } = {}
): IdentityCallbackError {
  return new IdentityCallbackError(reasonOf(detail), { ...options, detail })
}

/**
 * What SPID's "anomalie utente" (status message "ErrorCode nr<N>") mean to
 * the citizen, as the AgID table of error messages asks an SP to tell them.
 */
export const SPID_ERROR_MESSAGES: Record<string, string> = {
  '19': 'Autenticazione non riuscita: le credenziali sono state inserite in modo errato troppe volte. Riprova più tardi.',
  '20': 'La tua identità digitale non ha credenziali del livello richiesto da questo servizio.',
  '21': 'Tempo scaduto durante l’autenticazione. Riprova ad accedere.',
  '22': 'Non hai dato il consenso all’invio dei tuoi dati a questo servizio: senza i dati l’accesso non è possibile.',
  '23': 'La tua identità digitale è sospesa o revocata, oppure le credenziali sono bloccate: rivolgiti al tuo gestore di identità.',
  '25': 'Hai annullato l’accesso.',
}
