import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { after, describe, test } from 'node:test';
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import PDFKit from 'pdfkit';
import { pdf } from '../../../test/helpers/files.ts';
import { detect } from './formats.ts';
import { pdfProblem } from './pdf-check.ts';

// PDFs that may not be attached (pdf-check.ts): JavaScript, Launch actions, PDF/HTML polyglots,
// PDFs that need a password or cannot be read. The malicious ones are written here by hand, byte
// by byte, so each hides its action the way an attacker would.

const dir = mkdtempSync(join(tmpdir(), 'intve-pdf-check-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const check = (bytes: Buffer | Uint8Array) => {
  const path = join(dir, `${++n}.pdf`);
  writeFileSync(path, bytes);
  return pdfProblem(path);
};

/** A PDF written by hand: objects 1, 2, … in order (text, or bytes for binary streams), a cross-reference table and a trailer. */
function handmade(objects: (string | Buffer)[], o: { extra?: string } = {}): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((body, i) => {
    offsets.push(size);
    const part = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), typeof body === 'string' ? Buffer.from(body, 'latin1') : body, Buffer.from('\nendobj\n')]);
    parts.push(part);
    size += part.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((x) => `${String(x).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n${o.extra ?? ''}`, 'latin1'));
  return Buffer.concat(parts);
}

/** A compressed object stream holding these objects (number, body). */
function objectStream(objects: [number, string][], type = '/ObjStm'): Buffer {
  let header = '';
  let bodies = '';
  for (const [num, body] of objects) {
    header += `${num} ${bodies.length} `;
    bodies += `${body}\n`;
  }
  const data = deflateSync(Buffer.from(header + bodies, 'latin1'));
  return Buffer.concat([
    Buffer.from(`<< /Type ${type} /N ${objects.length} /First ${header.length} /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream'),
  ]);
}

const catalog = (extra = '') => `<< /Type /Catalog /Pages 2 0 R ${extra} >>`;
const pages = '<< /Type /Pages /Kids [3 0 R] /Count 1 >>';
const page = (extra = '') => `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ${extra} >>`;

async function pdfkitDocument(): Promise<Buffer> {
  const doc = new PDFKit({ compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.fontSize(14).text('Apprenticeship mentoring handbook', { link: 'https://intve.example.eu/en/library' });
  doc.addPage().text('Second page');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

describe('PDFs an editor may attach', () => {
  test('ordinary PDFs pass: pdfkit, compressed object streams, encrypted against copying, and the tests’ small samples', async () => {
    assert.equal(await check(await pdfkitDocument()), null);
    const compressed = await PDFDocument.create();
    compressed.addPage().drawText('Object streams');
    assert.equal(await check(await compressed.save({ useObjectStreams: true })), null);
    const protectedDoc = await PDFDocument.create();
    protectedDoc.addPage();
    protectedDoc.encrypt({ userPassword: '', ownerPassword: 'owner secret', permissions: { copying: false } });
    assert.equal(await check(await protectedDoc.save({ useObjectStreams: true })), null);
    assert.equal(
      await check(
        handmade([catalog(), pages, page('/Annots [4 0 R]'), '<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /URI /URI (https://example.org) >> >>']),
      ),
      null,
    );
    assert.equal(await check(pdf()), null);
    assert.equal(await check(Buffer.from('%PDF-1.4\n%%EOF\n')), null);
  });
});

describe('PDFs with JavaScript', () => {
  test('a script that runs on opening is refused', async () => {
    assert.equal(await check(handmade([catalog('/OpenAction 4 0 R'), pages, page(), '<< /S /JavaScript /JS (app.alert\\(1\\)) >>'])), 'pdfScript');
  });

  test('names spelt with escapes are read as a reader reads them', async () => {
    // "/#4aavaScript" is /JavaScript with the J written as a lower-case hex escape.
    assert.equal(await check(handmade([catalog('/OpenAction << /S /#4aavaScript /#4a#53 (x) >>'), pages, page()])), 'pdfScript');
  });

  test('the document’s JavaScript name tree, and a field’s or a page’s actions, are refused', async () => {
    const tree = handmade([
      catalog('/Names << /JavaScript 4 0 R >>'),
      pages,
      page(),
      '<< /Names [(init) 5 0 R] >>',
      '<< /S /JavaScript /JS 6 0 R >>',
      '<< /Length 3 >>\nstream\nx=1\nendstream',
    ]);
    assert.equal(await check(tree), 'pdfScript');
    assert.equal(await check(handmade([catalog(), pages, page('/AA << /O << /S /JavaScript /JS (x) >> >>')])), 'pdfScript');
  });

  test('a script inside a compressed object stream, out of sight of the raw bytes, is refused', async () => {
    const hidden = handmade([
      catalog('/OpenAction 5 0 R'),
      pages,
      page(),
      objectStream([[5, '<< /S /JavaScript /JS (app.launchURL\\("https://evil.example"\\)) >>']]),
    ]);
    assert.ok(!hidden.includes('JavaScript'), 'the raw bytes do not show it');
    assert.equal(await check(hidden), 'pdfScript');
    // A rendition action runs JavaScript with no name "JavaScript" anywhere.
    assert.equal(await check(handmade([catalog('/OpenAction 5 0 R'), pages, page(), objectStream([[5, '<< /S /Rendition /JS (x) >>']])])), 'pdfScript');
  });

  test('a harmless second definition of the same object does not hide the first', async () => {
    const twice = handmade([
      catalog('/OpenAction 5 0 R'),
      pages,
      page(),
      objectStream([[5, '<< /S /JavaScript /JS (x) >>']]),
      '<< /S /GoTo /D [3 0 R /Fit] >>',
    ]);
    // Object 5 again, later in the file: pdf-lib keeps the later one; a reader may take the first.
    const doubled = Buffer.concat([twice, Buffer.from('5 0 obj\n<< /S /GoTo /D [3 0 R /Fit] >>\nendobj\n')]);
    assert.equal(await check(doubled), 'pdfScript');
  });

  test('an encrypted PDF that opens without a password is checked inside', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert(1)') })));
    doc.encrypt({ userPassword: '', ownerPassword: 'owner secret' });
    const bytes = await doc.save({ useObjectStreams: true });
    assert.ok(!Buffer.from(bytes).includes('JavaScript'));
    assert.equal(await check(bytes), 'pdfScript');
  });
});

describe('PDFs with Launch actions', () => {
  test('a Launch action, in the open or in an object stream, is refused', async () => {
    assert.equal(await check(handmade([catalog('/OpenAction << /S /Launch /F (cmd.exe) >>'), pages, page()])), 'pdfLaunch');
    const link = '<< /Type /Annot /Subtype /Link /Rect [0 0 9 9] /A << /S /Launch /Win << /F (calc.exe) >> >> >>';
    assert.equal(await check(handmade([catalog(), pages, page('/Annots [5 0 R]'), objectStream([[5, link]])])), 'pdfLaunch');
  });
});

describe('PDFs that are web pages too', () => {
  test('markup a browser would render, anywhere in the bytes, is refused', async () => {
    assert.equal(await check(handmade([catalog(), pages, page()], { extra: '<html><body><script>alert(document.cookie)</script>' })), 'pdfHtml');
    const commented = Buffer.concat([Buffer.from('%PDF-1.7\n%<svg onload=alert(1)>\n'), handmade([catalog(), pages, page()]).subarray(9)]);
    assert.equal(await check(commented), 'pdfHtml');
    assert.equal(await check(handmade([catalog(), pages, page(), '<< /Length 30 >>\nstream\n<IFRAME src="https://x.example">\nendstream'])), 'pdfHtml');
  });
});

describe('PDFs that cannot be checked', () => {
  test('a PDF that needs a password is refused', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.encrypt({ userPassword: 'reader secret', ownerPassword: 'owner secret' });
    assert.equal(await check(await doc.save()), 'pdfPassword');
  });

  test('a damaged object stream could hide objects from the check: refused', async () => {
    const damaged = Buffer.concat([objectStream([[5, '<< /S /GoTo /D [3 0 R /Fit] >>']]).subarray(0, 90), Buffer.from('\nendstream')]);
    assert.equal(await check(handmade([catalog(), pages, page(), damaged])), 'pdfUnreadable');
    // Escapes in the stream's type are read as readers read them: the objects inside are checked.
    assert.equal(
      await check(handmade([catalog('/OpenAction 5 0 R'), pages, page(), objectStream([[5, '<< /S /Launch /F (x) >>']], '/ObjSt#6d')])),
      'pdfLaunch',
    );
    assert.equal(await check(Buffer.from('%PDF-')), 'pdfUnreadable');
  });

  test('the format check says which problem it found', async () => {
    const path = join(dir, 'launch.pdf');
    writeFileSync(path, handmade([catalog('/OpenAction << /S /Launch /F (cmd.exe) >>'), pages, page()]));
    assert.deepEqual(await detect(path), { ok: false, problem: 'pdfLaunch' });
  });
});
