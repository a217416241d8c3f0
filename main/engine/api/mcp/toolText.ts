// The one-line summaries an assistant reads first; the structured JSON carries the rest.
import type { ContactPageJson, FaxJobJson, InboundPageJson } from './faxTools';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function describeJob(job: FaxJobJson): string {
  const state = job.faxbot_status && job.faxbot_status !== job.status ? `${job.status} (${job.faxbot_status})` : job.status;
  const pages = typeof job.pages === 'number' ? `, ${plural(job.pages, 'page')}` : '';
  const why = job.error ? `: ${job.error}` : '';
  return `Fax ${job.id} to ${job.to}: ${state}${pages}${why}.`;
}

export function describeInboundPage(page: InboundPageJson): string {
  if (page.items.length === 0) return page.total === 0 ? 'No faxes have been received.' : 'No more received faxes.';
  const lines = page.items.map((fax) => {
    const pages = typeof fax.pages === 'number' ? `, ${plural(fax.pages, 'page')}` : '';
    return `- ${fax.id}: from ${fax.from ?? 'unknown'}${pages}, received ${fax.received_at ?? 'at an unknown time'}`;
  });
  const more = page.next_cursor ? `\nMore: pass cursor "${page.next_cursor}".` : '';
  return `${page.items.length} of ${page.total} received ${page.total === 1 ? 'fax' : 'faxes'}:\n${lines.join('\n')}${more}`;
}

export function describeContacts(search: string, page: ContactPageJson): string {
  if (page.items.length === 0) return `No contact matches "${search}". Try part of the name, the organization, or the fax number's digits.`;
  const lines = page.items.map((c) => {
    const who = [c.name, c.organization].filter(Boolean).join(', ');
    return `- ${who}: fax ${c.fax} (contact ${c.id})`;
  });
  const shown = page.items.length < page.total ? `${page.items.length} of ${page.total}` : `${page.total}`;
  return `${shown} ${page.total === 1 ? 'contact matches' : 'contacts match'} "${search}", best first:\n${lines.join('\n')}`;
}
