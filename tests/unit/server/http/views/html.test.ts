import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from '../../../../../server/http/views/html.ts';
import { pickLang } from '../../../../../server/http/views/lang.ts';

describe('html', () => {
  it('escapes every interpolated value, in text and attributes', () => {
    const name = `<img src=x onerror="alert('1')">&\``;
    const out = html`<p title="${name}">${name}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;&#96;</p>',
    );
  });

  it('keeps nested templates as they are and joins arrays', () => {
    const items = ['<a>', 'b'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b</li></ul>');
    expect(html`${undefined}${null}${false}${0}`.value).toBe('0');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});

describe('pickLang', () => {
  it('is French by default, English when the query or the first preferred language says so', () => {
    expect(pickLang(undefined, undefined)).toBe('fr');
    expect(pickLang(undefined, 'fr-FR,en;q=0.8')).toBe('fr');
    expect(pickLang(undefined, 'en-US,fr;q=0.5')).toBe('en');
    expect(pickLang('en', 'fr')).toBe('en');
    expect(pickLang('fr', 'en')).toBe('fr');
    expect(pickLang(['en'], undefined)).toBe('fr');
  });
});
