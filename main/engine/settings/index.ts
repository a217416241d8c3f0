export { SettingsStore, DEFAULT_SETTINGS } from './settingsStore';
export { sendingWindowOf } from './sendingWindow';
