// How a stored PDF crosses to the window: its name and its bytes as base64 (the contract's pdfDocument).
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

export function pdfReply(fileName: string, pdf: Uint8Array): { fileName: string; pdfBase64: string } {
  return { fileName, pdfBase64: toBase64(pdf) };
}
