// One engine per data folder, held by a lock the OS releases when its holder dies: a killed
// engine never blocks the next start, whatever process now has its old PID; a live one
// refuses a second engine with the holder named.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFolderInUseError } from '../../main/engine';
import { lockDataFolder } from '../../main/engine/dataFolderLock';
import { runTs } from '../support/childProcess';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A live process that has nothing to do with Faxbot. */
function unrelatedProcess(): number {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

const folder = () => mkdtempSync(join(tmpdir(), 'faxbot-lock-'));

describe('the data folder lock', () => {
  it('refuses a second holder while the first lives, naming its process, and lets go on release', () => {
    const dataDir = folder();
    const first = lockDataFolder(dataDir);
    let refusal: unknown;
    try {
      lockDataFolder(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    expect((refusal as DataFolderInUseError).holderPid).toBe(process.pid);
    expect((refusal as Error).message).toMatch(
      new RegExp(`already running on the data folder .* \\(process ${process.pid}\\)\\. Use that Faxbot`),
    );
    expect((refusal as Error).message).toMatch(/REST API when it runs as `faxbot serve`/);
    first.release();
    lockDataFolder(dataDir).release();
  });

  it('starts after the holder was SIGKILLed, although a live unrelated process now has the PID it wrote', async () => {
    const dataDir = folder();
    const crashed = await runTs('test/support/crashChild.ts', ['send', '1', '+12025550143'], {
      FAX_DATA_DIR: dataDir,
      FAXBOT_FAULT_POINT: 'job-created',
    });
    expect(crashed.signal).toBe('SIGKILL');
    expect(existsSync(join(dataDir, 'faxbot.lock'))).toBe(true);
    // As after a reboot or in a container: the old PID belongs to some other live process now.
    writeFileSync(join(dataDir, 'faxbot.lock.pid'), `${unrelatedProcess()}\n`);
    const resumed = await runTs('test/support/crashChild.ts', ['resume'], { FAX_DATA_DIR: dataDir });
    expect(resumed.code, resumed.stderr).toBe(0);
  });

  it('takes over the PID-only lock file of an earlier version, even when that PID is alive', () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'faxbot.lock'), String(unrelatedProcess()));
    const lock = lockDataFolder(dataDir);
    lock.release();
  });

  it('refuses while another live process holds the folder', async () => {
    const dataDir = folder();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { lockDataFolder } = await import('./main/engine/dataFolderLock.ts');
      lockDataFolder(${JSON.stringify(dataDir)});
      console.log('locked');
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    children.push(holder);
    await new Promise<void>((resolve) => holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve()));
    expect(() => lockDataFolder(dataDir)).toThrow(new RegExp(`\\(process ${holder.pid}\\)`));
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    lockDataFolder(dataDir).release();
  });
});
