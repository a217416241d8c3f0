/** Why the printer could not be set up or removed, in words the person can act on. */
export class PrinterSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterSetupError';
  }
}
