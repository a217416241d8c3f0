// `faxbot serve` carries the REST API on its one local port, off until it is turned on.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaxbot } from '../headless/cliRunner';
import { FAST_SIMULATOR_ENV, makeTempDir } from '../headless/fixtures';
import { makeTestPdf } from '../support/pdfs';
import { DELIVERS } from './apiFixture';
import { FaxbotClient } from './sdkClient';

describe('faxbot serve with the REST API', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTempDir('serve-api');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('with API_KEY set: says the API is on, and an SDK-style client sends through the simulator', async () => {
    const key = 'bootstrap-' + 'k'.repeat(30);
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], { ...FAST_SIMULATOR_ENV, API_KEY: key });
    try {
      const [, url] = await serve.waitForOutput(/REST API: on at (http:\/\/127\.0\.0\.1:\d+)/);
      const client = new FaxbotClient(url, key);
      const job = await client.sendFax(DELIVERS, await makeTestPdf(1));
      expect((await client.waitForFinal(job.id)).status).toBe('SUCCESS');
      // The window is still served beside the API.
      expect((await fetch(`${url}/`)).headers.get('content-type')).toMatch(/text\/html/);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('readiness reports the webhook listener serve printed', async () => {
    const key = 'bootstrap-' + 'r'.repeat(30);
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], { ...FAST_SIMULATOR_ENV, API_KEY: key });
    try {
      const [, url] = await serve.waitForOutput(/REST API: on at (http:\/\/127\.0\.0\.1:\d+)/);
      const [, listener] = await serve.waitForOutput(/Webhooks: listening on (http:\/\/127\.0\.0\.1:\d+);/);
      const ready = await (await fetch(`${url}/health/ready`)).json();
      expect(ready.checks.webhooks.status).toBe('ok');
      expect(ready.checks.webhooks.detail).toContain(`Listening on ${listener};`);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('with FAXBOT_API_ENABLED=false and API_KEY set: names the variable that keeps it off, not Settings', async () => {
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], {
      ...FAST_SIMULATOR_ENV,
      API_KEY: 'bootstrap-' + 'o'.repeat(30),
      FAXBOT_API_ENABLED: 'false',
    });
    try {
      const [, url] = await serve.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)/);
      const [line] = await serve.waitForOutput(/REST API: off\..*\n/);
      expect(line).toContain('FAXBOT_API_ENABLED=false');
      expect(line).toContain('remove FAXBOT_API_ENABLED (API_KEY then turns the API on) or set it to true');
      expect(line).not.toMatch(/turn it on in Settings/i);
      const reply = await fetch(`${url}/health`);
      expect(reply.status).toBe(404);
      expect((await reply.json()).detail).toContain('wins over API_KEY');
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('without it: says the API is off, and API paths answer 404 with how to turn it on', async () => {
    const serve = startFaxbot(['serve', '--port', '0', '--data-dir', dir], { ...FAST_SIMULATOR_ENV, API_KEY: '', FAXBOT_API_ENABLED: '' });
    try {
      const [, url] = await serve.waitForOutput(/Faxbot is running: (http:\/\/127\.0\.0\.1:\d+)/);
      await serve.waitForOutput(/REST API: off/);
      const reply = await fetch(`${url}/health`);
      expect(reply.status).toBe(404);
      expect((await reply.json()).detail).toMatch(/FAXBOT_API_ENABLED=true/);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });
});
