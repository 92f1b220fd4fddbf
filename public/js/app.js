/*
 * Behaviour of the pages as Alpine components registered by name. Alpine
 * runs in its CSP build, which evaluates no code written in the page: the
 * templates only name these components, their properties and methods.
 * This file loads before Alpine, so the components exist when it starts.
 */
document.addEventListener('alpine:init', () => {
  const Alpine = window.Alpine

  /**
   * Narrows a server-rendered list as the visitor types; the search form
   * still works without JavaScript. Markup: x-data="filterList" on the
   * wrapper, with data-results-zero / -one / -other ("{count}") texts; the
   * input has x-model="query" x-on:input="apply"; each item has
   * data-filter-item and data-filter-text (lower case); the live status has
   * x-text="status".
   */
  Alpine.data('filterList', () => ({
    query: '',
    visible: 0,

    init() {
      // x-model would blank the input: start from what the server rendered
      const input = this.$root.querySelector('[x-model="query"]')
      this.query = input ? input.value : ''
      this.apply()
    },

    items() {
      return Array.from(this.$root.querySelectorAll('[data-filter-item]'))
    },

    apply() {
      // accents dropped as the server does (data-filter-text comes without them)
      const words = this.query
        .normalize('NFD')
        .replace(/\p{M}/gu, '')
        .toLowerCase()
        .split(/\s+/)
        .filter(Boolean)
      let visible = 0
      for (const item of this.items()) {
        const text = item.dataset.filterText || ''
        const match = words.every((word) => text.includes(word))
        item.hidden = !match
        if (match) visible++
      }
      this.visible = visible
    },

    get status() {
      const data = this.$root.dataset
      if (this.visible === 0) return data.resultsZero
      if (this.visible === 1) return data.resultsOne
      return (data.resultsOther || '').replace('{count}', String(this.visible))
    },
  }))

  /**
   * Sends the browser on to an identity provider: the form (x-data=
   * "autoSubmit") posts itself as soon as Alpine starts; its submit button
   * stays for browsers without JavaScript.
   */
  Alpine.data('autoSubmit', () => ({
    init() {
      this.$el.submit()
    },
  }))

  /**
   * The "Profilo" buttons "Copia da residenza" / "Copia da domicilio": copy
   * the other address into this one in place (without JavaScript they
   * submit the form, and the server sends it back copied). Markup:
   * x-data="profileAddresses" on the form, data-copied-message on it; the
   * address inputs have data-address (residence | domicile) and data-part;
   * the buttons x-on:click.prevent="copyFromResidence" / "copyFromDomicile";
   * a role=status element per section x-text="residenceStatus" /
   * "domicileStatus".
   */
  Alpine.data('profileAddresses', () => ({
    copiedInto: '',

    copyFromResidence() {
      this.copy('residence', 'domicile')
    },

    copyFromDomicile() {
      this.copy('domicile', 'residence')
    },

    copy(from, to) {
      for (const source of this.$root.querySelectorAll(`[data-address="${from}"]`)) {
        const target = this.$root.querySelector(
          `[data-address="${to}"][data-part="${source.dataset.part}"]`
        )
        if (target && !target.readOnly) target.value = source.value
      }
      this.copiedInto = to
    },

    get residenceStatus() {
      return this.copiedInto === 'residence' ? this.$root.dataset.copiedMessage : ''
    },

    get domicileStatus() {
      return this.copiedInto === 'domicile' ? this.$root.dataset.copiedMessage : ''
    },
  }))

  /**
   * The tabs of the pratica page: opens the tab named by the address
   * (#messaggi, e.g. after "Invia messaggio") and keeps the address in
   * step with the tab shown, so that reloading or sharing it opens the
   * same tab. Bootstrap Italia moves between tabs with the arrow keys and
   * opens one with Enter or Space, but only from tabs it has already set
   * up: every tab is set up here. Markup: x-data="praticaTabs" around
   * the tabs, buttons with data-bs-toggle="tab" and data-tab="<name>"
   * (the address names the tab, not its panel: the browser would jump to
   * the panel and focus it).
   */
  Alpine.data('praticaTabs', () => ({
    init() {
      if (!window.bootstrap) return
      const buttons = this.$root.querySelectorAll('[data-bs-toggle="tab"]')
      for (const button of buttons) window.bootstrap.Tab.getOrCreateInstance(button)
      const name = window.location.hash.slice(1)
      const named = Array.from(buttons).find((button) => button.dataset.tab === name)
      if (named) window.bootstrap.Tab.getInstance(named).show()
      this.$root.addEventListener('shown.bs.tab', (event) => {
        const tab = event.target.dataset.tab
        if (tab) window.history.replaceState(null, '', `#${tab}`)
      })
    },
  }))
  /**
   * "Copia": copies the text of the element named by data-copy-target
   * (an id) and says so in the button's live label for a moment.
   * Markup: <button type="button" x-data="copyValue" x-on:click="copy"
   * data-copy-target="iuv-1"><span x-text="label">Copia</span></button>
   */
  Alpine.data('copyValue', () => ({
    label: 'Copia',

    async copy() {
      const target = document.getElementById(this.$root.dataset.copyTarget)
      if (!target || !navigator.clipboard) return
      await navigator.clipboard.writeText(target.textContent.trim())
      this.label = 'Copiato'
      setTimeout(() => (this.label = 'Copia'), 2000)
    },
  }))
})
