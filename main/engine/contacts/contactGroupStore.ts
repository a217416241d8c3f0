// Groups of contacts (distribution lists such as "Cardiology referrals") and their members.
// A deleted contact leaves its memberships until it is gone for good, so Undo brings it back
// into its groups; meanwhile the groups neither count nor list it.
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';

export interface GroupRow {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  members: number;
}

export interface MemberRow {
  contact_id: string;
  name: string;
  organization: string;
  fax: string;
}

const COUNTED = `SELECT g.*, (SELECT COUNT(*) FROM contact_group_members m JOIN contacts c ON c.id = m.contact_id
  WHERE m.group_id = g.id AND c.deleted_at IS NULL) AS members FROM contact_groups g`;

export class ContactGroupStore {
  constructor(private readonly db: Db) {}

  list(): GroupRow[] {
    return this.db.prepare(`${COUNTED} ORDER BY g.name COLLATE NOCASE, g.id`).all() as GroupRow[];
  }

  get(id: string): GroupRow | null {
    return (this.db.prepare(`${COUNTED} WHERE g.id = ?`).get(id) as GroupRow | undefined) ?? null;
  }

  /** The group already called `name` (case does not count), if any. */
  named(name: string): GroupRow | null {
    return (this.db.prepare(`${COUNTED} WHERE g.name = ?`).get(name) as GroupRow | undefined) ?? null;
  }

  insert(name: string, at = new Date()): GroupRow {
    const id = randomUUID();
    const now = at.toISOString();
    this.db.prepare('INSERT INTO contact_groups (id, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(id, name, now, now);
    return this.get(id)!;
  }

  rename(id: string, name: string, at = new Date()): boolean {
    return this.db.prepare('UPDATE contact_groups SET name = ?, updated_at = ? WHERE id = ?').run(name, at.toISOString(), id).changes === 1;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM contact_groups WHERE id = ?').run(id).changes === 1;
  }

  members(id: string): MemberRow[] {
    return this.db
      .prepare(
        `SELECT c.id AS contact_id, c.name, c.organization, c.fax FROM contact_group_members m JOIN contacts c ON c.id = m.contact_id
         WHERE m.group_id = ? AND c.deleted_at IS NULL ORDER BY c.sort_key, c.id`,
      )
      .all(id) as MemberRow[];
  }

  /** Adds members (already a member: nothing changes); answers how many were added. */
  add(groupId: string, contactIds: readonly string[], at = new Date()): number {
    const statement = this.db.prepare(
      'INSERT INTO contact_group_members (group_id, contact_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    let added = 0;
    for (const contactId of contactIds) added += statement.run(groupId, contactId, at.toISOString()).changes;
    if (added) this.touch(groupId, at);
    return added;
  }

  remove(groupId: string, contactIds: readonly string[], at = new Date()): number {
    const statement = this.db.prepare('DELETE FROM contact_group_members WHERE group_id = ? AND contact_id = ?');
    let removed = 0;
    for (const contactId of contactIds) removed += statement.run(groupId, contactId).changes;
    if (removed) this.touch(groupId, at);
    return removed;
  }

  /** Makes a contact a member of exactly these groups. */
  setGroupsOf(contactId: string, groupIds: readonly string[], at = new Date()): void {
    const current = new Set(
      (this.db.prepare('SELECT group_id FROM contact_group_members WHERE contact_id = ?').all(contactId) as { group_id: string }[]).map(
        (row) => row.group_id,
      ),
    );
    const wanted = new Set(groupIds);
    for (const groupId of wanted) if (!current.has(groupId)) this.add(groupId, [contactId], at);
    for (const groupId of current) if (!wanted.has(groupId)) this.remove(groupId, [contactId], at);
  }

  /** Moves the memberships of merged contacts to the kept one (inside the merge's transaction). */
  moveMemberships(fromIds: readonly string[], toId: string, at = new Date()): void {
    const groups = this.db.prepare('SELECT group_id FROM contact_group_members WHERE contact_id = ?');
    for (const fromId of fromIds) {
      for (const { group_id } of groups.all(fromId) as { group_id: string }[]) this.add(group_id, [toId], at);
    }
  }

  /** The ids among `ids` that name no group. */
  unknown(ids: readonly string[]): string[] {
    const statement = this.db.prepare('SELECT 1 FROM contact_groups WHERE id = ?');
    return ids.filter((id) => statement.get(id) === undefined);
  }

  private touch(groupId: string, at: Date): void {
    this.db.prepare('UPDATE contact_groups SET updated_at = ? WHERE id = ?').run(at.toISOString(), groupId);
  }
}
