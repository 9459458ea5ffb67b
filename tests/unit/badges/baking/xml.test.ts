import { describe, expect, it } from 'vitest';
import { MAX_XML_DEPTH, scanXml, type XmlStartTag } from '../../../../badges/baking/xml-scan.ts';
import {
  decodeXmlText,
  escapeXmlAttribute,
  escapeXmlText,
  toCdata,
} from '../../../../badges/baking/xml-text.ts';

function startTags(xml: string): XmlStartTag[] {
  const tags: XmlStartTag[] = [];
  const result = scanXml(xml, (event) => {
    if (event.kind === 'start') tags.push(event.tag);
    return undefined;
  });
  if (!result.ok) throw new Error(result.detail);
  return tags;
}

describe('xml-text', () => {
  it('escapes text and attributes, and decodes them back', () => {
    const value = 'a < b && c > "d" \'e\'\tf\ng\rh';
    expect(escapeXmlText(value)).toBe('a &lt; b &amp;&amp; c &gt; "d" \'e\'\tf\ng\rh');
    const attribute = escapeXmlAttribute(value);
    expect(attribute).not.toMatch(/[<>"'\t\n\r]/);
    expect(decodeXmlText(attribute, true)).toBe(value);
  });

  it('expands only predefined entities and valid character references', () => {
    expect(decodeXmlText('&lt;&#233;&#x1F393;&amp;amp;')).toBe('<é🎓&amp;');
    for (const bad of [
      '&constructor;',
      '&xxe;',
      '&#0;',
      '&#xD800;',
      '&#x110000;',
      '& ;',
      '&amp',
      '&#00000000065;',
    ]) {
      expect(decodeXmlText(`x${bad}y`), bad).toBeUndefined();
    }
  });

  it('normalises line ends, and attribute whitespace to spaces', () => {
    expect(decodeXmlText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(decodeXmlText('a\r\n\tb', true)).toBe('a  b');
  });

  it('wraps CDATA so that "]]>" never ends a section early', () => {
    expect(toCdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    expect(toCdata('')).toBe('<![CDATA[]]>');
  });
});

describe('scanXml', () => {
  it('resolves namespaces per scope, including redeclarations and undeclaring the default', () => {
    const tags = startTags(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:a="urn:one"><a:x/><g xmlns:a="urn:two"><a:x/></g><a:x/><g xmlns=""><y/></g><z:w/></svg>',
    );
    expect(tags.map((t) => [t.name, t.namespace])).toEqual([
      ['svg', 'http://www.w3.org/2000/svg'],
      ['a:x', 'urn:one'],
      ['g', 'http://www.w3.org/2000/svg'],
      ['a:x', 'urn:two'],
      ['a:x', 'urn:one'],
      ['g', null],
      ['y', null],
      ['z:w', undefined],
    ]);
  });

  it('reports exact offsets of tags and attribute values', () => {
    const xml = '<svg  a = \'v1\' b="v2" />';
    const [tag] = startTags(xml);
    expect(tag).toMatchObject({
      start: 0,
      end: xml.length,
      selfClosing: true,
      closeAt: xml.length - 2,
    });
    const b = tag?.attributes[1];
    expect(b && xml.slice(b.valueStart, b.valueEnd)).toBe('v2');
  });

  it('skips comments, processing instructions and a DOCTYPE with an internal subset', () => {
    const xml =
      '\uFEFF<?xml version="1.0"?><!-- <svg> --><!DOCTYPE svg [<!ENTITY e "<x>"><!-- ] > -->]><svg><?pi <a>?><!-- <b> --></svg>';
    expect(startTags(xml).map((t) => t.name)).toEqual(['svg']);
  });

  it('stops when the visitor asks', () => {
    let seen = 0;
    const result = scanXml('<svg><a/><b/><c/></svg>', (event) => {
      if (event.kind === 'start') seen++;
      return seen === 2;
    });
    expect(result).toEqual({ ok: true, stopped: true });
    expect(seen).toBe(2);
  });

  it.each([
    ['', 'no root element'],
    ['text<svg/>', 'text outside'],
    ['<svg/>text', 'text outside'],
    ['<svg><![CDATA[x</svg>', 'unterminated CDATA'],
    ['<svg/><![CDATA[x]]>', 'CDATA outside'],
    ['<svg><!-- x</svg>', 'unterminated comment'],
    ['<svg/><!DOCTYPE x>', 'misplaced DOCTYPE'],
    ['<svg a="x<y"/>', '"<" in attribute'],
    ['<svg xmlns:p=""/>', 'empty namespace'],
    ['<svg><a:b:c/></svg>', 'invalid qualified name'],
    ['<svg a="1"b="2"/>', 'missing space'],
    ['<1svg/>', 'invalid element name'],
    ['<svg><!ELEMENT x></svg>', 'invalid element name'],
    [`<svg>${'<g>'.repeat(MAX_XML_DEPTH)}`, 'nested deeper'],
  ])('rejects %j', (xml, detail) => {
    const result = scanXml(xml, () => undefined);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain(detail);
  });

  it('stays fast on hostile input near the size limit', () => {
    const started = performance.now();
    for (const xml of [
      `<svg>${'<a></a>'.repeat(600_000)}</svg>`,
      `<svg>${'&amp;'.repeat(900_000)}</svg>`,
      `<!DOCTYPE${'['.repeat(4_000_000)}`,
      `<svg a="${' '.repeat(4_000_000)}`,
    ]) {
      scanXml(xml, () => undefined);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
