/*
 * The "Modulo" tab's JSON editor (Alpine CSP build: the template only names
 * this component's properties and methods). It checks the JSON as the
 * admin types, says where it breaks, formats it on request, and keeps the
 * preview's copy of the text up to date, so that using the preview never
 * loses what was typed. Without JavaScript the server does the same checks.
 * Markup: x-data="formEditor" with data-valid / data-invalid / data-not-form
 * messages; the textarea x-ref="source" x-on:input="check"; a status
 * element x-text="message"; the "Formatta JSON" button hidden
 * x-bind:hidden="scriptless" x-on:click="format"; the preview's hidden
 * input data-editor-copy.
 */
document.addEventListener('alpine:init', () => {
  window.Alpine.data('formEditor', () => ({
    message: '',
    scriptless: false,

    init() {
      this.check()
    },

    /** "riga 3, colonna 14" of a JSON.parse error, when the browser says where. */
    where(error, text) {
      const position = /position (\d+)/.exec(error.message)
      if (position) {
        const before = text.slice(0, Number(position[1]))
        const line = before.split('\n').length
        return ` riga ${line}, colonna ${Number(position[1]) - before.lastIndexOf('\n')}.`
      }
      const lineColumn = /line (\d+) column (\d+)/.exec(error.message)
      return lineColumn ? ` riga ${lineColumn[1]}, colonna ${lineColumn[2]}.` : ''
    },

    check() {
      const source = this.$refs.source
      const data = this.$root.dataset
      const text = source.value
      let problem = ''
      try {
        const value = JSON.parse(text)
        if (!value || typeof value !== 'object' || !Array.isArray(value.components)) {
          problem = data.notForm
        }
      } catch (error) {
        problem = `${data.invalid}${this.where(error, text)}`
      }
      this.message = problem || data.valid
      if (problem) source.setAttribute('aria-invalid', 'true')
      else source.removeAttribute('aria-invalid')
      const copy = document.querySelector('[data-editor-copy]')
      if (copy) copy.value = text
    },

    format() {
      const source = this.$refs.source
      try {
        source.value = JSON.stringify(JSON.parse(source.value), null, 2)
      } catch {
        // the status already says where the JSON breaks
      }
      this.check()
      source.focus()
    },
  }))
})
