import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import db from '@adonisjs/lucid/services/db'
import Ente from '#models/ente'
import Category from '#models/category'
import { withItalian, type Language } from '#domain/languages'
import { defaultCategories } from '#services/enti/default_categories'
import { forgetEnteHosts } from '#services/enti/ente_lookup'

export type NewEnte = {
  slug: string
  name: string
  codiceFiscale: string
  codiceIpa?: string | null
  host?: string | null
  email?: string | null
  pec?: string | null
  phone?: string | null
  address?: string | null
  website?: string | null
  languages?: Language[]
}

/**
 * Creates an ente with the standard categories. Runs in the given
 * transaction, or in its own.
 */
export async function createEnte(input: NewEnte, trx?: TransactionClientContract): Promise<Ente> {
  if (!trx) {
    return db.transaction((ownTrx) => createEnte(input, ownTrx))
  }
  const ente = await Ente.create(
    { ...input, languages: withItalian(input.languages), isActive: true },
    { client: trx }
  )
  const categories = await defaultCategories()
  await Category.createMany(
    categories.map((category) => ({ ...category, enteId: ente.id })),
    { client: trx }
  )
  forgetEnteHosts()
  return ente
}
