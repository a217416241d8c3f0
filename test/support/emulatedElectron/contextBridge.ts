// What Electron's contextBridge does to a value crossing between the preload's isolated world
// and the page (electron/shell/renderer/api/electron_api_context_bridge.cc, PassValueToOtherContext;
// docs/api/context-bridge.md, "Parameter / Error / Return Type support"):
// - a function is proxied: its arguments cross one way, its return value the other, and an
//   exception it throws is rebuilt as `new Error(message)` (or a fixed sentence without one);
// - a promise is proxied: the value it resolves or rejects with crosses when it settles;
// - an Error is rebuilt from its message alone: no class, no name, no own fields (code, fields…);
// - arrays and objects are copied key by key (own enumerable keys); a class instance becomes a
//   plain object without its prototype or methods;
// - other cloneable values (Date, Map, typed arrays…) are structured-cloned; symbols are dropped.
//
// This function must stay self-contained (no imports, no outer names): the e2e test hands its
// source text to Chromium so the page's copy of the bridge behaves exactly like this one.
export function passAcrossContextBridge(value: unknown, depth = 0): unknown {
  if (depth > 1000) throw new Error('Electron contextBridge: the value is nested too deeply to pass.');
  const tag = Object.prototype.toString.call(value);
  const unknownException = 'An unknown exception occurred in the isolated context, an error occurred but a valid exception was not thrown.';
  if (typeof value === 'symbol') return undefined;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') {
    const original = value as (...args: unknown[]) => unknown;
    return function proxiedFunction(...args: unknown[]) {
      let result: unknown;
      try {
        result = original(...args.map((arg) => passAcrossContextBridge(arg, depth + 1)));
      } catch (thrown) {
        const message = thrown !== null && typeof thrown === 'object' ? (thrown as { message?: unknown }).message : undefined;
        throw new Error(typeof message === 'string' ? message : unknownException);
      }
      return passAcrossContextBridge(result, depth + 1);
    };
  }
  if (tag === '[object Promise]') {
    return new Promise((resolve, reject) => {
      (value as Promise<unknown>).then(
        (settled) => resolve(passAcrossContextBridge(settled, depth + 1)),
        (reason) => reject(passAcrossContextBridge(reason, depth + 1)),
      );
    });
  }
  if (tag === '[object Error]') {
    const message = (value as { message?: unknown }).message;
    return new Error(typeof message === 'string' ? message : String(value));
  }
  if (Array.isArray(value)) return value.map((item) => passAcrossContextBridge(item, depth + 1));
  if (tag === '[object Object]') {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) copy[key] = passAcrossContextBridge((value as Record<string, unknown>)[key], depth + 1);
    return copy;
  }
  return structuredClone(value);
}

/** exposeInMainWorld: the API object crosses once, and the page gets it frozen. */
export function exposedInMainWorld(api: unknown): unknown {
  const passed = passAcrossContextBridge(api);
  if (passed !== null && typeof passed === 'object') Object.freeze(passed);
  return passed;
}
