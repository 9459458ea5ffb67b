// @vitest-environment node
/**
 * The client builds LinkedIn's add-to-profile link itself (it imports no server code); it must
 * be exactly the link of the public badge page, whatever the name, date and address.
 */
import { describe, expect, it } from 'vitest';
import { linkedInAddUrl as clientUrl } from '../../../client/src/pages/badges/linkedin-url.ts';
import { linkedInAddUrl as serverUrl } from '../../../server/http/views/award-page.ts';

describe('the LinkedIn add-to-profile link', () => {
  it.each([
    {
      name: 'Premiers pas numériques',
      issuedAt: '2026-03-02T09:30:00.000Z',
      certUrl: 'https://grange.example/badges/abc',
      certId: 'abc',
    },
    {
      name: 'Prêt pour l’emploi & « plus » ?',
      issuedAt: '2025-12-31T23:59:59.000Z',
      certUrl: 'http://localhost:3000/badges/0b6f4c3e?x=1&y=2',
      certId: '0b6f4c3e',
    },
  ])('is the public page’s link for $name', (input) => {
    expect(clientUrl(input)).toBe(serverUrl(input));
  });
});
