// The `sip` provider plugin (FAX_BACKEND=sip): faxes through a self-hosted Asterisk over AMI
// (contracts/asterisk-ami.md). Send = fax TIFF into the shared folder, then one Async
// Originate per attempt key into the faxbot-send context; results come back as AMI events,
// and after a reconnect from AstDB (§7.6). An attempt key is never originated twice.
import { join } from 'node:path';
import { FaxError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import { AmiClient, AmiRefusal, probeAmi, type AmiClientOptions, type AmiPacket } from '../../ami';
import type { OutboundFax, ProviderFaxStatus, ProviderPlugin, ProviderSink } from '../types';
import { CallBook, CHANNEL_PREFIX, channelIdFor, originateActionId, type TrackedCall } from './callBook';
import { faxResultFromDb, originateRefused } from './callResult';
import { InboundFaxes } from './inboundFaxes';
import type { SipSettings } from './settings';
import { FaxSpool, SAFE_KEY } from './spool';

export interface FaxTiffImaging {
  pdfToFaxTiff(
    pdf: Uint8Array,
    options: { resolution: 'fine' | 'normal'; paper?: 'letter' | 'a4'; renderer?: 'builtin' | 'ghostscript' },
  ): Promise<{ tiff: Uint8Array; pages: number }>;
  faxTiffToPdf(tiff: Uint8Array): Promise<{ pdf: Uint8Array; pages: number }>;
}

export interface SipProviderOptions extends SipSettings {
  logger: Logger;
  /** The station's number and header, read at each send (the fax's own `from` wins when set). */
  station?: () => { number: string; name: string; headerText: string };
  resolution?: 'fine' | 'normal';
  /** Who draws the fax TIFF: the built-in pdf.js renderer, or Ghostscript (FAX_TIFF_RENDERER). */
  tiffRenderer?: 'builtin' | 'ghostscript';
  /** Ring time Asterisk allows (Originate Timeout, §5.1). */
  ringTimeoutMs?: number;
  /** Every call ends in a final state within this, answered or not. */
  callTimeoutMs?: (pages: number) => number;
  /** Wait for the other terminal signal of a call (§7.3). */
  resultGraceMs?: number;
  /** Keepalive, back-off and timeouts of the AMI connection (tests shorten them). */
  amiTuning?: Partial<Omit<AmiClientOptions, 'login' | 'logger'>>;
  /** How long a send waits for the AMI login before failing the attempt as "not connected". */
  readyWaitMs?: number;
  /** How old an unannounced TIFF in in/ must be before it is imported anyway (§9.4). */
  inboundOrphanAgeMs?: number;
  /** PDF ↔ fax TIFF; by default main/engine/imaging's, loaded when first needed. */
  imaging?: FaxTiffImaging;
}

const RING_TIMEOUT_MS = 60_000;
// Ring time, set-up, then a generous 90 s a page at 9600 bit/s with retransmissions.
const defaultCallTimeout = (ring: number) => (pages: number) => ring + 120_000 + Math.max(1, pages) * 90_000;

export class SipProvider implements ProviderPlugin {
  readonly id = 'sip';
  readonly label = 'Asterisk (self-hosted)';
  /** Exposed for tests and the health view: the AMI connection. */
  readonly client: AmiClient;
  private readonly spool: FaxSpool;
  private readonly calls: CallBook;
  private readonly inbound: InboundFaxes;
  private sink: ProviderSink | null = null;
  private readonly inboundWork = new Set<Promise<void>>();
  private readonly handingOver = new Map<string, Promise<{ providerFaxId: string }>>();

  constructor(private readonly options: SipProviderOptions) {
    this.client = new AmiClient({ login: options.ami, logger: options.logger.child('ami'), ...options.amiTuning });
    this.spool = new FaxSpool(options);
    this.calls = new CallBook({
      report: (status) => this.sink?.statusChanged(status),
      graceMs: options.resultGraceMs ?? 3000,
      overdue: (call) => void this.endOverdue(call),
      logger: options.logger,
    });
    this.inbound = new InboundFaxes({
      spool: this.spool,
      inboundDir: join(options.spoolDir, 'in'),
      orphanAgeMs: options.inboundOrphanAgeMs ?? 120_000,
      faxTiffToPdf: (tiff) => this.imaging().then((i) => i.faxTiffToPdf(tiff)),
      logger: options.logger,
    });
    this.client.onEvent((event) => this.onEvent(event));
    this.client.onReady(({ reconnected }) => {
      if (reconnected) void this.reconcileAll();
      this.trackInbound(this.inbound.importLeftovers(this.sink));
    });
  }

  /** Events flow in; state lives in SQLite (the queue) and AstDB, so polls are rare and cheap. */
  statusPollMs(): number {
    return 60_000;
  }

  async testConnection(): Promise<void> {
    await probeAmi(this.options.ami, this.options.logger.child('ami'), this.options.amiTuning?.timeouts);
    await this.spool.check();
  }

  async start(sink: ProviderSink): Promise<void> {
    this.sink = sink;
    // Asterisk being down must not stop the app: the client keeps trying in the background.
    this.client.start();
  }

  async stop(): Promise<void> {
    this.sink = null;
    this.calls.clear();
    await this.client.stop();
    await Promise.allSettled([...this.inboundWork]);
  }

  send(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const key = fax.idempotencyKey;
    // A second send of an attempt already being handed over shares the first one's outcome.
    const running = this.handingOver.get(key);
    if (running) return running;
    const work = this.handOver(fax).finally(() => this.handingOver.delete(key));
    this.handingOver.set(key, work);
    return work;
  }

  private async handOver(fax: OutboundFax): Promise<{ providerFaxId: string }> {
    const key = fax.idempotencyKey;
    if (!SAFE_KEY.test(key)) throw new FaxError('internal', `The attempt key "${key}" cannot be used with Asterisk.`);
    const providerFaxId = channelIdFor(key);
    // Already handed to Asterisk in this run: never a second call for the same attempt.
    if (this.calls.get(key)) return { providerFaxId };
    // Just after start the login may still be under way: wait a little rather than fail the attempt.
    await this.client.waitUntilReady(this.options.readyWaitMs ?? 10_000).catch(() => {
      throw this.notConnected();
    });

    const { tiff, pages } = await (
      await this.imaging()
    ).pdfToFaxTiff(fax.pdf, { resolution: this.options.resolution ?? 'fine', renderer: this.options.tiffRenderer ?? 'builtin' });
    await this.spool.writeOutbound(key, tiff);
    if (!this.client.ready) {
      await this.spool.removeOutbound(key);
      throw this.notConnected();
    }
    const ringMs = this.options.ringTimeoutMs ?? RING_TIMEOUT_MS;
    this.calls.track(key, (this.options.callTimeoutMs ?? defaultCallTimeout(ringMs))(pages));
    try {
      await this.client.action('Originate', this.originateFields(fax, key, ringMs), { actionId: originateActionId(key) });
    } catch (error) {
      if (error instanceof FaxError && error.code === 'outcome_unknown') {
        // Asterisk may have the call: keep tracking it; the reconnect or the deadline settles it.
        this.options.logger.warn('no answer to Originate; the call is tracked and reconciled', { key });
        return { providerFaxId };
      }
      this.calls.forget(key);
      await this.spool.removeOutbound(key);
      throw error instanceof AmiRefusal ? originateRefused(error.amiMessage) : error;
    }
    this.options.logger.info('Asterisk queued the fax call', { jobId: fax.jobId, key, pages });
    return { providerFaxId };
  }

  async lookup(idempotencyKey: string): Promise<ProviderFaxStatus | null> {
    const known = this.calls.get(idempotencyKey);
    if (known) return this.calls.status(known);
    const found = await this.askAsterisk(idempotencyKey);
    if (found) return found;
    // No result, no live call: if we never wrote its TIFF, it never reached Asterisk.
    if (!(await this.spool.hasOutbound(idempotencyKey))) return null;
    await this.spool.removeOutbound(idempotencyKey);
    return this.lost(idempotencyKey);
  }

  async getStatus(providerFaxId: string): Promise<ProviderFaxStatus> {
    const key = providerFaxId.startsWith(CHANNEL_PREFIX) ? providerFaxId.slice(CHANNEL_PREFIX.length) : providerFaxId;
    const known = this.calls.get(key);
    if (known) return this.calls.status(known);
    return (await this.askAsterisk(key)) ?? this.lost(key);
  }

  private originateFields(fax: OutboundFax, key: string, ringMs: number): Array<[string, string]> {
    const station = this.options.station?.();
    const number = fax.from.number || station?.number || '';
    const name = clean(fax.from.name || station?.name || '', 40);
    const header = clean(fax.from.headerText || station?.headerText || name, 50);
    const digits = fax.to.replace(/\D/g, '');
    const fields: Array<[string, string]> = [
      ['Channel', `PJSIP/${digits}@${this.options.trunk}`],
      ['Context', 'faxbot-send'],
      ['Exten', 's'],
      ['Priority', '1'],
      ['Timeout', String(ringMs)],
      ['Async', 'true'],
      ['ChannelId', channelIdFor(key)],
    ];
    if (number) fields.push(['CallerID', `"${name}" <${number.replace(/\D/g, '')}>`]);
    // One variable per header: Asterisk splits a shared header on commas (§5.1, §12).
    fields.push(
      ['Variable', `FAXBOT_JOB=${key}`],
      ['Variable', `FAXBOT_FILE=${this.spool.remoteOutboundPath(key)}`],
      ['Variable', `FAXBOT_HEADER=${header}`],
      ['Variable', `FAXBOT_STATION=${clean(number, 20)}`],
    );
    return fields;
  }

  private onEvent(event: AmiPacket): void {
    this.calls.handleEvent(event);
    if (event.name === 'UserEvent' && event.get('UserEvent') === 'FaxbotResult') {
      const key = event.get('JobID') ?? '';
      const call = this.calls.get(key);
      if (call?.final) this.tidyUp(key);
    }
    if (event.name === 'UserEvent' && event.get('UserEvent') === 'FaxbotReceived') {
      this.trackInbound(this.inbound.handleEvent(event, this.sink));
    }
  }

  private trackInbound(work: Promise<void>): void {
    this.inboundWork.add(work);
    void work.finally(() => this.inboundWork.delete(work));
  }

  /** After a reconnect: events of the gap are gone; AstDB and the live channels say what happened. */
  private async reconcileAll(): Promise<void> {
    for (const call of this.calls.unfinished()) {
      try {
        const found = await this.askAsterisk(call.key);
        if (call.final) continue;
        if (found?.state === 'delivered' || found?.state === 'failed') this.finishFrom(call, found);
        else if (!found) this.finishFrom(call, this.lost(call.key));
      } catch (error) {
        this.options.logger.warn('could not reconcile a fax call after reconnecting; will check again', { key: call.key, error });
      }
    }
  }

  /** AstDB result (final), a live channel (sending), or null when Asterisk knows nothing. */
  private async askAsterisk(key: string): Promise<ProviderFaxStatus | null> {
    if (!SAFE_KEY.test(key)) return null;
    await this.client.waitUntilReady(10_000);
    const db = await this.client
      .action(
        'DBGet',
        [
          ['Family', 'faxbot'],
          ['Key', key],
        ],
        { list: true },
      )
      .catch((error: FaxError) => {
        if (/not found/i.test(error.message)) return null;
        throw error;
      });
    const value = db?.items[0]?.get('Val');
    if (value !== undefined) {
      const result = faxResultFromDb(value);
      this.tidyUp(key);
      const providerFaxId = channelIdFor(key);
      return result.state === 'delivered'
        ? { providerFaxId, idempotencyKey: key, state: 'delivered', pagesSent: result.pages }
        : { providerFaxId, idempotencyKey: key, state: 'failed', error: result.error };
    }
    const channels = await this.client.action('CoreShowChannels', [], { list: true });
    if (channels.items.some((c) => c.get('Uniqueid') === channelIdFor(key))) {
      // Still on the line: track it again so its events finish it.
      const call = this.calls.track(
        key,
        (this.options.callTimeoutMs ?? defaultCallTimeout(this.options.ringTimeoutMs ?? RING_TIMEOUT_MS))(1),
      );
      return this.calls.status(call);
    }
    return null;
  }

  private finishFrom(call: TrackedCall, status: ProviderFaxStatus): void {
    if (status.state === 'delivered') this.calls.finish(call, { state: 'delivered', pages: status.pagesSent ?? 0 });
    else if (status.state === 'failed' && status.error) this.calls.finish(call, { state: 'failed', error: status.error });
  }

  /** Past its deadline: one last look in AstDB, then the call ends as failed (retryable). */
  private async endOverdue(call: TrackedCall): Promise<void> {
    if (call.final) return;
    const found = await this.askAsterisk(call.key).catch(() => null);
    if (call.final) return;
    if (found && found.state !== 'sending') return this.finishFrom(call, found);
    // Still up past any sane fax length: hang it up, so a retry cannot overlap a fax still going.
    if (found) await this.hangUp(call.key);
    this.calls.finish(call, {
      state: 'failed',
      error: {
        code: 'provider_timeout',
        message: 'Asterisk reported no result for this fax call in time; it counts as failed and may be tried again.',
        retryable: true,
      },
    });
    this.tidyUp(call.key);
  }

  private async hangUp(key: string): Promise<void> {
    try {
      const channels = await this.client.action('CoreShowChannels', [], { list: true });
      const channel = channels.items.find((c) => c.get('Uniqueid') === channelIdFor(key))?.get('Channel');
      if (channel)
        await this.client.action('Hangup', [
          ['Channel', channel],
          ['Cause', '16'],
        ]);
    } catch (error) {
      this.options.logger.warn('could not hang up an overdue fax call', { key, error });
    }
  }

  private lost(key: string): ProviderFaxStatus {
    return {
      providerFaxId: channelIdFor(key),
      idempotencyKey: key,
      state: 'failed',
      error: {
        code: 'outcome_unknown',
        message:
          'The result of this fax call was lost while the connection to Asterisk was down, and the call is no longer up; it counts as failed and may be tried again.',
        retryable: true,
      },
    };
  }

  /** The TIFF and the AstDB copy are no longer needed once the result is ours. */
  private tidyUp(key: string): void {
    void this.spool.removeOutbound(key);
    if (this.client.ready)
      void this.client
        .action('DBDel', [
          ['Family', 'faxbot'],
          ['Key', key],
        ])
        .catch(() => undefined);
  }

  private notConnected(): FaxError {
    const why = this.client.lastError?.message;
    return new FaxError(
      'provider_unavailable',
      why ?? `Not connected to Asterisk at ${this.client.address} yet; the fax will be tried again.`,
      { retryable: true },
    );
  }

  private imagingModule: Promise<FaxTiffImaging> | null = null;
  private imaging(): Promise<FaxTiffImaging> {
    if (this.options.imaging) return Promise.resolve(this.options.imaging);
    // Loaded on first use: pdf.js and the TIFF codec are heavy and not needed to start.
    this.imagingModule ??= import('../../imaging/faxTiff').then((m) => ({ pdfToFaxTiff: m.pdfToFaxTiff, faxTiffToPdf: m.faxTiffToPdf }));
    return this.imagingModule;
  }
}

/** Printable, and free of what Asterisk's argument splitting would eat (§5.1). */
function clean(text: string, max: number): string {
  return text
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/[,"\\&|;]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}
