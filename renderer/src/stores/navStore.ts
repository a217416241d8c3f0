// Which screen of the desk is showing, and which Settings tab (kept here so leaving
// Settings and coming back opens the same tab).
import { createStore, type StoreApi } from 'zustand/vanilla';

export const SCREENS = ['send', 'outbox', 'inbox', 'contacts', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

/** The Settings tabs that exist so far, in the order UX.md lists them. */
export const SETTINGS_TABS = ['general', 'covers', 'plugins', 'webhooks', 'storage', 'apiKeys', 'audit'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

export interface NavState {
  screen: Screen;
  settingsTab: SettingsTab;
  go(screen: Screen): void;
  openSettingsTab(tab: SettingsTab): void;
}

export type NavStore = StoreApi<NavState>;

export function createNavStore(initial: Screen = 'send'): NavStore {
  return createStore<NavState>()((set) => ({
    screen: initial,
    settingsTab: 'general',
    go: (screen) => set({ screen }),
    openSettingsTab: (settingsTab) => set({ settingsTab }),
  }));
}
