import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { BakingError } from '../../../../badges/baking/failure.ts';
import {
  bakeSvg,
  OB2_SVG_NAMESPACE,
  OB3_SVG_NAMESPACE,
  type SvgBakeInput,
  unbakeSvg,
} from '../../../../badges/baking/svg.ts';
import {
  BADGE_SVG,
  OB2_ASSERTION,
  OB2_JWS,
  OB3_CREDENTIAL,
  OB3_JWT,
  UTF8_NAME,
} from './fixtures.ts';

function expectBaked(result: ReturnType<typeof unbakeSvg>) {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.detail}`);
  const { ok: _ok, ...baked } = result;
  return baked;
}

function countElements(svg: string): number {
  return (svg.match(/<openbadges:(assertion|credential)[\s>/]/g) ?? []).length;
}

const SIMPLE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n';

describe('bakeSvg / unbakeSvg round trip', () => {
  it('OB 2.0 hosted: namespace, verify = assertion id, JSON in CDATA right after <svg>', () => {
    const svg = bakeSvg(SIMPLE, { version: '2.0', assertion: OB2_ASSERTION });
    expect(svg).toContain(
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" xmlns:openbadges="${OB2_SVG_NAMESPACE}">`,
    );
    const afterStartTag = svg.indexOf('>', svg.indexOf('<svg')) + 1;
    expect(svg.slice(afterStartTag)).toMatch(
      /^<openbadges:assertion verify="https:\/\/grange\.example\/ob2\/assertions\/123\?lang=fr&amp;v=2"><!\[CDATA\[\{/,
    );
    const baked = expectBaked(unbakeSvg(svg));
    expect(baked).toMatchObject({
      version: '2.0',
      element: 'assertion',
      namespace: OB2_SVG_NAMESPACE,
      verify: OB2_ASSERTION.id,
      occurrences: 1,
    });
    expect(JSON.parse(baked.text)).toEqual(OB2_ASSERTION);
  });

  it('OB 2.0 signed: the JWS in verify, empty element', () => {
    const svg = bakeSvg(SIMPLE, { version: '2.0', jws: OB2_JWS });
    expect(svg).toContain(`<openbadges:assertion verify="${OB2_JWS}"></openbadges:assertion>`);
    expect(expectBaked(unbakeSvg(svg))).toEqual({
      version: '2.0',
      element: 'assertion',
      namespace: OB2_SVG_NAMESPACE,
      verify: OB2_JWS,
      text: '',
      occurrences: 1,
    });
  });

  it('OB 3.0 embedded proof: credential JSON in CDATA, no verify attribute', () => {
    const svg = bakeSvg(SIMPLE, { version: '3.0', credential: OB3_CREDENTIAL });
    expect(svg).toContain(`xmlns:openbadges="${OB3_SVG_NAMESPACE}"`);
    expect(svg).toMatch(/<openbadges:credential><!\[CDATA\[/);
    const baked = expectBaked(unbakeSvg(svg));
    expect(baked.verify).toBeUndefined();
    expect(baked).toMatchObject({
      version: '3.0',
      element: 'credential',
      namespace: OB3_SVG_NAMESPACE,
    });
    expect(JSON.parse(baked.text)).toEqual(OB3_CREDENTIAL);
    expect(JSON.parse(baked.text).name).toBe(UTF8_NAME);
  });

  it('OB 3.0 VC-JWT: verify = JWT, empty body', () => {
    const svg = bakeSvg(SIMPLE, { version: '3.0', jwt: OB3_JWT });
    expect(svg).toContain(`<openbadges:credential verify="${OB3_JWT}"></openbadges:credential>`);
    expect(expectBaked(unbakeSvg(svg))).toMatchObject({
      version: '3.0',
      verify: OB3_JWT,
      text: '',
    });
  });

  it('splits "]]>" inside the JSON across CDATA sections', () => {
    const credential = { ...OB3_CREDENTIAL, description: ']]>x]]]>y]]>]]>' };
    const svg = bakeSvg(SIMPLE, { version: '3.0', credential });
    const body = svg.slice(
      svg.indexOf('<openbadges:credential>'),
      svg.indexOf('</openbadges:credential>'),
    );
    // Every "]]>" in the body must close a section that the next "<![CDATA[" reopens.
    expect(body.split(']]>').length).toBe(body.split('<![CDATA[').length);
    expect(JSON.parse(expectBaked(unbakeSvg(svg)).text)).toEqual(credential);
  });

  it('escapes attribute values: quotes, ampersands, angle brackets', () => {
    const assertion = { ...OB2_ASSERTION, id: 'https://x.example/a?b=1&c="2"<3>\'' };
    const svg = bakeSvg(SIMPLE, { version: '2.0', assertion });
    expect(svg).toContain('verify="https://x.example/a?b=1&amp;c=&quot;2&quot;&lt;3&gt;&apos;"');
    expect(expectBaked(unbakeSvg(svg)).verify).toBe(assertion.id);
  });

  it('keeps the rest of the document untouched, and the result still renders', () => {
    const svg = bakeSvg(BADGE_SVG, { version: '3.0', credential: OB3_CREDENTIAL });
    const withoutBadge = svg
      .replace(/<openbadges:credential>[\s\S]*<\/openbadges:credential>/, '')
      .replace(` xmlns:openbadges="${OB3_SVG_NAMESPACE}"`, '');
    expect(withoutBadge).toBe(BADGE_SVG);
    expect(() => new Resvg(svg).render()).not.toThrow();
  });

  it('bakes into a self-closing root', () => {
    const svg = bakeSvg('<svg xmlns="http://www.w3.org/2000/svg"/>', {
      version: '2.0',
      jws: OB2_JWS,
    });
    expect(svg).toBe(
      `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="${OB2_SVG_NAMESPACE}"><openbadges:assertion verify="${OB2_JWS}"></openbadges:assertion></svg>`,
    );
  });
});

describe('re-baking', () => {
  const inputs: SvgBakeInput[] = [
    { version: '2.0', assertion: OB2_ASSERTION },
    { version: '2.0', jws: OB2_JWS },
    { version: '3.0', credential: OB3_CREDENTIAL },
    { version: '3.0', jwt: OB3_JWT },
  ];

  it('replaces the baked element (exactly one), whatever was baked before', () => {
    for (const first of inputs) {
      for (const second of inputs) {
        const twice = bakeSvg(bakeSvg(BADGE_SVG, first), second);
        expect(countElements(twice)).toBe(1);
        expect(twice).toBe(bakeSvg(BADGE_SVG, second));
        expect((twice.match(/xmlns:openbadges=/g) ?? []).length).toBe(1);
      }
    }
  });

  it('removes baked elements under any prefix, nested anywhere', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="http://openbadges.org"><g>' +
      '<ob:assertion verify="https://old.example/1"><![CDATA[{}]]></ob:assertion></g>' +
      '<credential xmlns="https://purl.imsglobal.org/ob/v3p0"/></svg>';
    const baked = bakeSvg(svg, { version: '3.0', jwt: OB3_JWT });
    expect(baked).not.toContain('ob:assertion');
    expect(baked).not.toContain('<credential');
    expect(baked).toContain('<g></g>');
    expect(expectBaked(unbakeSvg(baked))).toMatchObject({ verify: OB3_JWT, occurrences: 1 });
  });
});

describe('unbakeSvg reading rules', () => {
  it('is namespace-aware: any prefix bound to the Open Badges namespace', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:b="https://purl.imsglobal.org/ob/v3p0">' +
      '<b:credential b:verify="a.b.c"/></svg>';
    expect(expectBaked(unbakeSvg(svg))).toMatchObject({
      version: '3.0',
      namespace: OB3_SVG_NAMESPACE,
      verify: 'a.b.c',
    });
    const defaultNs =
      '<svg xmlns="http://www.w3.org/2000/svg"><assertion xmlns="http://openbadges.org" verify="https://a.example/1"/></svg>';
    expect(expectBaked(unbakeSvg(defaultNs))).toMatchObject({
      version: '2.0',
      verify: 'https://a.example/1',
    });
  });

  it('does not take an "openbadges:" element bound to another namespace', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://not-badges.example/">' +
      '<openbadges:assertion verify="x"/></svg>';
    expect(unbakeSvg(svg)).toMatchObject({ ok: false, code: 'not-baked' });
  });

  it('accepts, flagged by a missing namespace, an "openbadges:" prefix that was never declared', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg"><openbadges:credential verify="a.b.c"/></svg>';
    expect(expectBaked(unbakeSvg(svg))).toMatchObject({
      version: '3.0',
      namespace: undefined,
      verify: 'a.b.c',
    });
  });

  it('reads escaped text as well as CDATA, takes the first element and counts them all', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">\n' +
      '<openbadges:assertion verify="https://a.example/1">\n  {"name":"caf&#233; &amp; th&#xE9; &lt;3"}<![CDATA[ ]]>\n</openbadges:assertion>' +
      '<openbadges:assertion verify="https://a.example/2"/></svg>';
    const baked = expectBaked(unbakeSvg(svg));
    expect(baked.verify).toBe('https://a.example/1');
    expect(JSON.parse(baked.text)).toEqual({ name: 'café & thé <3' });
    expect(baked.occurrences).toBe(2);
  });

  it('never expands DTD entities (no external entity can be read)', () => {
    const svg =
      '<?xml version="1.0"?>\n<!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY ns "http://openbadges.org"> ]>\n' +
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">' +
      '<openbadges:assertion verify="https://a.example/1">&xxe;</openbadges:assertion></svg>';
    const result = unbakeSvg(svg);
    expect(result).toMatchObject({ ok: false, code: 'unreadable-text' });
    const viaEntityNamespace =
      '<!DOCTYPE svg [ <!ENTITY ns "http://openbadges.org"> ]><svg xmlns="http://www.w3.org/2000/svg" xmlns:x="&ns;"><x:assertion/></svg>';
    expect(unbakeSvg(viaEntityNamespace)).toMatchObject({ ok: false, code: 'not-baked' });
  });

  it('keeps a DOCTYPE with an internal subset when baking', () => {
    const svg =
      '<!DOCTYPE svg [ <!ENTITY a "]>"> ]>\n<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>';
    const baked = bakeSvg(svg, { version: '2.0', jws: OB2_JWS });
    expect(baked.startsWith('<!DOCTYPE svg [ <!ENTITY a "]>"> ]>\n<svg')).toBe(true);
    expect(expectBaked(unbakeSvg(baked)).verify).toBe(OB2_JWS);
  });
});

describe('unbakeSvg failures (never throws)', () => {
  it.each([
    ['not XML', 'hello', 'not-svg'],
    ['unclosed root', '<svg xmlns="http://www.w3.org/2000/svg">', 'not-svg'],
    ['mismatched tags', '<svg><g></svg></g>', 'not-svg'],
    ['duplicate attribute', '<svg a="1" a="2"></svg>', 'not-svg'],
    ['unquoted attribute', '<svg a=1></svg>', 'not-svg'],
    ['bare ampersand', '<svg>a & b</svg>', 'not-svg'],
    ['two roots', '<svg/><svg/>', 'not-svg'],
    ['root is not svg', '<html><openbadges:assertion verify="x"/></html>', 'not-svg'],
    ['SVG root in another namespace', '<svg xmlns="urn:other"/>', 'not-svg'],
    ['no badge', SIMPLE, 'not-baked'],
  ])('%s', (_label, svg, code) => {
    expect(unbakeSvg(svg)).toMatchObject({ ok: false, code });
  });

  it('refuses more than 5 MiB, counted in UTF-8 bytes', () => {
    const padding = 'é'.repeat(2.5 * 1024 * 1024 + 1); // 5 MiB + 2 bytes in UTF-8
    expect(unbakeSvg(`<svg><!--${padding}--></svg>`)).toMatchObject({
      ok: false,
      code: 'too-large',
    });
    expect(unbakeSvg(`<svg><!--${'é'.repeat(2 * 1024 * 1024)}--></svg>`)).toMatchObject({
      code: 'not-baked',
    });
  });

  it('rejects non-string input', () => {
    expect(unbakeSvg(Buffer.from('<svg/>') as unknown as string)).toMatchObject({
      ok: false,
      code: 'not-svg',
    });
  });
});

describe('bakeSvg refuses what it cannot bake', () => {
  it.each([
    ['a malformed SVG', '<svg><g></svg>', { version: '2.0', jws: OB2_JWS }, 'invalid-image'],
    ['an HTML page', '<html></html>', { version: '2.0', jws: OB2_JWS }, 'invalid-image'],
    [
      'a hosted assertion without id',
      SIMPLE,
      { version: '2.0', assertion: { type: 'Assertion' } },
      'invalid-payload',
    ],
    ['a JWS that is not compact', SIMPLE, { version: '2.0', jws: 'not a jws' }, 'invalid-payload'],
    ['a JWT with markup', SIMPLE, { version: '3.0', jwt: 'a.b.c"><x' }, 'invalid-payload'],
    [
      'a credential that is an array',
      SIMPLE,
      { version: '3.0', credential: [] },
      'invalid-payload',
    ],
    [
      'a credential with a BigInt',
      SIMPLE,
      { version: '3.0', credential: { n: 1n } },
      'invalid-payload',
    ],
  ] as [string, string, SvgBakeInput, string][])('%s', (_label, svg, input, code) => {
    expect(() => bakeSvg(svg, input)).toThrowError(BakingError);
    try {
      bakeSvg(svg, input);
    } catch (error) {
      expect((error as BakingError).code).toBe(code);
    }
  });
});
