/**
 * TRUST_PROXY: which proxies may name the client in `X-Forwarded-For`. Behind a load balancer
 * on another machine the default (loopback) would make every client share the load balancer's
 * address, and with it the sign-in and verification limits (docs/deploy.md).
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../../server/config.ts';

describe('TRUST_PROXY', () => {
  it('trusts loopback proxies only by default', () => {
    expect(loadConfig({}).trustProxy).toEqual(['loopback']);
  });

  it('takes addresses, subnets and express’s names, comma-separated', () => {
    expect(
      loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.10,fd00::/8,uniquelocal' }).trustProxy,
    ).toEqual(['10.0.0.0/8', '192.168.1.10', 'fd00::/8', 'uniquelocal']);
  });

  it.each(['load-balancer.internal', '10.0.0.0/33', '10.0.0/8', 'true', '10.0.0.1,'])(
    'refuses %s with what to write instead',
    (value) => {
      try {
        loadConfig({ TRUST_PROXY: value });
        expect.unreachable('the configuration should be refused');
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as ConfigError).message).toContain('TRUST_PROXY');
        expect((error as ConfigError).message).toContain('e.g. TRUST_PROXY=10.0.0.0/8');
      }
    },
  );
});
