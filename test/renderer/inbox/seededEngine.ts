// A real engine and headless server over a data folder seeded with a long Inbox, reached
// through the renderer's own HTTP bridge: test/renderer/deskEngine.ts with a seeded folder.
import type { EngineConfig } from '../../../main/engine';
import { seedInbox } from '../../support/inboxSeed';
import { startEngineOverHttp, type DeskEngine } from '../deskEngine';

export type SeededEngine = DeskEngine;

export function startSeededEngine(faxes: number, config: Partial<EngineConfig> = {}): Promise<SeededEngine> {
  return startEngineOverHttp({
    folderPrefix: 'faxbot-inbox-',
    config,
    prepare: faxes > 0 ? (dataDir) => seedInbox(dataDir, faxes) : undefined,
  });
}
