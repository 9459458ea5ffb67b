import type { Browser, Page } from 'playwright-core';
import { INITIAL_JS_BUDGET_BYTES, measureInitialJs } from '../client/scripts/check-bundle.ts';
import { ensureClientBuild } from '../client/scripts/ensure-client-build.ts';
import { launchBrowser, PHONE } from '../tests/e2e/support/browser.ts';
import { type RunningServer, startServer } from '../tests/e2e/support/server.ts';
import { median } from './support/load-autocannon.ts';
import { type SummaryRow, writeResults, writeSummary } from './support/summary.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const QUIET_MS = 5_000;
const LONG_TASK_MS = 50;
/** Lighthouse's mobile throttling (its "slow 4G" on a mid-range phone). */
const NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};
const CPU_SLOWDOWN = 4;
/** The key the client keeps a remembered session's refresh token under (session-manager.ts). */
const REFRESH_TOKEN_KEY = 'grange.refreshToken';

interface Load {
  /** Navigation start to the main content on screen, ms. */
  contentMs: number;
  /** Navigation start to interactive (content, then no long task before a quiet window), ms. */
  interactiveMs: number;
  longTasks: number;
  /** Bytes the page downloaded (transfer size of every resource and the document). */
  bytes: number;
}

/** Watches, from before the page's first script, for long tasks and for the main content. */
const WATCH = (selector: string) => `
  window.__bench = { longTasks: [], contentAt: null };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__bench.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  }).observe({ type: 'longtask', buffered: true });
  const seen = () => {
    if (window.__bench.contentAt === null && document.querySelector(${JSON.stringify(selector)})) {
      window.__bench.contentAt = performance.now();
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
`;

async function measureLoad(
  browser: Browser,
  url: string,
  selector: string,
  refreshToken?: string,
): Promise<Load> {
  const context = await browser.newContext({ viewport: PHONE, hasTouch: true, locale: 'fr-FR' });
  try {
    if (refreshToken !== undefined) {
      await context.addInitScript(
        ([key, token]) => {
          if (location.pathname === '/')
            window.localStorage.setItem(key as string, token as string);
        },
        [REFRESH_TOKEN_KEY, refreshToken],
      );
    }
    await context.addInitScript(WATCH(selector));
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector(selector, { state: 'visible', timeout: 60_000 });
    // Wait for a quiet window: QUIET_MS with no long task after the content showed.
    for (;;) {
      const state = (await page.evaluate(() => {
        const bench = (window as unknown as { __bench: { longTasks: { end: number }[] } }).__bench;
        return {
          now: performance.now(),
          lastEnd: Math.max(0, ...bench.longTasks.map((t) => t.end)),
        };
      })) as { now: number; lastEnd: number };
      const content = (await page.evaluate(
        () => (window as unknown as { __bench: { contentAt: number } }).__bench.contentAt,
      )) as number;
      if (state.now - Math.max(content, state.lastEnd) >= QUIET_MS) break;
      await page.waitForTimeout(500);
    }
    const result = (await page.evaluate(() => {
      const bench = (
        window as unknown as {
          __bench: { contentAt: number; longTasks: { start: number; end: number }[] };
        }
      ).__bench;
      const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
      const navigation = performance.getEntriesByType(
        'navigation',
      )[0] as PerformanceNavigationTiming;
      return {
        contentAt: bench.contentAt,
        longTasks: bench.longTasks,
        bytes:
          resources.reduce((sum, r) => sum + r.transferSize, 0) + (navigation?.transferSize ?? 0),
      };
    })) as { contentAt: number; longTasks: { start: number; end: number }[]; bytes: number };
    const lastLongTaskEnd = Math.max(0, ...result.longTasks.map((t) => t.end));
    return {
      contentMs: result.contentAt,
      interactiveMs: Math.max(result.contentAt, lastLongTaskEnd),
      longTasks: result.longTasks.filter((t) => t.end - t.start >= LONG_TASK_MS).length,
      bytes: result.bytes,
    };
  } finally {
    await context.close();
  }
}

/** Signs a demo learner in through the API. @returns a fresh refresh token. */
async function refreshTokenOf(server: RunningServer): Promise<string> {
  const learner = server.learners.find((l) => l.learnerCode !== undefined || l.email !== undefined);
  if (learner === undefined) throw new Error('the demo data printed no learner');
  const response = await fetch(`${server.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(
      learner.learnerCode !== undefined
        ? { learnerCode: learner.learnerCode, pin: learner.pin }
        : { email: learner.email, password: learner.password },
    ),
  });
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}`);
  return ((await response.json()) as { refreshToken: string }).refreshToken;
}

await ensureClientBuild();
const bundle = measureInitialJs();
const [server, browser] = await Promise.all([startServer(), launchBrowser()]);
const loads: { home: Load[]; static: Load[] } = { home: [], static: [] };
try {
  // One untimed load of each first: the server's own caches and the browser process warm up.
  await measureLoad(browser, `${server.base}/`, '#next-steps', await refreshTokenOf(server));
  await measureLoad(browser, `${server.base}/verify`, 'form');
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 === 0 ? (['home', 'static'] as const) : (['static', 'home'] as const);
    for (const which of order) {
      loads[which].push(
        which === 'home'
          ? await measureLoad(
              browser,
              `${server.base}/`,
              '#next-steps',
              await refreshTokenOf(server),
            )
          : await measureLoad(browser, `${server.base}/verify`, 'form'),
      );
    }
  }
} finally {
  await browser.close();
  await server.stop();
}

const medianOf = (list: Load[], key: keyof Load) => median(list.map((l) => l[key]));
const home = {
  interactive: medianOf(loads.home, 'interactiveMs'),
  content: medianOf(loads.home, 'contentMs'),
};
const page = {
  interactive: medianOf(loads.static, 'interactiveMs'),
  content: medianOf(loads.static, 'contentMs'),
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(
  `client: initial JavaScript ${kb(bundle.initialGzipBytes)} gzip (${bundle.initial.length} files, budget ${kb(INITIAL_JS_BUDGET_BYTES)})`,
);
console.log(
  `  learner home: content ${Math.round(home.content)} ms, interactive ${Math.round(home.interactive)} ms, ${kb(medianOf(loads.home, 'bytes'))} transferred`,
);
console.log(
  `  static page:  content ${Math.round(page.content)} ms, interactive ${Math.round(page.interactive)} ms, ${kb(medianOf(loads.static, 'bytes'))} transferred`,
);

writeResults('client', {
  bench: 'client',
  date: new Date().toISOString(),
  node: process.version,
  runs: RUNS,
  throttling: { network: NETWORK, cpuSlowdown: CPU_SLOWDOWN, viewport: PHONE },
  bundle,
  loads,
});

const rows: SummaryRow[] = [
  {
    measure: 'initial JavaScript (gzip)',
    ours: kb(bundle.initialGzipBytes),
    baseline: `budget ${kb(INITIAL_JS_BUDGET_BYTES)}`,
    ratio: null,
    target: `≤ ${kb(INITIAL_JS_BUDGET_BYTES)}`,
    met: bundle.initialGzipBytes <= INITIAL_JS_BUDGET_BYTES,
  },
  {
    measure: 'learner home: time to interactive, throttled phone',
    ours: `${Math.round(home.interactive)} ms (content ${Math.round(home.content)} ms)`,
    baseline: `static page /verify: ${Math.round(page.interactive)} ms (content ${Math.round(page.content)} ms)`,
    ratio: Number((page.interactive / home.interactive).toFixed(3)),
  },
];
writeSummary({
  name: 'client',
  title: 'Client: initial JavaScript and time to interactive on a throttled mid-range phone',
  commands: ['npx tsx bench/client.bench.ts'],
  rows,
  notes: [
    `Chromium (${'/usr/bin/chromium'}) headless through playwright-core, ${PHONE.width}×${PHONE.height} touch screen, network ${NETWORK.latency} ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU ${CPU_SLOWDOWN}× slower (Chrome DevTools Protocol), cache disabled, a new context per load.`,
    `Median of ${RUNS} loads of each page, alternating. Interactive: the main content on screen and no long task (≥ ${LONG_TASK_MS} ms) before a ${QUIET_MS / 1000} s quiet window. The ratio is the static page's time over the home's (1 would mean the home is ready as fast as a page with no script).`,
    'The learner is one of the demo data’s, signed in with a remembered session (a refresh token in localStorage): the home first renews the access token, then sends the Home query.',
  ],
});
