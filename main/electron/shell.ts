// The app's life from start to quit: one instance per data folder, the engine, the window,
// the IPC binding, tray, notifications and menu, and a clean engine shutdown on quit.
import { join } from 'node:path';
import { app, dialog, ipcMain, safeStorage, screen, session, shell, type BrowserWindow } from 'electron';
import { createEngine, createLogger, disableFaultPoints, loadConfig, watchDirFor, type Engine } from '../engine';
import { serveApiWhileEnabled } from '../engine/api';
import { forwardEngineEvents, registerFaxbotIpc } from './ipc';
import { chooseDataDir, chooseSqliteBinding } from './launchOptions';
import { keychainKeyWrapper } from './keychainKeyWrapper';
import { installAppMenu } from './menu';
import { notifyReceivedFaxes } from './notifications';
import { APP_ENTRY_URL, APP_ORIGIN, registerAppScheme, serveRenderer } from './protocol';
import {
  CONTENT_SECURITY_POLICY,
  developmentContentSecurityPolicy,
  hardenSession,
  hardenWebContents,
  helpHostsOf,
  isTrustedSender,
  originOf,
  type HelpLinks,
} from './security';
import { createFaxTray, trayIconPath } from './tray';
import { trackUnreadFaxes } from './unread';
import { WINDOW_SIZE, bringForwardForPrintedFiles, createMainWindow, requestNewFax, showWindow, windowTitle } from './window';
import { openWindowPlaceStore, rememberWindowPlace, windowPlaceNow } from './windowState';

export interface ShellOptions {
  /** The built preload (out/preload/index.cjs) and renderer folder (out/renderer). */
  preloadPath: string;
  rendererDir: string;
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  /** Where log lines go; standard error by default (tests keep them, and show them when a test fails). */
  writeLog?: (line: string) => void;
}

export interface FaxbotShell {
  engine: Engine;
  currentWindow(): BrowserWindow | null;
}

/** Paths of the built app, relative to this bundle (out/main/index.js). */
export function builtAppPaths(mainDir: string): Pick<ShellOptions, 'preloadPath' | 'rendererDir'> {
  return { preloadPath: join(mainDir, '../preload/index.cjs'), rendererDir: join(mainDir, '../renderer') };
}

/** The icons scripts/make-icons.mjs draws into build/, packaged with the app (electron-builder.yml files). */
export function appIconPaths(appRoot: string): { windowIcon: string; trayIconDir: string } {
  return { windowIcon: join(appRoot, 'build/icons/512x512.png'), trayIconDir: join(appRoot, 'build/tray') };
}

/**
 * Starts Faxbot. Call it at module load, before `ready`: the app:// scheme and the
 * single-instance lock must be settled before Chromium starts. Resolves to null when
 * another Faxbot already owns this data folder, or start-up failed (the person was told).
 */
export async function startFaxbotShell(options: ShellOptions): Promise<FaxbotShell | null> {
  // Crash tests' fault points (FAXBOT_FAULT_POINT) are for the development build only.
  if (app.isPackaged) disableFaultPoints();
  const argv = options.argv ?? process.argv;
  const env = options.env ?? process.env;
  const logger = createLogger({ scope: 'faxbot:electron', write: options.writeLog });
  const isMac = process.platform === 'darwin';

  registerAppScheme();

  const choice = chooseDataDir(argv, env, app.getPath('userData'));
  if (choice.source !== 'userData') {
    // Chromium's own profile (and with it the single-instance lock) follows the chosen data
    // folder, so two Faxbots on two data folders can run side by side, never two on one.
    app.setPath('userData', join(choice.dataDir, 'electron-profile'));
  }
  if (!app.requestSingleInstanceLock()) {
    logger.info('Faxbot is already running for this data folder; handing over to it');
    app.quit();
    return null;
  }

  const devServerUrl = !app.isPackaged ? env.ELECTRON_RENDERER_URL?.trim() || undefined : undefined;
  const appOrigin = (devServerUrl && originOf(devServerUrl)) || APP_ORIGIN;
  const entryUrl = devServerUrl ?? APP_ENTRY_URL;
  const onRefused = (what: string, url: string) => logger.warn(`blocked a ${what}`, { url: url.slice(0, 200) });

  let window: BrowserWindow | null = null;
  const currentWindow = () => (window && !window.isDestroyed() ? window : null);
  app.on('second-instance', () => showWindow(currentWindow()));
  let running: Engine | null = null;
  // Only the hosts the plugin manifests name, read when clicked: a manifest imported since start counts.
  const helpLinks: HelpLinks = {
    hosts: () => (running ? helpHostsOf(running.plugins.manifests()) : new Set()),
    open: (url) => void shell.openExternal(url).catch((error: unknown) => logger.warn('could not open a link in the browser', { error })),
  };
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, appOrigin, onRefused, helpLinks));

  await app.whenReady();

  let engine: Engine;
  try {
    // Electron's own userData folder is the default data folder: it watches <home>/Faxbot/Outbox, another one its own Outbox.
    const config = loadConfig({ dataDir: choice.dataDir, watchDir: watchDirFor(env, choice.dataDir, choice.source === 'userData') }, env);
    const sqliteNativeBinding = chooseSqliteBinding(env, app.getAppPath(), app.isPackaged);
    logger.info('starting the engine', {
      dataDir: config.dataDir,
      from: choice.source,
      watchDir: config.watchDir,
      sqliteNativeBinding: sqliteNativeBinding ?? '(node_modules)',
    });
    // After whenReady: safeStorage can only reach the keychain once the app is ready.
    const keyWrapper = keychainKeyWrapper(safeStorage, config.dataDir);
    if (keyWrapper.warning) logger.warn(keyWrapper.warning);
    engine = await createEngine({
      config,
      logger: createLogger({ write: options.writeLog }),
      headless: false,
      sqliteNativeBinding,
      keyWrapper,
      watchFolder: true,
    });
  } catch (error) {
    logger.error('the engine could not start', { error });
    const message = error instanceof Error ? error.message : String(error);
    dialog.showErrorBox('Faxbot could not start', `${message}\n\nData folder: ${choice.dataDir}`);
    app.exit(1);
    return null;
  }

  running = engine;
  hardenSession(session.defaultSession, appOrigin, devServerUrl ? developmentContentSecurityPolicy(appOrigin) : CONTENT_SECURITY_POLICY);
  if (!devServerUrl) serveRenderer(options.rendererDir);

  const disposers: Array<() => void> = [];
  disposers.push(
    registerFaxbotIpc({ ipcMain, engine, logger, isTrustedSender: (event) => isTrustedSender(event, currentWindow(), appOrigin) }),
  );
  disposers.push(forwardEngineEvents(engine, currentWindow));
  // A printed document (or a question about one) brings the window forward, on the Send screen.
  disposers.push(bringForwardForPrintedFiles(engine, () => (currentWindow() ? currentWindow() : (openWindow(), currentWindow()))));
  // The REST API on 127.0.0.1:FAXBOT_PORT, only while it is turned on (Settings → API keys).
  const stopApi = serveApiWhileEnabled({ engine, port: engine.config.port });

  const icons = appIconPaths(app.getAppPath());
  const places = openWindowPlaceStore(ipcMain, logger);
  let unreadNow = 0;
  const openWindow = () => {
    window = createMainWindow({
      preloadPath: options.preloadPath,
      entryUrl,
      appOrigin,
      onRefused,
      place: windowPlaceNow(places, screen, WINDOW_SIZE),
      icon: process.platform === 'linux' ? icons.windowIcon : undefined,
    });
    rememberWindowPlace(window, screen, places);
    window.setTitle(windowTitle(unreadNow));
    window.on('closed', () => {
      window = null;
    });
    return window;
  };
  openWindow();

  const quit = () => app.quit();
  const newFax = () => requestNewFax(currentWindow() ?? openWindow());
  const show = () => showWindow(currentWindow() ?? openWindow());
  const tray = createFaxTray({ showWindow: show, newFax, quit }, trayIconPath(icons.trayIconDir), (problem) => logger.warn(problem));
  disposers.push(() => tray.destroy());
  disposers.push(
    trackUnreadFaxes(
      engine,
      (unread) => {
        unreadNow = unread;
        currentWindow()?.setTitle(windowTitle(unread));
        tray.setUnread(unread);
      },
      logger,
    ),
  );
  disposers.push(notifyReceivedFaxes(engine, () => show()));
  installAppMenu({ isDevelopment: Boolean(devServerUrl), isMac, newFax, quit });

  app.on('activate', () => {
    if (!currentWindow()) openWindow();
  });
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });

  // Quit waits for the engine to finish its current write and close SQLite.
  let engineClosed = false;
  let closing = false;
  app.on('will-quit', (event) => {
    if (engineClosed) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    for (const dispose of disposers.reverse()) dispose();
    stopApi()
      .then(() => engine.close())
      .catch((error: unknown) => logger.error('the engine did not close cleanly', { error }))
      .finally(() => {
        engineClosed = true;
        app.quit();
      });
  });

  return { engine, currentWindow };
}
