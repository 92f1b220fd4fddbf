import { readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import type Ente from '#models/ente'
import Category from '#models/category'
import Service from '#models/service'
import Office from '#models/office'
import type { FieldNode, FormDefinition, FormNode, Option } from '#domain/forms/types'
import { builtInList } from '#domain/forms/lists/index'

/**
 * Options of the selects whose options are not in the form: the named
 * lists (province, comuni) and the platform sources OpenCity's forms load
 * from its API (`custom:<key>`): categories, services and offices of the
 * ente. Sources we do not have yet (calendar days and times) give no
 * options, and their values are not checked against a list.
 */
let comuni: Option[] | null = null

export async function comuniOptions(): Promise<Option[]> {
  if (!comuni) {
    const rows: Array<[string, string]> = JSON.parse(
      await readFile(app.makePath('database/data/forms/comuni.json'), 'utf8')
    )
    comuni = rows.map(([name, county]) => ({ value: name, label: `${name} (${county})` }))
  }
  return comuni
}

async function sourceOptions(ente: Ente, source: string): Promise<Option[] | undefined> {
  const key = source.replace(/^\w+:/, '')
  const asOptions = (rows: Array<{ id: number; name: string }>) =>
    rows.map((row) => ({
      value: String(row.id),
      label: row.name,
      data: { id: String(row.id), name: row.name },
    }))
  if (key === 'category') return asOptions(await Category.forEnte(ente).orderBy('name'))
  if (key === 'service') return asOptions(await Service.forEnte(ente).orderBy('name'))
  if (key === 'user_group') return asOptions(await Office.forEnte(ente).orderBy('name'))
  return undefined
}

export type OptionsOf = (node: FieldNode) => Option[] | undefined

/** Loads what the form's selects need, once per request, and answers synchronously after. */
export async function loadFormOptions(ente: Ente, definition: FormDefinition): Promise<OptionsOf> {
  const byUid = new Map<string, Option[] | undefined>()
  const visit = async (nodes: FormNode[]) => {
    for (const node of nodes) {
      if (node.kind === 'field' && node.list) {
        byUid.set(node.uid, node.list === 'comuni' ? await comuniOptions() : builtInList(node.list))
      } else if (node.kind === 'field' && node.source) {
        byUid.set(node.uid, await sourceOptions(ente, node.source))
      } else if ('children' in node) {
        await visit(node.children)
      }
    }
  }
  await visit(definition.children)
  return (node) => (byUid.has(node.uid) ? byUid.get(node.uid) : node.options)
}
