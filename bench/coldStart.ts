// Headless cold start: from launching `faxbot serve` to the first RPC answered.
import { result, type BenchResult } from './stats';
import { startServe } from './headlessProcess';

export async function benchColdStart(runs: number): Promise<BenchResult[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const serve = await startServe();
    await serve.rpc('getStatus');
    times.push(performance.now() - start);
    await serve.stop();
  }
  return [result('headless cold start to first RPC answered', 'ms', times)];
}
