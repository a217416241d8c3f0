// Received faxes (contract §9): the dialplan's FaxbotReceived event names a TIFF in the shared
// in/ folder; it becomes a PDF for the Inbox, and the TIFF is removed once the Inbox has it.
// Announcements are recognised by the call's Uniqueid, so a repeat adds nothing.
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../../log';
import type { AmiPacket } from '../../ami';
import type { ProviderSink } from '../types';
import { toInt } from './callResult';
import type { FaxSpool } from './spool';

export interface InboundFaxesOptions {
  spool: FaxSpool;
  /** This machine's in/ folder, scanned for faxes whose announcement was missed. */
  inboundDir: string;
  /** A TIFF this old with no announcement is taken as finished (ReceiveFAX may still be writing a newer one). */
  orphanAgeMs: number;
  faxTiffToPdf(tiff: Uint8Array): Promise<{ pdf: Uint8Array; pages: number }>;
  logger: Logger;
}

export class InboundFaxes {
  /** Uniqueids being imported or imported by this run; the Inbox itself dedupes across runs. */
  private readonly seen = new Set<string>();

  constructor(private readonly options: InboundFaxesOptions) {}

  /**
   * Contract §9.4: announcements sent while we were disconnected are lost, so TIFFs left in
   * in/ are imported too. The dialplan names them <Uniqueid>.tif: the same id an
   * announcement would carry, so a late announcement is still recognised as a repeat.
   */
  async importLeftovers(sink: ProviderSink | null): Promise<void> {
    if (!sink) return;
    const names = await readdir(this.options.inboundDir).catch(() => [] as string[]);
    for (const name of names) {
      const match = /^([A-Za-z0-9._-]+)\.tiff?$/i.exec(name);
      if (!match || this.seen.has(match[1])) continue;
      const path = join(this.options.inboundDir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile() || Date.now() - info.mtimeMs < this.options.orphanAgeMs || this.seen.has(match[1])) continue;
      this.options.logger.info('importing a received fax whose announcement was missed', { uniqueid: match[1] });
      await this.importFile(match[1], path, { from: 'unknown', to: '', status: 'SUCCESS' }, sink);
    }
  }

  /** Resolves when the announced fax is stored (or refused); never throws. */
  async handleEvent(event: AmiPacket, sink: ProviderSink | null): Promise<void> {
    if (event.name !== 'UserEvent' || event.get('UserEvent') !== 'FaxbotReceived' || !sink) return;
    const { logger, spool } = this.options;
    const uniqueid = (event.get('Uniqueid') ?? '').trim();
    if (!uniqueid) return void logger.warn('a received-fax announcement had no Uniqueid; ignored');
    if (this.seen.has(uniqueid)) return void logger.debug('a received fax was announced again; already handled', { uniqueid });
    this.seen.add(uniqueid);
    const status = (event.get('Status') ?? '').trim();
    const pagesAnnounced = toInt(event.get('Pages')) ?? 0;
    const local = spool.inboundLocalPath(event.get('File') ?? '');
    if (!local) {
      logger.warn('a received fax names a file outside the shared in/ folder; not read', { uniqueid });
      return;
    }
    if (status !== 'SUCCESS' && pagesAnnounced === 0) {
      logger.warn('a fax call came in but no page was received', { uniqueid, status, error: event.get('Error') ?? '' });
      await unlink(local).catch(() => undefined);
      return;
    }
    await this.importFile(
      uniqueid,
      local,
      {
        from: (event.get('From') ?? '').trim() || 'unknown',
        to: (event.get('To') ?? '').trim(),
        fromName: (event.get('RemoteStationID') ?? '').trim() || undefined,
        status,
        error: event.get('Error') ?? '',
      },
      sink,
    );
  }

  private async importFile(
    uniqueid: string,
    local: string,
    about: { from: string; to: string; fromName?: string; status: string; error?: string },
    sink: ProviderSink,
  ): Promise<void> {
    const { logger } = this.options;
    this.seen.add(uniqueid);
    try {
      const { pdf, pages } = await this.options.faxTiffToPdf(new Uint8Array(await readFile(local)));
      if (about.status !== 'SUCCESS') logger.warn('storing a partly received fax', { uniqueid, pages, error: about.error });
      await sink.faxReceived({
        providerFaxId: uniqueid,
        from: about.from,
        to: about.to,
        fromName: about.fromName,
        pages,
        pdf,
        receivedAt: new Date(),
      });
      await unlink(local).catch(() => undefined);
    } catch (error) {
      // Left in place: the next announcement (or the next scan) can try again.
      this.seen.delete(uniqueid);
      logger.warn('a received fax could not be imported yet', { uniqueid, error });
    }
  }
}
