import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file and a local public URL', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.database).toEqual({ client: 'sqlite', filename: 'data/grange.sqlite' });
  });

  it('uses PostgreSQL when DATABASE_URL is set and trims the public URL', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://grange@db:5432/grange',
      PUBLIC_URL: 'https://badges.grange.example/',
      PORT: '8080',
    });
    expect(config.database).toEqual({
      client: 'postgres',
      url: 'postgres://grange@db:5432/grange',
    });
    expect(config.publicUrl).toBe('https://badges.grange.example');
    expect(config.port).toBe(8080);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: ' ' }).database.client).toBe('sqlite');
  });

  it('lists every problem with the variable and how to fix it', () => {
    try {
      loadConfig({ PORT: 'eighty', PUBLIC_URL: 'badges.example', DATABASE_URL: 'mysql://x' });
      expect.unreachable('the configuration should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('PUBLIC_URL');
      expect(message).toContain('DATABASE_URL');
      expect((error as ConfigError).problems).toHaveLength(3);
    }
  });

  it('takes the workshops’ time zone from TIME_ZONE, Europe/Paris by default', () => {
    expect(loadConfig({}).timeZone).toBe('Europe/Paris');
    expect(loadConfig({ TIME_ZONE: 'america/martinique' }).timeZone).toBe('America/Martinique');
  });

  it('stops the start on an unknown time zone, saying how to write one', () => {
    try {
      loadConfig({ TIME_ZONE: 'Paris' });
      expect.unreachable('the time zone should be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        'TIME_ZONE: TIME_ZONE "Paris" is not a known time zone; give an IANA name, e.g. TIME_ZONE=Europe/Paris',
      ]);
    }
  });
});
