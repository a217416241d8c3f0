// Requests that go wrong on the wire, sent over a bare TCP socket so the test owns every byte
// and the moment the client leaves: bodies shorter than the form they announce, clients that
// hang up mid-upload, downloads abandoned after a few KB. Plus a watch for uncaught errors,
// so a stream error the server leaves unhandled fails the test that caused it.
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { prng, type Prng } from '../support/prng';

export interface WireReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** The body as JSON, or undefined when it is not JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- read field by field in assertions
  json: any;
}

export interface WireRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Content-Length to announce; the body's own length by default. */
  announce?: number;
}

// Not a timing assertion: a guard so a server that never answers fails with the case named, not a bare test timeout.
const NO_ANSWER_MS = 15_000;

function head(port: string, request: WireRequest, length: number): Buffer {
  const lines = [`${request.method ?? 'POST'} ${request.path} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
  if (request.method !== 'GET' || length > 0) lines.push(`Content-Length: ${length}`);
  return Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'latin1');
}

function parseReply(raw: Buffer): WireReply | null {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return null;
  const [statusLine, ...headerLines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  const body = raw.subarray(end + 4);
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { status, headers, body, json };
}

function open(url: string): { socket: Socket; port: string } {
  const { port } = new URL(url);
  return { socket: connect(Number(port), '127.0.0.1'), port };
}

/** Sends the request (its body may be shorter than the form inside it) and reads the answer until the server closes. */
export function sendOverWire(url: string, request: WireRequest): Promise<WireReply> {
  const { socket, port } = open(url);
  const body = request.body ?? Buffer.alloc(0);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const guard = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No answer to ${request.method ?? 'POST'} ${request.path} within ${NO_ANSWER_MS / 1000} s`));
    }, NO_ANSWER_MS);
    const finish = () => {
      clearTimeout(guard);
      const reply = parseReply(Buffer.concat(chunks));
      if (reply) resolve(reply);
      else reject(new Error(`The server closed ${request.path} without an answer`));
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset the connection after answering (a refused upload it stopped reading).
    socket.on('error', () => undefined);
    socket.on('close', finish);
    socket.write(Buffer.concat([head(port, request, request.announce ?? body.length), body]));
  });
}

/**
 * Announces the whole body, sends `sent` bytes of it, then leaves: a polite close (FIN) or a
 * reset (RST), as a dropped connection or a killed client would. Resolves once the socket is gone.
 */
export function hangUpMidUpload(url: string, request: WireRequest & { body: Buffer }, sent: number, reset: boolean): Promise<void> {
  const { socket, port } = open(url);
  return new Promise((resolve) => {
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    socket.write(Buffer.concat([head(port, request, request.body.length), request.body.subarray(0, sent)]), () => {
      if (reset) socket.resetAndDestroy();
      else socket.destroy();
    });
  });
}

/** Starts a download, reads its status and at least `keep` bytes of body, then hangs up. Resolves to the status. */
export function abandonDownload(url: string, path: string, headers: Record<string, string>, keep: number): Promise<number> {
  const { socket, port } = open(url);
  return new Promise((resolve, reject) => {
    let raw = Buffer.alloc(0);
    let status = 0;
    socket.on('data', (chunk: Buffer) => {
      raw = Buffer.concat([raw, chunk]);
      const end = raw.indexOf('\r\n\r\n');
      if (end === -1 || raw.length - end - 4 < keep) return;
      status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(raw.toString('latin1', 0, 20))?.[1] ?? 0);
      socket.resetAndDestroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => (status ? resolve(status) : reject(new Error(`${path} ended before ${keep} bytes of body arrived`))));
    socket.write(head(port, { method: 'GET', path, headers }, 0));
  });
}

/** The fuzz seed: fixed so the suite is repeatable, FUZZ_SEED to try others or replay one. Printed either way. */
export function fuzzSeed(label: string, fixed: number): Prng {
  const seed = Number(process.env.FUZZ_SEED ?? fixed);
  console.log(`${label}: seed ${seed} (replay with FUZZ_SEED=${seed})`);
  return prng(seed);
}

/**
 * Fails each test of the enclosing describe that left an uncaught exception, an unhandled
 * rejection or an error-level log line behind. Vitest reports uncaught errors too, but only
 * for the run as a whole; this pins them on the test that caused them.
 */
export function failOnUnheardErrors(logLines: string[]): void {
  const errors: unknown[] = [];
  const record = (error: unknown) => errors.push(error);
  beforeAll(() => {
    process.on('uncaughtException', record);
    process.on('unhandledRejection', record);
  });
  afterEach(() => {
    // Taken, not just read: each test answers for its own.
    expect(errors.splice(0)).toEqual([]);
    expect(logLines.splice(0)).toEqual([]);
  });
  afterAll(() => {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  });
}

/**
 * Files this process holds open under `dir` (Linux: /proc/self/fd), or null where that
 * cannot be seen. A download the client abandoned must not leave its document open.
 */
export function openFilesUnder(dir: string): string[] | null {
  if (!existsSync('/proc/self/fd')) return null;
  const open: string[] = [];
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith(dir)) open.push(target);
    } catch {
      // closed while we looked
    }
  }
  return open;
}
