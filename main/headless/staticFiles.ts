// The built renderer (out/renderer) for a browser. Paths are decoded, resolved and checked
// to stay inside the folder, so no request can read a file beside it (package.json, the
// data folder…). Unknown page paths get index.html so the window's own routes work on reload.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { HeadlessRoute } from './route';
import { CONTENT_TYPES } from '../../shared/webPage';
import { streamToClient } from '../engine/streams';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Faxbot</title></head>
<body><h1>Faxbot is running, but its window is not built</h1>
<p>Run <code>npm run build</code> to build the window, then reload this page.</p></body></html>
`;

function sendText(response: ServerResponse, status: number, text: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-store' });
  response.end(text);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function createStaticFilesRoute({ rendererDir }: { rendererDir: string }): HeadlessRoute {
  const root = resolve(rendererDir);
  const indexHtml = resolve(root, 'index.html');

  const sendFile = async (response: ServerResponse, path: string, head: boolean) => {
    const info = await stat(path);
    const html = extname(path) === '.html';
    response.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': info.size,
      // index.html names the current hashed bundles, so it must never come from a cache.
      'Cache-Control': html ? 'no-store' : 'no-cache',
    });
    if (head) {
      response.end();
      return;
    }
    // A tab closed mid-download closes the file too; a read error cuts the response short.
    await streamToClient(createReadStream(path), response).catch(() => undefined);
  };

  return {
    name: 'ui',
    matches: () => true,
    async handle({ request, response, pathname }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        response.setHeader('Allow', 'GET, HEAD');
        sendText(response, 405, 'The window is read with GET.');
        return;
      }
      const head = request.method === 'HEAD';
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        sendText(response, 400, 'That address is not valid.');
        return;
      }
      if (decoded.includes('\0') || decoded.includes('\\')) {
        sendText(response, 400, 'That address is not valid.');
        return;
      }
      const target = resolve(root, '.' + decoded);
      if (target !== root && !target.startsWith(root + sep)) {
        sendText(response, 403, 'That file is outside the window folder.');
        return;
      }
      if (await isFile(target)) {
        await sendFile(response, target, head);
        return;
      }
      // A missing asset is a 404; a path without an extension is a page of the window.
      if (extname(decoded) !== '') {
        sendText(response, 404, 'No such file.');
        return;
      }
      if (await isFile(indexHtml)) {
        await sendFile(response, indexHtml, head);
        return;
      }
      sendText(response, 200, NOT_BUILT_PAGE, 'text/html; charset=utf-8');
    },
  };
}
