/**
 * Renders a letter as PDF/A-2b (archivable: embedded fonts, sRGB output intent, XMP metadata) with
 * pdfkit and the DejaVu fonts from the npm package dejavu-fonts-ttf, which cover Norwegian letters.
 */
import { createRequire } from 'node:module';
import type { LetterContent } from './content.ts';

const require = createRequire(import.meta.url);
const REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** pdfkit and its font engine, loaded with the first letter rather than with the server (about 25 MB). */
let pdfkit: Promise<typeof import('pdfkit')> | undefined;
const loadPdfkit = () => (pdfkit ??= import('pdfkit').then((m) => m.default));

export async function renderLetter(letter: LetterContent): Promise<Buffer> {
  const PDFDocument = await loadPdfkit();
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: letter.lang === 'nn' ? 'nn-NO' : 'nb-NO',
    displayTitle: true,
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: letter.title, Author: letter.letterhead.name, Subject: letter.caseNumber, Creator: 'tildel' },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, letter);
  for (const section of letter.sections) {
    if (section.heading) doc.moveDown(0.6).font('bold').fontSize(11.5).text(section.heading);
    for (const p of section.paragraphs) doc.moveDown(0.3).font('regular').fontSize(10.5).text(p, { lineGap: 2 });
  }
  doc.moveDown(1.2).font('regular').fontSize(10.5).text(letter.closing.join('\n'));
  doc.end();
  return await done;
}

function header(doc: PDFKit.PDFDocument, letter: LetterContent): void {
  const lh = letter.letterhead;
  doc.font('bold').fontSize(14).text(lh.name);
  doc.font('regular').fontSize(9.5).text([lh.unit, lh.postalAddress, lh.phone].filter(Boolean).join(' · '));
  doc.moveDown(1.5).fontSize(10.5).text(letter.recipient.join('\n'));
  doc.moveDown(1).fontSize(9.5).text(letter.reference.join('   '), { align: 'right' });
  doc.moveDown(1).font('bold').fontSize(15).text(letter.title);
}
