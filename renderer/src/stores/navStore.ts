// Which screen of the desk is showing.
import { createStore, type StoreApi } from 'zustand/vanilla';

export const SCREENS = ['send', 'outbox', 'inbox', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface NavState {
  screen: Screen;
  go(screen: Screen): void;
}

export type NavStore = StoreApi<NavState>;

export function createNavStore(initial: Screen = 'send'): NavStore {
  return createStore<NavState>()((set) => ({ screen: initial, go: (screen) => set({ screen }) }));
}
