import { definePluginsConfig } from '#plugin_runtime/plugins_config'

/**
 * Installed plugins (the first of the three switches). Demo and test
 * plugins (`demo: true`) are installed but never allowed in production;
 * each ente enables those its contract includes in the backoffice.
 */
export default definePluginsConfig({
  installed: [
    () => import('#plugins/messaging_email/plugin'),
    () => import('#plugins/protocol_test_register/plugin'),
    () => import('#plugins/identity_spid/plugin'),
    () => import('#plugins/identity_cie/plugin'),
    () => import('#plugins/identity_test_idp/plugin'),
    () => import('#plugins/payment_mypay/plugin'),
    () => import('#plugins/payment_iris/plugin'),
    () => import('#plugins/payment_plugandpay/plugin'),
    () => import('#plugins/payment_advanced_system/plugin'),
    () => import('#plugins/payment_pagopa_gpd/plugin'),
  ],
})
