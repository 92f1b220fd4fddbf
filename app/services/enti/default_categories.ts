import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { parseCsvRecords } from '#domain/csv'

export type CategorySeed = { name: string; slug: string; description: string }

/**
 * The 15 OpenCity categories (argomenti) every new ente starts with.
 */
export async function defaultCategories(): Promise<CategorySeed[]> {
  const text = await readFile(app.makePath('database/data/opencity/categories.csv'), 'utf8')
  return parseCsvRecords(text).map((record) => ({
    name: record.name.trim(),
    slug: record.slug.trim(),
    description: record.description.trim(),
  }))
}
