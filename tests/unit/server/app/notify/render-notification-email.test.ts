import { describe, expect, it } from 'vitest';
import { renderNotificationEmail } from '../../../../../server/app/notify/render-notification-email.ts';

describe('renderNotificationEmail', () => {
  const base = {
    id: 'n1',
    personId: 'p1',
    createdAt: '2026-03-02T09:00:00.000Z',
    email: 'rene@example.org',
    displayName: 'René <b>',
  };

  it('writes French first, English below, and escapes the HTML', () => {
    const mail = renderNotificationEmail(
      { ...base, kind: 'badge-earned', payload: { name: 'Premiers pas & <script>' } },
      'https://grange.example/',
    );
    expect(mail.to).toBe('rene@example.org');
    expect(mail.text.indexOf('Félicitations')).toBeLessThan(mail.text.indexOf('Congratulations'));
    expect(mail.text).toContain('« Premiers pas & <script> »');
    expect(mail.html).toContain('Premiers pas &amp; &lt;script&gt;');
    expect(mail.html).toContain('René &lt;b&gt;');
    expect(mail.html).not.toContain('<script>');
  });

  it('dates an expiry reminder the French way', () => {
    const mail = renderNotificationEmail(
      {
        ...base,
        kind: 'expiry-soon',
        payload: { name: 'Internet', validUntil: '2026-04-01T09:00:00.000Z' },
      },
      'https://grange.example',
    );
    expect(mail.text).toContain('le 01/04/2026');
    expect(mail.text).toContain('on 2026-04-01');
  });
});
