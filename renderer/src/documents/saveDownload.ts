// Saving bytes the engine answered, the way a browser downloads a file. The same works in
// Electron's window, where the shell asks where to put it. PDFs, the audit CSV and contact
// exports all leave the desk this one way.
export function saveDownload(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken the bytes once the click is handled; the URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A text file (CSV, vCard); the BOM lets Excel read a CSV as UTF-8. */
export function saveTextFile(fileName: string, text: string, type: string): void {
  saveDownload(fileName, new Blob(type.startsWith('text/csv') ? ['\uFEFF', text] : [text], { type }));
}
