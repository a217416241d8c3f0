// Settings' tabs: each tab's panel, and the tab list that switches between them.
export { GeneralSettings } from './GeneralSettings';
export { ApiKeysSettings } from './ApiKeysSettings';
export { WebhooksSettings } from './WebhooksSettings';
export { SettingsTabs, tabId, panelId, type TabInfo } from './SettingsTabs';
