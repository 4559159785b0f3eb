// End-to-end test of `newsdex serve`'s page in a real browser (Debian's Chromium, driven by
// playwright-core; no browser is downloaded). Indexes tests/fixtures/browser, starts
// `target/release/newsdex serve --port 0`, and walks through the page as a reader would:
// a query, its highlights, an actor facet, an article, an actor's timeline, the back button.
// A screenshot of each step goes to target/browser-artifacts/. Run it with run.sh.

import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const binary = process.env.NEWSDEX_BIN || path.join(root, "target/release/newsdex");
const browserPath = process.env.NEWSDEX_CHROMIUM || execFileSync("which", ["chromium"]).toString().trim();
const artifacts = path.join(root, "target/browser-artifacts");
mkdirSync(artifacts, { recursive: true });

const work = mkdtempSync(path.join(tmpdir(), "newsdex-browser-"));
const index = path.join(work, "index");
execFileSync(binary, ["index", "--index", index, "-q", path.join(root, "tests/fixtures/browser")], { stdio: "inherit" });

// Starts the server and resolves with its address (the first line of its stdout).
function startServer() {
  const server = spawn(binary, ["serve", "--index", index, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.on("exit", (code) => reject(new Error(`serve exited with ${code} before printing its address`)));
    createInterface({ input: server.stdout }).once("line", (line) => resolve({ server, url: line.trim() }));
  });
}

const { server, url } = await startServer();
assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
const userDataDir = mkdtempSync(path.join(tmpdir(), "newsdex-chromium-"));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: browserPath,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run"],
  viewport: { width: 1200, height: 900 },
});

let step = 0;
const shot = async (page, name) => {
  step += 1;
  const file = path.join(artifacts, `${String(step).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`  screenshot ${path.relative(root, file)}`);
};
const query = (page) => new URL(page.url()).searchParams;

let failed = null;
try {
  const page = context.pages()[0] || (await context.newPage());
  const foreign = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(url)) foreign.push(request.url());
  });
  const pageErrors = [];
  page.on("pageerror", (error) => pageErrors.push(error.message));

  console.log("the page loads and / focuses the search box");
  await page.goto(url);
  await page.locator("#stats").filter({ hasText: "8 articles" }).waitFor();
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "q");
  await shot(page, "home");

  console.log("a typed query shows ranked passages with its words in <mark>");
  await page.keyboard.type("spillway repair");
  await page.keyboard.press("Enter");
  await page.locator("#hits .hit").first().waitFor();
  assert.equal(query(page).get("q"), "spillway repair");
  const marks = await page.locator("#hits mark").allInnerTexts();
  assert.ok(marks.length >= 2, `marks: ${marks}`);
  for (const mark of marks) assert.match(mark.toLowerCase(), /spillway|repair/);
  await shot(page, "results");

  console.log("an actor facet narrows the results and goes into the URL as a chip");
  const facet = page.locator('ul.facet[data-kind="person"] button[data-actor]').first();
  const actor = await facet.getAttribute("data-actor");
  const shownBefore = await page.evaluate(() => window.__newsdexShown);
  await facet.click();
  await page.waitForURL((u) => u.searchParams.getAll("actor").includes(actor));
  await page.locator(".chip", { hasText: actor }).waitFor();
  // The results shown again for the filter (the page marks each render): the summary's
  // counts may be the same when every match names the actor, so its text is no sign.
  await page.waitForFunction((before) => window.__newsdexShown !== before, shownBefore);
  const filteredUrl = page.url();
  for (const card of await page.locator("#hits .hit .meta").allInnerTexts()) {
    assert.ok(card.includes(actor), `a hit without ${actor}: ${card}`);
  }
  await shot(page, "actor-facet");

  console.log("a result opens its whole article, highlighted");
  await page.locator("#hits .hit h3 a").first().click();
  await page.locator("article.full h1").waitFor();
  assert.equal(query(page).get("view"), "article");
  assert.ok((await page.locator("article.full mark").count()) >= 1);
  await shot(page, "article");

  console.log("back returns to the filtered results");
  await page.goBack();
  await page.locator("#hits .hit").first().waitFor();
  assert.equal(page.url(), filteredUrl);
  await page.locator(".chip", { hasText: actor }).waitFor();

  console.log("an actor opens their timeline and the actors seen with them");
  await page.locator("#hits .meta a.actor", { hasText: actor }).first().click();
  await page.locator("#timeline svg rect.bar").first().waitFor();
  assert.equal(await page.locator("#actor-name").innerText(), actor);
  assert.equal(query(page).get("view"), "actor");
  assert.ok((await page.locator("#timeline rect.bar").count()) >= 2);
  assert.ok((await page.locator("#cooccur li a.actor").count()) >= 1);
  assert.ok((await page.locator("#buckets .bucket .passage").count()) >= 2, "best passages of the periods");
  await shot(page, "actor-timeline");

  console.log("back again shows the results");
  await page.goBack();
  await page.locator("#hits .hit").first().waitFor();
  assert.equal(page.url(), filteredUrl);

  console.log("a bar of the histogram narrows the dates");
  const bar = page.locator("#panel svg rect.bar").first();
  const bucket = await bar.getAttribute("data-bucket");
  await bar.click();
  await page.waitForURL((u) => u.searchParams.get("from") === bucket && u.searchParams.get("to") === bucket);
  await page.locator(".chip", { hasText: bucket }).waitFor();
  for (const meta of await page.locator("#hits .hit .meta").allInnerTexts()) {
    assert.ok(meta.startsWith(bucket), `a hit outside ${bucket}: ${meta}`);
  }
  await shot(page, "histogram");

  console.log("a query in the URL loads its results; on a narrow window too");
  await page.setViewportSize({ width: 390, height: 844 });
  const started = Date.now();
  await page.goto(`${url}?q=drought`);
  await page.locator("#hits .hit").first().waitFor();
  const shownMs = await page.evaluate(() => window.__newsdexShown);
  const pageMs = Date.now() - started;
  // The API's time for the same query, as the page saw it and as the server timed itself
  // (the `answer` of its Server-Timing header): medians of 9.
  const [apiMs, serverMs] = await page.evaluate(async () => {
    const times = [];
    const answers = [];
    for (let i = 0; i < 9; i += 1) {
      const t = performance.now();
      const response = await fetch("/api/search?q=drought&limit=10");
      await response.json();
      times.push(performance.now() - t);
      const answer = /answer;dur=([0-9.]+)/.exec(response.headers.get("server-timing") || "");
      answers.push(answer ? Number(answer[1]) : NaN);
    }
    const median = (values) => values.sort((a, b) => a - b)[4];
    return [median(times), median(answers)];
  });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the narrow page scrolls sideways: ${width}px`);
  await shot(page, "narrow");
  console.log(`  time to results from the URL: ${shownMs.toFixed(0)} ms after navigation start` +
    ` (${pageMs} ms wall); /api/search alone, median of 9: ${apiMs.toFixed(1)} ms` +
    ` (the server's own: ${serverMs.toFixed(1)} ms)`);

  assert.deepEqual(foreign, [], "requests to another host");
  assert.deepEqual(pageErrors, [], "script errors on the page");
  console.log("browser test passed");
} catch (error) {
  failed = error;
  for (const page of context.pages()) {
    await page.screenshot({ path: path.join(artifacts, "failure.png"), fullPage: true }).catch(() => {});
  }
} finally {
  await context.close();
  server.kill("SIGINT");
  rmSync(work, { recursive: true, force: true });
  rmSync(userDataDir, { recursive: true, force: true });
}
if (failed) {
  console.error(failed);
  process.exit(1);
}
