import { readdir, readFile } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { libraryOf, type BlockLibrary, type FormioJson } from '#domain/forms/formio/library'

/**
 * The reusable blocks forms nest by `_id`: OpenCity's own (unmodified
 * copies) and ours, written to the same data keys. Read once per process.
 */
const DIRECTORIES = ['database/data/opencity/formio/components', 'database/data/forms/blocks']

let loading: Promise<{ library: BlockLibrary; blocks: FormioJson[] }> | null = null

async function load() {
  const blocks: FormioJson[] = []
  for (const directory of DIRECTORIES) {
    const path = app.makePath(directory)
    const files = await readdir(path)
    for (const file of files.filter((name) => name.endsWith('.json')).sort()) {
      blocks.push(JSON.parse(await readFile(`${path}/${file}`, 'utf8')))
    }
  }
  return { library: libraryOf(blocks), blocks }
}

export async function blockLibrary(): Promise<BlockLibrary> {
  loading ??= load()
  const { library } = await loading
  return library
}

/** Title and id of every block, for the form editor to offer. */
export async function listBlocks() {
  loading ??= load()
  const { blocks } = await loading
  return blocks.map((block) => ({
    id: String(block._id),
    title: String(block.title ?? ''),
  }))
}

/** A form definition shipped with the platform (database/data/...), parsed. */
export async function readFormJson(relativePath: string): Promise<FormioJson> {
  return JSON.parse(await readFile(app.makePath(relativePath), 'utf8'))
}
