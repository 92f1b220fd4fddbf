import { Readable } from 'node:stream'
import type { Response } from '@adonisjs/core/http'

/**
 * Streams a CSV export (DESIGN's format, made a batch at a time) as a
 * download: the next piece is asked for only once the previous one has
 * gone out, and nothing of it is cached.
 */
export function sendCsv(response: Response, fileName: string, pieces: AsyncIterable<string>) {
  response.header('content-type', 'text/csv; charset=utf-8')
  response.header('content-disposition', `attachment; filename="${fileName}"`)
  response.header('cache-control', 'no-store')
  response.stream(Readable.from(pieces, { objectMode: false }))
}
