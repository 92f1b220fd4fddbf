import { test } from '@japa/runner'
import { ESLint } from 'eslint'
import { fileURLToPath } from 'node:url'
import app from '@adonisjs/core/services/app'

/**
 * Runs the project's own eslint.config.js, so the test covers both the
 * rule and its wiring to plugins/**.
 */
const eslint = new ESLint({ cwd: fileURLToPath(app.appRoot) })

async function violations(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages
    .filter((message) => message.ruleId === 'platform/plugin-boundaries')
    .map((message) => message.messageId)
}

test.group('ESLint rule platform/plugin-boundaries', () => {
  test('allows {0}')
    .with([
      [
        'an extension point',
        'plugins/payment_x/plugin.ts',
        "import { field } from '#extension_points/config_fields'",
      ],
      [
        'npm packages and built-ins',
        'plugins/payment_x/client.ts',
        "import soap from 'soap'\nimport fs from 'node:fs'",
      ],
      [
        'its own files',
        'plugins/payment_x/simulator/server.ts',
        "import { a } from '../adapter.js'\nexport * from './wsdl.js'",
      ],
      ['core imports outside plugins', 'app/services/pay.ts', "import Ente from '#models/ente'"],
    ])
    .run(async ({ assert }, [, filePath, code]) => {
      assert.deepEqual(await violations(filePath, code), [])
    })

  test('rejects {0}')
    .with([
      ['a core model', "import Ente from '#models/ente'", 'alias'],
      [
        'the plugin runtime',
        "export { definePlugin } from '#plugin_runtime/define_plugin'",
        'alias',
      ],
      [
        'an alias climbing out of extension points',
        "import x from '#extension_points/../models/ente'",
        'alias',
      ],
      [
        'a relative path out of the plugin',
        "import Ente from '../../app/models/ente.js'",
        'leaves',
      ],
      ['another plugin by path', "import other from '../payment_other/plugin.js'", 'otherPlugin'],
      [
        'another plugin by alias',
        "import other from '#plugins/payment_other/plugin'",
        'otherPlugin',
      ],
      [
        'a dynamic import of core code',
        "const m = await import('#services/enti/ente_lookup')",
        'alias',
      ],
      ['a type-only import of core code', "type E = typeof import('#models/ente')", 'alias'],
    ])
    .run(async ({ assert }, [, code, messageId]) => {
      assert.deepEqual(await violations('plugins/payment_x/adapter.ts', code), [messageId])
    })
})
