// The one place a recipient's cover page is drawn: a fax on its own, its preview, and each
// recipient of a send (sends/jobDocument.ts) all come here.
import { formatFaxNumber } from '../../shared/faxNumber';
import type { CoverPageInput } from '../../shared/model';
import type { CoverTemplateChoice } from '../../shared/coverTemplates';
import type { Logger } from './log';
import type { SettingsStore } from './settings';
import { coverSender, type CoverTemplates } from './covers';
import type { RecipientCover } from './sends';

const imaging = () => import('./imaging');

/**
 * Draws one recipient's cover page: with the template chosen for the fax, else the default of
 * the contact holding the number, else the plain cover (covers/); answers which it used.
 */
export function createCoverMaker(
  settings: SettingsStore,
  templates: CoverTemplates,
  logger: Logger,
): (
  to: string,
  recipientName: string,
  cover: CoverPageInput,
  totalPages: number,
  date?: Date,
) => Promise<{ pdf: Uint8Array; choice: CoverTemplateChoice }> {
  return async (to, recipientName, cover, totalPages, date = new Date()) => {
    const s = settings.get();
    const chosen = templates.choose(to, cover.templateId);
    if (chosen.choice.notice) logger.warn("a contact's cover page template was deleted; the plain cover is used");
    const { makeCoverPage } = await imaging();
    const pdf = await makeCoverPage(
      {
        toName: recipientName,
        toNumber: formatFaxNumber(to, s.defaultCountry),
        ...coverSender(s),
        subject: cover.subject,
        notes: cover.notes,
        totalPages,
        date,
        confidentialityNotice: s.confidentialityNotice,
        paperSize: s.paperSize,
      },
      chosen.design,
    );
    return { pdf, choice: chosen.choice };
  };
}

/** One recipient's cover page as a PDF (a send draws each when its job goes). */
export function createRecipientCover(settings: SettingsStore, templates: CoverTemplates, logger: Logger): RecipientCover {
  const make = createCoverMaker(settings, templates, logger);
  return async (to, recipientName, cover, totalPages, date) => (await make(to, recipientName, cover, totalPages, date)).pdf;
}
