import assert from 'node:assert/strict';
import { strToU8, zipSync } from 'fflate';
import sharp from 'sharp';
import { signedInUser } from '../factories/index.ts';
import type { Agent } from './agent.ts';
import type { TestApp } from './app.ts';

// Sample files for the attachment tests, made here rather than committed, and an editor who
// makes resources to attach them to.

export const pdf = (padding = 0) => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%${'x'.repeat(padding)}\ntrailer << /Root 1 0 R >>\n%%EOF\n`);

const CONTENT_TYPES = (main: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
const ooxml = (main: string) =>
  Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(CONTENT_TYPES(main)),
      '_rels/.rels': strToU8('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
      'word/document.xml': strToU8(
        '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
      ),
    }),
  );
export const docx = () => ooxml('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
export const docm = () => ooxml('application/vnd.ms-word.document.macroEnabled.main+xml');
export const png = () =>
  sharp({ create: { width: 40, height: 20, channels: 3, background: '#00466e' } })
    .png()
    .toBuffer();

/** A compound file (legacy Office container) whose directory holds these streams and storages. */
export function cfb(entries: { name: string; storage?: boolean }[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector…
  header.writeUInt32LE(1, 0x30); // …and the directory in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  for (let i = 0; i < 109; i++) header.writeUInt32LE(i === 0 ? 0 : 0xffffffff, 0x4c + i * 4);
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(0xfffffffe, 4);
  const dir = Buffer.alloc(512);
  [{ name: 'Root Entry', root: true }, ...entries].forEach((e, i) => {
    dir.write(e.name, i * 128, 'utf16le');
    dir.writeUInt16LE((e.name.length + 1) * 2, i * 128 + 0x40);
    dir[i * 128 + 0x42] = 'root' in e ? 5 : 'storage' in e && e.storage ? 1 : 2;
  });
  return Buffer.concat([header, fat, dir]);
}

/** Someone signed in with a role, by their own agent. */
export const signedIn = async (app: TestApp, email: string, role: 'member' | 'editor'): Promise<Agent> =>
  (await signedInUser(app, { email, name: `${role} ${email}`, role })).a;

/** A draft resource made through the back-office form: its id and its editing address. */
export async function newResource(a: Agent, app: TestApp, title: string): Promise<{ id: number; page: string }> {
  const form = { type: 'guideline', source: 'Files Test', link: '', year: '2025', title_en: title, description_en: 'A resource with files.' };
  const res = await a.post('/en/admin/resources', form, '/en/admin/resources/new');
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const slug = /\/resources\/([a-z0-9-]+)\?done=created$/.exec(res.headers.location as string)![1]!;
  const { id } = await app.database.db.selectFrom('resources').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
  return { id, page: `/en/admin/resources/${slug}` };
}
