/**
 * The printable "passeport de compétences": an A4 PDF, in French or English, that a learner
 * hands to an employer. A title page (the learner's name unless they chose to hide it, the
 * issuer, the date), one section per badge (its image, name, date, skills and levels,
 * framework codes, the verification address printed in full and as a QR code), the skills
 * validated outside any badge, and on every page a footer saying how to check it all.
 *
 * Built from plain data with pdfkit (text flow and vector drawing; the QR code is drawn as
 * squares, so it stays sharp when printed). Text uses DejaVu Sans from the `dejavu-fonts-ttf`
 * package, embedded (subset), so accents print everywhere. The PDF carries no secret: only what
 * the learner chose to print.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';

export type PassportLang = 'fr' | 'en';

export interface PassportSkill {
  name: string;
  /** The level reached, in words ("Autonome"), when the skill has levels. */
  level?: string;
}

export interface PassportAlignment {
  /** The framework ("Pix", "DigComp", "ROME"…). */
  framework: string;
  /** Its code for the competence, when it has one. */
  code?: string;
  name: string;
}

export interface PassportBadge {
  name: string;
  description?: string;
  /** ISO 8601. */
  issuedAt: string;
  validUntil?: string;
  /** The badge image as PNG bytes. */
  imagePng?: Uint8Array;
  /** The public page where anyone checks the badge; printed in full and as a QR code. */
  verificationUrl: string;
  /**
   * The holder's profile is private, so the public page answers 404: no QR code nor address is
   * printed (they would lead nowhere), but a note on how to have the badge checked instead.
   */
  privatePage?: boolean;
  skills: PassportSkill[];
  alignments: PassportAlignment[];
}

export interface PassportOtherSkill extends PassportSkill {
  /** ISO 8601, when it was validated. */
  validatedAt: string;
}

export interface PassportInput {
  lang: PassportLang;
  /** The learner's name; undefined when they chose not to print it. */
  learnerName?: string;
  issuer: { name: string; url: string };
  /** ISO 8601: when the passport was made. */
  generatedAt: string;
  badges: PassportBadge[];
  /** Skills validated that belong to no badge the learner holds. */
  otherSkills: PassportOtherSkill[];
  /** Where anyone can check a badge file or link (the issuer's verification page). */
  verifyPageUrl: string;
}

const TEXTS = {
  fr: {
    title: 'Passeport de compétences',
    holder: 'Titulaire',
    hiddenName: 'Nom masqué à la demande du titulaire',
    issuer: 'Délivré par',
    date: 'Établi le',
    summary: (badges: number, skills: number) =>
      `${badges} badge${badges > 1 ? 's' : ''} vérifiable${badges > 1 ? 's' : ''}` +
      (skills > 0
        ? ` et ${skills} autre${skills > 1 ? 's' : ''} compétence${skills > 1 ? 's' : ''} validée${skills > 1 ? 's' : ''}`
        : ''),
    intro:
      'Chaque badge de ce passeport est un Open Badge 3.0 signé numériquement par son émetteur. Son QR code et son adresse mènent à sa page de vérification.',
    badges: 'Badges',
    noBadge: "Aucun badge pour l'instant.",
    issuedOn: 'Obtenu le',
    validUntil: "valable jusqu'au",
    skills: 'Compétences',
    level: 'niveau',
    alignments: 'Référentiels',
    verifyAt: 'Vérifier ce badge :',
    privatePage: 'Page de vérification privée',
    privateNote: (url: string) =>
      `Le profil du titulaire est privé : la page publique de ce badge ne s'ouvre pas. Pour le vérifier, demandez au titulaire un lien de partage de la Grange, ou son fichier CLR (le badge y est signé), à déposer sur ${url}.`,
    otherSkills: 'Autres compétences validées',
    validatedOn: 'validée le',
    footer: (url: string) =>
      `Pour vérifier un badge : scannez son QR code ou ouvrez son adresse ; la page indique s'il est authentique, valide et non révoqué. Un fichier de badge se vérifie aussi sur ${url}.`,
    privateIntro:
      'Chaque badge de ce passeport est un Open Badge 3.0 signé numériquement par son émetteur. Le profil du titulaire étant privé, les pages de vérification de ses badges ne sont pas publiques : voir la note sous chaque badge.',
    privateFooter: (url: string) =>
      `Pour vérifier un badge : ouvrez le lien de partage que le titulaire vous a donné, ou déposez son fichier CLR ou de badge sur ${url} ; la page indique s'il est authentique, valide et non révoqué.`,
    page: (n: number, total: number) => `Page ${n} / ${total}`,
  },
  en: {
    title: 'Skills passport',
    holder: 'Holder',
    hiddenName: "Name hidden at the holder's request",
    issuer: 'Issued by',
    date: 'Made on',
    summary: (badges: number, skills: number) =>
      `${badges} verifiable badge${badges === 1 ? '' : 's'}` +
      (skills > 0 ? ` and ${skills} other validated skill${skills === 1 ? '' : 's'}` : ''),
    intro:
      'Each badge in this passport is an Open Badge 3.0 digitally signed by its issuer. Its QR code and its address lead to its verification page.',
    badges: 'Badges',
    noBadge: 'No badge yet.',
    issuedOn: 'Earned on',
    validUntil: 'valid until',
    skills: 'Skills',
    level: 'level',
    alignments: 'Frameworks',
    verifyAt: 'Check this badge:',
    privatePage: 'Private verification page',
    privateNote: (url: string) =>
      `The holder's profile is private: this badge's public page does not open. To check it, ask the holder for a Grange share link, or for their CLR file (the badge is signed inside it), to drop on ${url}.`,
    otherSkills: 'Other validated skills',
    validatedOn: 'validated on',
    footer: (url: string) =>
      `To check a badge: scan its QR code or open its address; the page says whether it is genuine, valid and not revoked. A badge file can also be checked at ${url}.`,
    privateIntro:
      "Each badge in this passport is an Open Badge 3.0 digitally signed by its issuer. As the holder's profile is private, their badges' verification pages are not public: see the note under each badge.",
    privateFooter: (url: string) =>
      `To check a badge: open the share link the holder gave you, or drop their CLR or badge file on ${url}; the page says whether it is genuine, valid and not revoked.`,
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 50;
const FOOTER_HEIGHT = 48;
const CONTENT_BOTTOM = A4.height - MARGIN - FOOTER_HEIGHT;
const QR_SIZE = 92;
const IMAGE_SIZE = 72;
const INK = '#1f2933';
const MUTED = '#52606d';
const ACCENT = '#2a6f97';

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** DejaVu Sans, read once from the npm package that ships it. */
function passportFonts(): { regular: Buffer; bold: Buffer } {
  if (!fonts) {
    const folder = require
      .resolve('dejavu-fonts-ttf/package.json')
      .replace(/package\.json$/, 'ttf/');
    fonts = {
      regular: readFileSync(`${folder}DejaVuSans.ttf`),
      bold: readFileSync(`${folder}DejaVuSans-Bold.ttf`),
    };
  }
  return fonts;
}

/**
 * The modules of the QR code of a text (error correction M: survives a crease or a smudge).
 *
 * @returns the side in modules and a row-major array, true for a dark module.
 */
export function qrModules(text: string): { size: number; dark: boolean[] } {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = code.modules.size;
  const dark: boolean[] = [];
  for (let i = 0; i < size * size; i++) dark.push(code.modules.data[i] === 1);
  return { size, dark };
}

/**
 * @param input the learner's badges and skills, in the language to print.
 * @returns the PDF bytes.
 */
export async function buildPassportPdf(input: PassportInput): Promise<Buffer> {
  const t = TEXTS[input.lang];
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: {
      Title: input.learnerName ? `${t.title} — ${input.learnerName}` : t.title,
      Author: input.issuer.name,
      Subject: t.title,
      CreationDate: new Date(input.generatedAt),
    },
    lang: input.lang === 'fr' ? 'fr-FR' : 'en-GB',
    pdfVersion: '1.7',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const { regular, bold } = passportFonts();
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  titlePage(doc, input);
  doc.addPage();
  heading(doc, t.badges);
  if (input.badges.length === 0) paragraph(doc, t.noBadge, MUTED);
  for (const badge of input.badges) badgeSection(doc, badge, input.lang, input.verifyPageUrl);
  if (input.otherSkills.length > 0) otherSkillsSection(doc, input);
  footers(doc, input);
  doc.end();
  return done;
}

function titlePage(doc: PDFKit.PDFDocument, input: PassportInput): void {
  const t = TEXTS[input.lang];
  const width = A4.width - 2 * MARGIN;
  doc.rect(0, 0, A4.width, 12).fill(ACCENT);
  doc
    .fillColor(INK)
    .font('bold')
    .fontSize(30)
    .text(t.title, MARGIN, 170, { width, align: 'center' });
  doc.moveDown(1.5);
  doc.font('regular').fontSize(12).fillColor(MUTED).text(t.holder, { width, align: 'center' });
  if (input.learnerName) {
    doc
      .font('bold')
      .fontSize(22)
      .fillColor(INK)
      .text(input.learnerName, { width, align: 'center' });
  } else {
    doc.font('regular').fontSize(14).fillColor(INK).text(t.hiddenName, { width, align: 'center' });
  }
  doc.moveDown(2);
  doc.font('regular').fontSize(12).fillColor(MUTED).text(t.issuer, { width, align: 'center' });
  doc.font('bold').fontSize(16).fillColor(INK).text(input.issuer.name, { width, align: 'center' });
  doc.font('regular').fontSize(11).fillColor(ACCENT).text(input.issuer.url, {
    width,
    align: 'center',
    link: input.issuer.url,
  });
  doc.moveDown(2);
  doc
    .font('regular')
    .fontSize(12)
    .fillColor(INK)
    .text(`${t.date} ${formatDate(input.generatedAt, input.lang)}`, { width, align: 'center' });
  doc.moveDown(0.5);
  doc.text(t.summary(input.badges.length, input.otherSkills.length), { width, align: 'center' });
  doc.moveDown(3);
  doc
    .fontSize(11)
    .fillColor(MUTED)
    .text(allPrivate(input) ? t.privateIntro : t.intro, MARGIN + 40, doc.y, {
      width: width - 80,
      align: 'center',
    });
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('bold').fontSize(18).fillColor(INK).text(text, MARGIN, doc.y);
  doc.moveDown(0.6);
}

function paragraph(doc: PDFKit.PDFDocument, text: string, color = INK): void {
  doc
    .font('regular')
    .fontSize(11)
    .fillColor(color)
    .text(text, MARGIN, doc.y, {
      width: A4.width - 2 * MARGIN,
    });
}

/** One badge: image left, text in the middle, QR code right; kept on one page. */
function badgeSection(
  doc: PDFKit.PDFDocument,
  badge: PassportBadge,
  lang: PassportLang,
  verifyPageUrl: string,
): void {
  const t = TEXTS[lang];
  const textX = MARGIN + IMAGE_SIZE + 14;
  const textWidth = A4.width - MARGIN - QR_SIZE - 14 - textX;
  const needed = estimateHeight(doc, badge, textWidth, lang, verifyPageUrl);
  if (doc.y + needed > CONTENT_BOTTOM) doc.addPage();
  const top = doc.y;
  if (badge.imagePng) {
    doc.image(Buffer.from(badge.imagePng), MARGIN, top, { width: IMAGE_SIZE, height: IMAGE_SIZE });
  }
  if (!badge.privatePage) {
    drawQr(doc, badge.verificationUrl, A4.width - MARGIN - QR_SIZE, top, QR_SIZE);
  }

  doc.font('bold').fontSize(14).fillColor(INK).text(badge.name, textX, top, { width: textWidth });
  const dates = `${t.issuedOn} ${formatDate(badge.issuedAt, lang)}${
    badge.validUntil ? `, ${t.validUntil} ${formatDate(badge.validUntil, lang)}` : ''
  }`;
  doc.font('regular').fontSize(10).fillColor(MUTED).text(dates, { width: textWidth });
  if (badge.description) {
    doc.moveDown(0.3).fontSize(10).fillColor(INK).text(badge.description, { width: textWidth });
  }
  if (badge.skills.length > 0) {
    doc.moveDown(0.4).font('bold').fontSize(10).fillColor(INK).text(t.skills, { width: textWidth });
    doc.font('regular').fontSize(10);
    for (const skill of badge.skills) {
      doc.text(`• ${skillLine(skill, lang)}`, { width: textWidth });
    }
  }
  if (badge.alignments.length > 0) {
    doc.moveDown(0.4).font('bold').fontSize(10).text(t.alignments, { width: textWidth });
    doc.font('regular').fontSize(9).fillColor(MUTED);
    for (const alignment of badge.alignments) {
      doc.text(`• ${alignmentLine(alignment)}`, { width: textWidth });
    }
  }
  if (badge.privatePage) {
    doc.moveDown(0.4).font('bold').fontSize(9).fillColor(INK).text(t.privatePage, {
      width: textWidth,
    });
    doc
      .font('regular')
      .fontSize(9)
      .fillColor(MUTED)
      .text(t.privateNote(verifyPageUrl), { width: textWidth });
  } else {
    doc
      .moveDown(0.4)
      .font('bold')
      .fontSize(9)
      .fillColor(INK)
      .text(t.verifyAt, { width: textWidth });
    // Printed in full, so it can be typed from paper; a long address wraps anywhere.
    doc.font('regular').fontSize(9).fillColor(ACCENT).text(badge.verificationUrl, {
      width: textWidth,
      link: badge.verificationUrl,
      lineBreak: true,
    });
  }
  const bottom = Math.max(doc.y, top + QR_SIZE) + 14;
  doc
    .moveTo(MARGIN, bottom - 7)
    .lineTo(A4.width - MARGIN, bottom - 7)
    .lineWidth(0.5)
    .strokeColor('#cbd2d9')
    .stroke();
  doc.x = MARGIN;
  doc.y = bottom;
}

function otherSkillsSection(doc: PDFKit.PDFDocument, input: PassportInput): void {
  const t = TEXTS[input.lang];
  if (doc.y + 80 > CONTENT_BOTTOM) doc.addPage();
  doc.moveDown(0.5);
  heading(doc, t.otherSkills);
  for (const skill of input.otherSkills) {
    if (doc.y + 16 > CONTENT_BOTTOM) doc.addPage();
    paragraph(
      doc,
      `• ${skillLine(skill, input.lang)} — ${t.validatedOn} ${formatDate(skill.validatedAt, input.lang)}`,
    );
  }
}

/**
 * Whether no badge has a public page (a private profile): then the cover and the footers do
 * not send the reader to QR codes that are not printed.
 */
function allPrivate(input: PassportInput): boolean {
  return input.badges.length > 0 && input.badges.every((badge) => badge.privatePage === true);
}

/** The footer of every page: how to verify, and the page number. */
function footers(doc: PDFKit.PDFDocument, input: PassportInput): void {
  const t = TEXTS[input.lang];
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing inside the bottom margin must not open a new page.
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = A4.height - MARGIN - FOOTER_HEIGHT + 12;
    doc
      .moveTo(MARGIN, y - 6)
      .lineTo(A4.width - MARGIN, y - 6)
      .lineWidth(0.5)
      .strokeColor('#cbd2d9')
      .stroke();
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(MUTED)
      .text(
        allPrivate(input) ? t.privateFooter(input.verifyPageUrl) : t.footer(input.verifyPageUrl),
        MARGIN,
        y,
        { width: A4.width - 2 * MARGIN - 70 },
      );
    doc.text(t.page(i - range.start + 1, range.count), A4.width - MARGIN - 60, y, {
      width: 60,
      align: 'right',
    });
    doc.page.margins.bottom = savedBottom;
  }
}

function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): void {
  const { size, dark } = qrModules(text);
  // Four modules of quiet zone on each side, as readers expect.
  const module = side / (size + 8);
  doc.rect(x, y, side, side).fill('#ffffff');
  doc.fillColor('#000000');
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      if (dark[row * size + col]) {
        doc.rect(x + (col + 4) * module, y + (row + 4) * module, module, module);
      }
    }
  }
  doc.fill('#000000');
}

function estimateHeight(
  doc: PDFKit.PDFDocument,
  badge: PassportBadge,
  width: number,
  lang: PassportLang,
  verifyPageUrl: string,
): number {
  const lines = [
    badge.name,
    badge.description ?? '',
    ...badge.skills.map((s) => skillLine(s, lang)),
    ...badge.alignments.map(alignmentLine),
    badge.privatePage ? TEXTS[lang].privateNote(verifyPageUrl) : badge.verificationUrl,
  ];
  doc.font('regular').fontSize(10);
  const text = lines.reduce((sum, line) => sum + doc.heightOfString(line || ' ', { width }), 0);
  return Math.max(text + 80, QR_SIZE + 20);
}

function skillLine(skill: PassportSkill, lang: PassportLang): string {
  if (!skill.level) return skill.name;
  return `${skill.name} (${TEXTS[lang].level}${lang === 'fr' ? ' : ' : ': '}${skill.level})`;
}

function alignmentLine(alignment: PassportAlignment): string {
  return `${alignment.framework}${alignment.code ? ` ${alignment.code}` : ''} — ${alignment.name}`;
}

function formatDate(iso: string, lang: PassportLang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}
