import { readFile } from 'node:fs/promises';
import { PDFArray, PDFContext, PDFDict, PDFDocument, PDFName, PDFRawStream, PDFStream, type PDFObject, type PDFRef } from '@cantoo/pdf-lib';

// What a PDF may not carry to be attached: JavaScript (document, page, field and link actions,
// the document's JavaScript name tree), Launch actions (which open other files or programs), and
// markup that makes the same bytes a web page a browser would render (a PDF/HTML polyglot). A PDF
// that cannot be read, or that only opens with a password, cannot be checked and is refused too.
//
// Three looks, because each sees what the others cannot:
// 1. The raw bytes, for HTML markup (a browser sees the bytes, not the PDF) and for the names
//    /JavaScript and /Launch in every object written out in the open, even one the PDF parser
//    never reaches (hidden in another object's stream but named by the cross-reference table).
//    Names are compared after their #xx escapes are decoded ("/J#61vaScript").
// 2. @cantoo/pdf-lib (the maintained fork of pdf-lib; it also decrypts PDFs whose password is
//    empty, the usual "protected against copying" kind) parses every object, including those
//    inside compressed object streams and encrypted files, where the raw bytes show nothing.
//    Every object it parses is inspected as it is parsed, so a second, harmless definition of
//    an object later in the file (which pdf-lib would keep, and a reader following the
//    cross-reference table might not) cannot hide the first.
// 3. Every object stream named in the raw bytes must have been read as one: the objects of a
//    stream the parser gave up on (damaged, or compressed in a way it does not decode) went
//    unseen, though a more forgiving reader may still find them. Such a PDF is refused as unreadable.
// pdfjs-dist, the other maintained parser, exposes JavaScript actions but not every object nor
// Launch actions; it is not used here.

export type PdfProblem = 'pdfHtml' | 'pdfScript' | 'pdfLaunch' | 'pdfPassword' | 'pdfUnreadable';

/** Markup a browser would render if it took the file for a web page. */
const MARKUP = /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|svg|object|embed|meta|base)[\s/>]/i;
/** A PDF name token in raw bytes: a slash, then anything up to whitespace or a delimiter. */
const NAME_TOKEN = /\/([^\x00\t\n\f\r ()<>[\]{}/%]+)/g; // eslint-disable-line no-control-regex -- PDF whitespace includes NUL
/** A name token's #xx escapes, in either case, as readers decode them. */
const decodeName = (name: string) => name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
/** A parsed name, escapes decoded (pdf-lib's parser decodes them as readers do). */
const nameOf = (n: PDFName) => n.decodeText();

// Every object pdf-lib parses goes through PDFContext.assign; the objects of each context are
// collected here as they arrive, before a later definition of the same object can replace them.
const parsed = new WeakMap<PDFContext, PDFObject[]>();
const assign = PDFContext.prototype.assign; // eslint-disable-line @typescript-eslint/unbound-method -- called with its context below
PDFContext.prototype.assign = function (this: PDFContext, ref: PDFRef, object: PDFObject) {
  const list = parsed.get(this);
  if (list) list.push(object);
  else parsed.set(this, [object]);
  assign.call(this, ref, object);
};

/** How often the names that matter here occur in these raw bytes: JavaScript, Launch, ObjStm. */
function namesIn(raw: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of raw.matchAll(NAME_TOKEN)) {
    const token = m[1]!;
    const name = token.includes('#') ? decodeName(token) : token;
    if (name === 'JavaScript' || name === 'Launch' || name === 'ObjStm') found.set(name, (found.get(name) ?? 0) + 1);
  }
  return found;
}

/** Walks an object and every object inside it (references are not followed: every indirect object is walked on its own). */
function inspect(root: PDFObject, found: Set<PdfProblem>): void {
  const stack: PDFObject[] = [root];
  while (stack.length) {
    const o = stack.pop()!;
    if (o instanceof PDFArray) {
      stack.push(...o.asArray());
      continue;
    }
    const dict = o instanceof PDFStream ? o.dict : o instanceof PDFDict ? o : null;
    if (!dict) continue;
    for (const [key, value] of dict.entries()) {
      const k = nameOf(key);
      if (k === 'JS') found.add('pdfScript');
      if (k === 'Names' && value instanceof PDFDict && value.entries().some(([n]) => nameOf(n) === 'JavaScript')) found.add('pdfScript');
      if (value instanceof PDFName) {
        const v = nameOf(value);
        if (k === 'S' && v === 'JavaScript') found.add('pdfScript');
        if (k === 'S' && v === 'Launch') found.add('pdfLaunch');
      }
      stack.push(value);
    }
  }
}

/** Why this PDF may not be attached, or null when it may. */
export async function pdfProblem(path: string): Promise<PdfProblem | null> {
  const bytes = await readFile(path);
  const raw = bytes.toString('latin1');
  if (MARKUP.test(raw)) return 'pdfHtml';
  const names = namesIn(raw);
  if (names.has('JavaScript')) return 'pdfScript';
  if (names.has('Launch')) return 'pdfLaunch';

  let doc: PDFDocument;
  try {
    // An empty password opens the PDFs that are encrypted only to restrict copying or printing.
    doc = await PDFDocument.load(bytes, { password: '', updateMetadata: false });
  } catch {
    const encrypted = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false }).then(
      (d) => d.isEncrypted,
      () => false,
    );
    return encrypted ? 'pdfPassword' : 'pdfUnreadable';
  }
  const objects = parsed.get(doc.context) ?? [];
  const found = new Set<PdfProblem>();
  for (const o of objects) inspect(o, found);
  const read = objects.filter((o) => o instanceof PDFRawStream && o.dict.lookup(PDFName.of('Type')) === PDFName.of('ObjStm')).length;
  if (read < (names.get('ObjStm') ?? 0)) found.add('pdfUnreadable');
  for (const problem of ['pdfScript', 'pdfLaunch', 'pdfUnreadable'] as const) if (found.has(problem)) return problem;
  return null;
}
