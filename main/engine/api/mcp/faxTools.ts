// What the MCP tools need from Faxbot, whichever way it is reached: the engine in this
// process, or a running Faxbot's REST API. Results are the Faxbot-compatible JSON of the
// REST API (snake_case, `status` SUCCESS/FAILED…), so an assistant set up against the
// original Faxbot MCP server reads the same fields from either.

/** A fax job as the REST API answers it for `GET /fax/{id}`. */
export interface FaxJobJson {
  id: string;
  to: string;
  /** Faxbot's coarse status: queued, in_progress, SUCCESS or FAILED. */
  status: string;
  /** This engine's own finer status: queued, preparing, sending, delivered, failed, canceled. */
  faxbot_status?: string;
  error: string | null;
  error_code?: string | null;
  pages: number | null;
  created_at?: string;
  updated_at?: string;
}

/** A received fax as the REST API lists it (`GET /inbound`). */
export interface InboundFaxJson {
  id: string;
  from?: string;
  to?: string;
  pages?: number | null;
  received_at?: string;
}

export interface InboundPageJson {
  items: InboundFaxJson[];
  next_cursor: string | null;
  total: number;
}

/** A contact as the REST API answers it (`GET /contacts`). */
export interface ContactJson {
  id: string;
  name: string;
  organization: string;
  /** E.164. */
  fax: string;
  fax_national?: string;
  phone?: string;
  email?: string;
  last_faxed_at?: string | null;
}

export interface ContactPageJson {
  items: ContactJson[];
  next_cursor: string | null;
  total: number;
}

export interface FaxTools {
  /** Queues one file as a fax to `to` (any number form the Send screen accepts). */
  sendFax(request: { to: string; fileName: string; content: Uint8Array }): Promise<FaxJobJson>;
  getFaxStatus(jobId: string): Promise<FaxJobJson>;
  listInbound(query: { limit?: number; cursor?: string }): Promise<InboundPageJson>;
  /** The PDF of a received fax: patient data. */
  getInboundPdf(inboundId: string): Promise<{ fileName: string; pdf: Uint8Array }>;
  /** Contacts matching a name, organization or digits, best first. */
  findContacts(query: { search: string; limit: number }): Promise<ContactPageJson>;
}
