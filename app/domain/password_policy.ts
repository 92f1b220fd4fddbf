/**
 * The staff password policy: long enough, and not guessable from the
 * account or from the lists attackers try first. No composition rules
 * (NIST SP 800-63B): length beats forced symbols.
 */
export const PASSWORD_MIN_LENGTH = 10
export const PASSWORD_MAX_LENGTH = 200

/** Who the password is for: what it must not contain. */
export interface PasswordAccount {
  username: string
  email: string
  firstName: string
  lastName: string
}

export interface PasswordPolicyError {
  /** the validation rule name reported to VineJS */
  rule: string
  message: string
}

const COMMON = new Set([
  'password',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd',
  'qwerty',
  'qwertyuiop',
  'qwerty123',
  'qwerty1234',
  'iloveyou',
  'abc123',
  'admin',
  'administrator',
  'amministratore',
  'benvenuto',
  'benvenuto1',
  'changeme',
  'letmein',
  'welcome',
  'welcome1',
  'ciaociao',
  'forzainter',
  'forzamilan',
  'forzajuve',
  'forzaroma',
  'juventus',
  'napoli',
  'comune',
  'operatore',
])

const SEQUENCES = [
  '0123456789',
  '1234567890',
  'abcdefghijklmnopqrstuvwxyz',
  'qwertyuiopasdfghjklzxcvbnm',
]

/** The first rule the password breaks, or null when it is acceptable. */
export function passwordPolicyError(
  password: string,
  account: PasswordAccount
): PasswordPolicyError | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return {
      rule: 'passwordLength',
      message: `La password deve avere almeno ${PASSWORD_MIN_LENGTH} caratteri.`,
    }
  }
  const lower = password.toLowerCase()
  if (containsPart(lower, account.username)) {
    return { rule: 'passwordUsername', message: 'La password non può contenere la username.' }
  }
  if (containsPart(lower, account.firstName) || containsPart(lower, account.lastName)) {
    return {
      rule: 'passwordName',
      message: 'La password non può contenere il tuo nome o il tuo cognome.',
    }
  }
  if (containsPart(lower, account.email.split('@')[0] ?? '')) {
    return {
      rule: 'passwordEmail',
      message: 'La password non può contenere il tuo indirizzo email.',
    }
  }
  if (isPredictable(lower)) {
    return {
      rule: 'passwordCommon',
      message: 'Questa password è troppo facile da indovinare: scegline una diversa.',
    }
  }
  return null
}

/** Parts shorter than 3 letters ("Al", "Re") would forbid too much. */
function containsPart(password: string, part: string) {
  const needle = part.trim().toLowerCase()
  return needle.length >= 3 && password.includes(needle)
}

function isPredictable(password: string) {
  const core = password.replace(/[\d\W_]+$/, '')
  if (COMMON.has(password) || COMMON.has(core)) return true
  if (new Set(password).size <= 2) return true
  return SEQUENCES.some((sequence) => isRunOf(password, sequence))
}

/** The password is a stretch of a keyboard or alphabet run, forwards or backwards. */
function isRunOf(password: string, sequence: string) {
  const reversed = [...sequence].reverse().join('')
  return sequence.includes(password) || reversed.includes(password)
}
