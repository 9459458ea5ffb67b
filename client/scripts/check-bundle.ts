/**
 * The JavaScript budget of issue 5: what a browser must download before the first page shows
 * (the entry chunk and every chunk it imports statically, transitively; not the pages and
 * libraries loaded later) must stay within 200 KB once gzipped.
 *
 *   npm run check:bundle    (builds when needed, prints each chunk, exits 1 over budget)
 *
 * The end-to-end suite runs the same measure (tests/e2e/bundle-size.test.ts), so `npm test`
 * fails over budget too.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureClientBuild, OUT_DIR } from './ensure-client-build.ts';

/** 200 KB of gzipped JavaScript. */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface BundleReport {
  /** The initial chunks, entry first, with their gzipped size. */
  initial: Array<{ file: string; bytes: number; gzipBytes: number }>;
  initialGzipBytes: number;
  /** Chunks loaded on demand (pages, the QR code library…). */
  lazy: Array<{ file: string; gzipBytes: number }>;
}

/**
 * @param outDir the built client (with `.vite/manifest.json`).
 * @returns the initial chunks and their gzipped total, and the lazy ones.
 */
export function measureInitialJs(outDir: string = OUT_DIR): BundleReport {
  const manifest = JSON.parse(
    readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Record<string, ManifestChunk>;
  const entries = Object.keys(manifest).filter((key) => manifest[key]?.isEntry);
  const initialKeys = new Set<string>();
  const visit = (key: string) => {
    if (initialKeys.has(key) || manifest[key] === undefined) return;
    initialKeys.add(key);
    for (const imported of manifest[key]?.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  const sizeOf = (file: string) => {
    const bytes = readFileSync(join(outDir, file));
    return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
  };
  const initial = [...initialKeys]
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file?.endsWith('.js') === true)
    .map(sizeOf);
  const lazy = Object.keys(manifest)
    .filter((key) => !initialKeys.has(key))
    .map((key) => manifest[key]?.file)
    .filter((file): file is string => file?.endsWith('.js') === true)
    .map((file) => ({ file, gzipBytes: sizeOf(file).gzipBytes }));
  return {
    initial,
    initialGzipBytes: initial.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
    lazy,
  };
}

/** @returns the report as lines for the console. */
export function formatBundleReport(report: BundleReport): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  return [
    'JavaScript initial (gzip) / Initial JavaScript (gzip):',
    ...report.initial.map((c) => `  ${kb(c.gzipBytes).padStart(9)}  ${c.file}`),
    `  ${kb(report.initialGzipBytes).padStart(9)}  total (budget ${kb(INITIAL_JS_BUDGET_BYTES)})`,
    'Chargé à la demande / Loaded on demand (gzip):',
    ...report.lazy.map((c) => `  ${kb(c.gzipBytes).padStart(9)}  ${c.file}`),
  ].join('\n');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  await ensureClientBuild();
  const report = measureInitialJs();
  console.log(formatBundleReport(report));
  if (report.initialGzipBytes > INITIAL_JS_BUDGET_BYTES) {
    console.error(
      `\nTrop de JavaScript au premier chargement / Initial JavaScript over budget: ${report.initialGzipBytes} > ${INITIAL_JS_BUDGET_BYTES} bytes (gzip). Load more of it on demand (React.lazy, import()).`,
    );
    process.exitCode = 1;
  }
}
