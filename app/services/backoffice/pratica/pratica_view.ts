import type Ente from '#models/ente'
import type User from '#models/user'
import type Pratica from '#models/pratica'
import type Service from '#models/service'
import Citizen from '#models/citizen'
import PraticaStatusChange from '#models/pratica_status_change'
import { PRATICA_STATUS_LABELS, type PraticaStatusCode } from '#domain/pratica_status'
import { canDecide, canTakeCharge, canTakeOver, manualTargets } from '#domain/pratica_work'
import type { SummarySection } from '#domain/forms/summary'
import { praticaSummary } from '#services/pratiche/pratica_form'
import { dateAndTime } from '#services/pratiche/dates'
import { protocolOf, type ProtocolView } from '#services/personal_area/protocol'
import {
  paymentTabs,
  positionViews,
  stampViews,
  type PaymentTabs,
} from '#services/personal_area/payment_tabs'
import { authMethodLabel, PRIORITY_LABELS } from '#services/backoffice/labels'
import { praticaBaseUrl } from '#services/backoffice/pratica/pratica_scope'
import { praticaFiles, type PraticaFiles } from '#services/backoffice/pratica/pratica_files'
import { praticaMessages, type MessageView } from '#services/backoffice/pratica/pratica_messages'
import {
  assignableOffices,
  assignableOperators,
  type Assignee,
} from '#services/backoffice/pratica/assignees'
import { latestOfApplicant, type LatestRow } from '#services/backoffice/pratica/latest_pratiche'
import { attachmentFormatsHint } from '#services/pratiche/messages/attachment_types'

/**
 * Everything the operator's pratica page shows (the manual's "La
 * struttura di una pratica"): the header with the service, the state and
 * the Richiedente; the buttons the operator may use now; the tabs (Modulo,
 * Allegati, Messaggi, and Bolli, Pagamento, Protocollo, Appuntamenti only
 * where the service has them); the side panels (Assegna ad un operatore,
 * Cambio priorità, Cambio stato, Dati generali, Ultime pratiche inviate
 * dall'utente, Iter della pratica).
 */
export interface PraticaPageView {
  uuid: string
  base: string
  serviceName: string
  status: PraticaStatusCode
  statusLabel: string
  /** workflow "Inoltro": when it was forwarded (read-only since) */
  forwardedAt: string | null
  applicant: { name: string; fiscalCode: string | null; authMethod: string }
  operator: { id: number; name: string } | null
  office: { id: number; name: string } | null
  actions: {
    takeCharge: boolean
    /** "Subentra a <operatore>" */
    takeOver: { name: string } | null
    decide: boolean
    allowPartialApproval: boolean
    allowIntegrationRequests: boolean
  }
  summary: SummarySection[]
  files: PraticaFiles
  messages: MessageView[]
  formatsHint: string
  tabs: PaymentTabs & { protocol: boolean; appointments: boolean }
  protocol: ProtocolView & { when: string | null }
  panels: {
    assign: { offices: Array<{ id: number; name: string }>; operators: Assignee[] }
    priority: { current: number; options: Array<{ value: number; label: string }> }
    status: Array<{ value: PraticaStatusCode; label: string }>
    general: { submittedAt: string | null; responseDueAt: string | null }
    latest: LatestRow[]
    iter: Array<{ label: string; who: string; when: string; message: string | null }>
  }
}

/** Appointments come with the calendars: until then no service has them. */
function hasAppointments(_service: Service) {
  return false
}

function applicantOf(pratica: Pratica, citizen: Citizen | null) {
  const typed = pratica.typedApplicant
  const name = citizen?.fullName ?? (typed ? `${typed.nome} ${typed.cognome}` : '')
  return {
    name: name || 'Richiedente non indicato',
    fiscalCode: citizen?.fiscalCode ?? typed?.codiceFiscale ?? null,
    authMethod: authMethodLabel(pratica.authMethod),
  }
}

async function iterOf(pratica: Pratica) {
  const changes = await PraticaStatusChange.query()
    .where('ente_id', pratica.enteId)
    .where('pratica_id', pratica.id)
    .orderBy('created_at')
    .orderBy('id')
  return changes.map((change) => ({
    label: change.label,
    who:
      change.actorType === 'system'
        ? 'Sistema'
        : (change.actorName ?? (change.actorType === 'citizen' ? 'Richiedente' : 'Operatore')),
    when: dateAndTime(change.createdAt),
    message: change.message,
  }))
}

export async function praticaPageView(
  ente: Ente,
  user: User,
  pratica: Pratica,
  service: Service
): Promise<PraticaPageView> {
  await pratica.load((loader) => loader.load('operator').load('office'))
  const citizen = pratica.citizenId ? await Citizen.find(pratica.citizenId) : null
  const base = praticaBaseUrl(ente, pratica)
  const state = {
    status: pratica.status,
    operatorId: pratica.operatorId,
    forwardedAt: pratica.forwardedAt,
  }
  const protocol = protocolOf(pratica, service)
  const offices = await assignableOffices(ente.id)

  return {
    uuid: pratica.uuid,
    base,
    serviceName: service.name,
    status: pratica.status,
    statusLabel: pratica.statusLabel,
    forwardedAt: pratica.forwardedAt ? dateAndTime(pratica.forwardedAt) : null,
    applicant: applicantOf(pratica, citizen),
    operator: pratica.operator
      ? { id: pratica.operator.id, name: pratica.operator.fullName }
      : null,
    office: pratica.office ? { id: pratica.office.id, name: pratica.office.name } : null,
    actions: {
      takeCharge: canTakeCharge(state),
      takeOver:
        canTakeOver(state, user.id) && pratica.operator
          ? { name: pratica.operator.fullName }
          : null,
      decide: canDecide(state, user.id),
      allowPartialApproval: service.allowPartialApproval,
      allowIntegrationRequests: service.allowIntegrationRequests,
    },
    summary: pratica.formVersionId ? await praticaSummary(ente, pratica) : [],
    files: await praticaFiles(pratica, base),
    messages: await praticaMessages(pratica, base),
    formatsHint: attachmentFormatsHint(),
    tabs: {
      ...paymentTabs(service),
      positions: await positionViews(pratica.id, (uuid) => `${base}/pagamenti/${uuid}/ricevuta`),
      stampRows: await stampViews(pratica, service, null),
      protocol: service.protocolRequired || protocol.kind === 'number',
      appointments: hasAppointments(service),
    },
    protocol: {
      ...protocol,
      when: protocol.kind === 'number' ? dateAndTime(protocol.date, { seconds: true }) : null,
    },
    panels: {
      assign: {
        offices: offices.map(({ id, name }) => ({ id, name })),
        operators: await assignableOperators(ente.id, service.id),
      },
      priority: {
        current: pratica.priority,
        options: Object.entries(PRIORITY_LABELS).map(([value, label]) => ({
          value: Number(value),
          label,
        })),
      },
      status: manualTargets(pratica.status).map((value) => ({
        value,
        label: PRATICA_STATUS_LABELS[value],
      })),
      general: {
        submittedAt: pratica.submittedAt
          ? dateAndTime(pratica.submittedAt, { seconds: true })
          : null,
        responseDueAt: pratica.responseDueAt ? dateAndTime(pratica.responseDueAt) : null,
      },
      latest: citizen ? await latestOfApplicant(ente, user, citizen, pratica.id) : [],
      iter: await iterOf(pratica),
    },
  }
}
