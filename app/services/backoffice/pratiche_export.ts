import { DateTime } from 'luxon'
import { CsvWriter, type CsvColumn } from '#domain/csv_export'
import type { ListScope } from '#services/backoffice/list_scope'
import type { ListRequest } from '#services/backoffice/list_request'
import { listRowsQuery } from '#services/backoffice/pratiche_list'
import { toListRow, type ListRow } from '#services/backoffice/list_rows'
import { rowBatches } from '#services/backoffice/row_batches'
import { csvValue, rawValue } from '#services/backoffice/table_options'

/**
 * "Scarica i dati delle pratiche in formato .CSV": the filtered list, in
 * its order, with the manual's column names, then the fields chosen in
 * "Opzioni tabella" and their summary rows. Produced a batch at a time
 * (see row_batches.ts): memory stays flat whatever the number of rows.
 */
const BASE_COLUMNS: CsvColumn<ListRow>[] = [
  { header: 'Numero richiesta', value: (row) => row.uuid },
  { header: 'Servizio', value: (row) => row.serviceName },
  { header: 'Autenticazione', value: (row) => row.authMethod },
  { header: 'Richiedente', value: (row) => row.applicant },
  { header: 'Codice fiscale', value: (row) => row.fiscalCode },
  { header: 'Data di inserimento', value: (row) => row.createdAt },
  { header: 'Ultimo cambio stato', value: (row) => row.statusChangedAt },
  { header: 'Stato', value: (row) => row.status },
  { header: 'Operatore', value: (row) => row.operator },
  { header: 'Ufficio', value: (row) => row.office },
  { header: 'Priorità', value: (row) => row.priority },
]

export function exportColumns(request: ListRequest): CsvColumn<ListRow>[] {
  return [
    ...BASE_COLUMNS,
    ...request.chosen.map((column) => ({
      header: column.label,
      value: (row: ListRow) => csvValue(column, row.data),
      raw: (row: ListRow) => rawValue(column, row.data),
      summaries: column.summaries,
    })),
  ]
}

export async function* praticheCsv(scope: ListScope, request: ListRequest) {
  const writer = new CsvWriter(exportColumns(request))
  yield writer.start()
  const query = listRowsQuery(scope, request.filters, { withData: request.chosen.length > 0 })
  for await (const batch of rowBatches(query)) {
    yield writer.rows(batch.map(toListRow))
  }
  yield writer.end()
}

export function exportFileName(enteSlug: string, now = DateTime.now()) {
  return `pratiche-${enteSlug}-${now.setZone('Europe/Rome').toFormat('yyyyMMdd-HHmm')}.csv`
}
