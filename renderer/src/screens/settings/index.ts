// Settings' tabs: each tab's panel, and the tab list that switches between them.
export { GeneralSettings } from './GeneralSettings';
export { CoverPagesSettings } from './CoverPagesSettings';
export { PluginsSettings } from './PluginsSettings';
export { ApiKeysSettings } from './ApiKeysSettings';
export { WebhooksSettings } from './WebhooksSettings';
export { StorageSettings } from './StorageSettings';
export { AuditSettings } from './AuditSettings';
export { SettingsTabs, tabId, panelId, type TabInfo } from './SettingsTabs';
