// The plugin config file's shape: which plugin fills each slot, and each plugin's
// non-secret settings. Secrets never live here (secretStore.ts keeps them sealed).
import { z } from 'zod';
import { pluginId } from '../../../shared/plugins';

export const pluginConfigFile = z
  .object({
    version: z.literal(1),
    slots: z.object({ outbound: pluginId.optional(), inbound: pluginId.optional(), storage: pluginId.optional() }).strict(),
    plugins: z.record(pluginId, z.object({ settings: z.record(z.string(), z.unknown()) }).strict()),
  })
  .strict();

export interface PluginConfigFile {
  version: 1;
  slots: { outbound?: string; inbound?: string; storage?: string };
  plugins: Record<string, { settings: Record<string, unknown> }>;
}

export const emptyPluginConfig = (): PluginConfigFile => ({ version: 1, slots: {}, plugins: {} });

/** The file's text: stable key order and indentation, so a diff of two versions reads well. */
export function pluginConfigText(file: PluginConfigFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** Parses and checks the shape; a problem comes back in words, never thrown. */
export function parsePluginConfig(text: string, where: string): { file: PluginConfigFile } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `${where} is not valid JSON (${(error as Error).message.slice(0, 120)}).` };
  }
  const parsed = pluginConfigFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { problem: `${where} does not have the shape Faxbot writes: ${issue.path.join('.') || 'the top level'}: ${issue.message}.` };
  }
  return { file: parsed.data as PluginConfigFile };
}
