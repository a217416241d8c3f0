// MCP for AI assistants: the Faxbot tools over stdio (`faxbot mcp`) and streamable HTTP
// (POST /mcp on the local server). The tools reach Faxbot through FaxTools: the engine in
// this process, or a running Faxbot's REST API.
export type { FaxTools, FaxJobJson, InboundFaxJson, InboundPageJson, ContactJson, ContactPageJson } from './faxTools';
export { engineFaxTools } from './engineFaxTools';
export { restFaxTools, type RestFaxToolsOptions } from './restFaxTools';
export type { FaxbotMcpOptions } from './faxbotMcpServer';
/** The MCP server and its SDK, loaded when MCP is first used (the SDK is slow to load and most starts never need it). */
export const loadFaxbotMcpServer = () => import('./faxbotMcpServer');
export { createMcpHttpRoute, type McpCaller, type McpHttpRoute, type McpHttpRouteOptions } from './mcpHttpRoute';
export { maxMessageBytes } from './faxFile';
