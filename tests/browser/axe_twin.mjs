// Loads each HTML twin named on the command line in Debian's headless Chromium, runs axe-core
// with the WCAG 2.0/2.1 A and AA rules, and checks that at a phone's width (375 CSS px) the page
// does not scroll sideways. Prints one line per file ("ok <file>: N rules passed") or one line
// per problem ("FAIL <file>: ..."); exits 0 when every file is clean, 1 otherwise, 2 on misuse.
//
//   node tests/browser/axe_twin.mjs outputs/CSSC-2011-01-draft-v1.html ...
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node axe_twin.mjs <twin.html>...');
  process.exit(2);
}
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});
let failed = false;
try {
  for (const file of files) {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    // The twin must be self-contained: any request beyond the file itself is a failure.
    const requests = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('file:')) requests.push(request.url());
    });
    await page.goto(pathToFileURL(resolve(file)).href, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const results = await page.evaluate(async () =>
      // eslint-disable-next-line no-undef
      axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      }));
    let problems = 0;
    for (const violation of results.violations) {
      problems += 1;
      const where = violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ');
      console.log(`FAIL ${file}: ${violation.id} (${violation.impact}): ${violation.help}; ` +
                  `${violation.nodes.length} node(s), e.g. ${where}`);
    }
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    if (widths.scroll > widths.client) {
      problems += 1;
      console.log(`FAIL ${file}: scrolls sideways at 375 px: ${widths.scroll} px of content ` +
                  `in ${widths.client} px`);
    }
    for (const url of requests) {
      problems += 1;
      console.log(`FAIL ${file}: requested ${url}`);
    }
    if (problems > 0) failed = true;
    else console.log(`ok ${file}: ${results.passes.length} rules passed`);
    await page.close();
  }
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
