import type { NormalizeConstructor } from '@adonisjs/core/types/helpers'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { LucidModel, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'

export type EnteRef = { id: number }

/**
 * Every row owned by an ente carries `ente_id`. Reads go through
 * `forEnte(ente)`, so a record of one ente can never be found through
 * another ente's URLs.
 */
export function TenantOwned<T extends NormalizeConstructor<typeof BaseModel>>(superclass: T) {
  class TenantOwnedModel extends superclass {
    @column()
    declare enteId: number

    static forEnte<M extends LucidModel>(this: M, ente: EnteRef): ModelQueryBuilderContract<M> {
      return this.query().where(`${this.table}.ente_id`, ente.id)
    }

    static findForEnteOrFail<M extends LucidModel>(
      this: M,
      ente: EnteRef,
      id: number | string
    ): Promise<InstanceType<M>> {
      return this.query()
        .where(`${this.table}.ente_id`, ente.id)
        .where(`${this.table}.${this.primaryKey}`, id)
        .firstOrFail()
    }
  }
  return TenantOwnedModel
}
