// The last line of defence for a long-running Faxbot (`faxbot serve`, `faxbot mcp`, the
// desktop app): a stream error that no listener heard would otherwise end the process and
// every fax in it. Such an error only ever concerns one connection, so it is logged and
// survived. Anything else is a bug: it is logged and the process exits as Node would, so it
// cannot hide. Tests never install this, so a stream error they provoke still fails them.
import type { Logger } from '../log';
import { isBrokenStreamError } from './brokenStreams';

/** Installs the handlers; the returned function removes them again. */
export function surviveStreamErrors(logger: Logger): () => void {
  const log = logger.child('process');
  const onError = (error: unknown, origin: 'uncaughtException' | 'unhandledRejection') => {
    if (isBrokenStreamError(error)) {
      const { code, message } = error as NodeJS.ErrnoException;
      // The code and the library's fixed message only: never a body, a header or a number.
      log.warn('a connection broke and nothing was listening; Faxbot dropped it and keeps running', {
        code: code ?? null,
        message: message.slice(0, 120),
        origin,
      });
      return;
    }
    const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log.error('Faxbot hit a programming error and stops (exit code 1); please report it with this log', { origin, stack });
    process.exit(1);
  };
  const onException = (error: unknown, origin: string) =>
    onError(error, origin === 'unhandledRejection' ? 'unhandledRejection' : 'uncaughtException');
  const onRejection = (reason: unknown) => onError(reason, 'unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}
