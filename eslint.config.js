import { configApp } from '@adonisjs/eslint-config'
import pluginBoundaries from './tooling/eslint/plugin_boundaries.js'

export default configApp(
  { ignores: ['build/**', 'storage/**', 'tmp/**', 'node_modules/**'] },
  {
    name: 'Plugin boundaries',
    files: ['plugins/**/*.ts'],
    plugins: { platform: { rules: { 'plugin-boundaries': pluginBoundaries } } },
    rules: { 'platform/plugin-boundaries': 'error' },
  }
)
