/**
 * The form of a demo service without a form of its own: the manual's
 * common blocks (Informativa privacy, Richiedente, Documenti allegati)
 * around a free description of the request, as a two-step wizard.
 */
export function simpleServiceForm(title: string) {
  return {
    title,
    display: 'wizard',
    type: 'form',
    components: [
      {
        type: 'panel',
        key: 'general_panel',
        title: 'Dati generali',
        input: false,
        components: [
          { type: 'form', key: 'privacy_block', form: 'sdc-informativa-privacy', input: true },
          {
            type: 'form',
            key: 'applicant',
            form: 'sdc-richiedente',
            label: 'Richiedente',
            input: true,
          },
        ],
      },
      {
        type: 'panel',
        key: 'request_panel',
        title: 'Richiesta',
        input: false,
        components: [
          {
            type: 'textarea',
            key: 'details',
            label: 'Descrivi la tua richiesta',
            input: true,
            validate: { required: true, maxLength: 2000 },
          },
          { type: 'form', key: 'attachments_block', form: 'sdc-documenti-allegati', input: true },
        ],
      },
    ],
  }
}
