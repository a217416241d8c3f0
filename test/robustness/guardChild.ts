// A process with the stream-error guard installed, as `faxbot serve` has it. `streams` raises
// three stream errors nobody listens to (the busboy one of issue 19, a write after end on a
// real HTTP response, a connection reset naming a fax number), then proves it is still running
// by answering a real request. `bug` throws a TypeError; `rejection` leaves a plain Error unhandled.
import { request, createServer } from 'node:http';
import busboy from 'busboy';
import { createLogger } from '../../main/engine';
import { surviveStreamErrors } from '../../main/engine/streams';

const [scenario] = process.argv.slice(2);
const STREAM_ERRORS = 3;
let survived = 0;
let allSurvived = () => {};
const survivedAll = new Promise<void>((resolve) => (allSurvived = resolve));
const logger = createLogger({
  level: 'info',
  write: (line) => {
    process.stderr.write(line + '\n');
    if (line.includes('a connection broke') && ++survived === STREAM_ERRORS) allSurvived();
  },
});
surviveStreamErrors(logger);

if (scenario === 'streams') {
  // 1. A form whose body ends inside its file part, with no 'error' listener on the part.
  const parser = busboy({ headers: { 'content-type': 'multipart/form-data; boundary=zz' } });
  parser.on('file', (_name, stream) => stream.resume());
  parser.on('error', () => undefined);
  parser.end(Buffer.from('--zz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4 cut'));

  // 2. A write after end() on a real response, and 3. a reset that names a number.
  let first = true;
  const server = createServer((_req, res) => {
    res.end('ok');
    if (!first) return;
    first = false;
    res.write('late');
    setImmediate(() => {
      throw Object.assign(new Error('read ECONNRESET while sending to +1 202 555 0143'), { code: 'ECONNRESET' });
    });
  });
  server.listen(0, '127.0.0.1', async () => {
    const { port } = server.address() as { port: number };
    request({ port, host: '127.0.0.1' }, (res) => res.resume()).end();
    await survivedAll;
    // Still serving after all three: a second request gets its answer.
    request({ port, host: '127.0.0.1' }, (res) => {
      res.resume();
      process.stdout.write(`still running after ${survived} stream errors, answered ${res.statusCode}\n`);
      server.close();
      server.closeAllConnections();
    }).end();
  });
} else if (scenario === 'bug') {
  setImmediate(() => {
    const job = JSON.parse('null') as { id: string };
    process.stdout.write(job.id);
  });
} else if (scenario === 'rejection') {
  void Promise.reject(new Error('a bug in a promise chain'));
}
