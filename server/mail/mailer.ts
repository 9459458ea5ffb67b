/**
 * Sending email. In production an SMTP URL is configured and nodemailer's SMTP transport sends;
 * in development there is none, and each message is written as an `.eml` file into the outbox
 * folder instead, so it can be opened in a mail client and nothing leaves the machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

/** One message: plain text and HTML alternatives of the same content. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Sends messages; `send` rejects when the message could not be handed over. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  /** Closes SMTP connections (nothing to do for the outbox). */
  close(): void;
}

/** Where mail goes. */
export interface MailerConfig {
  /** `smtp://` or `smtps://` URL with credentials; absent: write to `outboxDir`. */
  smtpUrl?: string;
  /** The development outbox, usually `<dataDir>/outbox`. */
  outboxDir: string;
  /** The From header. */
  from?: string;
}

const DEFAULT_FROM = 'Grange Numérique <no-reply@grange.localhost>';

/**
 * @param config the SMTP URL, or the outbox folder.
 * @returns a mailer.
 */
export function createMailer(config: MailerConfig): Mailer {
  const from = config.from ?? DEFAULT_FROM;
  if (config.smtpUrl !== undefined && config.smtpUrl !== '') {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      send: async (message) => {
        await transport.sendMail({ from, ...message });
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    send: async (message) => {
      const info = await transport.sendMail({ from, ...message });
      await mkdir(config.outboxDir, { recursive: true });
      // A sortable name: the time first, then a uuid so two messages never collide.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.eml`;
      await writeFile(join(config.outboxDir, name), info.message);
    },
    close: () => transport.close(),
  };
}
