// config/plugin_registry.json: the curated list of plugins, `{ "version": 1, "plugins": [...] }`.
// Each entry is a manifest whose settingsSchema is embedded or a path (relative to the
// registry's folder) to a schema file. A missing or broken file never stops Faxbot: the
// built-in list is used and `problem` says, in words, what is wrong with the file.
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { pluginManifest, type PluginManifest } from '../../../shared/plugins';
import { BUILTIN_PLUGINS, DEFAULT_SLOTS } from './builtinPlugins';
import { compileSettingsSchema } from './settingsSchema';

export interface PluginRegistry {
  manifests: PluginManifest[];
  source: 'file' | 'builtin';
  path: string;
  problem: string | null;
}

const registryShape = z.object({ version: z.literal(1), plugins: z.array(z.record(z.string(), z.unknown())).min(1) });

class RegistryProblem extends Error {}

function schemaFrom(entry: Record<string, unknown>, folder: string, where: string): unknown {
  const ref = entry.settingsSchema;
  if (typeof ref !== 'string') return ref;
  const relative = normalize(ref);
  if (isAbsolute(relative) || relative.split(sep).includes('..') || !relative.endsWith('.json')) {
    throw new RegistryProblem(`${where}: its settingsSchema "${ref.slice(0, 80)}" must be a .json file inside ${folder}.`);
  }
  try {
    return JSON.parse(readFileSync(join(folder, relative), 'utf8'));
  } catch (error) {
    throw new RegistryProblem(
      `${where}: its schema file ${join(folder, relative)} cannot be read as JSON (${(error as Error).message.slice(0, 120)}).`,
    );
  }
}

function manifestsFrom(text: string, path: string): { manifests: PluginManifest[]; dropped: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RegistryProblem(`it is not valid JSON (${(error as Error).message.slice(0, 120)})`);
  }
  const shape = registryShape.safeParse(json);
  if (!shape.success) throw new RegistryProblem('it must be { "version": 1, "plugins": [ … ] } with at least one plugin');
  const folder = dirname(path);
  const builtinIds = new Set(BUILTIN_PLUGINS.map((m) => m.id));
  const manifests: PluginManifest[] = [];
  const dropped: string[] = [];
  shape.data.plugins.forEach((entry, index) => {
    const where = `plugin ${index + 1}${typeof entry.id === 'string' ? ` (${entry.id.slice(0, 40)})` : ''}`;
    const parsed = pluginManifest.safeParse({ ...entry, settingsSchema: schemaFrom(entry, folder, where) });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new RegistryProblem(`${where}: ${issue.path.join('.') || 'the entry'}: ${issue.message}`);
    }
    const manifest = parsed.data;
    if (manifests.some((m) => m.id === manifest.id)) throw new RegistryProblem(`${where}: the id ${manifest.id} is listed twice`);
    try {
      compileSettingsSchema(manifest.settingsSchema);
    } catch (error) {
      throw new RegistryProblem(`${where}: its settings schema is not a usable JSON Schema (${(error as Error).message.slice(0, 120)})`);
    }
    // Code runs only for built-in plugins; imported HTTP manifests come from their own folder.
    if (manifest.source !== 'builtin' || !builtinIds.has(manifest.id)) dropped.push(manifest.id);
    else manifests.push(manifest);
  });
  return { manifests, dropped };
}

export function loadPluginRegistry(path: string): PluginRegistry {
  const builtin = (problem: string): PluginRegistry => ({ manifests: [...BUILTIN_PLUGINS], source: 'builtin', path, problem });
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return builtin(
      code === 'ENOENT'
        ? `The plugin registry ${path} is missing, so Faxbot's built-in list of plugins is used.`
        : `The plugin registry ${path} cannot be read (${code}), so Faxbot's built-in list of plugins is used.`,
    );
  }
  try {
    const { manifests, dropped } = manifestsFrom(text, path);
    // The default plugins always stay: a slot with nothing set needs them.
    for (const id of [DEFAULT_SLOTS.outbound, DEFAULT_SLOTS.storage]) {
      if (!manifests.some((m) => m.id === id)) manifests.push(BUILTIN_PLUGINS.find((m) => m.id === id)!);
    }
    const problem = dropped.length
      ? `The plugin registry ${path} lists ${dropped.join(', ')}, which this version of Faxbot cannot run; ${dropped.length === 1 ? 'it is' : 'they are'} left out.`
      : null;
    return { manifests, source: 'file', path, problem };
  } catch (error) {
    if (!(error instanceof RegistryProblem)) throw error;
    return builtin(`The plugin registry ${path} is broken: ${error.message}. Faxbot's built-in list of plugins is used until it is fixed.`);
  }
}
