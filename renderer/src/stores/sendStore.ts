// The fax being put together on the Send screen: its documents (in the order they will be
// sent), the number, the recipient and the cover page (with its preview), and the last
// clear, which can be undone for a while before its documents are let go.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { FaxJob, HotFolderPickup, StagedDocument } from '../../../shared/model';
import { checkFaxNumber, formatFaxNumber } from '../../../shared/faxNumber';
import { base64FromBytes, errorSentence } from '../bridge';
import { watchCoverPreview, type CoverPreview } from './coverPreview';

/** What a dropped file offers; a DOM File fits, and so does a Blob with a name in tests. */
export interface DroppedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type SendDocument =
  { key: string; fileName: string; state: 'loading' } | { key: string; fileName: string; state: 'ready'; staged: StagedDocument };

export interface FileProblem {
  key: string;
  fileName: string;
  message: string;
}

/** The fields a clear takes away and an undo puts back. */
export interface FaxDraft {
  documents: SendDocument[];
  to: string;
  recipientName: string;
  cover: boolean;
  subject: string;
  notes: string;
  /** The cover page template picked for this fax; null: the contact's default, else plain. */
  coverTemplateId: string | null;
}

export interface SendState extends FaxDraft {
  problems: FileProblem[];
  sending: boolean;
  sendError: string | null;
  coverPreview: CoverPreview;
  /** The fax the person cleared, while Undo can still bring it back (until `undoUntil`, ms since epoch). */
  cleared: (FaxDraft & { undoUntil: number }) | null;
  addFiles(files: Iterable<DroppedFile>): Promise<void>;
  /**
   * Puts a document the engine already staged on this fax, after the ones there. The Inbox's
   * Forward uses it with the answer of `forwardInboundFax` (see `desk.openOnSend`).
   */
  addStagedDocument(staged: StagedDocument): void;
  /**
   * Printed to Faxbot: the documents the watched folder staged, after the ones here (each
   * once), and the number it found when the To field is still empty.
   */
  /** Adds printed documents; a number they named fills an empty To, written as people write it at home. */
  addPrinted(pickup: HotFolderPickup, homeCountry?: string): boolean;
  remove(key: string): void;
  move(key: string, delta: -1 | 1): void;
  dismissProblem(key: string): void;
  setTo(to: string): void;
  setRecipientName(name: string): void;
  /** Fills number and name at once, as picking a recent recipient does. */
  setRecipient(to: string, recipientName: string): void;
  setCover(on: boolean): void;
  setSubject(subject: string): void;
  setNotes(notes: string): void;
  setCoverTemplate(templateId: string | null): void;
  /** Draws the cover again: a template it uses (or the contact's default) changed elsewhere. */
  redrawCover(): void;
  /** Empties the fax (Esc); answers false when there was nothing to clear. */
  clear(): boolean;
  /** Brings back the last cleared fax while its undo time lasts; answers whether it did. */
  undoClear(): boolean;
  /** Sends when the fax is complete; answers the queued job, or null when it could not be sent. */
  send(defaultCountry: string): Promise<FaxJob | null>;
}

export type SendStore = StoreApi<SendState>;

export interface SendStoreOptions {
  /** How long a clear can be undone; its staged documents are kept on the engine until then. */
  undoMs?: number;
  /** Quiet time after typing before the cover page is drawn again. */
  coverPreviewDelayMs?: number;
  now?: () => number;
}

export const UNDO_CLEAR_MS = 10_000;

type SendFields = Pick<SendState, 'documents' | 'to' | 'cover' | 'sending'>;

export function documentPages(documents: SendDocument[]): number {
  return documents.reduce((sum, doc) => sum + (doc.state === 'ready' ? doc.staged.pages : 0), 0);
}

export function totalPages(state: Pick<SendState, 'documents' | 'cover'>): number {
  const pages = documentPages(state.documents);
  return pages + (state.cover && pages > 0 ? 1 : 0);
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

function hasContent(draft: FaxDraft): boolean {
  return (
    draft.documents.length > 0 ||
    draft.to.trim() !== '' ||
    draft.recipientName.trim() !== '' ||
    draft.cover ||
    draft.subject !== '' ||
    draft.notes !== '' ||
    draft.coverTemplateId !== null
  );
}

let nextKey = 0;

export function createSendStore(api: FaxbotApi, options: SendStoreOptions = {}): SendStore {
  const undoMs = options.undoMs ?? UNDO_CLEAR_MS;
  const now = options.now ?? Date.now;
  const emptyDraft = (): FaxDraft => ({
    documents: [],
    to: '',
    recipientName: '',
    cover: false,
    subject: '',
    notes: '',
    coverTemplateId: null,
  });
  let forgetTimer: ReturnType<typeof setTimeout> | null = null;
  let preview: ReturnType<typeof watchCoverPreview> | null = null;

  const store = createStore<SendState>()((set, get) => {
    const discard = (doc: SendDocument) => {
      if (doc.state === 'ready') void api.discardStagedDocument({ documentId: doc.staged.documentId }).catch(() => undefined);
    };

    /** The undo time of a clear is over: its documents are let go on the engine. */
    function forgetCleared(): void {
      if (forgetTimer) clearTimeout(forgetTimer);
      forgetTimer = null;
      const cleared = get().cleared;
      if (!cleared) return;
      set({ cleared: null });
      cleared.documents.forEach(discard);
    }

    /** Puts a finished staging where its placeholder is: on the fax, or in the cleared fax awaiting undo. */
    function settle(key: string, result: { staged: StagedDocument } | { problem: string }, fileName: string): boolean {
      const place = (docs: SendDocument[]) =>
        'staged' in result
          ? docs.map((doc): SendDocument =>
              doc.key === key ? { key, fileName: doc.fileName, state: 'ready', staged: result.staged } : doc,
            )
          : docs.filter((doc) => doc.key !== key);
      const state = get();
      const onFax = state.documents.some((doc) => doc.key === key);
      const inCleared = state.cleared?.documents.some((doc) => doc.key === key) ?? false;
      if (!onFax && !inCleared) return false;
      set({
        documents: onFax ? place(state.documents) : state.documents,
        cleared: inCleared && state.cleared ? { ...state.cleared, documents: place(state.cleared.documents) } : state.cleared,
        problems: 'problem' in result && onFax ? [...state.problems, { key, fileName, message: result.problem }] : state.problems,
      });
      return true;
    }

    async function stage(key: string, file: DroppedFile): Promise<void> {
      try {
        const contentBase64 = base64FromBytes(new Uint8Array(await file.arrayBuffer()));
        const staged = await api.stageDocument({ fileName: file.name || 'document', contentBase64 });
        // Removed while it was loading (or its clear was not undone): the engine need not keep it.
        if (!settle(key, { staged }, file.name)) await api.discardStagedDocument({ documentId: staged.documentId }).catch(() => undefined);
      } catch (error) {
        settle(key, { problem: errorSentence(error, 'Faxbot could not read this file. Try again.') }, file.name);
      }
    }

    return {
      ...emptyDraft(),
      problems: [],
      sending: false,
      sendError: null,
      coverPreview: { state: 'off', pdfBase64: null, version: 0, message: null },
      cleared: null,
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
      addStagedDocument(staged) {
        const doc: SendDocument = { key: `doc-${++nextKey}`, fileName: staged.fileName, state: 'ready', staged };
        set((state) => ({ documents: [...state.documents, doc], sendError: null }));
      },
      addPrinted(pickup, homeCountry) {
        const have = new Set(get().documents.map((d) => (d.state === 'ready' ? d.staged.documentId : '')));
        const docs: SendDocument[] = pickup.documents
          .filter((staged) => !have.has(staged.documentId))
          .map((staged) => ({ key: `doc-${++nextKey}`, fileName: staged.fileName, state: 'ready', staged }));
        if (docs.length === 0) return false;
        set((state) => ({
          documents: [...state.documents, ...docs],
          to: state.to || (pickup.to ? formatFaxNumber(pickup.to, homeCountry) : ''),
          sendError: null,
        }));
        return true;
      },
      remove(key) {
        const doc = get().documents.find((d) => d.key === key);
        set((state) => ({ documents: state.documents.filter((d) => d.key !== key) }));
        if (doc) discard(doc);
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
      setRecipient: (to, recipientName) => set({ to, recipientName, sendError: null }),
      setCover: (cover) => set({ cover }),
      setSubject: (subject) => set({ subject }),
      setNotes: (notes) => set({ notes }),
      setCoverTemplate: (coverTemplateId) => set({ coverTemplateId, sendError: null }),
      redrawCover: () => preview?.redraw(),
      clear() {
        const state = get();
        if (state.sending || !hasContent(state)) return false;
        // Only one clear can be undone: an older one is let go now.
        forgetCleared();
        const { documents, to, recipientName, cover, subject, notes, coverTemplateId } = state;
        set({
          ...emptyDraft(),
          problems: [],
          sendError: null,
          cleared: { documents, to, recipientName, cover, subject, notes, coverTemplateId, undoUntil: now() + undoMs },
        });
        forgetTimer = setTimeout(forgetCleared, undoMs);
        return true;
      },
      undoClear() {
        const { cleared, ...state } = get();
        if (!cleared) return false;
        if (forgetTimer) clearTimeout(forgetTimer);
        forgetTimer = null;
        // Anything added since the clear stays, after what comes back; typed fields win over restored ones.
        set({
          cleared: null,
          documents: [...cleared.documents, ...state.documents],
          to: state.to || cleared.to,
          recipientName: state.recipientName || cleared.recipientName,
          cover: state.cover || cleared.cover,
          subject: state.subject || cleared.subject,
          notes: state.notes || cleared.notes,
          coverTemplateId: state.coverTemplateId ?? cleared.coverTemplateId,
        });
        return true;
      },
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
            cover: state.cover ? { subject: state.subject, notes: state.notes, templateId: state.coverTemplateId } : null,
          });
          // The staged documents now belong to the job; start a fresh fax.
          set({ ...emptyDraft(), problems: [], sending: false, sendError: null });
          return job;
        } catch (error) {
          set({ sending: false, sendError: errorSentence(error) });
          return null;
        }
      },
    };
  });
  preview = watchCoverPreview(store, api, options.coverPreviewDelayMs ?? 400);
  return store;
}
