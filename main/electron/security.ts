// The Electron security checklist, applied in one place: what the window may load, where it
// may navigate, what it may ask for, and which frames may call the engine.
import type { BrowserWindow, IpcMainInvokeEvent, Session, WebContents, WebPreferences } from 'electron';

import { CONTENT_SECURITY_POLICY } from '../../shared/webPage';

export { CONTENT_SECURITY_POLICY };

/**
 * In development the page comes from electron-vite's dev server, whose hot reload needs an
 * inline preamble script and a websocket back to the server. Never used in a packaged app.
 */
export function developmentContentSecurityPolicy(devServerOrigin: string): string {
  const ws = devServerOrigin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace(
    "connect-src 'self'",
    `connect-src 'self' ${ws}`,
  );
}

/** The fixed settings of every Faxbot window (checklist items 2–4, 6, 8–11). */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/**
 * "scheme://host[:port]" of a URL, or null when it does not parse. Node's URL gives the
 * opaque origin "null" for custom schemes such as app://, so the origin is built from the
 * parts; comparing whole origins (never prefixes) keeps app://faxbot.evil out.
 */
export function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (!parsed.host) return null;
    // Hosts are case-insensitive; Node leaves a custom scheme's host as typed.
    return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
  } catch {
    return null;
  }
}

export function isAppPage(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/**
 * The one web permission the page uses: writing to the clipboard (Copy on a new API key,
 * SecretPanel). Desktop notifications are shown by the main process (notifications.ts), so
 * the page gets no 'notifications' permission, nor anything else.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** Session-wide rules: the CSP header on every response, and permissions denied by default. */
export function hardenSession(session: Session, appOrigin: string, contentSecurityPolicy = CONTENT_SECURITY_POLICY): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...(details.responseHeaders ?? {}) };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const from = (details as { requestingUrl?: string } | undefined)?.requestingUrl ?? '';
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppPage(from, appOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && isAppPage(requestingOrigin, appOrigin);
  });
}

/**
 * Navigation and pop-up rules for any web contents (checklist 11–14): stay on our own page,
 * open no windows, attach no <webview>. Applied to every web contents the app creates.
 */
const hardened = new WeakSet<WebContents>();

/** The hosts the plugin manifests send people to for help (their helpUrl): the only ones a link may open. */
export function helpHostsOf(manifests: ReadonlyArray<{ helpUrl?: string }>): Set<string> {
  const hosts = new Set<string>();
  for (const { helpUrl } of manifests) {
    if (!helpUrl) continue;
    try {
      const parsed = new URL(helpUrl);
      if (parsed.protocol === 'https:') hosts.add(parsed.hostname.toLowerCase());
    } catch {
      // A manifest's helpUrl is checked when it is loaded; one that is not a URL names no host.
    }
  }
  return hosts;
}

/**
 * A help link the page may hand to the system browser: https on the standard port, no
 * credentials in it, and on a host a plugin manifest names. Anything else (file:,
 * javascript:, custom schemes, other sites) is refused like any other new window.
 */
export function isExternalHelpLink(url: string, helpHosts: ReadonlySet<string>): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      !parsed.username &&
      !parsed.password &&
      parsed.port === '' &&
      helpHosts.has(parsed.hostname.toLowerCase())
    );
  } catch {
    return false;
  }
}

/** Opening help pages: the hosts allowed right now (manifests can be imported while running), and how to open one. */
export interface HelpLinks {
  hosts(): ReadonlySet<string>;
  open(url: string): void;
}

export function hardenWebContents(
  contents: WebContents,
  appOrigin: string,
  onRefused: (what: string, url: string) => void = () => {},
  /** Opens a help link (Plugins tab) in the system browser; the app itself never opens a window. */
  helpLinks?: HelpLinks,
): void {
  // The window's contents arrive here twice (its own set-up and app 'web-contents-created').
  if (hardened.has(contents)) return;
  hardened.add(contents);
  const stayOnAppPage = (event: { preventDefault(): void; url?: string }, url?: string) => {
    const target = event.url ?? url ?? '';
    if (!isAppPage(target, appOrigin)) {
      event.preventDefault();
      onRefused('navigation', target);
    }
  };
  contents.on('will-navigate', stayOnAppPage);
  contents.on('will-redirect', stayOnAppPage);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    onRefused('webview', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (helpLinks && isExternalHelpLink(url, helpLinks.hosts())) helpLinks.open(url);
    else onRefused('new window', url);
    return { action: 'deny' };
  });
}

/**
 * Whether an IPC call comes from the main frame of our window, showing our own page
 * (checklist 17). A subframe, another window, or our window after it navigated away are
 * all refused.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: BrowserWindow | null,
  appOrigin: string,
): boolean {
  if (!window || window.isDestroyed()) return false;
  const frame = event.senderFrame;
  if (!frame) return false;
  if (event.sender !== window.webContents) return false;
  const main = window.webContents.mainFrame;
  // Electron may hand out a fresh wrapper for the same frame, so compare ids as well.
  const isMainFrame = frame === main || (frame.processId === main.processId && frame.routingId === main.routingId);
  if (!isMainFrame || frame.parent !== null) return false;
  return isAppPage(frame.url, appOrigin);
}
