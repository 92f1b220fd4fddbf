import vine from '@vinejs/vine'

export const staffLoginValidator = vine.compile(
  vine.object({
    username: vine.string().trim().toLowerCase().maxLength(80),
    password: vine.string().maxLength(200),
    remember: vine.boolean().optional(),
  })
)
