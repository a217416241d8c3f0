// The Electron shell's door and the main-process entry (out/main/index.js). Everything the
// shell does is thin: it hosts the engine, binds the contract to IPC, and adds the desktop
// touches (tray, notifications, menu). The engine itself never imports Electron.
import { createLogger } from '../engine';
import { surviveStreamErrors } from '../engine/streams';
import { builtAppPaths, startFaxbotShell } from './shell';

export { startFaxbotShell, builtAppPaths, type FaxbotShell, type ShellOptions } from './shell';
export { registerFaxbotIpc, forwardEngineEvents, REFUSED_REPLY } from './ipc';
export {
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isTrustedSender,
  isAppPage,
  originOf,
  secureWebPreferences,
} from './security';
export { APP_ORIGIN, APP_ENTRY_URL, createRendererHandler } from './protocol';
export { chooseDataDir, chooseSqliteBinding } from './launchOptions';
export { createMainWindow, windowTitle } from './window';

// Only start when Electron runs this file, not when a test imports it with a fake 'electron'.
if (process.versions.electron) {
  // The app serves the REST API and webhooks all day: a stream error nobody heard must not quit it.
  surviveStreamErrors(createLogger({ scope: 'faxbot:electron' }));
  void startFaxbotShell(builtAppPaths(import.meta.dirname));
}
