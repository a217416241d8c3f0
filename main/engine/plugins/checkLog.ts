// The last connection check of each plugin (Settings → Plugins' Test, and the start-up check
// of Apply), kept while the engine runs: a plugin whose last check failed is never shown as
// ready, and the status line says so.
import type { PluginTestResult } from '../../../shared/plugins';

export class PluginCheckLog {
  private readonly results = new Map<string, PluginTestResult>();

  record(pluginId: string, result: PluginTestResult): void {
    this.results.set(pluginId, result);
  }

  last(pluginId: string): PluginTestResult | null {
    return this.results.get(pluginId) ?? null;
  }

  /** The newest failed check among these plugins; null when none failed last time. */
  newestFailure(pluginIds: readonly string[]): { pluginId: string; result: PluginTestResult } | null {
    let newest: { pluginId: string; result: PluginTestResult } | null = null;
    for (const pluginId of pluginIds) {
      const result = this.results.get(pluginId);
      if (result && !result.ok && (!newest || result.checkedAt > newest.result.checkedAt)) newest = { pluginId, result };
    }
    return newest;
  }
}
