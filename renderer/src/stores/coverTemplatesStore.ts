// Cover page templates: the list the Send screen's picker, the contact form and Settings →
// Cover pages show, and the template being edited there with its live preview — the real
// cover PDF the engine draws from the unsaved draft, redrawn after a pause in the typing.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import {
  ALL_COVER_FIELDS,
  type CoverField,
  type CoverLayout,
  type CoverPractice,
  type CoverTemplate,
} from '../../../shared/coverTemplates';
import { base64FromBytes, errorSentence, faxErrorOf, fieldMessages } from '../bridge';
import type { CoverPreview } from './coverPreview';
import type { DroppedFile } from './sendStore';

type NewLogo = { fileName: string; contentBase64: string };

/** The template as Settings → Cover pages is editing it, before it is saved. */
export interface CoverTemplateEdit {
  id?: string;
  name: string;
  layout: CoverLayout;
  practice: CoverPractice;
  notice: string;
  fields: Record<CoverField, boolean>;
  /** 'keep': the stored logo (none for a new template); null: none; or a file just chosen. */
  logo: 'keep' | null | NewLogo;
  /** The stored logo's size, while it is kept. */
  storedLogo: CoverTemplate['logo'];
}

export interface CoverTemplatesState {
  items: CoverTemplate[];
  loadError: string | null;
  editing: CoverTemplateEdit | null;
  fieldErrors: Record<string, string>;
  saveError: string | null;
  saving: boolean;
  /** What the last save or deletion did, in words. */
  notice: string | null;
  preview: CoverPreview;
  load(): Promise<void>;
  startNew(layout?: CoverLayout): void;
  edit(id: string): void;
  cancel(): void;
  setName(name: string): void;
  setLayout(layout: CoverLayout): void;
  setPractice(part: keyof CoverPractice, value: string): void;
  setNotice(notice: string): void;
  showField(field: CoverField, shown: boolean): void;
  /** Checks a picked logo file through the engine first: a refused one leaves the draft as it was. */
  chooseLogo(file: DroppedFile): Promise<boolean>;
  removeLogo(): void;
  save(): Promise<CoverTemplate | null>;
  remove(id: string): Promise<boolean>;
}

export type CoverTemplatesStore = StoreApi<CoverTemplatesState>;

const EMPTY_PRACTICE: CoverPractice = { name: '', address: '', phone: '', fax: '', email: '' };
const NO_PREVIEW: CoverPreview = { state: 'off', pdfBase64: null, version: 0, message: null };

/** The templates in picker order: plain first, then by name (the engine's order). */
export function templateName(items: CoverTemplate[], id: string | null | undefined): string | null {
  return items.find((t) => t.id === id)?.name ?? null;
}

function draftOf(edit: CoverTemplateEdit) {
  const { id, name, layout, practice, notice, fields, logo } = edit;
  return { ...(id ? { id } : {}), name, layout, practice, notice, fields, logo };
}

export function createCoverTemplatesStore(api: FaxbotApi, options: { previewDelayMs?: number } = {}): CoverTemplatesStore {
  const delayMs = options.previewDelayMs ?? 300;
  const store = createStore<CoverTemplatesState>()((set, get) => {
    const patchEdit = (change: Partial<CoverTemplateEdit>) => {
      const editing = get().editing;
      if (editing) set({ editing: { ...editing, ...change }, notice: null });
    };
    return {
      items: [],
      loadError: null,
      editing: null,
      fieldErrors: {},
      saveError: null,
      saving: false,
      notice: null,
      preview: NO_PREVIEW,
      async load() {
        try {
          set({ items: (await api.listCoverTemplates({})).items, loadError: null });
        } catch (error) {
          set({ loadError: errorSentence(error) });
        }
      },
      startNew(layout = 'letterhead') {
        set({
          editing: { name: '', layout, practice: EMPTY_PRACTICE, notice: '', fields: ALL_COVER_FIELDS, logo: 'keep', storedLogo: null },
          fieldErrors: {},
          saveError: null,
          notice: null,
        });
      },
      edit(id) {
        const template = get().items.find((t) => t.id === id);
        if (!template || template.builtin) return;
        const { name, layout, practice, notice, fields, logo } = template;
        set({
          editing: { id, name, layout, practice, notice, fields, logo: 'keep', storedLogo: logo },
          fieldErrors: {},
          saveError: null,
          notice: null,
        });
      },
      cancel: () => set({ editing: null, fieldErrors: {}, saveError: null, preview: NO_PREVIEW }),
      setName: (name) => patchEdit({ name }),
      setLayout: (layout) => patchEdit({ layout }),
      setPractice(part, value) {
        const editing = get().editing;
        if (editing) patchEdit({ practice: { ...editing.practice, [part]: value } });
      },
      setNotice: (notice) => patchEdit({ notice }),
      showField(field, shown) {
        const editing = get().editing;
        if (editing) patchEdit({ fields: { ...editing.fields, [field]: shown } });
      },
      async chooseLogo(file) {
        const editing = get().editing;
        if (!editing) return false;
        const logo: NewLogo = { fileName: file.name || 'logo', contentBase64: base64FromBytes(new Uint8Array(await file.arrayBuffer())) };
        try {
          // The engine decodes it whole: an SVG, a damaged or oversize picture is refused here, in its words.
          await api.previewCoverTemplate({ template: { ...draftOf(editing), logo } });
        } catch (error) {
          set({ fieldErrors: { ...get().fieldErrors, logo: errorSentence(error) } });
          return false;
        }
        const { logo: _dropped, ...others } = get().fieldErrors;
        void _dropped;
        set({ fieldErrors: others });
        patchEdit({ logo });
        return true;
      },
      removeLogo: () => patchEdit({ logo: null, storedLogo: null }),
      async save() {
        const editing = get().editing;
        if (!editing || get().saving) return null;
        set({ saving: true, fieldErrors: {}, saveError: null });
        try {
          const saved = await api.saveCoverTemplate(draftOf(editing));
          set({ saving: false, editing: null, preview: NO_PREVIEW, notice: `“${saved.name}” was saved.` });
          await get().load();
          return saved;
        } catch (error) {
          const fields = fieldMessages(error, (path) => path.split('.').pop() ?? path);
          set({ saving: false, fieldErrors: fields, saveError: Object.keys(fields).length ? null : errorSentence(error) });
          return null;
        }
      },
      async remove(id) {
        try {
          const { message } = await api.deleteCoverTemplate({ id });
          set({ notice: message, ...(get().editing?.id === id ? { editing: null, preview: NO_PREVIEW } : {}) });
          await get().load();
          return true;
        } catch (error) {
          set({ saveError: errorSentence(error) });
          return false;
        }
      },
    };
  });
  watchTemplatePreview(store, api, delayMs);
  return store;
}

/** Redraws the edited template after each pause in the typing; only the newest drawing is shown. */
function watchTemplatePreview(store: CoverTemplatesStore, api: FaxbotApi, delayMs: number): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastKey = '';
  let request = 0;
  let logoVersion = 0;
  let lastLogo: CoverTemplateEdit['logo'] | undefined;
  const patch = (preview: Partial<CoverPreview>) => store.setState({ preview: { ...store.getState().preview, ...preview } });

  store.subscribe((state) => {
    const editing = state.editing;
    if (!editing) {
      if (timer) clearTimeout(timer);
      timer = null;
      lastKey = '';
      request++;
      return;
    }
    // A logo is compared by identity, not by its megabytes of base64.
    if (editing.logo !== lastLogo) {
      lastLogo = editing.logo;
      logoVersion++;
    }
    const draft = draftOf(editing);
    const key = JSON.stringify({ ...draft, logo: typeof draft.logo === 'object' && draft.logo ? logoVersion : draft.logo });
    if (key === lastKey) return;
    const first = lastKey === '';
    lastKey = key;
    if (timer) clearTimeout(timer);
    if (state.preview.state === 'off') patch({ state: 'loading' });
    timer = setTimeout(
      () => {
        timer = null;
        const mine = ++request;
        api.previewCoverTemplate({ template: draft }).then(
          ({ pdfBase64 }) => {
            if (mine === request && store.getState().editing)
              patch({ state: 'ready', pdfBase64, version: store.getState().preview.version + 1, message: null });
          },
          (error: unknown) => {
            if (mine === request && store.getState().editing)
              patch({ state: 'error', message: faxErrorOf(error).message || errorSentence(error) });
          },
        );
      },
      first ? 0 : delayMs,
    );
  });
}
