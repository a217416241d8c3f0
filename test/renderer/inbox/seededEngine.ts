// A real engine over a data folder seeded with a long Inbox, reached the way the page reaches
// it (either transport): test/renderer/deskEngine.ts with a seeded folder.
import type { EngineConfig } from '../../../main/engine';
import { seedInbox } from '../../support/inboxSeed';
import { startDeskEngine, type DeskEngine, type DeskTransport } from '../deskEngine';

export type SeededEngine = DeskEngine;

export function startSeededEngine(transport: DeskTransport, faxes: number, config: Partial<EngineConfig> = {}): Promise<SeededEngine> {
  return startDeskEngine({
    transport,
    folderPrefix: 'faxbot-inbox-',
    config,
    prepare: faxes > 0 ? (dataDir) => seedInbox(dataDir, faxes) : undefined,
  });
}
