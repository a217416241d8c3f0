// The address book's SQLite tables: contacts (soft-deleted while an Undo can bring them
// back), and what search reads. Search scans two short folded columns instead of the rows:
// at 10,000 contacts that is well under the 5 ms a keystroke may cost (bench: contacts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import type { Contact, ContactText } from '../../../shared/contacts';

interface ContactRow extends ContactText {
  id: string;
  cover_template_id: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  last_faxed_at: string | null;
  group_ids: string | null;
}

/** The fields a contact is saved with; the fax (and phone) already E.164. */
export interface ContactFields extends ContactText {
  /** The fax number's national digits, searched beside the international ones. */
  faxNational: string;
  coverTemplateId: string | null;
}

export interface ContactQuery {
  search?: string;
  groupId?: string;
  limit: number;
  offset: number;
}

export type ContactPresence = { state: 'present'; contact: Contact } | { state: 'deleted'; deletedAt: string } | { state: 'unknown' };

/** Lower case without accents, so "Müller" is found by "muller" and "MÜL". */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LIVE = 'c.deleted_at IS NULL';
// When a fax last went to the contact's number: one seek in fax_jobs_recipient per row read.
const LAST_FAXED = '(SELECT MAX(j.created_at) FROM fax_jobs j WHERE j.to_number = c.fax)';
const COLUMNS = `c.*, ${LAST_FAXED} AS last_faxed_at,
  (SELECT group_concat(m.group_id, ',') FROM contact_group_members m WHERE m.contact_id = c.id) AS group_ids`;
const SELECT = `SELECT ${COLUMNS} FROM contacts c`;
/** Past this many matches the typed text says little yet ("555"): they are ranked without asking the Outbox. */
const RANK_RECENT_UP_TO = 2000;

export class ContactStore {
  constructor(private readonly db: Db) {}

  /** Runs `work` as one SQLite transaction: all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  insert(fields: ContactFields, at = new Date()): Contact {
    const [id] = this.insertMany([fields], at);
    return this.get(id)!;
  }

  /** Contacts added at once (an import), with their search index: run inside the caller's transaction. */
  insertMany(rows: ContactFields[], at = new Date()): string[] {
    if (!this.db.inTransaction) throw new Error('insertMany must run inside a transaction: the rows and their search index go together');
    const now = at.toISOString();
    const statement = this.db.prepare(
      `INSERT INTO contacts (id, name, organization, fax, phone, email, notes, cover_template_id, search_text, digits, sort_key, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const after = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM contacts').get() as { seq: number }).seq;
    const ids = rows.map((fields) => {
      const id = randomUUID();
      statement.run(id, ...this.columns(fields), now, now);
      return id;
    });
    this.db
      .prepare('INSERT INTO contacts_search (rowid, search_text, digits) SELECT seq, search_text, digits FROM contacts WHERE seq > ?')
      .run(after);
    return ids;
  }

  update(id: string, fields: ContactFields, at = new Date()): Contact | null {
    const changed = this.db
      .prepare(
        `UPDATE contacts SET name = ?, organization = ?, fax = ?, phone = ?, email = ?, notes = ?, cover_template_id = ?,
         search_text = ?, digits = ?, sort_key = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL`,
      )
      .run(...this.columns(fields), at.toISOString(), id).changes;
    return changed === 1 ? this.get(id) : null;
  }

  get(id: string): Contact | null {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ? AND ${LIVE}`).get(id) as ContactRow | undefined;
    return row ? toContact(row) : null;
  }

  presence(id: string): ContactPresence {
    const row = this.db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as ContactRow | undefined;
    if (!row) return { state: 'unknown' };
    return row.deleted_at ? { state: 'deleted', deletedAt: row.deleted_at } : { state: 'present', contact: toContact(row) };
  }

  /** Live contacts holding this E.164 number. */
  withFax(fax: string): Contact[] {
    return (this.db.prepare(`${SELECT} WHERE c.fax = ? AND ${LIVE} ORDER BY c.created_at, c.id`).all(fax) as ContactRow[]).map(toContact);
  }

  /** Every live contact's id by fax number (an import checks its rows against it). */
  idsByFax(): Map<string, { id: string; name: string }> {
    const rows = this.db.prepare(`SELECT id, fax, name, organization FROM contacts c WHERE ${LIVE} ORDER BY created_at DESC`).all() as {
      id: string;
      fax: string;
      name: string;
      organization: string;
    }[];
    return new Map(rows.map((row) => [row.fax, { id: row.id, name: row.name || row.organization }]));
  }

  softDelete(id: string, at: Date): boolean {
    return (
      this.db.prepare('UPDATE contacts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL').run(at.toISOString(), id).changes === 1
    );
  }

  /** Brings back a contact deleted at or after `notBefore`; false when it is not (or no longer) restorable. */
  restore(id: string, notBefore: Date): boolean {
    return (
      this.db.prepare('UPDATE contacts SET deleted_at = NULL WHERE id = ? AND deleted_at >= ?').run(id, notBefore.toISOString()).changes ===
      1
    );
  }

  /** Removes for good the contacts whose undo time is over (with their group memberships). */
  purgeDeletedBefore(cutoff: Date): number {
    return this.db.prepare('DELETE FROM contacts WHERE deleted_at IS NOT NULL AND deleted_at < ?').run(cutoff.toISOString()).changes;
  }

  /** Removes merged contacts for good, inside the merge's transaction. */
  remove(ids: readonly string[]): void {
    const statement = this.db.prepare('DELETE FROM contacts WHERE id = ?');
    for (const id of ids) statement.run(id);
  }

  list(query: ContactQuery): { items: Contact[]; total: number } {
    const where: string[] = [LIVE];
    const params: unknown[] = [];
    if (query.groupId) {
      where.push('c.id IN (SELECT contact_id FROM contact_group_members WHERE group_id = ?)');
      params.push(query.groupId);
    }
    const match = searchClause(query.search);
    if (match) {
      where.push(match.where);
      params.push(...match.params);
    }
    const filter = where.join(' AND ');
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM contacts c WHERE ${filter}`).get(...params) as { n: number }).n;
    // The page is chosen on the few columns that rank it; only its rows are then read whole.
    // Ranked: exact, then prefix, then word prefix, then anywhere; among equals the one faxed most recently, then by name.
    if (!match) {
      const rows = this.db
        .prepare(`${SELECT} WHERE ${filter} ORDER BY c.sort_key, c.id LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as ContactRow[];
      return { items: rows.map(toContact), total };
    }
    const recent = total <= RANK_RECENT_UP_TO ? LAST_FAXED : 'NULL';
    const page = `SELECT c.seq, ${match.rank} AS r, ${recent} AS lf, c.sort_key, c.id FROM contacts c WHERE ${filter}
      ORDER BY r, lf IS NULL, lf DESC, c.sort_key, c.id LIMIT ? OFFSET ?`;
    const rows = this.db
      .prepare(
        `SELECT ${COLUMNS} FROM (${page}) p JOIN contacts c ON c.seq = p.seq ORDER BY p.r, p.lf IS NULL, p.lf DESC, p.sort_key, p.id`,
      )
      .all(...match.rankParams, ...params, query.limit, query.offset) as ContactRow[];
    return { items: rows.map(toContact), total };
  }

  /** Every live contact, by name (the export), read as it is used. */
  *each(groupId?: string): Generator<Contact> {
    const rows = this.db
      .prepare(
        `${SELECT} WHERE ${LIVE} ${groupId ? 'AND c.id IN (SELECT contact_id FROM contact_group_members WHERE group_id = ?)' : ''} ORDER BY c.sort_key, c.id`,
      )
      .iterate(...(groupId ? [groupId] : [])) as IterableIterator<ContactRow>;
    for (const row of rows) yield toContact(row);
  }

  /** Fax numbers more than one live contact holds, with those contacts (oldest first). */
  duplicates(): { fax: string; contacts: Contact[] }[] {
    const numbers = this.db
      .prepare(`SELECT fax FROM contacts c WHERE ${LIVE} GROUP BY fax HAVING COUNT(*) > 1 ORDER BY MIN(sort_key)`)
      .all() as { fax: string }[];
    return numbers.map(({ fax }) => ({ fax, contacts: this.withFax(fax) }));
  }

  count(): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM contacts c WHERE ${LIVE}`).get() as { n: number }).n;
  }

  private columns(fields: ContactFields): unknown[] {
    const searchText = foldForSearch(`${fields.name} ${fields.organization}`);
    const digits = `${fields.fax.replace(/\D/g, '')} ${fields.faxNational.replace(/\D/g, '')}`;
    return [
      fields.name,
      fields.organization,
      fields.fax,
      fields.phone,
      fields.email,
      fields.notes,
      fields.coverTemplateId,
      searchText,
      digits,
      foldForSearch(fields.name || fields.organization),
    ];
  }
}

/**
 * Rows whose column holds `term`: from the trigram index when 3 characters or more are
 * typed (a scan of 10,000 rows costs about 4 ms, the index a tenth of one); by reading the
 * column for one or two.
 */
function holding(column: 'search_text' | 'digits', term: string): { where: string; params: unknown[] } {
  if ([...term].length < 3) return { where: `instr(c.${column}, ?) > 0`, params: [term] };
  return {
    where: 'c.seq IN (SELECT rowid FROM contacts_search WHERE contacts_search MATCH ?)',
    params: [`${column} : "${term.replace(/"/g, '""')}"`],
  };
}

/** What a search box's text matches, and how well: letters search names and organizations, digits the numbers. */
function searchClause(search: string | undefined): { where: string; params: unknown[]; rank: string; rankParams: unknown[] } | null {
  const text = foldForSearch(search ?? '');
  if (text === '') return null;
  if (/\p{L}/u.test(text)) {
    return {
      ...holding('search_text', text),
      rank: `(CASE WHEN c.sort_key = ? THEN 0 WHEN substr(c.search_text, 1, length(?)) = ? THEN 1
              WHEN instr(' ' || c.search_text, ' ' || ?) > 0 THEN 2 ELSE 3 END)`,
      rankParams: [text, text, text, text],
    };
  }
  const digits = text.replace(/\D/g, '');
  if (digits === '') return null;
  return {
    ...holding('digits', digits),
    rank: `(CASE WHEN substr(c.digits, 1, length(?)) = ? OR instr(c.digits, ' ' || ?) > 0 THEN 1 ELSE 3 END)`,
    rankParams: [digits, digits, digits],
  };
}

function toContact(row: ContactRow): Contact {
  return {
    id: row.id,
    name: row.name,
    organization: row.organization,
    fax: row.fax,
    phone: row.phone,
    email: row.email,
    notes: row.notes,
    coverTemplateId: row.cover_template_id,
    groupIds: row.group_ids ? row.group_ids.split(',').sort() : [],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastFaxedAt: row.last_faxed_at ? new Date(row.last_faxed_at).toISOString() : null,
  };
}
