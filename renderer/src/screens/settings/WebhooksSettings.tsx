// Settings → Webhooks: where providers reach Faxbot (the public URL, a tunnel's), whether
// the tunnel is up, what arrived from each provider, and a self-test that sends a signed
// event through the public URL and says in words whether it came back.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { WebhookHealth } from '../../../../shared/webhooks';
import { useDesk, useSlice } from '../../deskContext';
import { formatFaxTime } from '../../format';
import { LockIcon } from '../../components/LockIcon';

const TUNNEL_WORDS: Record<WebhookHealth['tunnel']['state'], string> = { off: 'Off', starting: 'Starting…', up: 'Up', failed: 'Down' };
const KIND_WORDS = { status: 'a status update', received: 'a received fax', ignored: 'an event Faxbot does not act on' } as const;

function PublicUrl({ health }: { health: WebhookHealth }) {
  const desk = useDesk();
  const id = useId();
  const busy = useSlice(desk.webhooks, (s) => s.busy);
  const urlError = useSlice(desk.webhooks, (s) => s.urlError);
  const stored = health.publicUrlSource === 'setting' ? (health.publicUrl ?? '') : '';
  const [draft, setDraft] = useState(stored);
  useEffect(() => setDraft(stored), [stored]);

  if (health.publicUrlLockedBy || health.publicUrlSource === 'tunnel') {
    return (
      <p className="switch-row locked">
        <span className="switch-label">Public URL</span>
        <span className="locked-value">
          <LockIcon /> {health.publicUrl} · {health.publicUrlLockedBy ? `Set by ${health.publicUrlLockedBy}` : 'From the ngrok tunnel'}
        </span>
      </p>
    );
  }
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await desk.webhooks.getState().setPublicUrl(draft.trim() === '' ? null : draft.trim());
  };
  return (
    <form className="settings-form" onSubmit={(e) => void submit(e)} aria-label="Public URL setting">
      <div className="field">
        <label htmlFor={`${id}-url`}>Public URL</label>
        <input
          id={`${id}-url`}
          type="url"
          value={draft}
          placeholder="https://your-tunnel.example.com"
          aria-invalid={Boolean(urlError)}
          aria-describedby={`${id}-note`}
          onChange={(e) => setDraft(e.target.value)}
        />
        <p id={`${id}-note`} className={urlError ? 'hint hint-error' : 'hint'}>
          {urlError ??
            'The address your tunnel (cloudflared, Tailscale Funnel, ngrok) gives you. Leave it empty and Faxbot asks providers for status instead.'}
        </p>
      </div>
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || draft.trim() === stored}>
          Save
        </button>
      </div>
    </form>
  );
}

export function WebhooksSettings({ visible }: { visible: boolean }) {
  const desk = useDesk();
  const health = useSlice(desk.webhooks, (s) => s.health);
  const loadError = useSlice(desk.webhooks, (s) => s.loadError);
  const busy = useSlice(desk.webhooks, (s) => s.busy);
  const testResult = useSlice(desk.webhooks, (s) => s.testResult);

  useEffect(() => {
    if (visible) void desk.webhooks.getState().load();
  }, [desk, visible]);

  if (!health) {
    return loadError ? (
      <p className="form-error" role="alert">
        Webhook health could not be loaded: {loadError}
      </p>
    ) : (
      <p role="status">Loading webhook health…</p>
    );
  }

  return (
    <div className="webhook-settings">
      <p className="settings-note">
        Fax providers tell Faxbot when a fax is delivered, and hand over received faxes, by calling it over the internet through a tunnel.
        Without one, Faxbot asks the provider for each fax’s status every minute or so.
      </p>
      <PublicUrl health={health} />
      <dl className="webhook-facts">
        <dt>Listener</dt>
        <dd>
          {health.listening
            ? `Listening on ${health.listenAddress}`
            : 'Not listening: the webhook port is in use (set FAXBOT_WEBHOOK_PORT)'}
        </dd>
        <dt>Tunnel</dt>
        <dd>
          {TUNNEL_WORDS[health.tunnel.state]} — {health.tunnel.message}
        </dd>
      </dl>
      <h2 className="section-title">Received from providers</h2>
      {health.providers.length === 0 ? (
        <p className="hint">No provider uses webhooks yet.</p>
      ) : (
        <table className="webhook-providers">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Last event</th>
              <th scope="col">Events</th>
              <th scope="col">Refused (failed verification)</th>
            </tr>
          </thead>
          <tbody>
            {health.providers.map((p) => (
              <tr key={p.providerId}>
                <th scope="row">{p.providerId}</th>
                <td>
                  {p.lastEventAt && p.lastEventKind ? `${formatFaxTime(p.lastEventAt)}: ${KIND_WORDS[p.lastEventKind]}` : 'Nothing yet'}
                </td>
                <td>{p.events}</td>
                <td className={p.verificationFailures > 0 ? 'hint-error' : undefined}>{p.verificationFailures}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="form-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void desk.webhooks.getState().test()}>
          {busy ? 'Sending a test event…' : 'Send a test event'}
        </button>
      </div>
      <p role="status" className={testResult && !testResult.ok ? 'hint hint-error' : 'hint'}>
        {testResult ? `${testResult.ok ? '✓' : '✕'} ${testResult.message}` : ''}
      </p>
    </div>
  );
}
