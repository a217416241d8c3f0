// What the Inbox e2e tests share: calling the running Faxbot as the page does (RPC with the
// token), waiting on what the page shows, and reading a canvas's pixels.
import type { Locator } from 'playwright-core';
import type { OperationInput, OperationName, OperationResult } from '../../shared/contract';

export type DeskRpc = <N extends OperationName>(operation: N, input: OperationInput<N>) => Promise<OperationResult<N>>;

/** The same RPC the window uses, for setting the scene (faxes to receive, settings). */
export function deskRpc(uiUrl: string): DeskRpc {
  const url = new URL(uiUrl);
  const token = url.searchParams.get('token') ?? '';
  return async (operation, input) => {
    const response = await fetch(`${url.origin}/rpc/${operation}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    const reply = (await response.json()) as { ok: boolean; result?: unknown; error?: { message: string } };
    if (!reply.ok) throw new Error(`${operation} refused: ${reply.error?.message}`);
    return reply.result as never;
  };
}

/** Waits until `check` holds, re-reading the page each time; fails with `what` after `timeoutMs`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Pixels on a canvas that are not (near) white: a drawn page has ink on it. */
export async function inkedPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((element) => {
    const c = element as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) inked++;
    return inked;
  });
}

/** Sends `pdf` to the simulator's own line (+1 202 555 0100), which always delivers it to the Inbox. */
export async function receiveLoopbackFax(rpc: DeskRpc, fileName: string, pdf: Uint8Array): Promise<void> {
  const staged = await rpc('stageDocument', { fileName, contentBase64: Buffer.from(pdf).toString('base64') });
  await rpc('sendFax', { to: '+12025550100', recipientName: '', documentIds: [staged.documentId], cover: null });
}
