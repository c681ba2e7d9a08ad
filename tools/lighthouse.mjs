// Run Lighthouse (mobile, default config) on several pages of a locally served site with ONE
// Debian Chromium, and print a JSON summary on stdout:
//   {"lighthouse": "12.2.3", "chrome": "...", "pages": {"<path>": {"seconds": n,
//     "scores": {"performance": 0-100, ...}, "failing": [{"id", "category", "score", "title",
//     "displayValue", "items": [...]}], "offOrigin": [urls]}}}
//
// Usage: CHROME_PATH=/usr/bin/chromium node tools/lighthouse.mjs BASE_URL [--reports DIR]
//          [--categories a,b] PATH...
//   BASE_URL e.g. http://127.0.0.1:8000/ervaringsdeskundigheid/ ; PATH relative to it ("" = home)
//   or a whole URL.
// Exit code 0 when every run finished; 1 on a runtime error (scores are judged by the caller).
import fs from 'node:fs';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

let categories = ['performance', 'accessibility', 'best-practices', 'seo'];
// Same flags as the project's Playwright launch, plus: new headless mode, and a resolver that
// fails every host except 127.0.0.1, so nothing can leave the machine even by mistake.
const CHROME_FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

const QUICK = {
  pauseAfterFcpMs: 0, pauseAfterLoadMs: 250, networkQuietThresholdMs: 250, cpuQuietThresholdMs: 250,
  skipAboutBlank: true,
};

const args = process.argv.slice(2);
let reportsDir = null;
const ri = args.indexOf('--reports');
if (ri >= 0) { reportsDir = args[ri + 1]; args.splice(ri, 2); }
const ci = args.indexOf('--categories');
if (ci >= 0) { categories = args[ci + 1].split(','); args.splice(ci, 2); }
const [base, ...paths] = args;
if (!base) {
  console.error('usage: node lh_run.mjs BASE_URL [--reports DIR] PATH...');
  process.exit(2);
}
const origin = new URL(base).origin;
const METRICS = {lcp: 'largest-contentful-paint', fcp: 'first-contentful-paint', tbt: 'total-blocking-time',
                 cls: 'cumulative-layout-shift'};

function itemSummary(item) {
  // Keep what names the element or resource: selector, snippet, label, url.
  const node = item.node || {};
  return {
    selector: node.selector, snippet: node.snippet, label: node.nodeLabel || item.nodeLabel,
    explanation: node.explanation, url: item.url, source: item.source?.url,
    description: item.description, href: item.href, text: item.text,
  };
}

function failingAudits(lhr) {
  const out = [];
  for (const [catId, cat] of Object.entries(lhr.categories)) {
    for (const ref of cat.auditRefs) {
      const audit = lhr.audits[ref.id];
      // weight 0 = informative, score null = not applicable / manual
      if (ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
      const items = (audit.details?.items || []).flatMap(
        (it) => (it.subItems?.items?.length ? it.subItems.items.map((s) => ({...itemSummary(s), parent: itemSummary(it)})) : [itemSummary(it)]));
      out.push({
        id: ref.id, category: catId, score: audit.score, weight: ref.weight, title: audit.title,
        displayValue: audit.displayValue, items,
      });
    }
  }
  return out;
}

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: CHROME_FLAGS,
  logLevel: 'silent',
});
const result = {lighthouse: null, chrome: null, pages: {}};
let failed = false;
try {
  for (const p of paths) {
    const url = new URL(p, base).href;
    const started = Date.now();
    const runner = await lighthouse(url, {
      port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories,
      // The list of requests (a performance diagnostic) is needed to prove nothing left the machine.
      onlyAudits: categories.includes('performance') ? undefined : ['network-requests'],
      // The full-page screenshot is only for the HTML viewer; skipping it saves time.
      disableFullPageScreenshot: true,
      // Without performance, nothing is timed: shorter waits for a quiet page (default 1 s each).
      ...(categories.includes('performance') ? {} : QUICK),
    });
    const seconds = (Date.now() - started) / 1000;
    const lhr = runner.lhr;
    result.lighthouse = lhr.lighthouseVersion;
    result.chrome = lhr.environment?.hostUserAgent;
    if (reportsDir) {
      fs.mkdirSync(reportsDir, {recursive: true});
      const name = (p.replace(/\/+$/, '').replace(/\//g, '_') || 'home') + '.json';
      fs.writeFileSync(path.join(reportsDir, name), runner.report);
    }
    if (lhr.runtimeError) failed = true;
    const requests = lhr.audits['network-requests']?.details?.items || [];
    result.pages[p] = {
      url, finalUrl: lhr.finalDisplayedUrl, seconds,
      runtimeError: lhr.runtimeError?.message, runWarnings: lhr.runWarnings,
      scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score === null ? null : Math.round(c.score * 100)])),
      failing: failingAudits(lhr),
      // The timings (ms) when performance was measured: mobile, simulated slow 4G and CPU.
      metrics: Object.fromEntries(Object.entries(METRICS).map(([k, id]) => [k, lhr.audits[id]?.numericValue ?? null])),
      blocking: (lhr.audits['render-blocking-resources']?.details?.items || []).map((i) => i.url),
      requests: requests.length,
      offOrigin: requests.map((r) => r.url).filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:')),
    };
  }
} catch (err) {
  failed = true;
  result.error = String(err?.stack || err);
} finally {
  await chrome.kill();
}
process.stdout.write(JSON.stringify(result, null, 1) + '\n');
process.exit(failed ? 1 : 0);
