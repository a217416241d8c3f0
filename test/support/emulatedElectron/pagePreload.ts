// The emulated desktop in real Chromium, for the e2e tests. The page is the real built
// renderer; before it loads, an init script runs the REAL built preload bundle in the page
// with an ipcRenderer whose invoke clones its arguments (structuredClone, as Electron does)
// and crosses to Node over a Playwright binding, and a contextBridge that copies what the
// preload exposes by the same rules as in Node (contextBridge.ts, its source text handed
// over). In Node the shell's real IPC handlers and sender check run against a real engine
// (mainProcess.ts), the sender frame being the page's real frame; events come back through
// page.evaluate, cloned. One difference from Electron, said plainly: the preload shares the
// page's JavaScript world here, so its binding is reachable from the page; the copies at the
// boundary are what the tests rely on, not that isolation.
import { readFileSync } from 'node:fs';
import type { Frame, Page } from 'playwright-core';
import type { Engine, Logger } from '../../../main/engine';
import { FakeFrame } from '../../electron/fakeElectron';
import { exposedInMainWorld, passAcrossContextBridge } from './contextBridge';
import { emulateMainProcess, type EmulatedMain } from './mainProcess';
import { assertFreshBuild, BUILT_PRELOAD } from './nodePreload';

const INVOKE_BINDING = '__faxbotEmulatedIpcInvoke';
const DELIVER = '__faxbotEmulatedIpcDeliver';

/** The page side: the bridge's copy rules, ipcRenderer over the binding, then the bundle itself. */
function initScript(bundle: string): string {
  return `(() => {
  ${passAcrossContextBridge.toString()}
  ${exposedInMainWorld.toString()}
  const listeners = new Map();
  const ipcRenderer = {
    invoke(channel, ...args) {
      let cloned;
      try {
        cloned = structuredClone(args);
      } catch {
        return Promise.reject(new Error('An object could not be cloned.'));
      }
      return window.${INVOKE_BINDING}(channel, cloned);
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel).add(listener);
      return ipcRenderer;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipcRenderer;
    },
  };
  Object.defineProperty(window, '${DELIVER}', {
    value: (channel, args) => {
      for (const listener of [...(listeners.get(channel) ?? [])]) listener({ sender: null }, ...args);
    },
  });
  const contextBridge = {
    exposeInMainWorld(key, api) {
      if (key in window) throw new Error('Cannot bind an API on top of an existing property on the window object');
      Object.defineProperty(window, key, { value: exposedInMainWorld(api), enumerable: true });
    },
  };
  const module = { exports: {} };
  const require = (name) => {
    if (name === 'electron') return { ipcRenderer, contextBridge };
    throw new Error('A sandboxed preload cannot require "' + name + '"; only "electron" is there.');
  };
  (function (require, module, exports) {
${bundle}
  })(require, module, module.exports);
})();`;
}

export interface PagePreloadOptions {
  engine: Engine;
  logger: Logger;
  /** The origin the page is served from: the app's own page, for the sender check. */
  appOrigin: string;
  preloadFile?: string;
}

/** Call before page.goto: every page load then gets window.faxbot from the built preload. */
export async function emulatePreloadInPage(page: Page, options: PagePreloadOptions): Promise<EmulatedMain> {
  const file = options.preloadFile ?? BUILT_PRELOAD;
  assertFreshBuild(file);
  const main = emulateMainProcess({
    engine: options.engine,
    logger: options.logger,
    appOrigin: options.appOrigin,
    // An event sent while the page is loading is lost, as it is for a window not ready yet.
    deliver: (channel, args) => {
      const delivered = page.evaluate(
        ({ deliver, name, message }) => (window as unknown as Record<string, (c: string, a: unknown[]) => void>)[deliver]?.(name, message),
        { deliver: DELIVER, name: channel, message: args },
      );
      delivered.catch(() => {});
    },
  });
  const subframes = new WeakMap<Frame, FakeFrame>();
  const frameOf = (frame: Frame): FakeFrame => {
    if (frame === page.mainFrame()) {
      main.mainFrame.url = frame.url();
      return main.mainFrame;
    }
    const known = subframes.get(frame) ?? new FakeFrame(frame.url(), main.mainFrame);
    known.url = frame.url();
    subframes.set(frame, known);
    return known;
  };
  await page.exposeBinding(INVOKE_BINDING, (source, channel: string, args: unknown[]) => main.invoke(channel, args, frameOf(source.frame)));
  await page.addInitScript({ content: initScript(readFileSync(file, 'utf8')) });
  return main;
}
