// The contract's webhook operations, spread into the engine's operations.
import type { OperationArgs, OperationResult } from '../../../shared/contract';
import type { WebhookService } from './webhookService';

/** `settingChanged` hears the name of a setting a person changed (the audit log records it). */
export function createWebhookOperations(webhooks: WebhookService, settingChanged: (name: string) => void = () => undefined) {
  return {
    async getWebhookHealth(): Promise<OperationResult<'getWebhookHealth'>> {
      return webhooks.getHealth();
    },
    async testWebhook(): Promise<OperationResult<'testWebhook'>> {
      return webhooks.testWebhook();
    },
    async setWebhookPublicUrl({ publicUrl }: OperationArgs<'setWebhookPublicUrl'>): Promise<OperationResult<'setWebhookPublicUrl'>> {
      const health = await webhooks.setPublicUrl(publicUrl);
      settingChanged('webhookPublicUrl');
      return health;
    },
  };
}
