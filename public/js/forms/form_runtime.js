/*
 * The form engine in the browser: the page embeds the form's definition as
 * JSON data, and this module runs the very modules the server validates
 * with (served from app/domain/forms at /assets/domain/) on every change:
 * computed values, what is shown, errors next to the fields. The server
 * stays authoritative; without JavaScript it does all of this itself.
 */
import { evaluateForm } from '/assets/domain/forms/evaluate.js'
import { readSubmission } from '/assets/domain/forms/read_submission.js'
import { walk } from '/assets/domain/forms/walker.js'
import { nameOf, getAt } from '/assets/domain/forms/data_paths.js'
import { fileProblem } from '/assets/domain/forms/rules/files.js'
import { builtInList } from '/assets/domain/forms/lists/index.js'
import { displayDate } from '/assets/domain/forms/values.js'

const NEW_FILES_PREFIX = 'upload:'
const ROW_PLACEHOLDER = '__ROW__'

function today() {
  const now = new Date()
  return { year: now.getFullYear(), month: now.getMonth() + 1, date: now.getDate() }
}

function setup(form) {
  const { definition, options: platform } = JSON.parse(
    form.querySelector('[data-form-definition]').textContent
  )
  const comuni = Array.from(document.querySelectorAll('#sdc-list-comuni option')).map((option) => ({
    value: option.value,
    label: option.textContent,
  }))
  const optionsOf = (node) => {
    if (node.list === 'province') return builtInList('province')
    if (node.list === 'comuni') return comuni.length ? comuni : undefined
    if (node.source) return platform[node.uid]
    return node.options
  }
  const context = { today: today(), options: optionsOf }
  const touched = new Set()
  const fileErrors = {}
  let shownAll = false

  /** The form's fields as the server would read them from the POST. */
  function postedFields() {
    const fields = {}
    for (const [name, value] of new FormData(form).entries()) {
      if (typeof value !== 'string') continue
      if (name.endsWith('[]')) (fields[name.slice(0, -2)] ??= []).push(value)
      else fields[name] = value
    }
    // chosen files count as uploads for "required"; their name and size are checked here
    for (const input of form.querySelectorAll('input[type=file][data-new-files]')) {
      const name = input.name.slice(NEW_FILES_PREFIX.length)
      const kept = fields[name] ?? []
      fields[name] = [...kept, ...Array.from(input.files).map((_, index) => `pending:${index}`)]
    }
    return fields
  }

  function uploadRef(id) {
    if (id.startsWith('pending:')) return { id, name: '', size: 0, type: '' }
    const row = form.querySelector(`[data-upload="${CSS.escape(id)}"]`)
    return row
      ? { id, name: row.dataset.uploadName, size: Number(row.dataset.uploadSize), type: '' }
      : undefined
  }

  function run(steps) {
    const values = readSubmission(definition, postedFields(), { options: optionsOf, file: uploadRef })
    const evaluation = evaluateForm(definition, values, context, steps ? { steps } : {})
    const hidden = new Set(evaluation.hidden)
    for (const element of form.querySelectorAll('[data-instance]')) {
      element.hidden = hidden.has(element.dataset.instance)
    }
    showComputed(evaluation.values)
    const errors = { ...evaluation.errors, ...fileErrors }
    for (const wrapper of form.querySelectorAll('[data-field]')) {
      const name = wrapper.dataset.field
      const visible = shownAll || touched.has(name)
      showError(wrapper, visible && !wrapper.hidden ? errors[name] : undefined)
    }
    return errors
  }

  function showComputed(values) {
    walk(definition, values, (visit) => {
      if (visit.node.kind !== 'field' || !visit.node.calculate) return
      const input = form.querySelector(`[name="${CSS.escape(nameOf(visit.path))}"]`)
      if (!input || input === document.activeElement || input.type === 'file') return
      const value = getAt(values, visit.path)
      const text = visit.node.type === 'datetime' ? displayDate(value) : String(value ?? '')
      if (input.value !== text) input.value = text
    })
  }

  function showError(wrapper, message) {
    const error = wrapper.querySelector('.invalid-feedback')
    if (!error) return
    error.textContent = message ?? ''
    error.hidden = !message
    for (const input of wrapper.querySelectorAll('input:not([type=hidden]), select, textarea')) {
      const described = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== error.id)
      if (message) {
        input.setAttribute('aria-invalid', 'true')
        if (input.type !== 'radio' && input.type !== 'checkbox') input.classList.add('is-invalid')
        described.push(error.id)
      } else {
        input.removeAttribute('aria-invalid')
        input.classList.remove('is-invalid')
      }
      if (described.length) input.setAttribute('aria-describedby', described.join(' '))
      else input.removeAttribute('aria-describedby')
    }
  }

  function showSummary(errors) {
    const summary = form.querySelector('[data-error-summary]')
    const list = summary.querySelector('[data-error-list]')
    list.replaceChildren()
    for (const wrapper of form.querySelectorAll('[data-field]')) {
      const message = errors[wrapper.dataset.field]
      if (!message || wrapper.hidden || wrapper.closest('[hidden]')) continue
      const target = wrapper.querySelector('input:not([type=hidden]), select, textarea')
      const label = wrapper.querySelector('label, legend')
      const link = document.createElement('a')
      link.href = `#${target?.id ?? ''}`
      link.textContent = `${label ? label.textContent.replace(/\s*\*$/, '').trim() + ': ' : ''}${message}`
      const item = document.createElement('li')
      item.append(link)
      list.append(item)
    }
    summary.hidden = list.children.length === 0
    if (!summary.hidden) {
      summary.setAttribute('tabindex', '-1')
      summary.focus()
    }
  }

  function checkChosenFiles(input) {
    const name = input.name.slice(NEW_FILES_PREFIX.length)
    const node = nodeNamed(name)
    delete fileErrors[name]
    for (const file of node?.file ? input.files : []) {
      const problem = fileProblem(node.file, file)
      if (problem) fileErrors[name] = problem
    }
  }

  function nodeNamed(name) {
    let found
    walk(definition, readSubmission(definition, postedFields(), { options: optionsOf, file: uploadRef }), (visit) => {
      if (!found && nameOf(visit.path) === name) found = visit.node
    })
    return found
  }

  function addRow(button) {
    const grid = button.closest('[data-grid]')
    const rows = grid.querySelector('[data-grid-rows]')
    const index = rows.querySelectorAll(':scope > [data-grid-row]').length
    const html = grid
      .querySelector('template[data-grid-template]')
      .innerHTML.replaceAll(ROW_PLACEHOLDER, String(index))
      .replaceAll('__NUMBER__', String(index + 1))
    rows.insertAdjacentHTML('beforeend', html)
    const added = rows.lastElementChild
    // a removed row is renumbered by the server: removal stays a submit
    added.querySelector('input:not([type=hidden]), select, textarea')?.focus()
    run()
  }

  const markTouched = (event) => {
    const wrapper = event.target.closest('[data-field]')
    if (wrapper) touched.add(wrapper.dataset.field)
  }
  form.addEventListener('input', () => run())
  form.addEventListener('change', (event) => {
    if (event.target.matches('input[type=file][data-new-files]')) checkChosenFiles(event.target)
    markTouched(event)
    run()
  })
  form.addEventListener('focusout', (event) => {
    markTouched(event)
    run()
  })
  form.addEventListener('click', (event) => {
    const add = event.target.closest('[data-grid-add]')
    if (add) {
      event.preventDefault()
      addRow(add)
    }
  })
  form.addEventListener('submit', (event) => {
    const action = event.submitter?.value ?? 'submit'
    if (event.submitter?.hasAttribute('data-skip-checks')) return
    const step = Number(form.elements.namedItem('_step').value)
    shownAll = true
    const errors = run(action === 'next' ? [step] : undefined)
    const stepErrors = Object.keys(errors).filter((name) => {
      const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`)
      return wrapper && !wrapper.closest('[hidden]')
    })
    if (stepErrors.length > 0) {
      event.preventDefault()
      showSummary(errors)
    }
  })
  run()
}

for (const form of document.querySelectorAll('form[data-sdc-form]')) setup(form)
