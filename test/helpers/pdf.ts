/** Text of a PDF, page by page, extracted with Mozilla's pdf.js (as a reader would see it). */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  // Lines wrap inside sentences; compare on single spaces.
  return pages.join('\n').replace(/\s+/g, ' ');
}

/** Marks of PDF/A-2b that a validator would look for first. */
export function pdfaMarks(bytes: Uint8Array): { part2: boolean; conformanceB: boolean; outputIntent: boolean; embeddedFonts: boolean } {
  const raw = Buffer.from(bytes).toString('latin1');
  return { part2: /pdfaid:part>2</.test(raw), conformanceB: /pdfaid:conformance>B</.test(raw), outputIntent: /\/OutputIntents/.test(raw), embeddedFonts: /\/FontFile2/.test(raw) };
}
