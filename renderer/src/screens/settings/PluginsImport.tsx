// Import manifest (only with FEATURE_PLUGIN_INSTALL): a JSON file describing a cloud fax
// service that has no built-in plugin. The engine checks it against its schema; what it
// refuses is shown in words.
import { useId, useRef } from 'react';
import { useSlice } from '../../deskContext';
import type { PluginsStore } from './pluginsStore';

/** Manifests are a few kilobytes; a large file is the wrong file. */
const MAX_MANIFEST_BYTES = 256 * 1024;

export function PluginsImport({ store }: { store: PluginsStore }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const error = useSlice(store, (s) => s.importError);
  const note = useSlice(store, (s) => s.importNote);

  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_MANIFEST_BYTES) {
      store.setState({
        importError: `${file.name} is too large for a manifest (over 256 KB). Choose the provider’s manifest .json file.`,
        importNote: null,
      });
    } else {
      await store.getState().importManifest(await file.text());
    }
    // The same file can be picked again after it is fixed.
    if (input.current) input.current.value = '';
  };

  return (
    <section className="plugin-import" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Add a fax service</h3>
      <p className="hint">Import the JSON manifest of a cloud fax service. It can only call the web addresses its manifest allows.</p>
      <label htmlFor={`${id}-file`}>Import manifest</label>{' '}
      <input id={`${id}-file`} ref={input} type="file" accept="application/json,.json" onChange={(e) => void pick(e.target.files?.[0])} />
      <p role="alert" className="form-error">
        {error ?? ''}
      </p>
      <p role="status" className="hint">
        {note ?? ''}
      </p>
    </section>
  );
}
