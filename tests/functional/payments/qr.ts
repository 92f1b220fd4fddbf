import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import jsqr from 'jsqr'
import { PNG } from 'pngjs'

const run = promisify(execFile)
// a CommonJS module typed as an ES default export: both shapes carry the function
const jsQR = jsqr.default

/**
 * What a payer's phone reads on the avviso: the PDF's first page rendered
 * by poppler (pdftoppm, 200 dpi) and its QR code decoded by jsQR; and the
 * page's text (pdftotext). `keepPngAs`: where to keep the rendered page, to look at.
 */
export async function readNotice(pdf: Buffer, options: { keepPngAs?: string } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'avviso-'))
  try {
    await writeFile(join(dir, 'avviso.pdf'), pdf)
    await run('pdftoppm', [
      '-r',
      '200',
      '-png',
      '-singlefile',
      join(dir, 'avviso.pdf'),
      join(dir, 'page'),
    ])
    const pngBytes = await readFile(join(dir, 'page.png'))
    if (options.keepPngAs) await writeFile(options.keepPngAs, pngBytes)
    const png = PNG.sync.read(pngBytes)
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    const { stdout } = await run('pdftotext', ['-layout', join(dir, 'avviso.pdf'), '-'])
    return { qr: code?.data ?? null, text: stdout }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
