// The `faxbot` command's parts. main/cli.ts is the entry; each command lives in its own file.
export { type CliIo, CliError, UsageError } from './cliIo';
export { serveCommand } from './serve';
export { sendCommand } from './send';
export { mcpCommand } from './mcp';
export { auditCommand } from './audit';
export { tiffCommand } from './tiff';
export { printerCommand } from './printer';
export { COMMAND_HELP, mainHelp } from './usage';
export { packageVersion, packageRoot, rendererDir } from './packageRoot';
