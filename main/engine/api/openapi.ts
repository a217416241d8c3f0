// /openapi.json, generated from the same route table that dispatches requests. Status words
// are documented in both vocabularies: the original Faxbot's (status) and ours (faxbot_status).
import { API_SCOPES, SCOPE_DESCRIPTIONS } from '../../../shared/apiKeys';
import { JOB_STATUSES } from '../../../shared/jobState';
import { FAX_ERROR_CODES } from '../../../shared/errors';
import { httpStatusTable } from '../../../shared/errorStatus';
import type { ApiEndpoint } from './rest/endpoint';
import { COMPAT_STATUSES } from './rest/jobJson';
import { PLUGIN_SCHEMAS } from './rest/pluginSchemas';
import { CONTACT_SCHEMAS } from './rest/contactSchemas';
import { COVER_TEMPLATE_SCHEMAS } from './rest/coverTemplateSchemas';

const nullableString = { type: ['string', 'null'] };
const time = { type: 'string', format: 'date-time' };

const schemas = {
  Error: {
    type: 'object',
    required: ['detail', 'code'],
    properties: {
      detail: { type: 'string', description: 'What is wrong and what to do about it, for a person to read.' },
      code: {
        type: 'string',
        enum: [...FAX_ERROR_CODES],
        description: 'A stable code for programs. Each code is always answered with the same HTTP status, listed in x-http-status.',
        'x-http-status': Object.fromEntries(httpStatusTable()),
      },
      fields: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Per-field messages, when the problem is one input.',
      },
    },
  },
  FaxJob: {
    type: 'object',
    required: ['id', 'to', 'status', 'faxbot_status', 'pages', 'created_at'],
    properties: {
      id: { type: 'string' },
      to: { type: 'string', description: 'E.164.' },
      status: {
        type: 'string',
        enum: [...COMPAT_STATUSES],
        description:
          'The original Faxbot\'s words: queued = queued; in_progress = preparing or sending; SUCCESS = delivered; FAILED = failed or canceled (error "canceled").',
      },
      faxbot_status: {
        type: 'string',
        enum: [...JOB_STATUSES],
        description: "Faxbot Desktop's own status: queued, preparing, sending, delivered, failed, canceled.",
      },
      error: { ...nullableString, description: 'Why it failed (or the last retryable failure), in words; "canceled" for a canceled fax.' },
      error_code: nullableString,
      pages: { type: 'integer' },
      backend: { type: 'string', description: 'The provider: simulator, phaxio, sinch or sip.' },
      provider_sid: nullableString,
      attempts: { type: 'integer' },
      created_at: time,
      updated_at: time,
      completed_at: { type: ['string', 'null'], format: 'date-time' },
    },
  },
  InboundFax: {
    type: 'object',
    required: ['id', 'from', 'to', 'pages', 'received_at'],
    properties: {
      id: { type: 'string' },
      from: { type: 'string' },
      from_name: { type: 'string' },
      to: { type: 'string' },
      status: { type: 'string', enum: ['received'] },
      read: { type: 'boolean' },
      pages: { type: 'integer' },
      backend: { type: 'string' },
      provider_sid: { type: 'string' },
      received_at: time,
      created_at: time,
    },
  },
  ...PLUGIN_SCHEMAS,
  ...CONTACT_SCHEMAS,
  ...COVER_TEMPLATE_SCHEMAS,
  FaxJobPage: page('FaxJob'),
  InboundFaxPage: page('InboundFax'),
  Health: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } },
  Readiness: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ready', 'not_ready'] },
      checks: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { status: { type: 'string', enum: ['ok', 'warning', 'failed'] }, detail: { type: 'string' } },
        },
      },
    },
  },
};

function page(item: string) {
  return {
    type: 'object',
    required: ['items', 'next_cursor', 'total'],
    properties: {
      items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
      next_cursor: nullableString,
      total: { type: 'integer' },
    },
  };
}

function content(body: string | undefined) {
  if (!body) return undefined;
  if (body === 'pdf') return { 'application/pdf': { schema: { type: 'string', format: 'binary' } } };
  return { 'application/json': { schema: { $ref: `#/components/schemas/${body}` } } };
}

const ERROR = 'Error';
const KEY_RESPONSES = {
  401: { description: 'No X-API-Key, or a key that is wrong or revoked.', body: ERROR },
  403: { description: 'The key lacks the scope this endpoint needs.', body: ERROR },
  429: { description: 'Too many requests with this key this minute (MAX_REQUESTS_PER_MINUTE); wait Retry-After seconds.', body: ERROR },
};

/** Every status an endpoint may answer, as documented (the test holds the server to it). */
export function documentedStatuses(endpoint: ApiEndpoint): number[] {
  const own = Object.keys(endpoint.responses).map(Number);
  const keyed = endpoint.scope ? Object.keys(KEY_RESPONSES).map(Number) : [];
  return [...new Set([...own, ...keyed, 500])].sort();
}

export function buildOpenApi(endpoints: readonly ApiEndpoint[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const endpoint of endpoints) {
    const pathParams = [...endpoint.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const queryParams = (endpoint.query ?? []).map((q) => ({
      name: q.name,
      in: 'query',
      required: false,
      description: q.description,
      schema: q.schema,
    }));
    const all = {
      ...endpoint.responses,
      ...(endpoint.scope ? KEY_RESPONSES : {}),
      500: { description: 'Unexpected problem; details are in the Faxbot log.', body: ERROR },
    };
    const responses = Object.fromEntries(
      Object.entries(all).map(([status, r]) => [status, { description: r.description, content: content(r.body) }]),
    );
    paths[endpoint.path] ??= {};
    paths[endpoint.path][endpoint.method.toLowerCase()] = {
      operationId: endpoint.operationId,
      summary: endpoint.summary,
      description: [endpoint.description, endpoint.scope ? `Needs an API key with scope \`${endpoint.scope}\`.` : 'Needs no API key.']
        .filter(Boolean)
        .join(' '),
      ...(endpoint.scope ? { security: [{ ApiKey: [endpoint.scope] }] } : { security: [] }),
      parameters: [...pathParams, ...queryParams],
      ...(endpoint.requestBody ? { requestBody: endpoint.requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Faxbot Desktop REST API',
      version,
      description:
        'Faxbot-compatible: existing Faxbot clients work unchanged. Off until enabled in Settings → API keys (or FAXBOT_API_ENABLED=true / API_KEY); while off every path answers 404. Scopes: ' +
        API_SCOPES.map((s) => `${s} (${SCOPE_DESCRIPTIONS[s]})`).join(', ') +
        '.',
    },
    servers: [{ url: '/' }],
    components: { schemas, securitySchemes: { ApiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } } },
    paths,
  };
}
