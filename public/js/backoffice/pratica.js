/*
 * Behaviour of the operator's pratica page (Alpine CSP build: the
 * templates only name these components). A classic script, loaded before
 * Alpine starts. Without JavaScript every form still works.
 */
document.addEventListener('alpine:init', () => {
  /**
   * "Assegna ad un operatore": choosing an office leaves in "Operatore"
   * only the operators of that office. Markup: x-data="assignOperator" on
   * the form, the office select x-on:change="narrow", the operator
   * options with data-offices="<id> <id>".
   */
  window.Alpine.data('assignOperator', () => ({
    init() {
      this.narrow()
    },

    narrow() {
      const office = this.$root.querySelector('[name="ufficio"]').value
      const select = this.$root.querySelector('[name="operatore"]')
      for (const option of select.querySelectorAll('option[data-offices]')) {
        const offices = option.dataset.offices.split(' ').filter(Boolean)
        option.hidden = office !== '' && !offices.includes(office)
        if (option.hidden && option.selected) select.value = ''
      }
    },
  }))

  /**
   * The response message of Approva / Rigetta as rich text: an editable
   * area with Grassetto, Corsivo and Elenco puntato, whose HTML goes into
   * the textarea the form sends (the server cleans it). Without
   * JavaScript the textarea is there to type into. Markup:
   * x-data="richTextEditor" around; the textarea x-ref="source"; the area
   * x-ref="editor" contenteditable x-on:input="sync"; buttons
   * x-on:click="bold" / "italic" / "list"; the word count x-text="words".
   */
  window.Alpine.data('richTextEditor', () => ({
    words: '',

    init() {
      const source = this.$refs.source
      const editor = this.$refs.editor
      editor.innerHTML = source.value
      // the error summary's link (#<id>) now leads to the area one writes in
      editor.id = source.id
      source.id = `${source.id}-source`
      source.hidden = true
      editor.hidden = false
      this.$root.querySelector('[data-toolbar]').hidden = false
      this.count()
    },

    sync() {
      this.$refs.source.value = this.$refs.editor.innerHTML
      this.count()
    },

    count() {
      const text = this.$refs.editor.innerText.trim()
      const total = text ? text.split(/\s+/).length : 0
      this.words = `${total} ${total === 1 ? 'parola' : 'parole'}`
    },

    command(name) {
      this.$refs.editor.focus()
      document.execCommand(name)
      this.sync()
    },

    bold() {
      this.command('bold')
    },

    italic() {
      this.command('italic')
    },

    list() {
      this.command('insertUnorderedList')
    },
  }))
})
