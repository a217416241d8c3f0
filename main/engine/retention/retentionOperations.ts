// Settings → Storage & retention: reading where and how documents are kept, and saving
// the retention days.
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import type { StorageInfo } from '../../../shared/model';
import type { RetentionSettingsStore } from './retentionSettings';

export interface RetentionOperationDeps {
  retention: RetentionSettingsStore;
  /** Where documents are kept and what protects their key (the engine knows its store and wrapper). */
  storage(): Pick<StorageInfo, 'backend' | 'keyProtection'>;
}

export function createRetentionOperations(deps: RetentionOperationDeps) {
  return {
    async getStorageInfo(): Promise<OperationResult<'getStorageInfo'>> {
      return { ...deps.storage(), retention: deps.retention.get(), lastSweep: deps.retention.lastSweep() };
    },
    async updateRetention(args: OperationArgs<'updateRetention'>): Promise<OperationResult<'updateRetention'>> {
      return deps.retention.update(args);
    },
  };
}
