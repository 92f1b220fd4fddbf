import vine from '@vinejs/vine'

/**
 * The contract form: the checked plugin ids, each one of the plugins the
 * page offered (passed as `meta.allowedIds`).
 */
export const contractValidator = vine.withMetaData<{ allowedIds: string[] }>().compile(
  vine.object({
    plugins: vine.array(vine.enum((field) => field.meta.allowedIds)).optional(),
  })
)
