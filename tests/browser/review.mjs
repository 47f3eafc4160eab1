// Drives `greenmir review` in Debian's headless Chromium: open a paper, correct two fields
// (form and keyboard), check the correction files, re-import, check the corrections still
// apply and `explain` shows them, check a conflicting save is refused, that a run's card shows
// its quote once beside an image of its PDF page, and that hostile paper text is inert.
// Screenshots go to tests/output/.
import { chromium } from 'playwright-core';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const bin = process.env.GREENMIR_BIN || path.join(root, 'target/debug/greenmir');
const outDir = path.join(root, 'tests/output');
fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'greenmir-review-'));

const gm = (...args) => execFileSync(bin, args, { cwd: work, encoding: 'utf8' });
let passed = 0, failed = 0;
async function check(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}\n${e.stack || e}`); }
}

function startReview(by, survey = 'greenmir2024') {
  return new Promise((resolve, reject) => {
    const p = spawn(bin, ['review', '--by', by, '--survey', survey], { cwd: work });
    let out = '';
    const timer = setTimeout(() => reject(new Error('review did not start: ' + out)), 20000);
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/review at (http:\/\/127\.0\.0\.1:\d+)\/\?token=([0-9a-f]+)/);
      if (m) { clearTimeout(timer); resolve({ proc: p, base: m[1], token: m[2] }); }
    });
    p.stderr.on('data', (d) => { out += d; });
    p.on('exit', (c) => reject(new Error(`review exited ${c}: ${out}`)));
  });
}

// A one-page PDF of the given lines of Helvetica text (enough for pdftoppm and the reader).
function makePdf(lines) {
  const escPdf = (t) => t.replace(/[\\()]/g, (c) => '\\' + c);
  const content = 'BT /F1 11 Tf 14 TL 60 780 Td ' + lines.map((l) => `(${escPdf(l)}) '`).join(' ') + ' ET';
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = [];
  objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`
    + offsets.map((o) => String(o).padStart(10, '0') + ' 00000 n \n').join('');
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

gm('import', 'greenmir2024');
// A paper with its PDF in the cache: a training run quoted on page 1 (the quote also in each
// field's origin, as older records hold it) and an inference run.
const quote = 'We trained the model on 4 NVIDIA V100 GPUs for 48 hours.';
const pdfFile = path.join(work, 'demo.pdf');
fs.writeFileSync(pdfFile, makePdf([
  'A Demo Paper on Music Transcription', '',
  'Abstract. We describe a model that transcribes piano recordings into notes,',
  'and we report the compute that training it required so that readers can estimate',
  'its energy use and carbon footprint.', '', '4 Experiments',
  'The dataset holds two hundred hours of recordings split into training and test sets.',
  quote, 'Evaluation of the transcriptions ran on a single laptop CPU in a few minutes.',
  'Results are reported in Table 2 and discussed in Section 5 below.']));
const doc = JSON.parse(gm('--json', 'text', pdfFile));
const demoSha = doc.sha256;
fs.mkdirSync(path.join(work, 'corpus/cache/pdf'), { recursive: true });
fs.copyFileSync(pdfFile, path.join(work, `corpus/cache/pdf/${demoSha}.pdf`));
const pageText = doc.pages[0].text;
const qStart = [...pageText.slice(0, pageText.indexOf(quote))].length;
const ev = { page: 1, text: quote, start: qStart, end: qStart + [...quote].length };
const ex = (value) => ({ value, origin: { kind: 'extracted', confidence: 0.9, evidence: [ev] } });
fs.mkdirSync(path.join(work, 'corpus/demo'), { recursive: true });
fs.writeFileSync(path.join(work, 'corpus/demo/papers.jsonl'), JSON.stringify({
  paper: { id: 'demo-1', title: 'A Demo Paper on Music Transcription', authors: ['Ada Example', 'Ben Sample'], sha256: demoSha },
  runs: [
    { hardware: ex('NVIDIA V100'), count: ex(4), hours: ex({ value: 48, low: 48, high: 48, basis: 'stated' }),
      confidence: 0.9, evidence: [ev] },
    { hardware: { value: 'laptop CPU', origin: { kind: 'extracted', confidence: 0.4 } }, purpose: 'inference', confidence: 0.4,
      evidence: [{ page: 1, text: 'Evaluation of the transcriptions ran on a single laptop CPU in a few minutes.' }] },
  ],
  affiliations: [
    { value: { text: 'IRCAM, Paris', country: 'FR' }, origin: { kind: 'extracted', confidence: 0.8 } },
    { value: { text: 'CCRMA, Stanford University' }, origin: { kind: 'extracted', confidence: 0.5 } },
  ],
  countries: [{ value: { text: 'France', iso2: 'FR' }, origin: { kind: 'imported', source: 'test' } }],
}) + '\n');

// A hostile record: script tags, an attribute breaker, a very long line, bidi controls.
fs.mkdirSync(path.join(work, 'corpus/evil'), { recursive: true });
fs.writeFileSync(path.join(work, 'corpus/evil/papers.jsonl'), JSON.stringify({
  paper: { id: 'evil-1', title: '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> \u202Ertl ' + 'W'.repeat(5000) },
  runs: [{ hardware: { value: '"><script>window.__pwned=3</script>', origin: { kind: 'extracted', confidence: 0.2, evidence: [{ page: 1, text: '<b onmouseover=alert(1)>8 GPUs</b>' }] } } }],
}) + '\n');

const review = await startReview('browser-test');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await ctx.newPage();
const annFile = path.join(work, 'corpus/greenmir2024/annotations/ismir2022-022.toml');

await check('queue opens with the session token and lists papers', async () => {
  await page.goto(`${review.base}/?token=${review.token}`);
  assert.match(await page.title(), /Review greenmir2024/);
  assert.ok(await page.locator('#queue tbody tr').count() >= 100);
});

await check('without the token nothing is served', async () => {
  const other = await browser.newContext();
  const p2 = await other.newPage();
  const r = await p2.goto(`${review.base}/paper/ismir2022-022`);
  assert.equal(r.status(), 403);
  await other.close();
});

await check('correct a count through the form and a field by keyboard', async () => {
  await page.goto(`${review.base}/paper/ismir2022-022`);
  const row = page.locator('[data-field="runs[0].count"]');
  await row.locator('input[name="value"]').fill('2');
  await row.locator('input[name="reason"]').fill('Sec. 4 says two GPUs');
  await row.locator('button[value="set"]').click();
  await page.waitForURL(`${review.base}/paper/ismir2022-022`);
  // Keyboard: move to runs[0].hours with j and accept it with a.
  const fields = await page.locator('.field').evaluateAll((rows) => rows.map((r) => r.dataset.field));
  const target = fields.indexOf('runs[0].hours');
  for (let i = 0; i < target; i++) await page.keyboard.press('j');
  await Promise.all([page.waitForNavigation(), page.keyboard.press('a')]);
  await page.screenshot({ path: path.join(outDir, 'review.png'), fullPage: false });
  const toml = fs.readFileSync(annFile, 'utf8');
  assert.match(toml, /field = "runs\[0\]\.count"\naction = "set"\nvalue = "2"\nreplaces = "1"\nby = "browser-test"/);
  assert.match(toml, /field = "runs\[0\]\.hours"\naction = "accept"\nreplaces = "48"\nby = "browser-test"/);
});

await check('a stale save is refused with a conflict message, not lost', async () => {
  const a = await ctx.newPage();
  const b = await ctx.newPage();
  await a.goto(`${review.base}/paper/ismir2022-022`);
  await b.goto(`${review.base}/paper/ismir2022-022`);
  const ra = a.locator('[data-field="runs[0].tdp_w"]');
  await ra.locator('input[name="value"]').fill('300');
  await ra.locator('button[value="set"]').click();
  const rb = b.locator('[data-field="runs[0].tdp_w"]');
  await rb.locator('input[name="value"]').fill('350');
  const [resp] = await Promise.all([b.waitForNavigation(), rb.locator('button[value="set"]').click()]);
  assert.equal(resp.status(), 409);
  assert.match(await b.locator('.msg').innerText(), /Conflict: runs\[0\]\.tdp_w changed/);
  const toml = fs.readFileSync(annFile, 'utf8');
  assert.match(toml, /value = "300"/);
  assert.doesNotMatch(toml, /value = "350"/);
  await a.close(); await b.close();
});

await check('corrections survive re-import and explain names annotator and reason', async () => {
  gm('import', 'greenmir2024');
  const text = gm('explain', 'ismir2022-022');
  assert.match(text, /device count: 2 — annotated by browser-test at .*: Sec\. 4 says two GPUs/);
  assert.match(text, /run 0: 2 × 300 W × 48 h = 28\.8 kWh/);
  const html = gm('explain', 'ismir2022-022', '--format', 'html');
  const file = path.join(work, 'explain.html');
  fs.writeFileSync(file, html);
  const p3 = await ctx.newPage();
  await p3.goto('file://' + file);
  await p3.screenshot({ path: path.join(outDir, 'explain.png'), fullPage: true });
  await p3.close();
});

const demo = await startReview('browser-test', 'demo');
const p5 = await ctx.newPage();
await check('a run is one card with its quote once, beside an image of its PDF page', async () => {
  await p5.goto(`${demo.base}/?token=${demo.token}`);
  const resp = await p5.goto(`${demo.base}/paper/demo-1`);
  assert.match(resp.headers()['content-security-policy'], /img-src 'self'/);
  const card = p5.locator('#run-0');
  assert.equal(await card.locator('.card .field[data-field^="runs[0]."]').count(), 6);
  assert.match(await card.locator('.kwh').innerText(), /kWh/);
  assert.equal(await card.locator('.card blockquote.evidence').count(), 1);
  assert.match(await card.locator('.card blockquote.evidence').innerText(), /page 1/);
  // The quote appears once in the card and once, marked, in the page text beside it.
  const cardText = await card.locator('.card').innerText();
  assert.equal(cardText.split(quote).length - 1, 1);
  assert.equal(await card.locator('.source mark').innerText(), quote);
  const img = card.locator('img.pdfpage');
  await img.scrollIntoViewIfNeeded();
  await p5.waitForFunction(() => { const i = document.querySelector('#run-0 img.pdfpage'); return i && i.complete && i.naturalWidth > 0; });
  assert.ok(fs.existsSync(path.join(work, `corpus/cache/pages/${demoSha}-1.png`)));
  // The quote is marked on the image, word by word.
  assert.equal(await card.locator('svg.marks rect').count(), quote.split(' ').length);
  assert.match(await p5.locator('#run-1 .tag').innerText(), /not training/);
  assert.equal(await p5.locator('#run-2 [data-field="runs[2].hardware"]').count(), 1);
  await p5.evaluate(() => window.scrollTo(0, 0));
  await p5.screenshot({ path: path.join(outDir, 'review-card.png'), fullPage: false });
  await p5.screenshot({ path: path.join(outDir, 'review-card-full.png'), fullPage: true });
  // Page images: no traversal, no page past the end, no image without the cookie.
  for (const bad of [`/page/${demoSha}/2.png`, `/page/${demoSha}/0.png`, `/page/..%2F..%2Fetc/1.png`,
                     `/page/${'0'.repeat(64)}/1.png`, `/page/${demoSha}/1.png%2F..`]) {
    const r = await p5.request.get(demo.base + bad);
    assert.equal(r.status(), 404, bad);
  }
  const other = await browser.newContext();
  const r = await other.request.get(`${demo.base}/page/${demoSha}/1.png`);
  assert.equal(r.status(), 403);
  await other.close();
});

await check('split a run into a new one, then merge it back', async () => {
  const demoAnn = path.join(work, 'corpus/demo/annotations/demo-1.toml');
  await p5.goto(`${demo.base}/paper/demo-1`);
  const whole = p5.locator('#run-0 [data-field="runs[0]"]');
  await whole.locator('input[name="reason"]').fill('two model sizes');
  await Promise.all([p5.waitForNavigation(), whole.locator('button[value="split"]').click()]);
  assert.equal(await p5.locator('#run-2 [data-field="runs[2].hardware"] input[name="value"]').inputValue(), 'NVIDIA V100');
  assert.equal(await p5.locator('#run-2 [data-field="runs[2].count"] input[name="value"]').inputValue(), '4');
  assert.match(await p5.locator('#run-2 .tag').innerText(), /^training$/);
  assert.equal(await p5.locator('#run-3 [data-field="runs[3].hardware"]').count(), 1);
  let toml = fs.readFileSync(demoAnn, 'utf8');
  assert.match(toml, /field = "runs\[2\]\.count"\naction = "set"\nvalue = "4"\nreplaces = ""\nby = "browser-test"\nat = ".*"\nreason = "split from run 0: two model sizes"/);
  const merge = p5.locator('#run-2 [data-field="runs[2]"]');
  await merge.locator('select[name="value"]').selectOption('0');
  await Promise.all([p5.waitForNavigation(), merge.locator('button[value="merge"]').click()]);
  assert.match(await p5.locator('#run-2 .tag').innerText(), /not training/);
  toml = fs.readFileSync(demoAnn, 'utf8');
  assert.match(toml, /field = "runs\[2\]"\naction = "reject"\nreplaces = "4 × NVIDIA V100, 48 h \(training\)"\nby = "browser-test"\nat = ".*"\nreason = "merged into run 0"/);
});

await check("correct an author's affiliation and its country", async () => {
  const demoAnn = path.join(work, 'corpus/demo/annotations/demo-1.toml');
  await p5.goto(`${demo.base}/paper/demo-1`);
  const c = p5.locator('[data-field="affiliations[1].country"]');
  await c.locator('input[name="value"]').fill('United States');
  await c.locator('input[name="reason"]').fill('page 1: Stanford, CA');
  await Promise.all([p5.waitForNavigation(), c.locator('button[value="set"]').click()]);
  assert.equal(await p5.locator('[data-field="affiliations[1].country"] input[name="value"]').inputValue(), 'US');
  assert.match(await p5.locator('[data-field="affiliations[1].country"] .origin').innerText(), /annotated by browser-test/);
  assert.match(await p5.locator('[data-field="countries"] input[name="value"]').inputValue(), /FR/);
  const toml = fs.readFileSync(demoAnn, 'utf8');
  assert.match(toml, /field = "affiliations\[1\]\.country"\naction = "set"\nvalue = "US"\nreplaces = ""/);
});

await check('a missing PDF is a message where the image would be, not an error page', async () => {
  fs.rmSync(path.join(work, `corpus/cache/pdf/${demoSha}.pdf`));
  fs.rmSync(path.join(work, `corpus/cache/pages/${demoSha}-1.png`));
  const r2 = await p5.goto(`${demo.base}/paper/demo-1`);
  assert.equal(r2.status(), 200);
  assert.match(await p5.locator('#run-0 .noimage').innerText(), /not in the cache/);
});
await p5.close();
demo.proc.kill();

await check('hostile paper text is displayed inert', async () => {
  const evil = await startReview('browser-test', 'evil');
  const p4 = await ctx.newPage();
  let dialogs = 0;
  p4.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await p4.goto(`${evil.base}/?token=${evil.token}`);
  await p4.goto(`${evil.base}/paper/evil-1`);
  await p4.hover('h1');
  await p4.hover('blockquote.evidence');
  assert.match(await p4.locator('blockquote.evidence').innerText(), /<b onmouseover=alert\(1\)>8 GPUs<\/b>/);
  assert.match(await p4.locator('[data-field="runs[0].hardware"] input[name="value"]').inputValue(), /<script>window\.__pwned=3/);
  assert.equal(await p4.evaluate(() => window.__pwned), undefined);
  assert.equal(dialogs, 0);
  assert.match(await p4.locator('h1').innerText(), /<script>window\.__pwned=1<\/script>/);
  await p4.close();
  evil.proc.kill();
});

await browser.close();
review.proc.kill();
fs.rmSync(work, { recursive: true, force: true });
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
