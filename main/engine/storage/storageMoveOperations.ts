// The contract's storage operations (Settings → Storage & retention), spread into the engine's operations.
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import type { StorageMover } from './storageMove';

export function createStorageMoveOperations(mover: StorageMover) {
  return {
    async getStorageStatus(): Promise<OperationResult<'getStorageStatus'>> {
      return mover.status();
    },
    async startStorageMove({ to }: OperationArgs<'startStorageMove'>): Promise<OperationResult<'startStorageMove'>> {
      return mover.start(to);
    },
    async cancelStorageMove(): Promise<OperationResult<'cancelStorageMove'>> {
      return mover.cancel();
    },
  };
}
