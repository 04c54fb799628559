// Drives `clerk serve` in Debian's headless Chromium: a director signs in, opens a draft,
// approves it and sees the final; a POST without the CSRF token is refused; signing out ends
// the session; a clerk sees no Approve button and a forged approval as the clerk gets 403;
// axe-core finds no WCAG 2.1 A/AA violation on the list and report pages (at a phone's width).
// Prints what it checked; exits 0 when all held, 1 otherwise, 2 on misuse.
//
//   node tests/browser/web_signoff.mjs http://127.0.0.1:8080 <director> <password> <clerk> <password>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const [base, director, directorPassword, clerk, clerkPassword] = process.argv.slice(2);
if (!clerkPassword) {
  console.error('usage: node web_signoff.mjs <url> <director> <password> <clerk> <password>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const failures = [];
function check(condition, what) {
  if (condition) console.log(`ok: ${what}`);
  else { console.log(`FAIL: ${what}`); failures.push(what); }
}

// axe needs its script in the page, which the server's Content-Security-Policy (rightly)
// forbids: the test's context bypasses CSP for that alone.
async function newContext(browser) {
  return browser.newContext({ viewport: { width: 375, height: 812 }, bypassCSP: true });
}

async function axe(page, name) {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
      iframes: false,
    }));
  for (const violation of results.violations) {
    const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ');
    console.log(`axe on ${name}: ${violation.id} (${violation.impact}): ${violation.help}; ${where}`);
  }
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  check(widths.scroll <= widths.client, `${name} does not scroll sideways at 375 px`);
  return results.violations.length;
}

async function signIn(page, login, password) {
  await page.goto(base + '/');
  check(new URL(page.url()).pathname === '/login', `${login}: an anonymous visit goes to sign-in`);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let violations = 0;
try {
  // The director.
  const directorContext = await newContext(browser);
  const page = await directorContext.newPage();
  await signIn(page, director, directorPassword);
  // The keyboard's first stop is the skip link.
  await page.keyboard.press('Tab');
  check(await page.evaluate(() => document.activeElement.textContent) === 'Skip to the content',
        'the first Tab reaches the skip link');
  violations += await axe(page, 'the report list');
  const rows = page.locator('table.reports tbody tr', { hasText: 'draft v1' });
  check(await rows.count() >= 2, 'the list shows the drafts');
  const link = rows.first().getByRole('link');
  const reference = await link.textContent();
  await link.click();
  await page.getByRole('heading', { level: 1, name: reference }).waitFor();
  const reportUrl = page.url();
  const frame = page.locator('iframe.pdf');
  check(await frame.count() === 1, 'the report page shows the draft in a frame');
  const pdf = await page.request.get(new URL(await frame.getAttribute('src'), reportUrl).href);
  check(pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf',
        'the framed draft is a PDF');
  check(await page.getByRole('link', { name: /Download draft v1/ }).count() === 1,
        'the draft has a download link');
  violations += await axe(page, 'the report page');

  // A POST without the CSRF token is refused, even from the director's own session.
  const version = await page.locator('input[name=version]').first().inputValue();
  const content = await page.locator('input[name=content]').first().inputValue();
  const bare = await page.request.post(reportUrl + '/approve', { form: { version, content } });
  check(bare.status() === 403, 'an approval without the CSRF token gets 403');

  await page.getByRole('button', { name: 'Approve draft v1' }).click();
  await page.getByText('Approved. The final PDF is published.').waitFor();
  check(await page.locator('strong', { hasText: 'approved (v1)' }).count() === 1,
        'the report is approved');
  const finalLink = page.getByRole('link', { name: 'Download the approved final (PDF)' });
  check(await finalLink.count() === 1, 'the final can be downloaded');
  const final = await page.request.get(new URL(await finalLink.getAttribute('href'), reportUrl).href);
  check(final.status() === 200 && (await final.body()).subarray(0, 5).toString() === '%PDF-',
        'the final is a PDF');
  check(await page.getByRole('button', { name: /Approve/ }).count() === 0,
        'an approved draft offers no Approve button');

  // Signing out ends the session: its cookie no longer opens anything.
  const cookies = await directorContext.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  const replay = await newContext(browser);
  await replay.addCookies(cookies);
  const replayPage = await replay.newPage();
  await replayPage.goto(reportUrl);
  check(new URL(replayPage.url()).pathname === '/login', 'the old session cookie is refused');
  await replay.close();
  await directorContext.close();

  // The clerk.
  const clerkContext = await newContext(browser);
  const clerkPage = await clerkContext.newPage();
  await signIn(clerkPage, clerk, clerkPassword);
  const draftLink = clerkPage.locator('table.reports tbody tr', { hasText: 'draft v1' })
    .first().getByRole('link');
  await draftLink.click();
  await clerkPage.locator('h1').waitFor();
  check(await clerkPage.getByRole('button', { name: /Approve/ }).count() === 0,
        'a clerk sees no Approve button');
  check(await clerkPage.getByRole('button', { name: /Rebuild/ }).count() === 1,
        'a clerk can rebuild');
  const csrf = await clerkPage.locator('input[name=csrf]').first().inputValue();
  const forged = await clerkPage.request.post(clerkPage.url() + '/approve',
    { form: { csrf, version: '1', content: '0'.repeat(64) } });
  check(forged.status() === 403, 'a forged approval as the clerk gets 403');
  await clerkContext.close();
} catch (error) {
  failures.push(String(error));
  console.log(`FAIL: ${error}`);
} finally {
  await browser.close();
}
if (violations === 0 && failures.length === 0) {
  console.log('axe: no WCAG 2.1 A/AA violations on the list and report pages');
}
process.exit(violations === 0 && failures.length === 0 ? 0 : 1);
