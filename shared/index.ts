export * from './contract';
export * from './model';
export * from './errors';
export * from './jobState';
export * from './faxNumber';
export * from './rpc';
export * from './apiKeys';
