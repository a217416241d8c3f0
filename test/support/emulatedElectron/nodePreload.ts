// The renderer half in Node: the REAL built preload (out/preload/index.cjs) runs in a realm of
// its own (as the isolated world is), its require('electron') answered with an emulated
// ipcRenderer and contextBridge, and what it exposes lands on a `page` object (the main world)
// after passing the emulated bridge.
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileFunction, createContext, runInContext } from 'node:vm';
import type { FaxbotApi } from '../../../shared/contract';
import { exposedInMainWorld } from './contextBridge';
import { cloneForIpc, type EmulatedMain } from './mainProcess';
import type { FakeFrame } from '../../electron/fakeElectron';

export const BUILT_PRELOAD = resolve('out/preload/index.cjs');

export interface PreloadedPage {
  /** The page's window as far as the renderer's connectToEngine reads it. */
  page: { faxbot?: FaxbotApi } & Record<string, unknown>;
  /** Calls from now on come from this frame (a subframe, another page); null goes back to the main frame. */
  callFrom(frame: FakeFrame | null): void;
  /** Stands for webContents.send: hands a message to the preload's listeners. */
  deliver(channel: string, args: unknown[]): void;
}

type Listener = (event: unknown, ...args: unknown[]) => void;

/** The bundle is what is tested, so one older than its sources would test yesterday's code. */
export function assertFreshBuild(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first (the emulated preload loads the built bundle).`);
  const built = statSync(file).mtimeMs;
  const newer = ['preload', 'shared']
    .flatMap((dir) => readdirSync(resolve(dir), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .find((source) => statSync(source).mtimeMs > built);
  if (newer) throw new Error(`${file} is older than ${newer}: run "npm run build" so the emulated preload loads the current code.`);
}

/** Loads the built preload for a page whose IPC goes to `main` (set once the main side exists). */
export function loadBuiltPreload(main: () => EmulatedMain, file = BUILT_PRELOAD): PreloadedPage {
  assertFreshBuild(file);
  const page: PreloadedPage['page'] = {};
  const listeners = new EventEmitter();
  let frame: FakeFrame | null = null;

  const isolatedWorld = createContext({ console });
  // ipcRenderer lives in the isolated world, so the errors it rejects with are that world's.
  const IsolatedError = runInContext('Error', isolatedWorld) as ErrorConstructor;
  const ipcRenderer = {
    // Electron clones the arguments as the call leaves, so a function in them is refused here.
    async invoke(channel: string, ...args: unknown[]) {
      try {
        return await main().invoke(channel, cloneForIpc(args), frame ?? undefined);
      } catch (error) {
        throw new IsolatedError((error as Error).message);
      }
    },
    on(channel: string, listener: Listener) {
      listeners.on(channel, listener);
      return ipcRenderer;
    },
    removeListener(channel: string, listener: Listener) {
      listeners.removeListener(channel, listener);
      return ipcRenderer;
    },
  };
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (key in page) throw new Error('Cannot bind an API on top of an existing property on the window object');
      page[key] = exposedInMainWorld(api);
    },
  };

  const run = compileFunction(readFileSync(file, 'utf8'), ['require', 'module', 'exports'], {
    parsingContext: isolatedWorld,
    filename: file,
  });
  const module = { exports: {} };
  const sandboxedRequire = (name: string) => {
    if (name === 'electron') return { ipcRenderer, contextBridge };
    throw new Error(`A sandboxed preload cannot require "${name}"; only "electron" is there.`);
  };
  run(sandboxedRequire, module, module.exports);

  return {
    page,
    callFrom(next) {
      frame = next;
    },
    deliver(channel, args) {
      listeners.emit(channel, { sender: null }, ...args);
    },
  };
}
