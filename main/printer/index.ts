// The "Faxbot" printer: sets up (and takes away) a print queue that delivers each printed
// document as a PDF into Faxbot's watched folder. Used by `faxbot printer`.
export { installPrinter, removePrinter, type InstallReport, type PrinterHost, type PrinterOptions, type RemoveReport } from './install';
export { DEFAULT_LAYOUT, confPath, deskUser, deviceUri, type DeskUser, type PrinterLayout } from './layout';
export { otherPlatformSteps } from './otherPlatforms';
export { PrinterSetupError } from './printerSetupError';
