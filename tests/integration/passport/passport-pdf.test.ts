/**
 * The printable skills passport: the PDF opens, its text (extracted with pdf.js) holds the
 * learner's name or not as they chose, each badge's name, skills, framework codes and full
 * verification address, in French or English with accents intact; the QR code it draws decodes
 * to the verification address.
 */
import jsQRModule from 'jsqr';

// jsqr is CommonJS: its function is the module's `default` member.
const jsQR = jsQRModule.default;

import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { renderBadgePng } from '../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../badges/images/badge-svg.ts';
import {
  buildPassportPdf,
  type PassportInput,
  qrModules,
} from '../../../badges/passport/passport-pdf.ts';

const LONG_URL = 'https://grange.example/badges/7c3f1a52-9b1e-4c4e-8f0d-2b6a1d9e4f10';

function input(overrides: Partial<PassportInput> = {}): PassportInput {
  return {
    lang: 'fr',
    learnerName: 'Léa Ménard-Çelik',
    issuer: { name: 'Grange Numérique', url: 'https://grange.example' },
    generatedAt: '2026-06-01T08:00:00Z',
    verifyPageUrl: 'https://grange.example/verify',
    badges: [
      {
        name: 'Envoyer un courriel',
        description: 'Rédiger et envoyer un courriel avec une pièce jointe.',
        issuedAt: '2026-03-04T10:00:00Z',
        imagePng: renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'star' }), 128),
        verificationUrl: LONG_URL,
        skills: [{ name: 'Écrire un message', level: 'Autonome' }, { name: 'Joindre un fichier' }],
        alignments: [{ framework: 'Pix', code: '2.1', name: 'Interagir' }],
      },
      ...Array.from({ length: 6 }, (_, i) => ({
        name: `Badge numéro ${i + 2}`,
        issuedAt: '2026-04-01T10:00:00Z',
        validUntil: '2028-04-01T10:00:00Z',
        verificationUrl: `https://grange.example/badges/badge-${i + 2}`,
        skills: [{ name: `Compétence ${i + 2}` }],
        alignments: [{ framework: 'DigComp', code: `1.${i + 1}`, name: 'Browsing' }],
      })),
    ],
    otherSkills: [{ name: 'Naviguer sur le web', validatedAt: '2026-02-01T10:00:00Z' }],
    ...overrides,
  };
}

async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string; joined: string }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const parts: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    for (const item of content.items) if ('str' in item) parts.push(item.str);
  }
  await pdf.cleanup();
  // `joined` glues the lines back: a long address wraps over two lines in print.
  return { pages: pdf.numPages, text: parts.join('\n'), joined: parts.join('') };
}

/** Wrapped lines lose the space at the break: compare without any whitespace. */
const compact = (text: string) => text.replace(/\s+/g, '');

describe('skills passport PDF', () => {
  it('renders in French with the badges, skills, framework codes and full verification URLs', async () => {
    const bytes = await buildPassportPdf(input());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { pages, text, joined } = await pdfText(bytes);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('Passeport de compétences');
    expect(text).toContain('Léa Ménard-Çelik');
    expect(text).toContain('Grange Numérique');
    expect(text).toContain('1 juin 2026');
    for (const badge of input().badges) {
      expect(text).toContain(badge.name);
      expect(joined).toContain(badge.verificationUrl);
    }
    expect(text).toContain('Écrire un message (niveau : Autonome)');
    expect(text).toContain('Pix 2.1 — Interagir');
    expect(text).toContain('Autres compétences validées');
    expect(text).toContain('Naviguer sur le web');
    expect(joined).toContain('https://grange.example/verify');
    expect(text).toContain(`Page 1 / ${pages}`);
  });

  it('renders in English, and leaves the name out when the learner hides it', async () => {
    const bytes = await buildPassportPdf(input({ lang: 'en', learnerName: undefined }));
    const { text } = await pdfText(bytes);
    expect(text).toContain('Skills passport');
    expect(text).toContain("Name hidden at the holder's request");
    expect(text).not.toContain('Léa');
    expect(text).toContain('Earned on 4 March 2026');
    expect(text).toContain('Écrire un message (level: Autonome)');
  });

  it('prints a note instead of the QR code and address of a badge whose page is private', async () => {
    const [first, second] = input().badges;
    if (first === undefined || second === undefined) throw new Error('fixture');
    const badges = [{ ...first, privatePage: true }, second];
    const french = await pdfText(await buildPassportPdf(input({ badges })));
    expect(french.text).toContain(first.name);
    expect(french.text).toContain('Page de vérification privée');
    expect(compact(french.joined)).toContain(compact('demandez au titulaire un lien de partage'));
    expect(compact(french.joined)).toContain(compact('ou son fichier CLR'));
    expect(french.joined).not.toContain(first.verificationUrl);
    // The other badge keeps its address: the note is per badge, and the cover still speaks
    // of QR codes since some are printed.
    expect(french.joined).toContain(second.verificationUrl);
    expect(french.text).toContain('scannez son QR code');

    const english = await pdfText(await buildPassportPdf(input({ lang: 'en', badges })));
    expect(english.text).toContain('Private verification page');
    expect(compact(english.joined)).toContain(compact('ask the holder for a Grange share link'));
    expect(english.joined).toContain('https://grange.example/verify');
    expect(english.joined).not.toContain(first.verificationUrl);
  });

  it('sends no reader to QR codes when every badge page is private', async () => {
    const badges = input().badges.map((badge) => ({ ...badge, privatePage: true }));
    const { text, joined } = await pdfText(await buildPassportPdf(input({ badges })));
    for (const badge of badges) expect(joined).not.toContain(badge.verificationUrl);
    expect(compact(joined)).toContain(
      compact('les pages de vérification de ses badges ne sont pas publiques'),
    );
    expect(compact(joined)).toContain(
      compact('ouvrez le lien de partage que le titulaire vous a donné'),
    );
    expect(text).not.toContain('QR code');
  });

  it('says so when there is no badge yet', async () => {
    const { text } = await pdfText(await buildPassportPdf(input({ badges: [], otherSkills: [] })));
    expect(text).toContain("Aucun badge pour l'instant.");
  });

  it('draws a QR code that decodes to the verification URL', () => {
    const { size, dark } = qrModules(LONG_URL);
    // Rendered as the PDF draws it: 4 modules of quiet zone, 4 pixels per module.
    const scale = 4;
    const side = (size + 8) * scale;
    const rgba = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const row = Math.floor(y / scale) - 4;
        const col = Math.floor(x / scale) - 4;
        const on = row >= 0 && col >= 0 && row < size && col < size && dark[row * size + col];
        if (on) rgba.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(jsQR(rgba, side, side)?.data).toBe(LONG_URL);
  });
});
