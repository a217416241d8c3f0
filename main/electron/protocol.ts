// The window's page is served from app://faxbot/ instead of file:// (Electron security
// checklist item 18): file:// pages can read any file the user can, and every file:// URL
// shares one origin, so "is this our page?" could not be answered by origin.
import { readFile, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './security';
import { CONTENT_TYPES } from '../../shared/webPage';

export const APP_SCHEME = 'app';
export const APP_HOST = 'faxbot';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app's `ready` event: Chromium fixes scheme privileges at start-up. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard: real origins and relative URLs; secure: counts as a secure context (like
      // https), which pdf.js's worker and crypto.subtle need; fetch: the renderer loads
      // pdf.js assets (cmaps, fonts) with fetch().
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/**
 * Answers app://faxbot/<path> from the built renderer folder. Anything that is not a file
 * inside that folder (another host, `..`, an encoded separator, a folder) is a 404, so a
 * crafted URL can never read outside it.
 */
export function createRendererHandler(rendererDir: string): (request: Request) => Promise<Response> {
  const root = resolve(rendererDir);
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return notFound();
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return notFound();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response('Method not allowed', { status: 405, headers: { allow: 'GET, HEAD' } });
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return notFound();
    }
    if (path.includes('\0') || path.includes('\\')) return notFound();
    if (path === '/' || path === '') path = '/index.html';
    const file = resolve(root, '.' + path);
    const inside = relative(root, file);
    if (inside === '' || inside.startsWith('..' + sep) || inside === '..' || isAbsolute(inside)) return notFound();
    try {
      const info = await stat(file);
      if (!info.isFile()) return notFound();
      const body = request.method === 'HEAD' ? null : await readFile(file);
      return new Response(body, {
        status: 200,
        headers: {
          'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-cache',
        },
      });
    } catch {
      return notFound();
    }
  };
}

/** Serves the renderer on app://faxbot/ for the default session. Call after `ready`. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererHandler(rendererDir));
}
