// Where a manifest provider may connect: only the hosts its manifest lists, over https.
// Plain http is allowed only to this machine (the tests' fake service), never across a network.

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase());
}

/** Exact host, or `*.example.com` for any sub-domain of example.com (not example.com itself). */
export function hostAllowed(host: string, allowed: readonly string[]): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  return allowed.some((entry) => {
    const rule = entry.toLowerCase();
    if (rule.startsWith('*.')) return name.endsWith(rule.slice(1)) && name.length > rule.length - 1;
    return name === rule;
  });
}

const RULE = 'must be https and on an allowed domain';

/** Why a URL may not be called, in words; null when it may. */
export function urlRefusal(url: URL, allowed: readonly string[]): string | null {
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname))) {
    return `${RULE}: ${url.protocol.replace(':', '')} is allowed only to 127.0.0.1 or localhost`;
  }
  if (url.username || url.password) return `${RULE}: it must not carry a user name or password (use the auth section)`;
  if (!hostAllowed(url.hostname, allowed)) return `${RULE}: ${url.hostname} is not in allowed_domains (${allowed.join(', ')})`;
  return null;
}
