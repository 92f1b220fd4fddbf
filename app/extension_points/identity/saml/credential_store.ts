import drive from '@adonisjs/drive/services/main'
import encryption from '@adonisjs/core/services/encryption'
import {
  generateSigningCredentials,
  type CertificateSubject,
  type SigningCredentials,
} from './x509.js'

/**
 * Signing keys generated on first use and kept on the drive disk (never in
 * git): the certificate in clear, the private key encrypted with APP_KEY
 * and bound to its path. The certificate carries the SP's identity
 * (entityID, IPA code, name): when those change, a new key is made, since
 * AgID checks that the certificate matches the metadata.
 */

interface StoredCredentials {
  subject: CertificateSubject
  certificate: string
  privateKey: string
}

/** One generation at a time per path, so concurrent first uses share a key. */
const inFlight = new Map<string, Promise<SigningCredentials>>()

function purpose(path: string) {
  return `saml-signing-key:${path}`
}

async function read(path: string): Promise<StoredCredentials | null> {
  const disk = drive.use()
  if (!(await disk.exists(path))) return null
  const stored = JSON.parse(await disk.get(path)) as StoredCredentials
  const privateKey = encryption.decrypt<string>(stored.privateKey, purpose(path))
  return privateKey ? { ...stored, privateKey } : null
}

async function create(
  path: string,
  subject: CertificateSubject,
  options: { modulusLength?: number }
): Promise<SigningCredentials> {
  const stored = await read(path)
  if (stored && JSON.stringify(stored.subject) === JSON.stringify(subject)) {
    return { certificate: stored.certificate, privateKey: stored.privateKey }
  }
  const credentials = generateSigningCredentials(subject, options)
  await drive.use().put(
    path,
    JSON.stringify({
      subject,
      certificate: credentials.certificate,
      privateKey: encryption.encrypt(credentials.privateKey, undefined, purpose(path)),
    } satisfies StoredCredentials)
  )
  return credentials
}

/** The credentials at `path`, generated and stored the first time (or when the subject changed). */
export function credentialsAt(
  path: string,
  subject: CertificateSubject,
  options: { modulusLength?: number } = {}
): Promise<SigningCredentials> {
  const running = inFlight.get(path)
  if (running) return running
  const work = create(path, subject, options).finally(() => inFlight.delete(path))
  inFlight.set(path, work)
  return work
}
