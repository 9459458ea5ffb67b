/**
 * Why a baked badge could not be read from an image, as a value (reading never throws), and the
 * error thrown when baking is asked something impossible (baking works on our own images, so a
 * bad input there is a programming error, not a visitor's file).
 */
import type { Message } from '../verify/report.ts';

export type UnbakeFailureCode =
  | 'too-large' // the file, or the text inside it, is over our size limits
  | 'not-png' // no PNG signature
  | 'not-svg' // not well-formed XML, or its root is not <svg>
  | 'truncated' // the file stops in the middle of a chunk or before IEND
  | 'damaged' // a chunk is malformed or its CRC does not match
  | 'unreadable-text' // a badge chunk/element is there but its text cannot be decoded
  | 'not-baked'; // a valid image with no badge in it

export interface UnbakeFailure {
  ok: false;
  code: UnbakeFailureCode;
  message: Message;
  /** Technical detail for developers and logs (English). */
  detail: string;
}

const MESSAGES: Record<UnbakeFailureCode, Message> = {
  'too-large': {
    fr: 'Le fichier est trop volumineux pour être lu comme un badge.',
    en: 'The file is too large to be read as a badge.',
  },
  'not-png': { fr: "Ce fichier n'est pas une image PNG.", en: 'This file is not a PNG image.' },
  'not-svg': {
    fr: "Ce fichier n'est pas une image SVG lisible.",
    en: 'This file is not a readable SVG image.',
  },
  truncated: {
    fr: "L'image est incomplète : le fichier semble coupé.",
    en: 'The image is incomplete: the file seems to be cut short.',
  },
  damaged: {
    fr: "L'image est abîmée : une partie de son contenu a été modifiée ou corrompue.",
    en: 'The image is damaged: part of its content was changed or corrupted.',
  },
  'unreadable-text': {
    fr: "Les informations du badge contenues dans l'image sont illisibles.",
    en: 'The badge information inside the image cannot be read.',
  },
  'not-baked': {
    fr: 'Cette image ne contient pas de badge.',
    en: 'This image does not contain a badge.',
  },
};

/**
 * @param code why reading failed.
 * @param detail technical detail (English) for logs.
 * @returns the failure value with its French and English message.
 */
export function unbakeFailure(code: UnbakeFailureCode, detail: string): UnbakeFailure {
  return { ok: false, code, message: MESSAGES[code], detail };
}

export type BakingErrorCode =
  | 'invalid-image' // the image to bake into is not a valid PNG/SVG
  | 'invalid-payload' // keyword, text or credential cannot be baked as given
  | 'too-large';

/** Thrown by bakePng/bakeSvg: baking only ever handles images and credentials we produced. */
export class BakingError extends Error {
  override readonly name = 'BakingError';
  readonly code: BakingErrorCode;

  constructor(code: BakingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
