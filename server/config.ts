/**
 * Configuration, parsed once from the environment at start. A bad value stops the start with a
 * message that says which variable, what is wrong and how to fix it.
 */
import { isIP } from 'node:net';
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
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((list, context) => {
      const origins: string[] = [];
      for (const entry of list.split(',').map((item) => item.trim())) {
        if (entry === '') continue;
        const origin = parseOrigin(entry);
        if (origin === undefined) {
          context.addIssue({
            code: 'custom',
            message: `"${entry}" is not an origin; list scheme, host and port only, comma-separated, e.g. CORS_ORIGINS=https://app.partner.example,http://localhost:5173`,
          });
          return z.NEVER;
        }
        origins.push(origin);
      }
      return [...new Set(origins)];
    }),
  TRUST_PROXY: z
    .string()
    .default('loopback')
    .transform((list, context) => {
      const entries = list.split(',').map((item) => item.trim());
      if (entries.every((entry) => isProxyAddress(entry))) return entries;
      context.addIssue({
        code: 'custom',
        message: `"${list}" names no proxy; list the load balancers' addresses or subnets, or loopback, linklocal, uniquelocal, comma-separated, e.g. TRUST_PROXY=10.0.0.0/8 or TRUST_PROXY=loopback,192.168.1.10`,
      });
      return z.NEVER;
    }),
});

/** @returns whether `entry` is what express's `trust proxy` takes as an address or subnet. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  const version = isIP(address);
  if (version === 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (version === 4 ? 32 : 128);
}

/** @returns `scheme://host[:port]` of an http(s) origin written alone, or undefined. */
function parseOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // An origin has no path, query, fragment or credentials: `https://a.example/app` is a mistake.
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return bare && !text.endsWith('?') && !text.endsWith('#') ? url.origin : undefined;
}

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
  /**
   * Other web origins allowed to call the API from a browser (CORS), e.g. a partner's site;
   * empty by default: only Grange's own pages may. Public badge resources are open to all.
   */
  corsOrigins: string[];
  /**
   * The proxies whose `X-Forwarded-For` names the client (express's `trust proxy`): loopback
   * by default; behind a load balancer on another machine, its addresses, or every client
   * would share the load balancer's address and its sign-in and verification limits.
   */
  trustProxy: string[];
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
    corsOrigins: values.CORS_ORIGINS,
    trustProxy: values.TRUST_PROXY,
    ...(values.SMTP_URL ? { smtpUrl: values.SMTP_URL } : {}),
  };
}
