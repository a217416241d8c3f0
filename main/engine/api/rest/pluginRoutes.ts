// The original Faxbot's plugin discovery endpoints, finished: for admin keys (keys:manage)
// only, validated, atomic, environment-fixed fields refused, and secrets never returned —
// only whether each is set. Every change goes through the same engine operations as
// Settings → Plugins, so the API refuses exactly what the window refuses.
import { z } from 'zod';
import { FaxError } from '../../../../shared/errors';
import { PLUGIN_SLOTS, pluginId, pluginSlot, type PluginView } from '../../../../shared/plugins';
import { callOperation } from '../../rpc';
import type { ApiEndpoint } from './endpoint';
import { sendJson, type ApiCall } from './http';
import { parseJsonBody, readJsonObject } from './jsonBody';

const MAX_BODY_BYTES = 64 * 1024;
const CONFIG_EXAMPLE = '{"settings": {…}, "secrets": {…}}';

// The REST bodies' own shape (snake_case, as the original Faxbot's clients send); what is
// inside settings and secrets is checked by the contract's schema of the operation called.
// `enabled` (the original's) is accepted and ignored.
const configBody = z.strictObject({ settings: z.unknown().optional(), secrets: z.unknown().optional(), enabled: z.unknown().optional() });
const applyBody = z.strictObject({
  slots: z
    .array(pluginSlot, { error: `slots is a list of ${PLUGIN_SLOTS.join(', ')}` })
    .min(1, 'name at least one slot, or leave slots out for every slot the plugin can fill')
    .optional(),
  acknowledge_warnings: z.boolean({ error: 'acknowledge_warnings is true or false' }).optional(),
});

/** The plugin named in the path; an unknown one is a 404 before the body is read. */
function pluginOf(call: ApiCall) {
  const id = call.params.id;
  if (!pluginId.safeParse(id).success)
    throw new FaxError('not_found', 'There is no plugin with that id: the ids are listed by GET /plugins.');
  return call.engine.plugins.manifest(id);
}

async function configBodyOf(call: ApiCall) {
  return parseJsonBody(configBody, await readJsonObject(call.request, MAX_BODY_BYTES, CONFIG_EXAMPLE), 'settings and secrets');
}

function configJson(view: PluginView) {
  return {
    id: view.manifest.id,
    name: view.manifest.name,
    enabled: view.activeIn.length > 0,
    status: view.status,
    active_in: view.activeIn,
    settings: view.settings,
    secrets: view.secrets,
    locked: view.locked,
    problems: view.problems,
  };
}

const notFound = { description: 'No plugin has that id.', body: 'Error' };
const badBody = {
  description: "The body is not JSON, or a setting does not fit the plugin's schema (per-field messages in `fields`).",
  body: 'Error',
};

export const pluginEndpoints: ApiEndpoint[] = [
  {
    method: 'GET',
    path: '/plugins',
    operationId: 'listPlugins',
    summary: 'Every plugin, its status and what fills each slot',
    scope: 'keys:manage',
    responses: { 200: { description: 'The plugins and slots.', body: 'PluginList' } },
    async handle(call) {
      const overview = await callOperation(call.engine, 'listPlugins', {});
      sendJson(call.response, 200, {
        items: overview.plugins.map((view) => ({
          id: view.manifest.id,
          name: view.manifest.name,
          version: view.manifest.version,
          // `categories` as the original Faxbot's clients read it; `kinds` is the same list.
          categories: view.manifest.kinds,
          kinds: view.manifest.kinds,
          capabilities: view.manifest.capabilities,
          description: view.manifest.description,
          help_url: view.manifest.helpUrl ?? null,
          source: view.manifest.source,
          enabled: view.activeIn.length > 0,
          configurable: Object.keys(view.manifest.settingsSchema.properties).length > 0,
          status: view.status,
          active_in: view.activeIn,
        })),
        slots: overview.slots,
        locked_slots: overview.lockedSlots,
        registry: overview.registry,
        config_path: overview.configPath,
        config_problem: overview.configProblem ?? null,
      });
    },
  },
  {
    method: 'GET',
    path: '/plugins/{id}/config',
    operationId: 'getPluginConfig',
    summary: "A plugin's effective settings; secrets only as set or not",
    scope: 'keys:manage',
    responses: { 200: { description: 'The settings.', body: 'PluginConfig' }, 404: notFound },
    async handle(call) {
      const manifest = pluginOf(call);
      const overview = await callOperation(call.engine, 'listPlugins', {});
      sendJson(call.response, 200, configJson(overview.plugins.find((view) => view.manifest.id === manifest.id)!));
    },
  },
  {
    method: 'PUT',
    path: '/plugins/{id}/config',
    operationId: 'putPluginConfig',
    summary: "Save a plugin's settings (validated, written atomically)",
    description:
      'Body: {"settings": {name: value}, "secrets": {name: "value" | null}}. A secret left out is kept, null clears it. A field the environment fixes is refused with 409, naming the variable.',
    scope: 'keys:manage',
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/PluginConfigChange' } } } },
    responses: {
      200: { description: 'Saved; the settings as they are now.', body: 'PluginConfig' },
      400: badBody,
      404: notFound,
      409: { description: 'A field is fixed by an environment variable (named in the message).', body: 'Error' },
    },
    async handle(call) {
      const manifest = pluginOf(call);
      const body = await configBodyOf(call);
      // Without settings only the secrets change: the saved settings are sent back as they are.
      const settings = body.settings ?? call.engine.plugins.store.read().plugins[manifest.id]?.settings ?? {};
      const view = await callOperation(call.engine, 'savePluginConfig', { id: manifest.id, settings, secrets: body.secrets });
      sendJson(call.response, 200, configJson(view));
    },
  },
  {
    method: 'GET',
    path: '/plugin-registry',
    operationId: 'getPluginRegistry',
    summary: "The curated plugin registry with each plugin's settings schema",
    scope: 'keys:manage',
    responses: { 200: { description: 'The registry in use, and where it came from.', body: 'PluginRegistry' } },
    async handle(call) {
      const { registry } = call.engine.plugins;
      sendJson(call.response, 200, {
        version: 1,
        source: registry.source,
        problem: registry.problem,
        plugins: call.engine.plugins.manifests(),
      });
    },
  },
  {
    method: 'POST',
    path: '/plugins/{id}/test',
    operationId: 'testPlugin',
    summary: "Check a plugin's connection, with its saved settings or the ones in the body",
    scope: 'keys:manage',
    requestBody: { required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/PluginConfigChange' } } } },
    responses: {
      200: { description: 'What the check found (ok true or false, and why).', body: 'PluginTestResult' },
      400: badBody,
      404: notFound,
      409: { description: 'A setting in the body is fixed by an environment variable (named in the message).', body: 'Error' },
    },
    async handle(call) {
      const manifest = pluginOf(call);
      const body = await configBodyOf(call);
      sendJson(
        call.response,
        200,
        await callOperation(call.engine, 'testPlugin', { id: manifest.id, settings: body.settings, secrets: body.secrets }),
      );
    },
  },
  {
    method: 'POST',
    path: '/plugins/{id}/apply',
    operationId: 'applyPlugin',
    summary: 'Put a plugin to work now, without a restart',
    description:
      'Body: {"slots": ["outbound", "inbound"] (default: every slot the plugin can fill), "acknowledge_warnings": false}. Patient-data warnings come back first, with applied false, until acknowledged.',
    scope: 'keys:manage',
    requestBody: {
      required: false,
      content: {
        'application/json': {
          schema: {
            type: 'object',
            properties: {
              slots: { type: 'array', items: { type: 'string', enum: [...PLUGIN_SLOTS] } },
              acknowledge_warnings: { type: 'boolean' },
            },
          },
        },
      },
    },
    responses: {
      200: { description: 'Applied, or the warnings to acknowledge first.', body: 'PluginApplyResult' },
      400: {
        description: 'The body is not usable, or the plugin cannot fill a slot it names (per-field messages in `fields`).',
        body: 'Error',
      },
      404: notFound,
      409: { description: 'A slot is fixed by an environment variable (named in the message).', body: 'Error' },
    },
    async handle(call) {
      const manifest = pluginOf(call);
      const body = parseJsonBody(
        applyBody,
        await readJsonObject(call.request, MAX_BODY_BYTES, '{"slots": ["outbound"], "acknowledge_warnings": false}'),
        'slots and acknowledge_warnings',
      );
      // The engine refuses a slot the plugin cannot fill, or one the environment fixes, as it does for the window.
      const request = Object.fromEntries((body.slots ?? manifest.kinds).map((slot) => [slot, manifest.id]));
      const result = await callOperation(call.engine, 'applyPlugins', {
        ...request,
        acknowledgeWarnings: body.acknowledge_warnings ?? false,
      });
      sendJson(call.response, 200, result);
    },
  },
];

/** The first path segments these endpoints own on the local server. */
export const PLUGIN_PATH_PREFIXES = ['/plugins', '/plugin-registry'] as const;
