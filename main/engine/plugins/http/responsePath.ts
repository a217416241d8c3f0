// Reading fields from a service's JSON answer by path: `data.id`, `faxes[0].status`.
// Only plain property and index steps: no wildcards, no expressions.

export function readPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const step of path.split('.')) {
    const match = /^([^[\]]+)((?:\[\d+\])*)$/.exec(step);
    if (!match) return undefined;
    current = property(current, match[1]!);
    for (const index of match[2]!.matchAll(/\[(\d+)\]/g)) {
      current = Array.isArray(current) ? current[Number(index[1])] : undefined;
    }
    if (current === undefined) return undefined;
  }
  return current;
}

function property(value: unknown, name: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  // Own properties only: a path like __proto__ must not reach into the object's prototype.
  return Object.prototype.hasOwnProperty.call(value, name) ? (value as Record<string, unknown>)[name] : undefined;
}

/** A scalar answer field as text (ids come as numbers from some services), else null. */
export function readText(value: unknown, path: string | undefined): string | null {
  if (!path) return null;
  const found = readPath(value, path);
  if (typeof found === 'string') return found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return null;
}
