// A stand-in for the 'electron' module that records what the shell asks of it, so the tests
// can check the wiring and the security settings without an Electron binary. Only the parts
// the shell and preload use are here; each behaves like Electron's for those calls.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';

type Listener = (...args: unknown[]) => unknown;

/** An Electron-style event: listeners may call preventDefault(). */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
    readonly processId = 1,
    readonly routingId = Math.floor(Math.random() * 1e9),
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: Array<{ channel: string; args: unknown[] }> = [];
  scripts: string[] = [];
  destroyed = false;
  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  executeJavaScript(code: string): Promise<unknown> {
    this.scripts.push(code);
    return Promise.resolve(undefined);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Fires an Electron-style cancellable event and says whether a listener prevented it. */
  fire(name: string, url: string): boolean {
    const event = new FakeEvent(url);
    this.emit(name, event, url);
    return event.defaultPrevented;
  }
}

export interface FakeRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  title = '';
  shown = false;
  loadedUrl: string | null = null;
  destroyed = false;
  /** The normal (not maximized) bounds, as Electron's getNormalBounds answers. */
  bounds: FakeRect;
  maximized = false;
  constructor(readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> }) {
    super();
    this.webContents = new FakeWebContents();
    this.title = String(options.title ?? '');
    // Without x/y Electron centres the window on the primary display.
    const width = Number(options.width ?? 800);
    const height = Number(options.height ?? 600);
    const area = screen.getPrimaryDisplay().workArea;
    this.bounds = {
      x: options.x === undefined ? area.x + Math.round((area.width - width) / 2) : Number(options.x),
      y: options.y === undefined ? area.y + Math.round((area.height - height) / 2) : Number(options.y),
      width,
      height,
    };
    BrowserWindow.created.push(this);
  }
  getNormalBounds(): FakeRect {
    return { ...this.bounds };
  }
  getBounds(): FakeRect {
    return this.maximized ? { ...screen.getDisplayMatching(this.bounds).workArea } : { ...this.bounds };
  }
  /** A person dragging or resizing the window: Electron emits move/resize. */
  setBounds(bounds: Partial<FakeRect>): void {
    this.bounds = { ...this.bounds, ...bounds };
    this.emit('move');
    this.emit('resize');
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
    this.shown = true;
    this.emit('maximize');
  }
  unmaximize(): void {
    this.maximized = false;
    this.emit('unmaximize');
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

export interface FakeDisplay {
  id: number;
  bounds: FakeRect;
  workArea: FakeRect;
}

/** screen: the displays attached, which a test may change (unplug a monitor, change the arrangement). */
export const screen = {
  displays: [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 0, width: 1920, height: 1050 } },
  ] as FakeDisplay[],
  primaryId: 1,
  getAllDisplays(): FakeDisplay[] {
    return screen.displays.map((d) => structuredClone(d));
  },
  getPrimaryDisplay(): FakeDisplay {
    return structuredClone(screen.displays.find((d) => d.id === screen.primaryId) ?? screen.displays[0]!);
  },
  /** As Electron's: the display the rectangle overlaps most, else the primary one. */
  getDisplayMatching(rect: FakeRect): FakeDisplay {
    const shared = (d: FakeDisplay) =>
      Math.max(0, Math.min(rect.x + rect.width, d.bounds.x + d.bounds.width) - Math.max(rect.x, d.bounds.x)) *
      Math.max(0, Math.min(rect.y + rect.height, d.bounds.y + d.bounds.height) - Math.max(rect.y, d.bounds.y));
    const best = [...screen.displays].sort((a, b) => shared(b) - shared(a))[0]!;
    return structuredClone(shared(best) > 0 ? best : screen.getPrimaryDisplay());
  },
};

class FakeApp extends EventEmitter {
  isPackaged = false;
  paths: Record<string, string> = { userData: '/nonexistent/userData' };
  appPath = '/nonexistent/app';
  singleInstance = true;
  quitCalls = 0;
  exitCode: number | null = null;
  private readyResolve!: () => void;
  private readyPromise = new Promise<void>((resolve) => (this.readyResolve = resolve));
  getPath(name: string): string {
    return this.paths[name] ?? `/nonexistent/${name}`;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.0.0-test';
  }
  requestSingleInstanceLock(): boolean {
    return this.singleInstance;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  becomeReady(): void {
    this.readyResolve();
  }
  quit(): void {
    this.quitCalls += 1;
    const event = new FakeEvent();
    this.emit('will-quit', event);
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  /** ipcMain.on listeners (Electron's send/sendSync channels), by channel. */
  listeners: new Map<string, Listener[]>(),
  on(channel: string, listener: Listener): void {
    ipcMain.listeners.set(channel, [...(ipcMain.listeners.get(channel) ?? []), listener]);
  },
  removeAllListeners(channel: string): void {
    ipcMain.listeners.delete(channel);
  },
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const session = {
  defaultSession: {
    headersListener: null as null | ((details: unknown, callback: (response: unknown) => void) => void),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    webRequest: {
      onHeadersReceived(listener: (details: unknown, callback: (response: unknown) => void) => void) {
        session.defaultSession.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler: Listener) {
      session.defaultSession.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: Listener) {
      session.defaultSession.permissionCheck = handler;
    },
  },
};

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

export const Menu = {
  application: null as unknown,
  buildFromTemplate(template: unknown[]) {
    return { template };
  },
  setApplicationMenu(menu: unknown) {
    Menu.application = menu;
  },
};

export class Tray extends EventEmitter {
  static created: Tray[] = [];
  tooltip = '';
  menu: { template: Array<{ label?: string; click?: () => void }> } | null = null;
  constructor(readonly image: unknown) {
    super();
    Tray.created.push(this);
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { template: Array<{ label?: string; click?: () => void }> }): void {
    this.menu = menu;
  }
  setTitle(): void {}
  destroy(): void {}
}

/** nativeImage: reads the file as Electron would, empty when it is missing or not a PNG. */
export const nativeImage = {
  createFromPath(path: string) {
    const bytes = existsSync(path) ? readFileSync(path) : Buffer.alloc(0);
    const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    return { path, width: isPng ? bytes.readUInt32BE(16) : 0, isEmpty: () => !isPng };
  },
};

export class Notification extends EventEmitter {
  static shown: Notification[] = [];
  static isSupported(): boolean {
    return true;
  }
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    Notification.shown.push(this);
  }
}

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    if (this.exposed.has(key)) throw new Error('Cannot bind an API on top of an existing property on the window object');
    this.exposed.set(key, api);
  },
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invocations: [] as Array<{ channel: string; args: unknown[] }>,
  reply: (_channel: string, _payload: unknown): unknown => ({ ok: true, result: null }),
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    ipcRenderer.invocations.push({ channel, args });
    return Promise.resolve(ipcRenderer.reply(channel, args[0]));
  },
});

/**
 * safeStorage: real AES-256-GCM under a key that stands for the keychain's (`keychainSecret`,
 * so a test can "lose" the keychain), refusing like Electron's when encryption is unavailable.
 */
export const safeStorage = {
  available: true,
  /** What getSelectedStorageBackend answers on Linux ('basic_text' is the plain-text fallback). */
  backend: 'gnome_libsecret',
  keychainSecret: randomBytes(32),
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  getSelectedStorageBackend(): string {
    return this.backend;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available)
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keychainSecret, nonce);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from('v11'), nonce, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available)
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.');
    const decipher = createDecipheriv('aes-256-gcm', this.keychainSecret, encrypted.subarray(3, 15));
    decipher.setAuthTag(encrypted.subarray(15, 31));
    return Buffer.concat([decipher.update(encrypted.subarray(31)), decipher.final()]).toString('utf8');
  },
};

/** shell: links handed to the system browser are recorded, never opened. */
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  session,
  protocol,
  Menu,
  Tray,
  nativeImage,
  screen,
  Notification,
  dialog,
  contextBridge,
  ipcRenderer,
  safeStorage,
  shell,
};
export default electron;
