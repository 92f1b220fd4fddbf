import { SAML, ValidateInResponseTo } from '@node-saml/node-saml'
import type { IdentityProviderMetadata } from './idp_metadata.js'

/**
 * node-saml's Web SSO profile validation, run on a response our own
 * checks already accepted: an independent, widely used implementation of
 * the signature and condition rules (it reads only the signed content),
 * so a gap in one is caught by the other. The pending request is ours to
 * check (validateInResponseTo: never), the SPID rules too.
 *
 * Returns the error node-saml raised, or null when it accepts.
 */
export async function samlProfileRejection(input: {
  samlResponse: string
  sp: { entityId: string; acsUrl: string }
  idp: IdentityProviderMetadata
  clockSkewMs: number
}): Promise<Error | null> {
  const saml = new SAML({
    issuer: input.sp.entityId,
    callbackUrl: input.sp.acsUrl,
    audience: input.sp.entityId,
    idpCert: input.idp.certificates,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: false,
    validateInResponseTo: ValidateInResponseTo.never,
    acceptedClockSkewMs: input.clockSkewMs,
  })
  try {
    await saml.validatePostResponseAsync({ SAMLResponse: input.samlResponse })
    return null
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
