/**
 * Configuration, parsed once from the environment at start. A bad value stops the start with a
 * message that says which variable, what is wrong and how to fix it.
 */
import { z } from 'zod';
import { canonicalTimeZone, DEFAULT_TIME_ZONE } from './domain/calendar.ts';

const Environment = z.object({
  PORT: z.coerce
    .number({ error: 'PORT must be a number, e.g. PORT=3000' })
    .int()
    .min(1, 'PORT must be between 1 and 65535')
    .max(65535, 'PORT must be between 1 and 65535')
    .default(3000),
  PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: 'PUBLIC_URL must be a full address, e.g. https://badges.grange.example',
    })
    .optional(),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must be a PostgreSQL URL, e.g. postgres://user@host:5432/grange',
    )
    .optional(),
  DATA_DIR: z.string().min(1).default('data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  ISSUER_NAME: z.string().trim().min(1).default('Grange Numérique'),
  ISSUER_EMAIL: z
    .email({ error: 'ISSUER_EMAIL must be an email address, e.g. contact@grange.example' })
    .default('contact@grange.example'),
  SMTP_URL: z
    .string()
    .regex(
      /^smtps?:\/\//,
      'SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@mail.example:465',
    )
    .optional(),
  DEMO_DATA: z.enum(['on', 'off'], { error: 'DEMO_DATA must be "on" or "off"' }).default('on'),
  TIME_ZONE: z
    .string()
    .trim()
    .default(DEFAULT_TIME_ZONE)
    .transform((zone, context) => {
      const canonical = canonicalTimeZone(zone);
      if (canonical === undefined) {
        context.addIssue({
          code: 'custom',
          message: `TIME_ZONE "${zone}" is not a known time zone; give an IANA name, e.g. TIME_ZONE=${DEFAULT_TIME_ZONE}`,
        });
        return z.NEVER;
      }
      return canonical;
    }),
});

export interface Config {
  port: number;
  /** The platform's public base URL, without a trailing slash: ids of credentials derive from it. */
  publicUrl: string;
  database: { client: 'sqlite'; filename: string } | { client: 'postgres'; url: string };
  dataDir: string;
  logLevel: z.infer<typeof Environment>['LOG_LEVEL'];
  environment: z.infer<typeof Environment>['NODE_ENV'];
  /** Who the badges are issued by (the OB issuer profile). */
  issuer: { name: string; email: string };
  /** Seed demo people, groups and badges into an empty database. */
  demoData: boolean;
  /** Where emails go: an SMTP server, or (unset) `.eml` files in `<dataDir>/outbox`. */
  smtpUrl?: string;
  /** The IANA zone of the workshops: what "today" and a session's local time mean. */
  timeZone: string;
}

/** Raised when the environment is wrong; its message lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `Grange cannot start, the configuration is wrong:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * @param env the environment (process.env in production, a plain object in tests).
 * @returns the configuration.
 * @throws ConfigError with every problem found.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // `DATABASE_URL=` in a shell or an env file means "not set", not "an empty URL".
  const given = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''),
  );
  const parsed = Environment.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const values = parsed.data;
  const publicUrl = (values.PUBLIC_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, '');
  return {
    port: values.PORT,
    publicUrl,
    database: values.DATABASE_URL
      ? { client: 'postgres', url: values.DATABASE_URL }
      : { client: 'sqlite', filename: `${values.DATA_DIR}/grange.sqlite` },
    dataDir: values.DATA_DIR,
    logLevel: values.LOG_LEVEL,
    environment: values.NODE_ENV,
    issuer: { name: values.ISSUER_NAME, email: values.ISSUER_EMAIL },
    demoData: values.DEMO_DATA === 'on',
    timeZone: values.TIME_ZONE,
    ...(values.SMTP_URL ? { smtpUrl: values.SMTP_URL } : {}),
  };
}
