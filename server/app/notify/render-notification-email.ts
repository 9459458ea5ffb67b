/**
 * The email of one notification: a short French message with the English below, as plain text
 * and simple HTML. Every value from the payload is escaped in the HTML.
 */

import type { PendingEmail } from '../../db/repositories/notification-emails-repository.ts';
import { escapeHtml } from '../../mail/escape-html.ts';
import type { MailMessage } from '../../mail/mailer.ts';

interface Content {
  subject: string;
  fr: string;
  en: string;
}

/**
 * @param notification the notification and its recipient.
 * @param publicUrl the platform's public base URL (for the link to the learner's space).
 * @returns the message to send.
 */
export function renderNotificationEmail(
  notification: PendingEmail,
  publicUrl: string,
): MailMessage {
  const content = contentOf(notification);
  const link = `${publicUrl.replace(/\/+$/, '')}/`;
  const greetingFr = `Bonjour ${notification.displayName},`;
  const greetingEn = `Hello ${notification.displayName},`;
  const text = [
    greetingFr,
    '',
    content.fr,
    '',
    `Votre espace : ${link}`,
    '',
    '---',
    '',
    greetingEn,
    '',
    content.en,
    '',
    `Your space: ${link}`,
    '',
    'Grange Numérique',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body>',
    `<p>${escapeHtml(greetingFr)}</p>`,
    `<p>${escapeHtml(content.fr)}</p>`,
    `<p><a href="${escapeHtml(link)}">Votre espace</a></p>`,
    '<hr>',
    `<div lang="en"><p>${escapeHtml(greetingEn)}</p>`,
    `<p>${escapeHtml(content.en)}</p>`,
    `<p><a href="${escapeHtml(link)}">Your space</a></p></div>`,
    '<p>Grange Numérique</p>',
    '</body></html>',
  ].join('\n');
  return { to: notification.email, subject: content.subject, text, html };
}

function contentOf(notification: PendingEmail): Content {
  const payload = notification.payload;
  switch (notification.kind) {
    case 'badge-earned': {
      const name = text(payload.name, text(payload.badgeId, 'un badge'));
      return {
        subject: `Nouveau badge : ${name} / New badge`,
        fr: `Félicitations ! Vous avez obtenu le badge « ${name} ».`,
        en: `Congratulations! You have earned the badge "${name}".`,
      };
    }
    case 'validation-rejected': {
      const skill = text(payload.skillTitle, text(payload.skillId, 'une compétence'));
      const comment = text(payload.comment, '');
      return {
        subject: `Validation à reprendre : ${skill} / Validation to try again`,
        fr: `La validation de la compétence « ${skill} » n'a pas été retenue cette fois.${comment === '' ? '' : ` Commentaire : ${comment}`} Vous pourrez la retenter avec votre animateur.`,
        en: `The validation of the skill "${skill}" was not accepted this time.${comment === '' ? '' : ` Comment: ${comment}`} You can try again with your trainer.`,
      };
    }
    case 'expiry-soon': {
      const name = text(payload.name, text(payload.badgeId, 'un badge'));
      const until = text(payload.validUntil, '');
      const day = until === '' ? '' : until.slice(0, 10);
      return {
        subject: `Votre badge expire bientôt : ${name} / Your badge expires soon`,
        fr: `Votre badge « ${name} » arrive à expiration${day === '' ? '' : ` le ${frenchDay(day)}`}. Parlez-en à votre animateur pour le renouveler.`,
        en: `Your badge "${name}" expires${day === '' ? ' soon' : ` on ${day}`}. Ask your trainer about renewing it.`,
      };
    }
  }
}

function text(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}

// 2026-03-02 → 02/03/2026, as French readers write dates.
function frenchDay(isoDay: string): string {
  const [year, month, day] = isoDay.split('-');
  return `${day}/${month}/${year}`;
}
