// A page holding one SchemaForm, for driving it in real Chromium (schemaFormChromium.test.ts).
// "Save" plays the engine's part: it records the change the form would send and answers the
// way savePluginConfig does, with secrets only as set/unset. "Refuse" hands back field errors.
import { useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { SettingsSchema } from '../../shared/plugins';
import { SchemaForm, changeOf, draftOf, fieldsOf, type SecretStates } from '../../renderer/src/components/schemaForm';

interface HarnessSetup {
  schema: SettingsSchema;
  settings: Record<string, unknown>;
  secrets: SecretStates;
  locked: Record<string, string>;
}
type HarnessWindow = Window & { harnessSetup: HarnessSetup; savedChanges: unknown[] };

function Harness({ setup }: { setup: HarnessSetup }) {
  const fields = useMemo(() => fieldsOf(setup.schema), [setup.schema]);
  const [settings, setSettings] = useState(setup.settings);
  const [secrets, setSecrets] = useState(setup.secrets);
  const [draft, setDraft] = useState(() => draftOf(fields, setup.settings));
  const [errors, setErrors] = useState<Record<string, string>>({});

  const save = () => {
    const change = changeOf(fields, draft, setup.locked);
    (window as unknown as HarnessWindow).savedChanges.push(change);
    const nextSecrets = { ...secrets };
    for (const [name, value] of Object.entries(change.secrets))
      nextSecrets[name] = value === null ? { set: false, from: 'none' } : { set: true, from: 'keychain' };
    const nextSettings = { ...settings, ...change.settings };
    setSecrets(nextSecrets);
    setSettings(nextSettings);
    setDraft(draftOf(fields, nextSettings));
  };
  return (
    <form
      aria-label="Plugin settings"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <SchemaForm idPrefix="h" fields={fields} draft={draft} onDraft={setDraft} secrets={secrets} locked={setup.locked} errors={errors} />
      <button type="submit">Save</button>
      <button type="button" onClick={() => setErrors({ accountId: 'Phaxio does not know this account: check the key.' })}>
        Refuse
      </button>
    </form>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Harness setup={(window as unknown as HarnessWindow).harnessSetup} />);
