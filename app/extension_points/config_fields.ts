/**
 * Configuration field descriptors for plugins (see
 * app/plugin_runtime/config_fields.ts), re-exported so plugins import only
 * `#extension_points/*`.
 */
export { field, configObjectSchema } from '#plugin_runtime/config_fields'
export type {
  ConfigField,
  ConfigFields,
  FieldInput,
  FieldOption,
  InferConfig,
} from '#plugin_runtime/config_fields'
