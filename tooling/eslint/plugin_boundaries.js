import path from 'node:path'

/**
 * ESLint rule `platform/plugin-boundaries`: a file under plugins/<id>/
 * imports only `#extension_points/*`, npm packages and node built-ins, and
 * files of its own folder. Never core code (#models/..., ../../app/...) nor
 * another plugin, so the runtime and the core can change behind the
 * extension point contracts (DESIGN.md, "Extension points").
 */

const PLUGIN_FILE = /^plugins\/([^/]+)\//
const ALLOWED_ALIAS = '#extension_points/'

/** @param {string} file */
function toPosix(file) {
  return file.split(path.sep).join('/')
}

/** @type {import('eslint').Rule.RuleModule} */
const rule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Plugins import only #extension_points/*, packages and their own files',
    },
    messages: {
      alias:
        'A plugin imports from the app only #extension_points/*, not "{{ source }}" ' +
        '(ask for what you need to be exposed by the extension point)',
      leaves: '"{{ source }}" leaves plugins/{{ plugin }}/: a plugin imports only its own files',
      otherPlugin: '"{{ source }}" is another plugin: plugins never import each other',
    },
    schema: [],
  },

  create(context) {
    const file = toPosix(path.relative(context.cwd, context.filename))
    const match = PLUGIN_FILE.exec(file)
    if (!match) return {}
    const plugin = match[1]
    const pluginRoot = path.join(context.cwd, 'plugins', plugin)

    /**
     * @param {import('estree').Node} node
     * @param {unknown} source
     */
    function check(node, source) {
      if (typeof source !== 'string') return
      const report = (/** @type {string} */ messageId) =>
        context.report({ node, messageId, data: { source, plugin } })

      if (source.startsWith('#plugins/')) {
        return report('otherPlugin')
      }
      if (source.startsWith('#')) {
        const escapes = source.split('/').includes('..')
        if (!source.startsWith(ALLOWED_ALIAS) || escapes) report('alias')
        return
      }
      if (source.startsWith('.') || path.isAbsolute(source)) {
        const target = path.resolve(path.dirname(context.filename), source)
        const fromRoot = path.relative(pluginRoot, target)
        if (fromRoot.startsWith('..') || path.isAbsolute(fromRoot)) {
          const other = PLUGIN_FILE.exec(`${toPosix(path.relative(context.cwd, target))}/`)
          report(other ? 'otherPlugin' : 'leaves')
        }
      }
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
      // `typeof import('#models/user')` in type positions (`source` since
      // typescript-eslint 8.x, `argument` before)
      TSImportType: (/** @type {any} */ node) =>
        check(node, (node.source ?? node.argument?.literal)?.value),
    }
  },
}

export default rule
