// One plugin on Settings → Plugins: what it is (name, version, status in words, what it can
// do, help), and, opened, its settings form drawn from its JSON Schema with Test, Save and
// Apply. Unsaved values stay in the card; Test checks them before they are saved.
import { useId, useMemo, useState } from 'react';
import type { PluginSlot, PluginView, PluginsOverview } from '../../../../shared/plugins';
import { useSlice } from '../../deskContext';
import { formatClock } from '../../format';
import { SchemaForm, changeOf, draftOf, draftProblems, fieldsOf, type SchemaDraft } from '../../components/schemaForm';
import { outcomeOf, type PluginsStore } from './pluginsStore';
import { SLOT_SHORT } from './PluginsSlots';

const STATUS_WORDS: Record<PluginView['status'], { text: string; tone: string }> = {
  active: { text: 'Active', tone: 'chip-green' },
  configured: { text: 'Configured', tone: 'chip-blue' },
  check_failed: { text: 'Test failed', tone: 'chip-red' },
  needs_attention: { text: 'Needs attention', tone: 'chip-amber' },
  available: { text: 'Not set up', tone: 'chip-grey' },
};

const CAPABILITY_WORDS: Record<string, string> = {
  send: 'Sends',
  status: 'Tracks status',
  cancel: 'Cancels',
  receive: 'Receives',
  webhook: 'Webhooks',
  store: 'Stores documents',
  retrieve: 'Reads documents',
  delete: 'Deletes documents',
};

const SLOT_IN_WORDS: Record<PluginSlot, string> = { outbound: 'sending', inbound: 'receiving', storage: 'documents' };

function TestResult({ store, pluginId }: { store: PluginsStore; pluginId: string }) {
  const outcome = useSlice(store, (s) => outcomeOf(s, pluginId));
  if (outcome.busy === 'testing') {
    return (
      <p role="status" className="plugin-test">
        <span className="spinner" aria-hidden="true" /> Testing the connection…
      </p>
    );
  }
  if (!outcome.test) return <p role="status" className="plugin-test" />;
  const { ok, message, checkedAt } = outcome.test;
  return (
    <p role="status" className={ok ? 'plugin-test plugin-test-ok' : 'plugin-test hint-error'}>
      <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
      {ok ? 'Test passed' : 'Test failed'}: {message} <span className="hint">(checked at {formatClock(checkedAt)})</span>
    </p>
  );
}

function ApplyChoice({
  store,
  view,
  overview,
  dirty,
}: {
  store: PluginsStore;
  view: PluginView;
  overview: PluginsOverview;
  dirty: boolean;
}) {
  const id = useId();
  const free = view.manifest.kinds.filter((kind) => !view.activeIn.includes(kind) && !overview.lockedSlots[kind]);
  const [chosen, setChosen] = useState<Record<string, boolean>>({});
  const busy = useSlice(store, (s) => outcomeOf(s, view.manifest.id).busy);
  if (free.length === 0) return null;
  const picked = free.filter((slot) => chosen[slot] !== false);
  const apply = () =>
    void store.getState().applySlots(view.manifest.id, Object.fromEntries(picked.map((slot) => [slot, view.manifest.id])));
  return (
    <fieldset className="plugin-apply">
      <legend>Use {view.manifest.name} for</legend>
      {free.map((slot) => (
        <label key={slot} className="field-check">
          <input type="checkbox" checked={chosen[slot] !== false} onChange={(e) => setChosen({ ...chosen, [slot]: e.target.checked })} />
          {SLOT_SHORT[slot]}
        </label>
      ))}
      <button type="button" aria-describedby={`${id}-why`} disabled={busy !== null || dirty || picked.length === 0} onClick={apply}>
        {busy === 'applying' ? 'Applying…' : 'Apply'}
      </button>
      <span id={`${id}-why`} className="hint">
        {dirty ? 'Save your changes first.' : ''}
      </span>
    </fieldset>
  );
}

export function PluginsCard({ store, view, overview }: { store: PluginsStore; view: PluginView; overview: PluginsOverview }) {
  const id = useId();
  const pluginId = view.manifest.id;
  const fields = useMemo(() => fieldsOf(view.manifest.settingsSchema), [view.manifest.settingsSchema]);
  const baseline = useMemo(() => draftOf(fields, view.settings), [fields, view.settings]);
  const [draft, setDraft] = useState<SchemaDraft>(baseline);
  const [dirty, setDirty] = useState(false);
  const [shownBaseline, setShownBaseline] = useState(baseline);
  // Saved elsewhere (another window, the REST API, a restore): follow it unless the person is mid-edit.
  if (shownBaseline !== baseline) {
    setShownBaseline(baseline);
    if (!dirty) setDraft(baseline);
  }
  const [open, setOpen] = useState(view.status === 'needs_attention');
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const outcome = useSlice(store, (s) => outcomeOf(s, pluginId));
  const errors = useMemo(() => ({ ...outcome.fieldErrors, ...localProblems }), [outcome.fieldErrors, localProblems]);
  const secretsSet = useMemo(() => Object.fromEntries(Object.entries(view.secrets).map(([k, v]) => [k, v.set])), [view.secrets]);
  const status = STATUS_WORDS[view.status];

  const checked = () => {
    const problems = draftProblems(fields, draft, secretsSet, view.locked);
    setLocalProblems(problems);
    return Object.keys(problems).length === 0;
  };
  const save = async () => {
    if (!checked()) return;
    if (await store.getState().save(pluginId, changeOf(fields, draft, view.locked))) {
      const saved = store.getState().overview?.plugins.find((p) => p.manifest.id === pluginId);
      setDirty(false);
      // Typed secrets leave the page: the form shows only "Set" from now on.
      setDraft(draftOf(fields, saved?.settings ?? view.settings));
    }
  };
  const test = () => {
    if (checked()) void store.getState().test(pluginId, changeOf(fields, draft, view.locked));
  };

  return (
    <article className="plugin-card" aria-labelledby={`${id}-name`}>
      <header className="plugin-card-head">
        <h3 id={`${id}-name`}>{view.manifest.name}</h3>
        <span className="hint">v{view.manifest.version}</span>
        <span className={`chip ${status.tone}`}>
          {status.text}
          {view.activeIn.length > 0 && ` · ${view.activeIn.map((slot) => SLOT_IN_WORDS[slot]).join(', ')}`}
        </span>
      </header>
      <p className="plugin-description">{view.manifest.description}</p>
      <ul className="plugin-badges" aria-label={`What ${view.manifest.name} can do`}>
        {view.manifest.capabilities.map((capability) => (
          <li key={capability} className="badge">
            {CAPABILITY_WORDS[capability] ?? capability}
          </li>
        ))}
      </ul>
      {/* A plugin nobody set up is not a problem yet: its missing settings show once it is started on. */}
      {view.status !== 'available' && view.problems.length > 0 && (
        <ul className="plugin-problems" aria-label={`What ${view.manifest.name} needs`}>
          {view.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="form-actions">
        <button type="button" aria-expanded={open} aria-controls={`${id}-form`} onClick={() => setOpen(!open)}>
          {open ? 'Hide settings' : 'Show settings'}
          <span className="visually-hidden"> for {view.manifest.name}</span>
        </button>
        {view.manifest.helpUrl && (
          // Electron's window refuses new windows; the shell opens https links in the browser.
          <a href={view.manifest.helpUrl} target="_blank" rel="noopener noreferrer">
            Help<span className="visually-hidden"> for {view.manifest.name}</span>
          </a>
        )}
      </div>
      <form
        id={`${id}-form`}
        hidden={!open}
        className="settings-form plugin-form"
        aria-label={`${view.manifest.name} settings`}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {fields.length === 0 ? (
          <p className="hint">Nothing to set up.</p>
        ) : (
          <SchemaForm
            idPrefix={id}
            fields={fields}
            draft={draft}
            onDraft={(next) => {
              setDraft(next);
              setDirty(true);
              setLocalProblems({});
            }}
            secrets={view.secrets}
            locked={view.locked}
            errors={errors}
            disabled={outcome.busy === 'saving'}
          />
        )}
        <div className="form-actions">
          <button type="button" onClick={test} disabled={outcome.busy !== null}>
            Test
          </button>
          <button type="submit" className="primary" disabled={outcome.busy !== null || !dirty}>
            {outcome.busy === 'saving' ? 'Saving…' : 'Save'}
          </button>
        </div>
        <TestResult store={store} pluginId={pluginId} />
      </form>
      {/* Outside the form: Apply's answer shows even with the settings closed. */}
      <p role="alert" className="form-error">
        {outcome.error ?? ''}
      </p>
      <p role="status" className="hint">
        {outcome.note ?? ''}
      </p>
      <ApplyChoice store={store} view={view} overview={overview} dirty={dirty} />
      {view.manifest.source === 'manifest' && view.activeIn.length === 0 && (
        <div className="form-actions">
          <button type="button" disabled={outcome.busy !== null} onClick={() => void store.getState().removeManifest(pluginId)}>
            Remove {view.manifest.name}
          </button>
        </div>
      )}
    </article>
  );
}
