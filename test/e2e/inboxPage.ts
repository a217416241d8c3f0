// What the Inbox e2e tests share: calling the running Faxbot as the page does (RPC with the
// token) to set the scene. Waiting on the page and reading pixels are in pageChecks.ts.
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

/** Sends `pdf` to the simulator's own line (+1 202 555 0100), which always delivers it to the Inbox. */
export async function receiveLoopbackFax(rpc: DeskRpc, fileName: string, pdf: Uint8Array): Promise<void> {
  const staged = await rpc('stageDocument', { fileName, contentBase64: Buffer.from(pdf).toString('base64') });
  await rpc('sendFax', { to: '+12025550100', recipientName: '', documentIds: [staged.documentId], cover: null });
}
