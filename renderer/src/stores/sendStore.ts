// The fax being put together on the Send screen: its documents (in the order they will be
// sent), the number, the recipient, more recipients (chips: numbers, contacts, groups), the
// cover page (with its preview), Send later's time, and the last clear, which can be undone
// for a while before its documents are let go.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { HotFolderPickup, StagedDocument } from '../../../shared/model';
import { checkFaxNumber, formatFaxNumber } from '../../../shared/faxNumber';
import { base64FromBytes, errorSentence } from '../bridge';
import { watchCoverPreview, type CoverPreview } from './coverPreview';
import type { LocalSchedule } from '../../../shared/schedule';
import { chipEntry, sameRecipient, scheduleProblem, type RecipientChip, type SentFax } from './sendRecipients';

/** What a dropped file offers; a DOM File fits, and so does a Blob with a name in tests. */
export interface DroppedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type SendDocument =
  | { key: string; fileName: string; state: 'loading' }
  /** `editing`: a change to its pages (Send's page view) is on its way to the engine. */
  | { key: string; fileName: string; state: 'ready'; staged: StagedDocument; editing?: boolean };

/** One page to keep, in the order kept, and the clockwise degrees to add (a multiple of 90). */
export interface PageEdit {
  page: number;
  rotate: number;
}

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
  /** Recipients besides the number being typed (chips in To). */
  recipients: RecipientChip[];
  /** Send later: when, as the picker gives it; null sends at once. */
  schedule: LocalSchedule | null;
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
  /** The document last removed from the fax, while Undo can put it back where it was. */
  removed: { doc: SendDocument; index: number; undoUntil: number } | null;
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
  /** Takes a document off the fax; Undo (`undoRemove`) puts it back during the undo time. */
  remove(key: string): void;
  /** Puts the last removed document back where it was; answers whether it did. */
  undoRemove(): boolean;
  move(key: string, delta: -1 | 1): void;
  /**
   * Keeps only the pages listed, in that order, each turned as asked (Send's page view): the
   * engine rewrites the document, and the fax sends the new one. Answers null when done, or
   * the sentence saying why not (the document is then as it was).
   */
  editPages(key: string, pages: PageEdit[]): Promise<string | null>;
  dismissProblem(key: string): void;
  setTo(to: string): void;
  setRecipientName(name: string): void;
  /** Fills number and name at once, as picking a recent recipient does. */
  setRecipient(to: string, recipientName: string): void;
  /** Adds a chip (a number, contact or group already in To is not added twice); answers whether it was added. */
  addRecipient(chip: RecipientChip): boolean;
  /** Puts a group in To, with its members counted and the ones that would be refused named. */
  addGroup(groupId: string): Promise<boolean>;
  /** Moves the number being typed (and its name) into a chip, so another can be typed; false when it is not a valid number. */
  keepTyped(defaultCountry: string): boolean;
  removeRecipient(key: string): void;
  setSchedule(schedule: LocalSchedule | null): void;
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
  /** Sends when the fax is complete; answers the queued job (or the send, for several recipients or later), or null. */
  send(defaultCountry: string): Promise<SentFax | null>;
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

type SendFields = Pick<SendState, 'documents' | 'to' | 'cover' | 'sending'> & Partial<Pick<SendState, 'recipients' | 'schedule'>>;

export function documentPages(documents: SendDocument[]): number {
  return documents.reduce((sum, doc) => sum + (doc.state === 'ready' ? doc.staged.pages : 0), 0);
}

export function totalPages(state: Pick<SendState, 'documents' | 'cover'>): number {
  const pages = documentPages(state.documents);
  return pages + (state.cover && pages > 0 ? 1 : 0);
}

/** Why Send is not possible yet, in words; null when it is. */
export function whyNotSendable(state: SendFields, defaultCountry: string, now = new Date()): string | null {
  if (state.sending) return 'Sending…';
  if (state.documents.length === 0) return 'Add a document to send.';
  if (state.documents.some((doc) => doc.state === 'loading')) return 'Wait for the documents to finish loading.';
  if (state.documents.some((doc) => doc.state === 'ready' && doc.editing)) return 'Wait for the page changes to be saved.';
  const chips = state.recipients?.length ?? 0;
  const typed = checkFaxNumber(state.to, defaultCountry).ok;
  if (chips === 0 && !typed) return 'Enter a valid fax number.';
  if (chips > 0 && state.to.trim() !== '' && !typed) return 'Finish the fax number being typed, or clear it.';
  return scheduleProblem(state.schedule ?? null, now);
}

export function canSend(state: SendFields, defaultCountry: string, now = new Date()): boolean {
  return whyNotSendable(state, defaultCountry, now) === null;
}

function hasContent(draft: FaxDraft): boolean {
  return (
    draft.documents.length > 0 ||
    draft.recipients.length > 0 ||
    draft.schedule !== null ||
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
    recipients: [],
    schedule: null,
    cover: false,
    subject: '',
    notes: '',
    coverTemplateId: null,
  });
  let forgetTimer: ReturnType<typeof setTimeout> | null = null;
  let forgetRemovedTimer: ReturnType<typeof setTimeout> | null = null;
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

    /** The undo time of a removal is over (or another removal came): the document is let go on the engine. */
    function forgetRemoved(): void {
      if (forgetRemovedTimer) clearTimeout(forgetRemovedTimer);
      forgetRemovedTimer = null;
      const removed = get().removed;
      if (!removed) return;
      set({ removed: null });
      discard(removed.doc);
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
      removed: null,
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
        const documents = get().documents;
        const index = documents.findIndex((d) => d.key === key);
        if (index < 0) return;
        const doc = documents[index];
        // Only one removal can be undone: an older one is let go now.
        forgetRemoved();
        set((state) => ({ documents: state.documents.filter((d) => d.key !== key) }));
        // A file still being read has nothing to bring back yet: it is let go as before.
        if (doc.state !== 'ready') return;
        set({ removed: { doc, index, undoUntil: now() + undoMs } });
        forgetRemovedTimer = setTimeout(forgetRemoved, undoMs);
      },
      undoRemove() {
        const removed = get().removed;
        if (!removed) return false;
        if (forgetRemovedTimer) clearTimeout(forgetRemovedTimer);
        forgetRemovedTimer = null;
        set((state) => {
          const documents = [...state.documents];
          documents.splice(Math.min(removed.index, documents.length), 0, removed.doc);
          return { documents, removed: null };
        });
        return true;
      },
      move(key, delta) {
        const documents = [...get().documents];
        const from = documents.findIndex((d) => d.key === key);
        const to = from + delta;
        if (from < 0 || to < 0 || to >= documents.length) return;
        [documents[from], documents[to]] = [documents[to], documents[from]];
        set({ documents });
      },
      async editPages(key, pages) {
        const doc = get().documents.find((d) => d.key === key);
        if (!doc || doc.state !== 'ready') return 'That document is no longer on this fax.';
        if (doc.editing) return 'Wait for the last change to these pages to be saved.';
        const mark =
          (editing: boolean, staged = doc.staged) =>
          (docs: SendDocument[]) =>
            docs.map((d): SendDocument => (d.key === key && d.state === 'ready' ? { ...d, staged, editing } : d));
        set((state) => ({ documents: mark(true)(state.documents) }));
        try {
          const staged = await api.editStagedDocument({ documentId: doc.staged.documentId, pages });
          const state = get();
          const onFax = state.documents.some((d) => d.key === key);
          const inCleared = state.cleared?.documents.some((d) => d.key === key) ?? false;
          // Removed while the engine worked: the new pages are not needed either.
          if (!onFax && !inCleared) {
            await api.discardStagedDocument({ documentId: staged.documentId }).catch(() => undefined);
            return null;
          }
          set({
            documents: mark(false, staged)(state.documents),
            cleared:
              inCleared && state.cleared ? { ...state.cleared, documents: mark(false, staged)(state.cleared.documents) } : state.cleared,
          });
          return null;
        } catch (error) {
          // Removed meanwhile (its draft let go under the engine): nothing is left to change.
          if (!get().documents.some((d) => d.key === key)) return null;
          set((state) => ({ documents: mark(false)(state.documents) }));
          return errorSentence(error, 'The pages could not be changed. Try again.');
        }
      },
      dismissProblem(key) {
        set((state) => ({ problems: state.problems.filter((p) => p.key !== key) }));
      },
      setTo: (to) => set({ to, sendError: null }),
      setRecipientName: (recipientName) => set({ recipientName }),
      setRecipient: (to, recipientName) => set({ to, recipientName, sendError: null }),
      addRecipient(chip) {
        if (get().recipients.some((held) => sameRecipient(held, chip))) return false;
        set((state) => ({ recipients: [...state.recipients, chip], sendError: null }));
        return true;
      },
      async addGroup(groupId) {
        try {
          const group = await api.getContactGroup({ id: groupId });
          const leftOut = group.memberList.flatMap((member) => (member.problem ? [`Left out: ${member.problem}`] : []));
          return get().addRecipient({
            key: `group-${groupId}`,
            kind: 'group',
            groupId,
            name: group.name,
            members: group.memberList.length - leftOut.length,
            leftOut,
          });
        } catch (error) {
          set({ sendError: errorSentence(error) });
          return false;
        }
      },
      keepTyped(defaultCountry) {
        const { to, recipientName } = get();
        const number = checkFaxNumber(to, defaultCountry);
        if (!number.ok) return false;
        get().addRecipient({ key: `number-${number.e164}`, kind: 'number', to: number.e164, name: recipientName.trim() });
        set({ to: '', recipientName: '' });
        return true;
      },
      removeRecipient(key) {
        set((state) => ({ recipients: state.recipients.filter((chip) => chip.key !== key), sendError: null }));
      },
      setSchedule: (schedule) => set({ schedule, sendError: null }),
      setCover: (cover) => set({ cover }),
      setSubject: (subject) => set({ subject }),
      setNotes: (notes) => set({ notes }),
      setCoverTemplate: (coverTemplateId) => set({ coverTemplateId, sendError: null }),
      redrawCover: () => preview?.redraw(),
      clear() {
        const state = get();
        if (state.sending || !hasContent(state)) return false;
        // Only one clear can be undone: an older one is let go now, and a removal's undo with it.
        forgetCleared();
        forgetRemoved();
        const { documents, to, recipientName, recipients, schedule, cover, subject, notes, coverTemplateId } = state;
        set({
          ...emptyDraft(),
          problems: [],
          sendError: null,
          cleared: {
            documents,
            to,
            recipientName,
            recipients,
            schedule,
            cover,
            subject,
            notes,
            coverTemplateId,
            undoUntil: now() + undoMs,
          },
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
          recipients: [
            ...cleared.recipients,
            ...state.recipients.filter((chip) => !cleared.recipients.some((c) => sameRecipient(c, chip))),
          ],
          schedule: state.schedule ?? cleared.schedule,
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
        const entries = state.recipients.map(chipEntry);
        if (number.ok) entries.push({ to: number.e164, name: state.recipientName.trim() });
        set({ sending: true, sendError: null });
        const documentIds = state.documents.flatMap((doc) => (doc.state === 'ready' ? [doc.staged.documentId] : []));
        const cover = state.cover ? { subject: state.subject, notes: state.notes, templateId: state.coverTemplateId } : null;
        try {
          const only = entries.length === 1 && 'to' in entries[0] ? entries[0] : null;
          // One number sent now is a fax on its own, as before; anything else is a send.
          const sent: SentFax =
            only && !state.schedule
              ? await api.sendFax({ to: only.to, recipientName: only.name ?? '', documentIds, cover })
              : await api.sendFaxes({ recipients: entries, documentIds, cover, sendAt: state.schedule });
          // The staged documents now belong to the job; start a fresh fax.
          forgetRemoved();
          set({ ...emptyDraft(), problems: [], sending: false, sendError: null });
          return sent;
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
