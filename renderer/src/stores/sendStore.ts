// The fax being put together on the Send screen: its documents (in the order they will be
// sent), the number, the recipient and the cover page.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { FaxJob, StagedDocument } from '../../../shared/model';
import { checkFaxNumber } from '../../../shared/faxNumber';
import { base64FromBytes } from '../bridge/base64';

/** What a dropped file offers; a DOM File fits, and so does a Blob with a name in tests. */
export interface DroppedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type SendDocument =
  | { key: string; fileName: string; state: 'loading' }
  | { key: string; fileName: string; state: 'ready'; staged: StagedDocument };

export interface FileProblem {
  key: string;
  fileName: string;
  message: string;
}

export interface SendState {
  documents: SendDocument[];
  problems: FileProblem[];
  to: string;
  recipientName: string;
  cover: boolean;
  subject: string;
  notes: string;
  sending: boolean;
  sendError: string | null;
  addFiles(files: Iterable<DroppedFile>): Promise<void>;
  remove(key: string): void;
  move(key: string, delta: -1 | 1): void;
  dismissProblem(key: string): void;
  setTo(to: string): void;
  setRecipientName(name: string): void;
  setCover(on: boolean): void;
  setSubject(subject: string): void;
  setNotes(notes: string): void;
  /** Sends when the fax is complete; answers the queued job, or null when it could not be sent. */
  send(defaultCountry: string): Promise<FaxJob | null>;
}

export type SendStore = StoreApi<SendState>;

type SendFields = Pick<SendState, 'documents' | 'to' | 'cover' | 'sending'>;

export function totalPages(state: Pick<SendState, 'documents' | 'cover'>): number {
  const documentPages = state.documents.reduce((sum, doc) => sum + (doc.state === 'ready' ? doc.staged.pages : 0), 0);
  return documentPages + (state.cover && documentPages > 0 ? 1 : 0);
}

/** Why Send is not possible yet, in words; null when it is. */
export function whyNotSendable(state: SendFields, defaultCountry: string): string | null {
  if (state.sending) return 'Sending…';
  if (state.documents.length === 0) return 'Add a document to send.';
  if (state.documents.some((doc) => doc.state === 'loading')) return 'Wait for the documents to finish loading.';
  if (!checkFaxNumber(state.to, defaultCountry).ok) return 'Enter a valid fax number.';
  return null;
}

export function canSend(state: SendFields, defaultCountry: string): boolean {
  return whyNotSendable(state, defaultCountry) === null;
}

function message(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'Faxbot could not read this file. Try again.';
}

let nextKey = 0;

export function createSendStore(api: FaxbotApi): SendStore {
  const blank = { documents: [], problems: [], to: '', recipientName: '', cover: false, subject: '', notes: '', sending: false, sendError: null };

  return createStore<SendState>()((set, get) => {
    async function stage(key: string, file: DroppedFile): Promise<void> {
      try {
        const contentBase64 = base64FromBytes(new Uint8Array(await file.arrayBuffer()));
        const staged = await api.stageDocument({ fileName: file.name || 'document', contentBase64 });
        const stillWanted = get().documents.some((doc) => doc.key === key);
        if (!stillWanted) {
          // Removed while it was loading: the engine need not keep it.
          await api.discardStagedDocument({ documentId: staged.documentId }).catch(() => undefined);
          return;
        }
        set((state) => ({
          documents: state.documents.map((doc) => (doc.key === key ? { key, fileName: doc.fileName, state: 'ready', staged } : doc)),
        }));
      } catch (error) {
        set((state) => ({
          documents: state.documents.filter((doc) => doc.key !== key),
          problems: [...state.problems, { key, fileName: file.name, message: message(error) }],
        }));
      }
    }

    return {
      ...blank,
      async addFiles(files) {
        const added = [...files].map((file) => ({ file, key: `doc-${++nextKey}` }));
        if (added.length === 0) return;
        // Placeholders go in now, in drop order, so the order holds however long each file takes.
        set((state) => ({
          documents: [...state.documents, ...added.map(({ file, key }) => ({ key, fileName: file.name, state: 'loading' as const }))],
          sendError: null,
        }));
        await Promise.all(added.map(({ file, key }) => stage(key, file)));
      },
      remove(key) {
        const doc = get().documents.find((d) => d.key === key);
        set((state) => ({ documents: state.documents.filter((d) => d.key !== key) }));
        if (doc?.state === 'ready') void api.discardStagedDocument({ documentId: doc.staged.documentId }).catch(() => undefined);
      },
      move(key, delta) {
        const documents = [...get().documents];
        const from = documents.findIndex((d) => d.key === key);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= documents.length) return;
        [documents[from], documents[to]] = [documents[to], documents[from]];
        set({ documents });
      },
      dismissProblem(key) {
        set((state) => ({ problems: state.problems.filter((p) => p.key !== key) }));
      },
      setTo: (to) => set({ to, sendError: null }),
      setRecipientName: (recipientName) => set({ recipientName }),
      setCover: (cover) => set({ cover }),
      setSubject: (subject) => set({ subject }),
      setNotes: (notes) => set({ notes }),
      async send(defaultCountry) {
        const state = get();
        if (!canSend(state, defaultCountry)) return null;
        const number = checkFaxNumber(state.to, defaultCountry);
        if (!number.ok) return null;
        set({ sending: true, sendError: null });
        try {
          const job = await api.sendFax({
            to: number.e164,
            recipientName: state.recipientName.trim(),
            documentIds: state.documents.flatMap((doc) => (doc.state === 'ready' ? [doc.staged.documentId] : [])),
            cover: state.cover ? { subject: state.subject, notes: state.notes } : null,
          });
          // The staged documents now belong to the job; start a fresh fax.
          set({ ...blank });
          return job;
        } catch (error) {
          set({ sending: false, sendError: message(error) });
          return null;
        }
      },
    };
  });
}
