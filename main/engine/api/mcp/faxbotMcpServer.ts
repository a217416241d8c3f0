// The Faxbot MCP server: the tools an AI assistant calls, with the original Faxbot MCP
// servers' names and arguments so existing assistant set-ups keep working.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ApiScope } from '../../../../shared/apiKeys';
import { isFaxError } from '../../../../shared/errors';
import type { Logger } from '../../log';
import { version } from '../../../../package.json';
import type { FaxJobJson, FaxTools } from './faxTools';
import { faxFileFrom, type FaxFileRules } from './faxFile';
import { describeContacts, describeInboundPage, describeJob } from './toolText';

export interface FaxbotMcpOptions {
  /** Whether the caller may use a scope; absent = everything (stdio, the person's own process). */
  allowedScopes?: (scope: ApiScope) => boolean;
  maxFileSizeMb: number;
  /** Folder a relative filePath is read from. */
  cwd?: string;
  /** filePath is for a local (stdio) caller only; over HTTP it is refused. */
  allowFilePaths: boolean;
  logger?: Logger;
}

const job = z.looseObject({ id: z.string(), to: z.string(), status: z.string() });
const inboundPage = z.looseObject({
  items: z.array(z.looseObject({ id: z.string() })),
  next_cursor: z.string().nullable(),
  total: z.number(),
});
const contactPage = z.looseObject({
  items: z.array(z.looseObject({ id: z.string(), name: z.string(), organization: z.string(), fax: z.string() })),
  next_cursor: z.string().nullable(),
  total: z.number(),
});
const inboundPdf = z.object({ id: z.string(), file_name: z.string(), bytes: z.number(), mime_type: z.literal('application/pdf') });

const jobIdText = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'an id is letters, digits, - and _, as send_fax or list_inbound answered it');

export function createFaxbotMcpServer(tools: FaxTools, options: FaxbotMcpOptions): McpServer {
  const server = new McpServer(
    { name: 'faxbot', version },
    {
      instructions:
        'Faxbot sends and receives faxes. Fax numbers and documents are patient data (PHI): use them only for the task the person asked for, and do not repeat them elsewhere.',
    },
  );
  const fileRules: FaxFileRules = {
    maxFileSizeMb: options.maxFileSizeMb,
    cwd: options.cwd ?? process.cwd(),
    allowFilePaths: options.allowFilePaths,
  };

  /** Runs a tool if the caller holds its scope; every failure becomes a sentence, never a stack trace. */
  async function guarded(tool: string, scope: ApiScope, run: () => Promise<CallToolResult>): Promise<CallToolResult> {
    if (options.allowedScopes && !options.allowedScopes(scope)) {
      return failure(
        `This API key may not use ${tool}: it needs the ${scope} permission. Give the key that permission in Settings → API keys, or use a key that has it.`,
      );
    }
    try {
      return await run();
    } catch (error) {
      if (isFaxError(error)) return failure(error.message);
      options.logger?.error('MCP tool failed unexpectedly', { tool, error });
      return failure('Faxbot hit an unexpected problem. The details are in its log; try again, and report it if it happens again.');
    }
  }

  const jobResult = (value: FaxJobJson, lead = ''): CallToolResult => ({
    content: [{ type: 'text', text: lead + describeJob(value) }],
    structuredContent: { ...value },
  });

  server.registerTool(
    'send_fax',
    {
      title: 'Send a fax',
      description:
        'Queue one document as a fax. Give the number in any usual form ("+1 202 555 0143", or a national number in the default country) and the document as ' +
        (options.allowFilePaths ? 'filePath (a file on this computer) or ' : '') +
        'fileContent (base64) with fileName. PDF and plain text are accepted (PNG, JPEG and TIFF too). Answers the job; follow it with get_fax_status. The document and number are patient data.',
      inputSchema: {
        to: z.string().min(1).max(64).describe('Destination fax number'),
        filePath: z
          .string()
          .max(4096)
          .optional()
          .describe(
            options.allowFilePaths
              ? 'Path of the file to fax, absolute or relative to the working folder'
              : 'Not accepted over HTTP: use fileContent',
          ),
        fileContent: z.string().optional().describe("The file's bytes, base64-encoded"),
        fileName: z.string().max(1000).optional().describe('Name of the file sent as fileContent, e.g. referral.pdf'),
        fileType: z
          .string()
          .max(20)
          .optional()
          .describe('pdf or txt; only names the file when fileName is missing (the content decides the type)'),
        fileUrl: z.string().max(4096).optional().describe('Not supported: Faxbot does not download URLs'),
      },
      outputSchema: job,
      annotations: { destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    (args) =>
      guarded('send_fax', 'fax:send', async () => {
        const file = await faxFileFrom(args, fileRules);
        const sent = await tools.sendFax({ to: args.to, fileName: file.fileName, content: file.content });
        return jobResult(sent, `Queued ${file.fileName}. `);
      }),
  );

  const statusConfig = (argument: 'jobId' | 'id') => ({
    title: 'Fax status',
    description:
      'The status of a sent fax: queued, in_progress, SUCCESS or FAILED (faxbot_status has the finer state), with the reason when it failed.',
    inputSchema: { [argument]: jobIdText.describe('The fax job id send_fax answered') },
    outputSchema: job,
    annotations: { readOnlyHint: true },
  });
  server.registerTool('get_fax_status', statusConfig('jobId'), (args) =>
    guarded('get_fax_status', 'fax:read', async () => jobResult(await tools.getFaxStatus(String(args.jobId)))),
  );
  // The original Node MCP server's name for the same question.
  server.registerTool('get_fax', statusConfig('id'), (args) =>
    guarded('get_fax', 'fax:read', async () => jobResult(await tools.getFaxStatus(String(args.id)))),
  );

  server.registerTool(
    'list_inbound',
    {
      title: 'List received faxes',
      description: 'Received faxes, newest first. Pass next_cursor back as cursor for the next page. Sender numbers are patient data.',
      inputSchema: {
        limit: z.number().int().min(1).max(100).optional().describe('How many to answer, 1 to 100 (default 20)'),
        cursor: z.string().max(200).optional().describe('next_cursor from the previous page'),
      },
      outputSchema: inboundPage,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('list_inbound', 'inbound:list', async () => {
        const page = await tools.listInbound({ limit: args.limit ?? 20, cursor: args.cursor });
        return { content: [{ type: 'text', text: describeInboundPage(page) }], structuredContent: { ...page } };
      }),
  );

  server.registerTool(
    'get_inbound_pdf',
    {
      title: 'Open a received fax',
      description:
        'The PDF of a received fax, as a base64 blob resource. It is patient data (PHI): show it only to the person who asked, and do not store or forward it unless they ask.',
      inputSchema: {
        inboundId: jobIdText.describe('The id from list_inbound'),
        asBase64: z.boolean().optional().describe('true (default): include the PDF bytes; false: only its name and size'),
      },
      outputSchema: inboundPdf,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('get_inbound_pdf', 'inbound:read', async () => {
        const document = await tools.getInboundPdf(args.inboundId);
        const facts = {
          id: args.inboundId,
          file_name: document.fileName,
          bytes: document.pdf.byteLength,
          mime_type: 'application/pdf' as const,
        };
        const text = `Received fax ${args.inboundId}: ${document.fileName}, ${document.pdf.byteLength} bytes of PDF.`;
        const content: CallToolResult['content'] = [{ type: 'text', text }];
        if (args.asBase64 !== false) {
          const blob = Buffer.from(document.pdf.buffer, document.pdf.byteOffset, document.pdf.byteLength).toString('base64');
          content.push({
            type: 'resource',
            resource: { uri: `faxbot://inbound/${encodeURIComponent(args.inboundId)}/pdf`, mimeType: 'application/pdf', blob },
          });
        }
        return { content, structuredContent: facts };
      }),
  );

  server.registerTool(
    'find_contact',
    {
      title: 'Find a contact',
      description:
        "Look up the address book by name, organization or fax number digits, best match first (those faxed recently first among equals). Answers each contact's fax number in E.164, ready for send_fax.",
      inputSchema: {
        query: z
          .string()
          .trim()
          .min(1)
          .max(100)
          .describe('Part of the name or organization ("Lee", "Cardiology"), or digits of the number'),
        limit: z.number().int().min(1).max(20).optional().describe('How many to answer, 1 to 20 (default 5)'),
      },
      outputSchema: contactPage,
      annotations: { readOnlyHint: true },
    },
    (args) =>
      guarded('find_contact', 'contacts:read', async () => {
        const page = await tools.findContacts({ search: args.query, limit: args.limit ?? 5 });
        return { content: [{ type: 'text', text: describeContacts(args.query, page) }], structuredContent: { ...page } };
      }),
  );

  return server;
}

function failure(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
