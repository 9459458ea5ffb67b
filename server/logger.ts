/** Structured logs (pino): JSON lines, one per event, with the level from the configuration. */
import { pino } from 'pino';
import type { Config } from './config.ts';

export type Logger = pino.Logger;

/** @returns the application logger. */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'grange' } });
}
