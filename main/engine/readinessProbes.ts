// What /health/ready looks at: the database answers, the documents folder takes writes, the
// outbound provider is running (or why not), and which providers call back through webhooks.
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { ApiProbes } from './api';
import type { Db } from './database';
import { UnavailableProvider, type ProviderSet } from './plugins/runtime';
import type { WebhookService } from './webhooks';

export function readinessProbes(deps: { db: Db; dataDir: string; providers: ProviderSet; webhooks: WebhookService }): ApiProbes {
  const { db, providers, webhooks } = deps;
  return {
    database: () => void db.prepare('SELECT 1').get(),
    storage: () => access(join(deps.dataDir, 'documents'), constants.W_OK),
    provider: () => {
      const outbound = providers.outbound();
      return { id: outbound.id, label: outbound.label, problem: outbound instanceof UnavailableProvider ? outbound.reason : null };
    },
    webhooks: () => ({
      health: webhooks.getHealth(),
      listenProblem: webhooks.listenProblem(),
      callers: [...new Set([providers.outbound(), providers.inbound()].filter((p) => p.webhookRoutes?.length).map((p) => p.label))],
    }),
  };
}
