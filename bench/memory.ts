// Resident memory of `faxbot serve`: idle, and at its peak while sending 20 faxes.
import { realPdfOfPages } from './fixtures';
import { startServe } from './headlessProcess';
import { result, type BenchResult } from './stats';

export async function benchMemory(runs: number): Promise<BenchResult[]> {
  const idle: number[] = [];
  const sending: number[] = [];
  const pdf = Buffer.from(await realPdfOfPages(5)).toString('base64');
  for (let i = 0; i < runs; i++) {
    const serve = await startServe({ FAXBOT_SIMULATOR_TIME_SCALE: '0.2' });
    await serve.rpc('getStatus');
    await new Promise((r) => setTimeout(r, 1500));
    idle.push(serve.rssMb());
    let peak = serve.rssMb();
    const sampler = setInterval(() => (peak = Math.max(peak, serve.rssMb())), 50);
    for (let n = 0; n < 20; n++) {
      const staged = (await serve.rpc('stageDocument', { fileName: `f${n}.pdf`, contentBase64: pdf })) as { documentId: string };
      await serve.rpc('sendFax', { to: '+12025550143', documentIds: [staged.documentId] });
    }
    for (;;) {
      const status = (await serve.rpc('getStatus')) as { activeJobs: number };
      if (status.activeJobs === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(sampler);
    sending.push(peak);
    await serve.stop();
  }
  return [
    result('resident memory, idle (headless)', 'MB', idle),
    result('resident memory, peak while sending 20 faxes', 'MB', sending, '5-page PDFs'),
  ];
}
