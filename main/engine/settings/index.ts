export { SettingsStore, DEFAULT_SETTINGS } from './settingsStore';
