// The contract's webhook operations, spread into the engine's operations.
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import type { WebhookService } from './webhookService';

export function createWebhookOperations(webhooks: WebhookService) {
  return {
    async getWebhookHealth(): Promise<OperationResult<'getWebhookHealth'>> {
      return webhooks.getHealth();
    },
    async testWebhook(): Promise<OperationResult<'testWebhook'>> {
      return webhooks.testWebhook();
    },
    async setWebhookPublicUrl({ publicUrl }: OperationArgs<'setWebhookPublicUrl'>): Promise<OperationResult<'setWebhookPublicUrl'>> {
      return webhooks.setPublicUrl(publicUrl);
    },
  };
}
