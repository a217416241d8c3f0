// macOS and Windows have no cups-pdf; their own print systems can still drop a PDF into the
// watched folder. The command says how (README "Print to Faxbot" has the full steps).

export function otherPlatformSteps(platform: NodeJS.Platform, watchDir: string): string {
  if (platform === 'darwin') {
    return `On macOS, Faxbot uses the PDF menu of the print dialog instead of a printer:
  1. Make the folder: mkdir -p "${watchDir}"
  2. Make the folder ~/Library/PDF Services if it is not there.
  3. In Finder, select the folder above, choose File > Make Alias, name the alias
     "Send with Faxbot" and move it into ~/Library/PDF Services.
Then in any program: File > Print > PDF (bottom left) > Send with Faxbot.
README.md, "Print to Faxbot", has the details and a script to use instead.
`;
  }
  if (platform === 'win32') {
    return `On Windows, Faxbot needs a printer that saves each job as its own PDF in
${watchDir}: "faxbot printer install" cannot make one yet. README.md, "Print to
Faxbot", explains the two ways to set one up (a PDF printer with a port monitor
that writes one file per job, or saving with "Microsoft Print to PDF").
`;
  }
  return `"faxbot printer install" sets up printing on Linux (CUPS) only. On this system,
save or export a PDF into ${watchDir} and Faxbot picks it up.
`;
}
