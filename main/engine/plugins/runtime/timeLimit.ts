// Every connection check and start-up check has a time limit: a provider that never answers
// must not leave Settings → Plugins waiting.
import { FaxError } from '../../../../shared/errors';

export const DEFAULT_CHECK_TIMEOUT_MS = 15_000;

export async function withTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new FaxError(
            'provider_timeout',
            `${what} did not answer within ${formatSeconds(ms)}: check the address and that the service is reachable from this computer, then try again.`,
          ),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
    // The losing side may still reject later; nobody is listening then.
    work.catch(() => undefined);
  }
}

function formatSeconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const seconds = Math.round(ms / 1000);
  return seconds === 1 ? '1 second' : `${seconds} seconds`;
}
