// The import dialog: a file is read by the engine into a preview (layout, mapping, first
// rows, each bad row's reason); the person may change the mapping (the preview follows),
// then confirms "Import 97, skip 3". Nothing is saved before that, and the import is whole.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FaxbotApi } from '../../../shared/contract';
import type { ColumnMapping, ContactImportPreview, ContactImportResult, ImportDuplicateChoice } from '../../../shared/contacts';
import { base64FromBytes } from '../bridge/base64';

export type MappedField = keyof ColumnMapping;

export interface ContactImportState {
  fileName: string | null;
  preview: ContactImportPreview | null;
  mapping: ColumnMapping | null;
  duplicates: ImportDuplicateChoice;
  busy: boolean;
  error: string | null;
  result: ContactImportResult | null;
  choose(file: File): Promise<void>;
  /** Maps one field to a column (null: none); name takes one column here, first/last are joined by the layout. */
  mapField(field: MappedField, column: number | null): Promise<void>;
  setDuplicates(choice: ImportDuplicateChoice): void;
  confirm(): Promise<ContactImportResult | null>;
  reset(): void;
}

export type ContactImportStore = StoreApi<ContactImportState>;

function words(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}

export function createContactImportStore(api: FaxbotApi): ContactImportStore {
  let content: string | null = null;
  let request = 0;
  const initial = { fileName: null, preview: null, mapping: null, duplicates: 'skip' as const, busy: false, error: null, result: null };
  return createStore<ContactImportState>()((set, get) => {
    const preview = async (mapping: ColumnMapping | undefined) => {
      const mine = ++request;
      const fileName = get().fileName;
      if (content === null || fileName === null) return;
      set({ busy: true, error: null });
      try {
        const answer = await api.previewContactImport({ fileName, contentBase64: content, ...(mapping ? { mapping } : {}) });
        if (mine === request) set({ preview: answer, mapping: answer.mapping, busy: false });
      } catch (error) {
        if (mine === request) set({ busy: false, error: words(error, 'The file could not be read.') });
      }
    };
    return {
      ...initial,
      async choose(file) {
        set({ ...initial, fileName: file.name, busy: true });
        content = base64FromBytes(new Uint8Array(await file.arrayBuffer()));
        await preview(undefined);
      },
      async mapField(field, column) {
        const mapping = get().mapping;
        if (!mapping) return;
        const next: ColumnMapping = { ...mapping, [field]: field === 'name' ? (column === null ? [] : [column]) : column };
        set({ mapping: next });
        await preview(next);
      },
      setDuplicates: (duplicates) => set({ duplicates }),
      async confirm() {
        const { fileName, preview: shown, mapping, duplicates, busy } = get();
        if (content === null || fileName === null || !shown || busy) return null;
        set({ busy: true, error: null });
        try {
          const result = await api.importContacts({
            fileName,
            contentBase64: content,
            ...(mapping ? { mapping } : {}),
            // The person saw the bad rows listed and chose to import the others.
            skipInvalid: shown.problemCount > 0,
            duplicates,
          });
          set({ result, busy: false });
          return result;
        } catch (error) {
          set({ busy: false, error: words(error, 'The contacts could not be imported.') });
          return null;
        }
      },
      reset() {
        content = null;
        request++;
        set(initial);
      },
    };
  });
}
