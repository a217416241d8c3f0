// Settings, in tabs (UX.md): General, Cover pages, Plugins, Webhooks, Storage & retention, API keys, Audit.
// Every panel stays mounted while Settings is open so an unsaved General form survives a look
// at another tab.
import { useId, type ReactNode } from 'react';
import { useDesk, useSlice } from '../deskContext';
import type { SettingsTab } from '../stores';
import {
  ApiKeysSettings,
  AuditSettings,
  CoverPagesSettings,
  GeneralSettings,
  PluginsSettings,
  SettingsTabs,
  StorageSettings,
  WebhooksSettings,
  panelId,
  tabId,
  type TabInfo,
} from './settings';

const TABS: readonly TabInfo<SettingsTab>[] = [
  { id: 'general', label: 'General' },
  { id: 'covers', label: 'Cover pages' },
  { id: 'plugins', label: 'Plugins' },
  { id: 'webhooks', label: 'Webhooks' },
  { id: 'storage', label: 'Storage & retention' },
  { id: 'apiKeys', label: 'API keys' },
  { id: 'audit', label: 'Audit' },
];

export function SettingsScreen() {
  const desk = useDesk();
  const prefix = useId();
  const current = useSlice(desk.nav, (s) => s.settingsTab);
  const panel = (tab: SettingsTab, content: ReactNode) => (
    <div
      role="tabpanel"
      id={panelId(prefix, tab)}
      aria-labelledby={tabId(prefix, tab)}
      hidden={tab !== current}
      tabIndex={0}
      className="settings-panel"
    >
      {content}
    </div>
  );

  return (
    <section className="screen settings-screen" aria-labelledby="settings-title">
      <h1 id="settings-title" className="pane-title">
        Settings
      </h1>
      <SettingsTabs idPrefix={prefix} tabs={TABS} current={current} onSelect={(tab) => desk.nav.getState().openSettingsTab(tab)} />
      {panel('general', <GeneralSettings />)}
      {panel('covers', <CoverPagesSettings visible={current === 'covers'} />)}
      {panel('plugins', <PluginsSettings visible={current === 'plugins'} />)}
      {panel('webhooks', <WebhooksSettings visible={current === 'webhooks'} />)}
      {panel('storage', <StorageSettings visible={current === 'storage'} />)}
      {panel('apiKeys', <ApiKeysSettings visible={current === 'apiKeys'} />)}
      {panel('audit', <AuditSettings visible={current === 'audit'} />)}
    </section>
  );
}
