// The main-process half of the emulated desktop: the shell's REAL IPC handlers
// (registerFaxbotIpc) and event forwarding (forwardEngineEvents) over a real engine, with the
// REAL sender check (isTrustedSender) against a window whose page is the app's. What crosses
// is structured-cloned both ways, as Electron's IPC does, with Electron's own failure words.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { Engine, Logger } from '../../../main/engine';
import { forwardEngineEvents, registerFaxbotIpc } from '../../../main/electron/ipc';
import { isTrustedSender } from '../../../main/electron/security';
import { FakeFrame } from '../../electron/fakeElectron';

/** The origin the shell serves its page from (main/electron/protocol.ts, APP_ORIGIN). */
export const EMULATED_APP_ORIGIN = 'app://faxbot';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** ipcMain as registerFaxbotIpc uses it; a test may swap one handler to answer garbage. */
export class EmulatedIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

export interface EmulatedMainOptions {
  engine: Engine;
  logger: Logger;
  /** The page's origin; the app's own by default. Calls from any other origin are refused. */
  appOrigin?: string;
  /** How webContents.send reaches the page (already cloned). */
  deliver: (channel: string, args: unknown[]) => void;
}

export interface EmulatedMain {
  ipcMain: EmulatedIpcMain;
  /** The window's top-level frame: its `url` is what the sender check reads. */
  mainFrame: FakeFrame;
  /** What ipcRenderer.invoke reaches, from `senderFrame` (the main frame unless said). */
  invoke(channel: string, args: unknown[], senderFrame?: FakeFrame): Promise<unknown>;
  /** webContents.send: a message to the page, as the shell pushes events. */
  send(channel: string, ...args: unknown[]): void;
  close(): void;
}

/** Electron's words when a value cannot cross IPC. */
const NOT_CLONEABLE = 'An object could not be cloned.';

export function emulateMainProcess({ engine, logger, appOrigin = EMULATED_APP_ORIGIN, deliver }: EmulatedMainOptions): EmulatedMain {
  const ipcMain = new EmulatedIpcMain();
  const mainFrame = new FakeFrame(`${appOrigin}/index.html`);
  let open = true;
  const webContents = {
    mainFrame,
    isDestroyed: () => !open,
    send(channel: string, ...args: unknown[]) {
      deliver(channel, structuredClone(args));
    },
  };
  const window = { webContents, isDestroyed: () => !open } as unknown as BrowserWindow;

  const unregister = registerFaxbotIpc({
    ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>,
    engine,
    logger,
    isTrustedSender: (event) => isTrustedSender(event, window, appOrigin),
  });
  const stopEvents = forwardEngineEvents(engine, () => (open ? window : null));

  return {
    ipcMain,
    mainFrame,
    async invoke(channel, args, senderFrame = mainFrame) {
      const handler = ipcMain.handlers.get(channel);
      const remote = (why: string) => new Error(`Error invoking remote method '${channel}': ${why}`);
      if (!handler) throw remote(`Error: No handler registered for '${channel}'`);
      const event = { sender: webContents, senderFrame } as unknown as IpcMainInvokeEvent;
      let reply: unknown;
      try {
        reply = await handler(event, ...args);
      } catch (error) {
        throw remote(String(error));
      }
      try {
        return structuredClone(reply);
      } catch {
        throw remote(`Error: ${NOT_CLONEABLE}`);
      }
    },
    send: (channel, ...args) => webContents.send(channel, ...args),
    close() {
      open = false;
      stopEvents();
      unregister();
    },
  };
}

/** The renderer side of ipcRenderer.invoke: its arguments are cloned before they leave, or refused. */
export function cloneForIpc(args: unknown[]): unknown[] {
  try {
    return structuredClone(args);
  } catch {
    throw new Error(NOT_CLONEABLE);
  }
}
