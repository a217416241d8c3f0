// The plugin endpoints' bodies, for /openapi.json (components.schemas).
const secretState = {
  type: 'object',
  properties: { set: { type: 'boolean' }, from: { type: 'string', enum: ['keychain', 'env', 'none'] } },
};
const slots = { type: 'object', properties: { outbound: { type: 'string' }, inbound: { type: 'string' }, storage: { type: 'string' } } };

export const PLUGIN_SCHEMAS = {
  PluginList: {
    type: 'object',
    required: ['items', 'slots'],
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            name: { type: 'string' },
            version: { type: 'string' },
            categories: { type: 'array', items: { type: 'string' } },
            kinds: { type: 'array', items: { type: 'string', enum: ['outbound', 'inbound', 'storage'] } },
            capabilities: { type: 'array', items: { type: 'string' } },
            description: { type: 'string' },
            help_url: { type: ['string', 'null'] },
            source: { type: 'string', enum: ['builtin', 'manifest'] },
            enabled: { type: 'boolean', description: 'Fills a slot now.' },
            configurable: { type: 'boolean' },
            status: { type: 'string', enum: ['active', 'configured', 'needs_attention', 'available'] },
            active_in: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      slots,
      locked_slots: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Slot → the environment variable that fixes it.',
      },
      registry: {
        type: 'object',
        properties: {
          source: { type: 'string', enum: ['file', 'builtin'] },
          path: { type: 'string' },
          problem: { type: ['string', 'null'] },
        },
      },
      config_path: { type: 'string' },
      config_problem: { type: ['string', 'null'] },
    },
  },
  PluginConfig: {
    type: 'object',
    required: ['id', 'settings', 'secrets', 'locked'],
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      enabled: { type: 'boolean' },
      status: { type: 'string' },
      active_in: { type: 'array', items: { type: 'string' } },
      settings: { type: 'object', description: 'Effective non-secret settings: environment > config file > defaults.' },
      secrets: { type: 'object', additionalProperties: secretState, description: 'Only whether each secret is set, never its value.' },
      locked: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field → the environment variable that fixes it.' },
      problems: { type: 'array', items: { type: 'string' } },
    },
  },
  PluginConfigChange: {
    type: 'object',
    properties: {
      settings: {
        type: 'object',
        description: "Non-secret settings by name, as the plugin's schema (GET /plugin-registry) describes them.",
      },
      secrets: {
        type: 'object',
        additionalProperties: { type: ['string', 'null'] },
        description: 'A secret left out is kept; null clears it.',
      },
    },
  },
  PluginRegistry: {
    type: 'object',
    properties: {
      version: { type: 'integer' },
      source: { type: 'string', enum: ['file', 'builtin'] },
      problem: { type: ['string', 'null'] },
      plugins: {
        type: 'array',
        items: {
          type: 'object',
          description:
            'A manifest: id, name, version, kinds, capabilities, description, helpUrl, source, settingsSchema (JSON Schema; x-secret marks secrets, x-env names the variable).',
        },
      },
    },
  },
  PluginTestResult: {
    type: 'object',
    properties: { ok: { type: 'boolean' }, message: { type: 'string' }, checkedAt: { type: 'string', format: 'date-time' } },
  },
  PluginApplyResult: {
    type: 'object',
    properties: { applied: { type: 'boolean' }, warnings: { type: 'array', items: { type: 'string' } }, slots },
  },
};
