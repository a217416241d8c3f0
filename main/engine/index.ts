// The fax engine's one door. Plain Node.js: it never imports 'electron', so it runs the same
// inside the Electron main process, under `faxbot serve`, in the CLI and in tests.
export { createEngine, type Engine, type EngineOptions } from './engine';
export { loadConfig, watchDirFor, ConfigError, type EngineConfig } from './config';
export { callOperation, dispatch, type DispatchOptions } from './rpc';
export { createLogger, type Logger } from './log';
export { DataFolderInUseError } from './dataFolderLock';
export { disableFaultPoints, faultPointsEnabled } from './faults';
