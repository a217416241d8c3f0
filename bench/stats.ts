// Small statistics for benchmark reports: medians of repeated runs, never a single sample.
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export async function timeRuns(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return times;
}

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  runs: number[];
  note?: string;
}

export function result(name: string, unit: string, runs: number[], note?: string): BenchResult {
  return { name, unit, median: median(runs), runs: runs.map((r) => Math.round(r * 100) / 100), note };
}
