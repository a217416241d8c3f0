// The renderer's one way to the engine: the preload's window.faxbot in Electron, or the
// same API over HTTP when the desk is opened in a browser (faxbot serve).
import type { FaxbotApi } from '../../../shared/contract';
import { createHttpBridge, readAccessToken } from './httpBridge';

declare global {
  interface Window {
    faxbot?: FaxbotApi;
  }
}

export function connectToEngine(): FaxbotApi {
  if (window.faxbot) return window.faxbot;
  const token = readAccessToken(window.location, window.sessionStorage, window.history) ?? '';
  return createHttpBridge({ token });
}

export { createHttpBridge, readAccessToken, TOKEN_STORAGE_KEY, type HttpFaxbotApi } from './httpBridge';
export { base64FromBytes, bytesFromBase64 } from './base64';
