// Light or dark: the theme setting, and the system's choice when it says 'system'. The
// answer goes on <html data-theme>, which the stylesheet reads; 'system' follows the
// system live, as the person switches it.
import type { Settings } from '../../../shared/model';

export type ThemeSetting = Settings['theme'];
export type Theme = 'light' | 'dark';

export function resolveTheme(setting: ThemeSetting | null | undefined, systemPrefersDark: boolean): Theme {
  if (setting === 'light' || setting === 'dark') return setting;
  // 'system', not loaded yet, or a value this window does not know.
  return systemPrefersDark ? 'dark' : 'light';
}

/** The parts of the page the theme touches; a real document and matchMedia in the window. */
export interface ThemeTarget {
  root: { setAttribute(name: string, value: string): void };
  darkQuery: {
    matches: boolean;
    addEventListener(type: 'change', listener: () => void): void;
    removeEventListener(type: 'change', listener: () => void): void;
  };
}

interface SettingsSource {
  getState(): { settings: Settings | null };
  subscribe(listener: (state: { settings: Settings | null }) => void): () => void;
}

/** Keeps data-theme right as the setting or the system changes; answers a function that stops. */
export function followTheme(settings: SettingsSource, target: ThemeTarget): () => void {
  const apply = () => target.root.setAttribute('data-theme', resolveTheme(settings.getState().settings?.theme, target.darkQuery.matches));
  apply();
  const stopSettings = settings.subscribe(apply);
  target.darkQuery.addEventListener('change', apply);
  return () => {
    stopSettings();
    target.darkQuery.removeEventListener('change', apply);
  };
}
