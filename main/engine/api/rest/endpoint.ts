// One row of the API's route table. The same rows dispatch requests and generate
// /openapi.json, so the document and the server cannot drift apart.
import type { ApiScope } from '../../../../shared/apiKeys';
import type { ApiCall } from './http';

export interface DocumentedResponse {
  description: string;
  /** A schema under components.schemas, or 'pdf' for a PDF body. */
  body?: string;
}

export interface QueryParameter {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

export interface ApiEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path template, e.g. /fax/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  /** The scope a key needs; null for endpoints anyone on this computer may read. */
  scope: ApiScope | null;
  query?: QueryParameter[];
  /** The multipart body of POST /fax, as OpenAPI describes it. */
  requestBody?: Record<string, unknown>;
  /** Statuses this endpoint itself answers; 401/403/429 are added for scoped endpoints. */
  responses: Record<number, DocumentedResponse>;
  handle(call: ApiCall): Promise<void>;
}

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
