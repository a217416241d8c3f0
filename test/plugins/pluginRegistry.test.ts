// config/plugin_registry.json: the shipped file agrees with the list built into the engine;
// a missing or broken file falls back to that list with the problem in words.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS, defaultRegistryPath, loadPluginRegistry } from '../../main/engine/plugins';
import { SHIPPED_REGISTRY } from './catalogFixture';

const folder = () => mkdtempSync(join(tmpdir(), 'faxbot-registry-'));
const shipped = () => JSON.parse(readFileSync(SHIPPED_REGISTRY, 'utf8')) as { version: number; plugins: Record<string, unknown>[] };

function registryWith(plugins: unknown, extraFiles: Record<string, string> = {}): string {
  const dir = folder();
  for (const [name, text] of Object.entries(extraFiles)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const path = join(dir, 'plugin_registry.json');
  writeFileSync(path, typeof plugins === 'string' ? plugins : JSON.stringify({ version: 1, plugins }));
  return path;
}

describe('the plugin registry', () => {
  it('ships a file that lists exactly the built-in plugins, schemas and all', () => {
    const registry = loadPluginRegistry(SHIPPED_REGISTRY);
    expect(registry.problem).toBeNull();
    expect(registry.source).toBe('file');
    expect(registry.manifests).toEqual(BUILTIN_PLUGINS);
    expect(BUILTIN_PLUGINS.map((m) => m.id)).toEqual(['simulator', 'phaxio', 'sinch', 'sip', 'local', 's3']);
  });

  it('is found beside the package, where the engine looks by default', () => {
    expect(defaultRegistryPath()).toBe(SHIPPED_REGISTRY);
  });

  it('falls back to the built-in list when the file is missing, and says so', () => {
    const registry = loadPluginRegistry(join(folder(), 'plugin_registry.json'));
    expect(registry.source).toBe('builtin');
    expect(registry.manifests).toEqual(BUILTIN_PLUGINS);
    expect(registry.problem).toMatch(/is missing.*built-in list/);
  });

  it('falls back when the file is not JSON', () => {
    const registry = loadPluginRegistry(registryWith('{ "version": 1, "plugins": [ '));
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/is broken: it is not valid JSON/);
  });

  it.each([
    ['no plugin list', { version: 1 }],
    ['a wrong version', { version: 2, plugins: [{}] }],
    ['an empty list', { version: 1, plugins: [] }],
  ])('falls back when the file has %s', (_what, body) => {
    const path = registryWith('');
    writeFileSync(path, JSON.stringify(body));
    const registry = loadPluginRegistry(path);
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/must be \{ "version": 1, "plugins"/);
  });

  it('falls back when an entry is not a valid manifest, naming the entry and field', () => {
    const plugins = BUILTIN_PLUGINS.map((p) => (p.id === 'sinch' ? { ...p, kinds: ['fax-machine'] } : p));
    const registry = loadPluginRegistry(registryWith(plugins));
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/plugin 3 \(sinch\): kinds\.0/);
  });

  it('refuses a schema path that leaves the registry folder', () => {
    const registry = loadPluginRegistry(registryWith([{ ...shipped().plugins[0], settingsSchema: '../../etc/passwd.json' }]));
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/must be a \.json file inside/);
  });

  it('refuses a schema file that is missing, and a schema ajv cannot compile', () => {
    expect(loadPluginRegistry(registryWith([{ ...shipped().plugins[0] }])).problem).toMatch(/simulator\.schema\.json cannot be read/);
    const broken = { type: 'object', properties: { port: { type: 'whole number' } } };
    const registry = loadPluginRegistry(registryWith([{ ...shipped().plugins[0], settingsSchema: broken }]));
    expect(registry.source).toBe('builtin');
    expect(registry.problem).toMatch(/not a usable JSON Schema/);
  });

  it('refuses the same id twice', () => {
    const simulator = { ...shipped().plugins[0], settingsSchema: { type: 'object', properties: {} } };
    expect(loadPluginRegistry(registryWith([simulator, simulator])).problem).toMatch(/listed twice/);
  });

  it('keeps a curated subset, with embedded schemas, and always the default plugins', () => {
    const phaxio = { ...shipped().plugins[1], settingsSchema: BUILTIN_PLUGINS[1]!.settingsSchema };
    const registry = loadPluginRegistry(registryWith([phaxio]));
    expect(registry.source).toBe('file');
    expect(registry.problem).toBeNull();
    expect(registry.manifests.map((m) => m.id)).toEqual(['phaxio', 'simulator', 'local']);
  });

  it('leaves out a plugin this version cannot run, and says which', () => {
    const documo = { ...shipped().plugins[1], id: 'documo', name: 'Documo', settingsSchema: { type: 'object', properties: {} } };
    const registry = loadPluginRegistry(
      registryWith([documo, { ...shipped().plugins[0], settingsSchema: { type: 'object', properties: {} } }]),
    );
    expect(registry.source).toBe('file');
    expect(registry.manifests.map((m) => m.id)).toEqual(['simulator', 'local']);
    expect(registry.problem).toMatch(/lists documo, which this version of Faxbot cannot run/);
  });
});
