/**
 * The JavaScript budget (issue 5): what the first page load needs, gzipped, stays within 200 KB,
 * and the pages and the QR code library are loaded on demand. Measured on the production build
 * (`npm run check:bundle` prints the same report).
 */
import { describe, expect, it } from 'vitest';
import {
  formatBundleReport,
  INITIAL_JS_BUDGET_BYTES,
  measureInitialJs,
} from '../../client/scripts/check-bundle.ts';

describe('the web client’s production build', () => {
  const report = measureInitialJs();

  it('needs at most 200 KB of gzipped JavaScript before the first page shows', () => {
    console.log(formatBundleReport(report));
    expect(report.initial.length).toBeGreaterThan(0);
    expect(report.initialGzipBytes).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
  });

  it('loads each page and the QR code library on demand', () => {
    const lazy = report.lazy.map((chunk) => chunk.file).join(' ');
    for (const name of [
      'curriculum-page',
      'skill-page',
      'badges-page',
      'settings-page',
      'qr-code',
    ]) {
      expect(lazy).toContain(name);
    }
    const initial = report.initial.map((chunk) => chunk.file).join(' ');
    expect(initial).not.toContain('qr-code');
  });
});
