// The renderer's one way to the engine: the preload's window.faxbot in Electron, or the
// same API over HTTP when the desk is opened in a browser (faxbot serve). Either way the
// stores get it through checkedEngine, so they meet one kind of error and checked answers.
import type { FaxbotApi } from '../../../shared/contract';
import { checkedEngine } from './checkedEngine';
import { createHttpBridge, readAccessToken } from './httpBridge';

declare global {
  interface Window {
    faxbot?: FaxbotApi;
  }
}

/** The parts of the page the connection reads: a test hands in its own. */
export type EnginePage = Pick<Window, 'faxbot' | 'location' | 'sessionStorage' | 'history'>;

export function connectToEngine(page: EnginePage = window): FaxbotApi {
  if (page.faxbot) return checkedEngine(page.faxbot);
  const token = readAccessToken(page.location, page.sessionStorage, page.history) ?? '';
  // The page's own origin, written out: the same requests in a browser, and a test page in Node can make them too.
  return checkedEngine(createHttpBridge({ token, baseUrl: new URL(page.location.href).origin }));
}

export { checkedEngine, NOT_UNDERSTOOD } from './checkedEngine';
export { errorSentence, faxErrorOf, fieldMessages, NO_SENTENCE } from './faxErrors';
export { createHttpBridge, readAccessToken, TOKEN_STORAGE_KEY, type HttpFaxbotApi } from './httpBridge';
export { base64FromBytes, bytesFromBase64 } from './base64';
