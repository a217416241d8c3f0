import { describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { followTheme, followUnreadTitle, resolveTheme, windowTitle } from '../../../renderer/src/frame';
import type { Settings } from '../../../shared/model';

// The Electron shell's own title, loaded with the project's stand-in for the electron module.
vi.mock('electron', async () => await import('../../electron/fakeElectron'));
const { windowTitle: electronWindowTitle } = await import('../../../main/electron/window');

describe('the theme', () => {
  it('is the setting when it says light or dark, and the system’s choice otherwise', () => {
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme(null, true)).toBe('dark');
    expect(resolveTheme('purple' as never, false)).toBe('light');
  });

  it('follows the setting and, on system, the system as it switches; stops when asked', () => {
    const attributes: Record<string, string> = {};
    const listeners = new Set<() => void>();
    const darkQuery = {
      matches: false,
      addEventListener: (_: 'change', l: () => void) => void listeners.add(l),
      removeEventListener: (_: 'change', l: () => void) => void listeners.delete(l),
    };
    const settings = createStore<{ settings: Settings | null }>()(() => ({ settings: null }));
    const stop = followTheme(settings, { root: { setAttribute: (n, v) => (attributes[n] = v) }, darkQuery });
    expect(attributes['data-theme']).toBe('light');
    darkQuery.matches = true;
    listeners.forEach((l) => l());
    expect(attributes['data-theme']).toBe('dark');
    settings.setState({ settings: { theme: 'light' } as Settings });
    expect(attributes['data-theme']).toBe('light');
    settings.setState({ settings: { theme: 'system' } as Settings });
    expect(attributes['data-theme']).toBe('dark');
    stop();
    expect(listeners.size).toBe(0);
    settings.setState({ settings: { theme: 'light' } as Settings });
    expect(attributes['data-theme']).toBe('dark');
  });
});

describe('the window title', () => {
  it('reads the same in a browser tab as the Electron shell sets it', () => {
    for (const unread of [0, 1, 3, 120]) expect(windowTitle(unread)).toBe(electronWindowTitle(unread));
    expect(windowTitle(3)).toBe('(3) Faxbot');
    expect(windowTitle(0)).toBe('Faxbot');
  });

  it('follows the unread count', () => {
    const inbox = createStore<{ unread: number }>()(() => ({ unread: 2 }));
    const page = { title: '' };
    const stop = followUnreadTitle(inbox, page);
    expect(page.title).toBe('(2) Faxbot');
    inbox.setState({ unread: 0 });
    expect(page.title).toBe('Faxbot');
    stop();
    inbox.setState({ unread: 9 });
    expect(page.title).toBe('Faxbot');
  });
});
