import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * The bearer JWT of MyPay's outcome push (PushEsitoSilService): HS512 over
 * the base64-decoded secret the ente set in MyPay (`codServiceAccountJwtUscitaSecretKey`),
 * header `kid`, claims `sub` (the service account's e-mail) and `iss` (its
 * client id), and nothing else: no expiry, and nothing that binds the token
 * to the body. The adapter therefore never takes an outcome from the push
 * itself: it asks MyPay.
 */
export interface PushJwtClaims {
  iss?: string
  sub?: string
}

export type PushJwtCheck = { ok: true; claims: PushJwtClaims } | { ok: false; reason: string }

function base64url(value: Buffer | string) {
  return Buffer.from(value).toString('base64url')
}

function keyOf(secretBase64: string) {
  return Buffer.from(secretBase64, 'base64')
}

function signature(signingInput: string, secretBase64: string) {
  return createHmac('sha512', keyOf(secretBase64)).update(signingInput).digest()
}

/** What MyPay puts in `Authorization: Bearer ...` (used by the simulator). */
export function signPushJwt(secretBase64: string, options: { kid?: string } & PushJwtClaims) {
  const header = base64url(
    JSON.stringify({ ...(options.kid ? { kid: options.kid } : {}), alg: 'HS512' })
  )
  const claims: PushJwtClaims = {}
  if (options.sub) claims.sub = options.sub
  if (options.iss) claims.iss = options.iss
  const payload = base64url(JSON.stringify(claims))
  return `${header}.${payload}.${base64url(signature(`${header}.${payload}`, secretBase64))}`
}

function parseJson(part: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null
  } catch {
    return null
  }
}

/**
 * Checks a bearer token: HS512 only (never `none` nor another algorithm the
 * sender could pick), signature compared in constant time, and the issuer
 * when the settings name one.
 */
export function verifyPushJwt(
  authorization: string | string[] | undefined,
  secretBase64: string,
  expectedIssuer?: string
): PushJwtCheck {
  const value = Array.isArray(authorization) ? authorization[0] : authorization
  const match = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(
    value?.trim() ?? ''
  )
  if (!match) return { ok: false, reason: 'missing_token' }
  const [, headerPart, payloadPart, signaturePart] = match
  const header = parseJson(headerPart)
  if (header?.alg !== 'HS512') return { ok: false, reason: 'algorithm' }
  const expected = signature(`${headerPart}.${payloadPart}`, secretBase64)
  const given = Buffer.from(signaturePart, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'signature' }
  }
  const claims = parseJson(payloadPart)
  if (!claims) return { ok: false, reason: 'claims' }
  if (expectedIssuer && claims.iss !== expectedIssuer) return { ok: false, reason: 'issuer' }
  return {
    ok: true,
    claims: {
      iss: typeof claims.iss === 'string' ? claims.iss : undefined,
      sub: typeof claims.sub === 'string' ? claims.sub : undefined,
    },
  }
}
