import type { Database } from '../../../db/database.ts';
import { exportPack, packToZip, zipToFiles } from '../../../content/export.ts';
import { importPack, type ImportResult } from '../../../content/import.ts';
import { ContentError } from '../../../content/pack.ts';
import type { FieldError } from '../../../http/forms.ts';
import type { User } from '../../accounts/repository.ts';
import type { SearchProvider } from '../../search/index.ts';
import { audit } from '../repository.ts';
import { isEditor } from '../../accounts/roles.ts';

// The content pack in the back office: download everything as a zip, import a zip. Editors and
// administrators only; each function checks access first.

/**
 * The largest zip taken through the back office. The session scope cuts uploads at its own file
 * limit (5 MB + 1 byte for logos), so a larger file would arrive cut; bigger packs go through the
 * command line (npm run content:import).
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

export type PackImport = { ok: true; result: ImportResult } | { ok: false; error: FieldError };

export function packService(database: Database, search: SearchProvider, contentChanged: () => Promise<unknown>) {
  return {
    /** Every item, drafts included, as a zip of the content pack. */
    async exportZip(actor: User): Promise<Uint8Array | null> {
      if (!isEditor(actor)) return null;
      const zip = packToZip(await exportPack(database.db));
      await audit(database.db, actor, 'pack.exported', '');
      return zip;
    },

    /** Imports an uploaded zip; a pack that is too big or wrong comes back as the form's error. */
    async importZip(actor: User, data: Buffer | null): Promise<PackImport | null> {
      if (!isEditor(actor)) return null;
      if (!data) return { ok: false, error: { field: 'pack', key: 'admin.pack.error.noFile' } };
      if (data.length > MAX_UPLOAD_BYTES)
        return { ok: false, error: { field: 'pack', key: 'admin.pack.error.tooBig', values: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } } };
      let result: ImportResult;
      try {
        result = await importPack(database, search, zipToFiles(data), actor, 'upload');
      } catch (error) {
        if (error instanceof ContentError) return { ok: false, error: { field: 'pack', key: 'admin.pack.error.invalid', values: { problem: error.message } } };
        throw error;
      }
      if (result.created.length || result.updated.length || result.vocabularies) await contentChanged();
      return { ok: true, result };
    },
  };
}
