// The window's security settings and guards (Electron security checklist), checked against
// the fake 'electron' module: what the window is created with, where it may go, what it
// may ask for, and which frames the IPC binding trusts.
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fakeElectron'));
const fake = await import('./fakeElectron');
const { createMainWindow, requestNewFax, windowTitle, MIN_HEIGHT, MIN_WIDTH } = await import('../../main/electron/window');
const { ALLOWED_PERMISSIONS, CONTENT_SECURITY_POLICY, hardenSession, hardenWebContents, helpHostsOf, isTrustedSender, originOf } =
  await import('../../main/electron/security');
const { APP_ENTRY_URL, APP_ORIGIN } = await import('../../main/electron/protocol');

type FakeWindow = InstanceType<typeof fake.BrowserWindow>;

function openWindow(): { window: FakeWindow; refused: Array<[string, string]> } {
  const refused: Array<[string, string]> = [];
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: APP_ENTRY_URL,
    appOrigin: APP_ORIGIN,
    onRefused: (what, url) => refused.push([what, url]),
  });
  return { window: fake.BrowserWindow.created.at(-1)!, refused };
}

/** Parses a CSP header into directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...sources]) => [name, sources]),
  );
}

describe('the Faxbot window', () => {
  beforeEach(() => {
    fake.BrowserWindow.created.length = 0;
  });

  it('is created isolated, sandboxed, without Node, with web security, and the preload', () => {
    const { window } = openWindow();
    const prefs = window.options.webPreferences!;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      preload: '/app/out/preload/index.cjs',
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(window.options).toMatchObject({ minWidth: MIN_WIDTH, minHeight: MIN_HEIGHT });
    expect(MIN_WIDTH).toBe(1024);
    expect(MIN_HEIGHT).toBe(700);
    expect(window.loadedUrl).toBe('app://faxbot/index.html');
  });

  it('stays on its own page: navigation and redirects to any other origin are prevented', () => {
    const { window, refused } = openWindow();
    const foreign = [
      'https://example.com/',
      'http://faxbot/index.html',
      'app://faxbot.evil/index.html',
      'app://evil/index.html',
      'app://faxbot@evil.example/index.html',
      'app://faxbot:8080/index.html',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'about:blank',
      'not a url',
      '',
    ];
    for (const url of foreign) {
      expect(window.webContents.fire('will-navigate', url), `will-navigate ${url}`).toBe(true);
      expect(window.webContents.fire('will-redirect', url), `will-redirect ${url}`).toBe(true);
    }
    expect(refused.filter(([what]) => what === 'navigation')).toHaveLength(foreign.length * 2);
  });

  it('allows navigation within its own page', () => {
    const { window } = openWindow();
    for (const url of ['app://faxbot/index.html', 'app://faxbot/index.html#/inbox', 'app://FAXBOT/index.html?x=1']) {
      expect(window.webContents.fire('will-navigate', url), url).toBe(false);
      expect(window.webContents.fire('will-redirect', url), url).toBe(false);
    }
  });

  it('opens no new windows and attaches no webviews', () => {
    const { window, refused } = openWindow();
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(window.webContents.windowOpenHandler!({ url: 'app://faxbot/index.html' })).toEqual({ action: 'deny' });
    const attach = new fake.FakeEvent();
    window.webContents.emit('will-attach-webview', attach, {}, {});
    expect(attach.defaultPrevented).toBe(true);
    expect(refused.map(([what]) => what)).toEqual(['new window', 'new window', 'webview']);
  });

  it('hands help links on the hosts the plugin manifests name to the system browser; every other link is refused', () => {
    const contents = new fake.FakeWebContents();
    const refused: string[] = [];
    const opened: string[] = [];
    const hosts = new Set(['www.phaxio.com', 'docs.asterisk.org']);
    hardenWebContents(contents as never, APP_ORIGIN, (_what, url) => refused.push(url), {
      hosts: () => hosts,
      open: (url) => opened.push(url),
    });
    const good = ['https://www.phaxio.com/docs', 'https://DOCS.asterisk.org/Configuration/'];
    for (const url of good) expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    const bad = [
      'http://www.phaxio.com/docs',
      'https://www.phaxio.com:8443/docs',
      'https://phaxio.com/docs',
      'https://www.phaxio.com.evil.example/',
      'https://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://user:secret@www.phaxio.com/',
      'app://faxbot/index.html',
      'https://localhost/',
      'not a url',
    ];
    for (const url of bad) expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    expect(opened).toEqual(good);
    expect(refused).toEqual(bad);
  });

  it('refuses every link when there are no help links to open', () => {
    const contents = new fake.FakeWebContents();
    const refused: string[] = [];
    hardenWebContents(contents as never, APP_ORIGIN, (_what, url) => refused.push(url));
    expect(contents.windowOpenHandler!({ url: 'https://www.phaxio.com/docs' })).toEqual({ action: 'deny' });
    expect(refused).toEqual(['https://www.phaxio.com/docs']);
  });

  it('takes the help hosts from the manifests: https helpUrls only, lower-cased', () => {
    const hosts = helpHostsOf([
      { helpUrl: 'https://Developers.Sinch.com/docs/fax/' },
      { helpUrl: 'http://insecure.example/' },
      { helpUrl: 'not a url' },
      {},
    ]);
    expect([...hosts]).toEqual(['developers.sinch.com']);
  });

  it('allows exactly the hosts of the shipped registry, derived from its helpUrls', async () => {
    const { readFileSync } = await import('node:fs');
    const registry = JSON.parse(readFileSync('config/plugin_registry.json', 'utf8')) as { plugins: Array<{ helpUrl?: string }> };
    const hosts = helpHostsOf(registry.plugins);
    expect(hosts.size).toBeGreaterThan(0);
    for (const plugin of registry.plugins) if (plugin.helpUrl) expect(hosts.has(new URL(plugin.helpUrl).hostname)).toBe(true);
  });

  it('keeps the unread count in the title instead of the page title', () => {
    const { window } = openWindow();
    const event = new fake.FakeEvent();
    window.emit('page-title-updated', event, 'Vite App');
    expect(event.defaultPrevented).toBe(true);
    expect(windowTitle(0)).toBe('Faxbot');
    expect(windowTitle(3)).toBe('(3) Faxbot');
  });

  it('shows itself only when ready to show', () => {
    const { window } = openWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it("asks the page for a new fax through the page's own shortcut", () => {
    const { window } = openWindow();
    requestNewFax(window as never);
    expect(window.shown).toBe(true);
    expect(window.webContents.scripts).toHaveLength(1);
    expect(window.webContents.scripts[0]).toContain("key: 'n'");
    window.destroyed = true;
    requestNewFax(window as never);
    expect(window.webContents.scripts).toHaveLength(1);
  });
});

describe('the session', () => {
  const s = fake.session.defaultSession;
  beforeEach(() => hardenSession(s as never, APP_ORIGIN));

  function requestPermission(permission: string, requestingUrl: string): Promise<boolean> {
    return new Promise((resolve) => s.permissionRequest!({}, permission, resolve, { requestingUrl }));
  }

  it('grants its own page only clipboard writing (Copy on a new API key), and nothing to anyone else', async () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    await expect(requestPermission('clipboard-sanitized-write', 'app://faxbot/index.html')).resolves.toBe(true);
    await expect(requestPermission('clipboard-sanitized-write', 'https://example.com/')).resolves.toBe(false);
    for (const permission of [
      // Received-fax notifications are shown by the main process, so the page never needs this one.
      'notifications',
      'geolocation',
      'media',
      'openExternal',
      'clipboard-read',
      'fullscreen',
      'midiSysex',
      'fileSystem',
      'unknown',
    ]) {
      await expect(requestPermission(permission, 'app://faxbot/index.html'), permission).resolves.toBe(false);
    }
    expect(s.permissionCheck!({}, 'clipboard-sanitized-write', 'app://faxbot', {})).toBe(true);
    expect(s.permissionCheck!({}, 'clipboard-sanitized-write', 'https://example.com', {})).toBe(false);
    expect(s.permissionCheck!({}, 'notifications', 'app://faxbot', {})).toBe(false);
    expect(s.permissionCheck!({}, 'media', 'app://faxbot', {})).toBe(false);
    expect(s.permissionCheck!(null, 'geolocation', '', {})).toBe(false);
  });

  it('puts the strict Content-Security-Policy on every response, replacing any other', async () => {
    const headers = await new Promise<Record<string, string[]>>((resolve) =>
      s.headersListener!(
        {
          url: 'app://faxbot/index.html',
          responseHeaders: { 'content-security-policy': ["script-src * 'unsafe-eval'"], 'Content-Type': ['text/html'] },
        },
        (response) => resolve((response as { responseHeaders: Record<string, string[]> }).responseHeaders),
      ),
    );
    expect(headers['Content-Type']).toEqual(['text/html']);
    const csp = Object.entries(headers).filter(([name]) => name.toLowerCase() === 'content-security-policy');
    expect(csp).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
  });

  it('has a CSP that allows scripts only from the app and keeps pdf.js workers working', () => {
    const policy = directives(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|\*|https?:/);
  });
});

describe('which frames may call the engine', () => {
  beforeEach(() => {
    fake.BrowserWindow.created.length = 0;
  });

  it('trusts only the main frame of our window showing our page', () => {
    const { window } = openWindow();
    const wc = window.webContents;
    const call = (sender: unknown, senderFrame: unknown) => isTrustedSender({ sender, senderFrame } as never, window as never, APP_ORIGIN);
    expect(call(wc, wc.mainFrame)).toBe(true);
    // a subframe of our page, even one showing our own origin
    expect(call(wc, new fake.FakeFrame('app://faxbot/index.html', wc.mainFrame))).toBe(false);
    // the main frame after it navigated elsewhere
    wc.mainFrame.url = 'https://example.com/';
    expect(call(wc, wc.mainFrame)).toBe(false);
    wc.mainFrame.url = 'app://faxbot/index.html';
    // a frame that is gone, another window's contents, no window at all, a closed window
    expect(call(wc, null)).toBe(false);
    const other = new fake.FakeWebContents('app://faxbot/index.html');
    expect(call(other, other.mainFrame)).toBe(false);
    expect(isTrustedSender({ sender: wc, senderFrame: wc.mainFrame } as never, null, APP_ORIGIN)).toBe(false);
    window.destroyed = true;
    expect(call(wc, wc.mainFrame)).toBe(false);
  });

  it('compares whole origins, never prefixes', () => {
    expect(originOf('app://faxbot/index.html')).toBe('app://faxbot');
    expect(originOf('app://faxbot.evil/index.html')).toBe('app://faxbot.evil');
    expect(originOf('http://localhost:5173/')).toBe('http://localhost:5173');
    expect(originOf('file:///etc/passwd')).toBeNull();
    expect(originOf('nonsense')).toBeNull();
  });
});
