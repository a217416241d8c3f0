// An optional ngrok tunnel started by Faxbot itself, so a provider can reach the listener
// without the person running anything else. cloudflared or Tailscale Funnel users paste
// their URL into PUBLIC_API_URL instead. Injectable, so tests use a fake starter.

export interface Tunnel {
  /** The tunnel's public base URL, e.g. https://abc.ngrok.app. */
  url(): string | null;
  close(): Promise<void>;
}

export type TunnelStarter = (options: { addr: number; authtoken: string }) => Promise<Tunnel>;

/** @ngrok/ngrok, loaded only when a tunnel is wanted (it is a native module). */
export const ngrokTunnelStarter: TunnelStarter = async ({ addr, authtoken }) => {
  const ngrok = await import('@ngrok/ngrok');
  const listener = await ngrok.forward({ addr, authtoken });
  return { url: () => listener.url(), close: () => listener.close() };
};

/** Words for a tunnel that would not start; never includes the authtoken. */
export function tunnelFailureInWords(error: unknown, authtoken: string): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.split(authtoken).join('[authtoken]').slice(0, 300);
  if (/authtoken|authentication|ERR_NGROK_10[57]/i.test(message))
    return `ngrok refused the authtoken: copy it again from the ngrok dashboard into NGROK_AUTHTOKEN. (${message})`;
  if (/ENOTFOUND|ECONNREFUSED|network|dns|timed? ?out/i.test(message))
    return `ngrok could not be reached from this computer: check the internet connection or firewall. (${message})`;
  return `The ngrok tunnel did not start: ${message}`;
}
