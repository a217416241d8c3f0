// The Electron transport of the contract: one ipcMain.handle per operation, each checking
// who is calling before the payload goes to the engine's dispatch (which validates it), and
// every engine event pushed to the window on one channel. A refused call is logged and never
// reaches the engine.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_EVENT_CHANNEL, OPERATION_NAMES, ipcChannel, type RpcReply } from '../../shared/contract';
import { dispatch, type Engine, type Logger } from '../engine';

export const REFUSED_REPLY: RpcReply<never> = Object.freeze({
  ok: false,
  error: {
    code: 'no_permission',
    message: 'Faxbot refused a request that did not come from its own window. Restart Faxbot if this keeps happening.',
  },
}) as RpcReply<never>;

export interface FaxbotIpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  engine: Engine;
  logger: Logger;
  /** Whether the calling frame is our window's own top-level page. */
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean;
}

/** Registers the handlers; the returned function removes them again. */
export function registerFaxbotIpc({ ipcMain, engine, logger, isTrustedSender }: FaxbotIpcOptions): () => void {
  for (const name of OPERATION_NAMES) {
    ipcMain.handle(ipcChannel(name), async (event, payload: unknown) => {
      if (!isTrustedSender(event)) {
        // Log where it came from, never the payload: it may hold fax numbers or documents.
        logger.warn("refused an IPC call from a frame that is not Faxbot's own page", {
          operation: name,
          frameUrl: event.senderFrame?.url ?? '(frame gone)',
        });
        return REFUSED_REPLY;
      }
      return dispatch(engine, name, payload, {
        // Which fields were wrong, never their values: they may hold fax numbers or documents.
        onRefused: (refusal) =>
          logger.warn('refused an IPC call whose payload does not fit the contract', {
            operation: name,
            fields: Object.keys(refusal.fields ?? {}),
          }),
      });
    });
  }
  return () => {
    for (const name of OPERATION_NAMES) ipcMain.removeHandler(ipcChannel(name));
  };
}

/**
 * Forwards every engine event to the current window as `{ event, payload }`. The window is
 * looked up on each event because it can be closed and opened again (macOS).
 */
export function forwardEngineEvents(engine: Engine, currentWindow: () => BrowserWindow | null): () => void {
  return engine.on((event, payload) => {
    const window = currentWindow();
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
    window.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
  });
}
