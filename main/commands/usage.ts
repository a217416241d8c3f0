import { mcpServerConfigJson } from './launcher';

// The help text of `faxbot` and each of its commands. A command appears here only once it
// exists, so the help never offers something that answers "unknown command".
export const COMMAND_SUMMARIES: Record<string, string> = {
  serve: 'Run Faxbot and open its window in a browser on this computer',
  send: 'Send files as a fax: faxbot send --to NUMBER FILE...',
  mcp: 'Let an AI assistant send and read faxes (MCP over stdin/stdout)',
  audit: 'Check the audit log has not been edited (faxbot audit verify), or accept it as it is (faxbot audit re-anchor)',
  printer: 'Add or remove the printer named Faxbot: faxbot printer install',
  tiff: 'Make the fax image Asterisk sends: faxbot tiff IN.pdf OUT.tiff',
  help: 'Show help for a command: faxbot help send',
};

export function mainHelp(version: string): string {
  const width = Math.max(...Object.keys(COMMAND_SUMMARIES).map((name) => name.length)) + 2;
  const commands = Object.entries(COMMAND_SUMMARIES)
    .map(([name, summary]) => `  ${name.padEnd(width)}${summary}`)
    .join('\n');
  return `Faxbot ${version}: send, receive and read faxes.

Usage: faxbot <command> [options]

Commands:
${commands}

Options:
  -h, --help     Show this help
  -v, --version  Show the version

Settings come from the environment: FAX_DATA_DIR (data folder), FAX_BACKEND
(simulator, phaxio, sinch or sip; the simulator by default), FAXBOT_PORT, and the
provider's own variables (PHAXIO_API_KEY, SINCH_PROJECT_ID, ...).
Run "faxbot help <command>" or "faxbot <command> --help" for a command's options.
`;
}

export const SERVE_HELP = `Usage: faxbot serve [--data-dir DIR] [--port N]

Runs the fax engine and serves its window to a browser on this computer only
(127.0.0.1). Prints the address to open, with its access token: anyone with that
address can send and read faxes, so do not share it.

Options:
  --data-dir DIR  Data folder (overrides FAX_DATA_DIR)
  --port N        Port for the window (overrides FAXBOT_PORT; default 8080;
                  0 picks any free port)
  -h, --help      Show this help

FAXBOT_ACCESS_TOKEN fixes the token (32+ characters), so an open browser tab
keeps working after a restart; by default each start makes a new one.

It takes printed documents from a watched folder and says which at start:
FAXBOT_WATCH_DIR when set; else ~/Faxbot/Outbox for the default data folder;
else the data folder's own Outbox, so two Faxbots never share one.
FAXBOT_WATCH=false turns watching off.

With npm, put -- before the options: npm run serve -- --port 8090

Stop it with Ctrl+C.
`;

export const SEND_HELP = `Usage: faxbot send --to NUMBER [options] FILE...

Sends one or more files as one fax, in the order given, through the provider set
for the data folder (FAX_BACKEND; the simulator by default). PDF, plain text, PNG,
JPEG and TIFF files are accepted.

Options:
  --to NUMBER     Fax number: "+1 202 555 0143", or "(202) 555-0143" in the
                  default country (Settings)
  --name NAME     Recipient name, for the cover page and the Outbox
  --cover         Add a cover page
  --subject TEXT  Cover page subject (adds a cover page)
  --notes TEXT    Cover page notes (adds a cover page)
  --template NAME Cover page template, by name or id (adds a cover page); without
                  it the contact's default for the number, else the plain one
  --wait          Stay until the fax is delivered or has failed; the exit code
                  is 0 only when it was delivered
  --data-dir DIR  Data folder (overrides FAX_DATA_DIR)
  -h, --help      Show this help

Without --wait the command stays until the provider has taken the fax, then
exits; the delivery result is recorded the next time Faxbot runs on the data
folder (the app, or faxbot serve).

Example:
  faxbot send --to "+1 202 555 0143" --name "Dr. Amy Lee" --subject Referral --wait referral.pdf
`;

export const MCP_HELP = `Usage: faxbot mcp [--data-dir DIR]

Runs Faxbot's MCP server for an AI assistant (Claude Desktop and others), speaking
MCP on stdin and stdout. The assistant starts it; you do not run it by hand. Tools:
send_fax, get_fax_status (and get_fax), list_inbound, get_inbound_pdf.

It opens the data folder itself. When the Faxbot app or "faxbot serve" is already
running on that folder, it goes through that Faxbot's API instead, which needs an
API key: create one in Settings → API keys and set API_KEY. FAX_API_URL says where
that API answers (default http://127.0.0.1:FAXBOT_PORT, port 8080).

Options:
  --data-dir DIR  Data folder (overrides FAX_DATA_DIR)
  -h, --help      Show this help

Assistant configuration (for example Claude Desktop), with this Faxbot's own paths, so
the assistant runs this program and never looks "faxbot" up in the npm registry:
${mcpServerConfigJson()
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;

export const HELP_HELP = `Usage: faxbot help [command]

Shows the help of faxbot, or of one command.
`;

export const AUDIT_HELP = `Usage: faxbot audit verify [--data-dir DIR]
       faxbot audit re-anchor --reason TEXT [--data-dir DIR]

verify checks the audit log of a data folder: every entry (faxes sent, received, viewed,
deleted, API keys used, settings changed...) is chained to the one before it by a
SHA-256 hash, so an entry that was edited or removed breaks the chain, and the last
entry is held against the head file audit.head beside the database, so removing the
newest entries is found too ("entries after #N were removed"), and so is a missing
head. It also checks that every fax sent, delivered, failed, canceled and received has
its entry (Faxbot writes each change and its entry together). Exits 0 when the log is
intact and complete; 1 with what is wrong and what to do when it is not. It only reads,
so it can run while Faxbot is running. It cannot find a log and head rewritten together.

re-anchor accepts the log as it is now, after you found out why verify fails (for
example audit.head was lost when the folder was restored): the head then names a new
entry, "Audit log re-anchored", which records your reason. Entries found edited stay
reported. Stop Faxbot first.

Options:
  --data-dir DIR  Data folder (overrides FAX_DATA_DIR)
  --reason TEXT   Why the log is accepted as it is (re-anchor; recorded)
  -h, --help      Show this help
`;

export const TIFF_HELP = `Usage: faxbot tiff [--normal] [--paper letter|a4] IN OUT.tiff

Turns a document into the fax image Faxbot hands Asterisk (FAX_BACKEND=sip), without
sending anything: black and white, CCITT Group 4, 1728 pixels across at 204 dpi,
one image per page. PDF, plain text, PNG, JPEG and TIFF files are accepted, as on
the Send screen. Prints the number of pages and the size.

Options:
  --normal        Normal resolution, 204 x 98 dpi (half the size, coarser);
                  fine, 204 x 196 dpi, by default
  --paper SIZE    letter (default) or a4
  -h, --help      Show this help

OUT should end in .tif or .tiff: the file is a TIFF whatever its name, so another
ending gets a warning (programs would refuse or misread it).

FAX_TIFF_RENDERER=ghostscript draws the pages with Ghostscript (gs) instead of the
built-in renderer.

Example:
  faxbot tiff referral.pdf referral.tiff
`;

export const PRINTER_HELP = `Usage: faxbot printer install [--folder DIR]
       faxbot printer remove

install adds a printer named Faxbot to this computer (Linux, CUPS). Whatever is
printed to it becomes a PDF in Faxbot's watched folder, and Faxbot opens it on
the Send screen, ready for a number. Running install again updates the printer.
remove takes the printer away again and says what it removed; the watched
folder and the documents in it are kept.

It needs root (run it with sudo), CUPS running, and cups-pdf:
  sudo apt-get install cups printer-driver-cups-pdf
It writes /etc/cups/cups-pdf-faxbot.conf and the hook cups-pdf runs after each
job, /usr/local/lib/faxbot/faxbot-printer-hook.

Options:
  --folder DIR  The watched folder, as a full path (default: FAXBOT_WATCH_DIR,
                else Faxbot/Outbox in the home of the user who ran sudo)
  -h, --help    Show this help

On macOS and Windows it explains how to print into the watched folder instead
(README.md, "Print to Faxbot").
`;

export const COMMAND_HELP: Record<string, string> = {
  serve: SERVE_HELP,
  send: SEND_HELP,
  mcp: MCP_HELP,
  audit: AUDIT_HELP,
  printer: PRINTER_HELP,
  tiff: TIFF_HELP,
  help: HELP_HELP,
};
