// The desktop transport without an Electron binary: the real built preload, the real IPC
// handlers and sender check, a real engine, and between them what Electron does to values
// (structured clone over IPC, contextBridge copies into the page). See each file's header.
import type { Engine, Logger } from '../../../main/engine';
import type { FaxbotApi } from '../../../shared/contract';
import type { FakeFrame } from '../../electron/fakeElectron';
import { emulateMainProcess, type EmulatedIpcMain, type EmulatedMain } from './mainProcess';
import { loadBuiltPreload } from './nodePreload';

export interface EmulatedDesktop {
  /** The page's window: `faxbot` is what the preload exposed, after the bridge. */
  page: { faxbot?: FaxbotApi };
  ipcMain: EmulatedIpcMain;
  /** The window's top-level frame; set its `url` to stand for the window having navigated away. */
  mainFrame: FakeFrame;
  /** Calls from now on come from this frame; null goes back to the window's own. */
  callFrom(frame: FakeFrame | null): void;
  /** webContents.send from the main process, e.g. an event the contract does not know. */
  send(channel: string, ...args: unknown[]): void;
  close(): void;
}

export function emulateDesktop(options: { engine: Engine; logger: Logger; preloadFile?: string }): EmulatedDesktop {
  let main: EmulatedMain | null = null;
  const preloaded = loadBuiltPreload(() => main!, options.preloadFile);
  main = emulateMainProcess({ engine: options.engine, logger: options.logger, deliver: preloaded.deliver });
  const ready = main;
  return {
    page: preloaded.page,
    ipcMain: ready.ipcMain,
    mainFrame: ready.mainFrame,
    callFrom: preloaded.callFrom,
    send: ready.send,
    close: () => ready.close(),
  };
}

export { passAcrossContextBridge, exposedInMainWorld } from './contextBridge';
export { emulateMainProcess, cloneForIpc, EMULATED_APP_ORIGIN, type EmulatedMain, type EmulatedIpcMain } from './mainProcess';
export { BUILT_PRELOAD } from './nodePreload';
export { emulatePreloadInPage, type PagePreloadOptions } from './pagePreload';
