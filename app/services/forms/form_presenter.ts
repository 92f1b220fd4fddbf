import type { FormPage } from '#services/forms/form_page'
import { newFilesName } from '#services/forms/form_page'
import { buildView, type NodeView } from '#domain/forms/view_model'
import type { FormNode, Option } from '#domain/forms/types'
import { comuniOptions } from '#services/forms/form_options'
import { translateDefinition, type TranslatedLanguage } from '#domain/form_translations'
import { safeHtml } from '#services/html/safe_html'

/**
 * Everything the form templates print, from a FormPage: the node views,
 * the steps, the buttons, the error summary, and the JSON the browser
 * module runs the same rules on (definition plus the options of selects
 * whose options come from the platform).
 */
export async function presentForm(page: FormPage, options: { language?: string } = {}) {
  const definition = shownDefinition(page, options.language)
  const nodes = buildView(definition, {
    values: page.values,
    hidden: page.hidden,
    errors: page.errors,
    options: page.options,
  })
  const steps = definition.wizard
    ? definition.children.map((node, index) => ({
        index,
        number: index + 1,
        title: (node.kind === 'layout' && node.title) || node.label || `Passo ${index + 1}`,
        current: index === page.step,
        done: index < page.step,
        hidden: page.hidden.has(node.uid),
      }))
    : []
  const lastStep = Math.max(...steps.filter((step) => !step.hidden).map((step) => step.index), 0)
  const errorSummary = collectErrors(nodes)
  return {
    nodes,
    steps,
    visibleSteps: steps.filter((step) => !step.hidden),
    step: page.step,
    wizard: page.definition.wizard,
    isFirst:
      steps.length === 0 ||
      page.step === Math.min(...steps.filter((s) => !s.hidden).map((s) => s.index)),
    isLast: steps.length === 0 || page.step >= lastStep,
    draftToken: page.draftToken,
    identityNote: page.identityNote,
    multipart: hasFiles(page.definition.children),
    comuni: usesList(page.definition.children, 'comuni') ? await comuniOptions() : [],
    errorSummary,
    browserJson: safeJson({ definition, options: platformOptions(page) }),
    newFilesName,
  }
}

/**
 * The definition as the citizen reads it: labels in their language where
 * the version has a translation (`language`, e.g. i18n.locale), and the
 * HTML of content blocks cleaned, since staff wrote it and citizens see it.
 */
function shownDefinition(page: FormPage, language?: string) {
  const dictionary =
    language && language !== 'it'
      ? page.version.translations?.[language as TranslatedLanguage]
      : undefined
  const cleanContent = (node: FormNode): FormNode =>
    node.kind === 'content'
      ? { ...node, html: safeHtml(node.html) }
      : 'children' in node
        ? ({ ...node, children: node.children.map(cleanContent) } as FormNode)
        : node
  const translated = translateDefinition(page.definition, dictionary)
  return { ...translated, children: translated.children.map(cleanContent) }
}

/** JSON inside <script type="application/json">: "<" escaped so no "</script>" can close it. */
function safeJson(value: unknown) {
  return JSON.stringify(value).replace(/</g, '\\u003c')
}

function platformOptions(page: FormPage) {
  const options: Record<string, Option[]> = {}
  const visit = (nodes: FormNode[]) =>
    nodes.forEach((node) => {
      if (node.kind === 'field' && node.source) options[node.uid] = page.options(node) ?? []
      if ('children' in node) visit(node.children)
    })
  visit(page.definition.children)
  return options
}

function hasFiles(nodes: FormNode[]): boolean {
  return nodes.some(
    (node) =>
      (node.kind === 'field' && node.type === 'file') ||
      ('children' in node && hasFiles(node.children))
  )
}

function usesList(nodes: FormNode[], list: string): boolean {
  return nodes.some(
    (node) =>
      (node.kind === 'field' && node.list === list) ||
      ('children' in node && usesList(node.children, list))
  )
}

function collectErrors(nodes: NodeView[]): Array<{ href: string; message: string; label: string }> {
  const found: Array<{ href: string; message: string; label: string }> = []
  const visit = (node: NodeView) => {
    if (node.hidden) return
    if ((node.kind === 'field' || node.kind === 'grid' || node.kind === 'address') && node.error) {
      const target =
        node.kind === 'field' && ['radio', 'selectboxes'].includes(node.type)
          ? `${node.id}-0`
          : node.id
      found.push({ href: `#${target}`, message: node.error, label: node.label })
    }
    if (node.kind === 'grid') node.rows.forEach((row) => row.children.forEach(visit))
    else if ('children' in node) node.children.forEach(visit)
  }
  nodes.forEach(visit)
  return found
}
