// "Print to Faxbot" on the desk: the watched folder's state (a problem to show, settings for
// Settings → General) and the questions it asks about documents printed twice.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { HotFolderQuestion, HotFolderStatus } from '../../../shared/model';
import { errorSentence } from '../bridge';

export interface PrintedFilesState {
  status: HotFolderStatus | null;
  error: string | null;
  load(): Promise<HotFolderStatus | null>;
  apply(status: HotFolderStatus): void;
  ask(question: HotFolderQuestion): void;
  answer(fileId: string, faxAgain: boolean): Promise<void>;
  update(changes: { autoSend?: boolean; gatherSeconds?: number }): Promise<void>;
}

export type PrintedFilesStore = StoreApi<PrintedFilesState>;

export function createPrintedFilesStore(api: FaxbotApi): PrintedFilesStore {
  return createStore<PrintedFilesState>()((set, get) => ({
    status: null,
    error: null,
    async load() {
      try {
        const status = await api.getHotFolder({});
        set({ status, error: null });
        return status;
      } catch (error) {
        set({ error: errorSentence(error) });
        return null;
      }
    },
    apply(status) {
      set({ status });
    },
    ask(question) {
      const status = get().status;
      if (!status || status.questions.some((q) => q.fileId === question.fileId)) return;
      set({ status: { ...status, questions: [...status.questions, question] } });
    },
    async answer(fileId, faxAgain) {
      try {
        set({ status: await api.answerHotFolderQuestion({ fileId, faxAgain }), error: null });
      } catch (error) {
        set({ error: errorSentence(error) });
        await get().load();
      }
    },
    async update(changes) {
      try {
        set({ status: await api.updateHotFolder(changes), error: null });
      } catch (error) {
        set({ error: errorSentence(error) });
      }
    },
  }));
}
