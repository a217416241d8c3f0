// The cover page drawn by the engine as it will be sent, kept in step with what the person
// types: redrawn after a short pause, and only the newest answer is shown.
import type { StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { CoverTemplateChoice } from '../../../shared/coverTemplates';
import { errorSentence } from '../bridge';

export interface CoverPreview {
  state: 'off' | 'loading' | 'ready' | 'error';
  pdfBase64: string | null;
  /** Goes up with every new drawing, so a viewer knows to load it again. */
  version: number;
  message: string | null;
  /** Which template the drawing used and why (the Send screen's cover section says so). */
  template?: CoverTemplateChoice | null;
}

/**
 * The parts of the Send screen's draft (sendStore's FaxDraft) the cover page shows. Declared
 * here, not imported, because sendStore.ts imports this file.
 */
interface CoverDraft {
  documents: readonly ({ state: 'loading' } | { state: 'ready'; staged: { pages: number } })[];
  to: string;
  recipientName: string;
  cover: boolean;
  subject: string;
  notes: string;
  /** The template picked for this fax; null leaves it to the contact's default, else plain. */
  coverTemplateId: string | null;
}

interface WithPreview extends CoverDraft {
  coverPreview: CoverPreview;
}

/** What the cover page shows; when this is unchanged, the drawing is too. */
function coverInput(state: CoverDraft) {
  const pages = state.documents.reduce((sum, doc) => sum + (doc.state === 'ready' ? doc.staged.pages : 0), 0);
  return {
    to: state.to.trim().slice(0, 64),
    recipientName: state.recipientName.trim().slice(0, 200),
    pages,
    cover: { subject: state.subject.slice(0, 200), notes: state.notes.slice(0, 4000), templateId: state.coverTemplateId },
  };
}

/** Follows the draft; `redraw` draws it again though nothing in it changed (a template it uses did). */
export function watchCoverPreview<S extends WithPreview>(
  store: StoreApi<S>,
  api: FaxbotApi,
  delayMs: number,
): { stop: () => void; redraw: () => void } {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey = '';
  let request = 0;

  const patch = (preview: Partial<CoverPreview>) =>
    store.setState({ coverPreview: { ...store.getState().coverPreview, ...preview } } as Partial<S>);

  async function draw(input: ReturnType<typeof coverInput>): Promise<void> {
    const mine = ++request;
    try {
      const { pdfBase64, template } = await api.previewCoverPage(input);
      if (mine !== request || !store.getState().cover) return;
      patch({ state: 'ready', pdfBase64, version: store.getState().coverPreview.version + 1, message: null, template });
    } catch (error) {
      if (mine !== request || !store.getState().cover) return;
      patch({ state: 'error', message: errorSentence(error, 'The cover page could not be drawn.'), template: null });
    }
  }

  const stop = store.subscribe((state) => {
    if (!state.cover) {
      if (timer) clearTimeout(timer);
      timer = null;
      lastKey = '';
      request++; // an answer still on its way is no longer wanted
      if (state.coverPreview.state !== 'off') patch({ state: 'off', pdfBase64: null, message: null });
      return;
    }
    const input = coverInput(state);
    const key = JSON.stringify(input);
    if (key === lastKey) return;
    const first = lastKey === '';
    lastKey = key;
    if (timer) clearTimeout(timer);
    if (state.coverPreview.state === 'off') patch({ state: 'loading' });
    // The first drawing comes at once; later ones wait for a pause in the typing.
    timer = setTimeout(
      () => {
        timer = null;
        void draw(input);
      },
      first ? 0 : delayMs,
    );
  });
  return {
    stop,
    redraw() {
      if (!store.getState().cover) return;
      lastKey = 'redraw';
      store.setState({} as Partial<S>);
    },
  };
}
