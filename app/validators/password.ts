import vine from '@vinejs/vine'
import { PASSWORD_MAX_LENGTH, passwordPolicyError } from '#domain/password_policy'
import type { PasswordAccount } from '#domain/password_policy'

/** The staff password policy (app/domain/password_policy.ts) as a VineJS rule. */
const passwordPolicy = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string') return
  const error = passwordPolicyError(value, field.meta.account as PasswordAccount)
  if (error) field.report(error.message, error.rule, field)
})

/** "Cambia password": Nuova password and Ripeti password. */
export const newPasswordValidator = vine.withMetaData<{ account: PasswordAccount }>().compile(
  vine.object({
    password: vine.string().maxLength(PASSWORD_MAX_LENGTH).use(passwordPolicy()),
    password_confirmation: vine.string().sameAs('password'),
  })
)

/** "Hai dimenticato la password?": an e-mail address or a username. */
export const forgotPasswordValidator = vine.compile(
  vine.object({
    identifier: vine.string().trim().toLowerCase().maxLength(254),
  })
)
