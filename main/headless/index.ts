// The headless server's one door: the engine and the window, served to a browser on
// 127.0.0.1 (`faxbot serve`, `npm run serve`).
export { startHeadlessServer, type HeadlessServer, type HeadlessServerOptions } from './server';
export { type HeadlessRoute, type HeadlessRequest, underPath } from './route';
export { createAccessToken, tokenMatches } from './auth';
export { CONTENT_SECURITY_POLICY } from './responses';
export { rpcBodyLimit } from './rpcRoute';
