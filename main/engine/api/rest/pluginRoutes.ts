// The original Faxbot's plugin discovery endpoints, finished: for admin keys (keys:manage)
// only, validated, atomic, environment-fixed fields refused, and secrets never returned —
// only whether each is set. Every change goes through the same engine operations as
// Settings → Plugins, so the API refuses exactly what the window refuses.
import type { IncomingMessage } from 'node:http';
import { FaxError } from '../../../../shared/errors';
import {
  PLUGIN_SLOTS,
  pluginConfigChange,
  pluginId,
  pluginTestRequest,
  type PluginConfigChange,
  type PluginSlot,
  type PluginView,
} from '../../../../shared/plugins';
import type { ApiEndpoint } from './endpoint';
import { sendJson, type ApiCall } from './http';
import { readRequestBody } from '../../streams';

const MAX_BODY_BYTES = 64 * 1024;

/** The plugin named in the path; an unknown one is a 404 before the body is read. */
function pluginOf(call: ApiCall) {
  const id = call.params.id;
  if (!pluginId.safeParse(id).success)
    throw new FaxError('not_found', 'There is no plugin with that id: the ids are listed by GET /plugins.');
  return call.engine.plugins.manifest(id);
}

async function readJsonObject(request: IncomingMessage): Promise<Record<string, unknown>> {
  const body = await readRequestBody(request, MAX_BODY_BYTES);
  if (body === null)
    throw new FaxError('invalid_input', `The request body is larger than ${MAX_BODY_BYTES / 1024} KB; plugin settings are much smaller.`);
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new FaxError(
      'invalid_input',
      'The request body is not JSON: send an object such as {"settings": {…}, "secrets": {…}} with Content-Type: application/json.',
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new FaxError('invalid_input', 'The request body must be a JSON object such as {"settings": {…}, "secrets": {…}}.');
  return json as Record<string, unknown>;
}

/** Settings and secrets as the contract wants them; `enabled` (the original's) is accepted and ignored. */
function changeFrom(id: string, body: Record<string, unknown>, schema: typeof pluginConfigChange | typeof pluginTestRequest) {
  const extra = Object.keys(body).filter((key) => !['settings', 'secrets', 'enabled'].includes(key));
  if (extra.length)
    throw new FaxError(
      'invalid_input',
      `The body has ${extra.map((k) => `"${k.slice(0, 40)}"`).join(', ')}, which this endpoint does not take: send settings and secrets.`,
      { field: extra[0] },
    );
  const parsed = schema.safeParse({ id, settings: body.settings, secrets: body.secrets });
  if (!parsed.success) {
    const field = parsed.error.issues[0]!.path.join('.');
    const why = field.startsWith('secrets')
      ? 'each secret is a string (to set it) or null (to clear it)'
      : 'settings is an object of setting name to value';
    throw new FaxError('invalid_input', `${field || 'The body'} is not usable: ${why}.`, { field });
  }
  return parsed.data;
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
      const overview = await call.engine.call('listPlugins', {});
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
      const overview = await call.engine.call('listPlugins', {});
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
      const body = await readJsonObject(call.request);
      // Without settings only the secrets change: the saved settings are sent back as they are.
      const change = changeFrom(
        manifest.id,
        { settings: call.engine.plugins.store.read().plugins[manifest.id]?.settings ?? {}, ...body },
        pluginConfigChange,
      );
      const view = await call.engine.call('savePluginConfig', change as PluginConfigChange);
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
    },
    async handle(call) {
      const manifest = pluginOf(call);
      const change = changeFrom(manifest.id, await readJsonObject(call.request), pluginTestRequest);
      sendJson(call.response, 200, await call.engine.call('testPlugin', change));
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
      400: badBody,
      404: notFound,
      409: { description: 'A slot is fixed by an environment variable, or the plugin cannot fill it.', body: 'Error' },
    },
    async handle(call) {
      const manifest = pluginOf(call);
      const body = await readJsonObject(call.request);
      const extra = Object.keys(body).filter((key) => key !== 'slots' && key !== 'acknowledge_warnings');
      if (extra.length)
        throw new FaxError(
          'invalid_input',
          `The body has "${extra[0]!.slice(0, 40)}", which this endpoint does not take: send slots and acknowledge_warnings.`,
          { field: extra[0] },
        );
      const slots = body.slots ?? manifest.kinds;
      if (!Array.isArray(slots) || slots.length === 0 || !slots.every((s) => (PLUGIN_SLOTS as readonly unknown[]).includes(s))) {
        throw new FaxError('invalid_input', `slots must be a list of ${PLUGIN_SLOTS.join(', ')}.`, { field: 'slots' });
      }
      const unfit = (slots as PluginSlot[]).find((slot) => !manifest.kinds.includes(slot));
      if (unfit)
        throw new FaxError('not_allowed', `${manifest.name} cannot fill the ${unfit} slot; it fills ${manifest.kinds.join(' and ')}.`, {
          field: 'slots',
        });
      if (body.acknowledge_warnings !== undefined && typeof body.acknowledge_warnings !== 'boolean')
        throw new FaxError('invalid_input', 'acknowledge_warnings must be true or false.', { field: 'acknowledge_warnings' });
      const request = Object.fromEntries((slots as PluginSlot[]).map((slot) => [slot, manifest.id]));
      sendJson(
        call.response,
        200,
        await call.engine.call('applyPlugins', { ...request, acknowledgeWarnings: body.acknowledge_warnings === true }),
      );
    },
  },
];

/** The first path segments these endpoints own on the local server. */
export const PLUGIN_PATH_PREFIXES = ['/plugins', '/plugin-registry'] as const;
