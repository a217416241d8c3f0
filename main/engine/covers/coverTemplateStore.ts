// Cover page templates in the engine's SQLite file. The logo is kept as a sealed PNG in the
// template's own row (the documents' envelope, under the data key, bound to a logo id that is
// new for every new logo), so a template and its logo are saved, changed and deleted together,
// in one transaction, and no picture is ever on disk in the clear.
import { randomUUID } from 'node:crypto';
import type { Db } from '../database';
import { openBytes, sealBytes } from '../storage';
import type { CoverFields, CoverLayout, CoverPractice } from '../../../shared/coverTemplates';
import type { CoverLogo } from '../imaging';

/** What a template is, apart from its logo. */
export interface CoverTemplateFields {
  name: string;
  layout: CoverLayout;
  practice: CoverPractice;
  notice: string;
  fields: CoverFields;
}

export interface StoredCoverTemplate extends CoverTemplateFields {
  id: string;
  logo: { width: number; height: number; bytes: number } | null;
  contacts: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  name: string;
  layout: CoverLayout;
  design: string;
  logo_width: number | null;
  logo_height: number | null;
  logo_bytes: number | null;
  contacts: number;
  created_at: string;
  updated_at: string;
}

/** 'keep' leaves the stored logo as it is; null removes it. */
export type LogoChange = 'keep' | null | CoverLogo;

const COLUMNS = `t.id, t.name, t.layout, t.design, t.logo_width, t.logo_height, t.logo_bytes, t.created_at, t.updated_at,
  (SELECT COUNT(*) FROM contacts c WHERE c.cover_template_id = t.id AND c.deleted_at IS NULL) AS contacts`;

export class CoverTemplateStore {
  constructor(
    private readonly db: Db,
    private readonly dataKey: Buffer,
  ) {}

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  list(): StoredCoverTemplate[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM cover_templates t ORDER BY t.name COLLATE NOCASE, t.id`).all() as Row[]).map(
      toTemplate,
    );
  }

  get(id: string): StoredCoverTemplate | null {
    const row = this.db.prepare(`SELECT ${COLUMNS} FROM cover_templates t WHERE t.id = ?`).get(id) as Row | undefined;
    return row ? toTemplate(row) : null;
  }

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM cover_templates WHERE id = ?').get(id) !== undefined;
  }

  /** The template holding this name (case-insensitive), when there is one. */
  named(name: string): { id: string; name: string } | null {
    return (
      (this.db.prepare('SELECT id, name FROM cover_templates WHERE name = ? COLLATE NOCASE').get(name) as { id: string; name: string }) ??
      null
    );
  }

  /** The stored logo, opened (its seal checked); null when the template has none. */
  logo(id: string): CoverLogo | null {
    const row = this.db.prepare('SELECT logo, logo_id, logo_width, logo_height FROM cover_templates WHERE id = ?').get(id) as
      { logo: Buffer | null; logo_id: string | null; logo_width: number; logo_height: number } | undefined;
    if (!row?.logo || !row.logo_id) return null;
    const png = openBytes(this.dataKey, row.logo_id, row.logo);
    return { png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength), width: row.logo_width, height: row.logo_height };
  }

  insert(fields: CoverTemplateFields, logo: LogoChange, at = new Date()): string {
    const id = randomUUID();
    const now = at.toISOString();
    this.db
      .prepare('INSERT INTO cover_templates (id, name, layout, design, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, fields.name, fields.layout, designJson(fields), now, now);
    if (logo && logo !== 'keep') this.setLogo(id, logo);
    return id;
  }

  update(id: string, fields: CoverTemplateFields, logo: LogoChange, at = new Date()): boolean {
    const changed = this.db
      .prepare('UPDATE cover_templates SET name = ?, layout = ?, design = ?, updated_at = ? WHERE id = ?')
      .run(fields.name, fields.layout, designJson(fields), at.toISOString(), id).changes;
    if (changed !== 1) return false;
    if (logo === null) this.setLogo(id, null);
    else if (logo !== 'keep') this.setLogo(id, logo);
    return true;
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM cover_templates WHERE id = ?').run(id).changes === 1;
  }

  private setLogo(id: string, logo: CoverLogo | null): void {
    if (!logo) {
      this.db
        .prepare(
          'UPDATE cover_templates SET logo = NULL, logo_id = NULL, logo_width = NULL, logo_height = NULL, logo_bytes = NULL WHERE id = ?',
        )
        .run(id);
      return;
    }
    const logoId = `cover-logo-${randomUUID()}`;
    this.db
      .prepare('UPDATE cover_templates SET logo = ?, logo_id = ?, logo_width = ?, logo_height = ?, logo_bytes = ? WHERE id = ?')
      .run(sealBytes(this.dataKey, logoId, logo.png), logoId, logo.width, logo.height, logo.png.byteLength, id);
  }
}

function designJson(fields: CoverTemplateFields): string {
  return JSON.stringify({ practice: fields.practice, notice: fields.notice, fields: fields.fields });
}

function toTemplate(row: Row): StoredCoverTemplate {
  const design = JSON.parse(row.design) as Pick<CoverTemplateFields, 'practice' | 'notice' | 'fields'>;
  return {
    id: row.id,
    name: row.name,
    layout: row.layout,
    practice: design.practice,
    notice: design.notice,
    fields: design.fields,
    logo:
      row.logo_width && row.logo_height && row.logo_bytes
        ? { width: row.logo_width, height: row.logo_height, bytes: row.logo_bytes }
        : null,
    contacts: row.contacts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
