// The sending window as the queue reads it: off, or its hours and days in this computer's zone.
import type { SendingWindow } from '../../../shared/schedule';
import type { SettingsStore } from './settingsStore';

export function sendingWindowOf(settings: SettingsStore): { window: SendingWindow; timeZone: string } | null {
  const s = settings.get();
  if (!s.sendingWindowOn) return null;
  const window = { start: s.sendingWindowStart, end: s.sendingWindowEnd, days: s.sendingWindowDays };
  return { window, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}
