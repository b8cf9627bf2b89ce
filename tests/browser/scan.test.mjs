// The web scan in a real browser: Debian's headless Chromium driven by playwright-core.
// It starts `kader serve` on a free loopback port, fills the scan for two example interventions
// as a person would (radio buttons, numbers, selects, checkboxes), checks the verdicts shown,
// downloads the answers, reloads the page and uploads them again, switches to English, and
// downloads the HTML report.
//
// Run: (cd tests/browser && npm ci && node --test) after `cargo build --release`.
// KADER_BIN overrides the binary; CHROMIUM the browser (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.KADER_BIN || [join(root, "target/release/kader"), join(root, "target/debug/kader")].find(existsSync);
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const out = join(root, "target", "browser");
mkdirSync(out, { recursive: true });

let server, base, browser;

before(async () => {
  assert.ok(bin, "build kader first (cargo build --release)");
  server = spawn(bin, ["serve", "--addr", "127.0.0.1:0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error("kader serve did not start: " + buf)), 20000);
    server.stdout.on("data", (d) => {
      buf += d;
      const m = buf.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (m) { clearTimeout(timer); resolve(m[0].replace(/\/$/, "")); }
    });
    server.on("exit", (code) => reject(new Error(`kader serve exited with ${code}`)));
  });
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill();
});

/** The example's answers as JSON, read through the API (the same parser the upload uses). */
async function example(name) {
  const text = readFileSync(join(root, "examples/interventions", name), "utf8");
  const r = await fetch(`${base}/api/v1/answers/parse`, { method: "POST", body: text });
  assert.equal(r.status, 200);
  return r.json();
}

/** Fills the form field by field, as a person would. */
async function fill(page, file) {
  await page.fill("#q-name", file.intervention.name);
  if (file.intervention.provider) await page.fill("#q-provider", file.intervention.provider);
  const [id, version] = (file.framework || "kwaliteitskader@2024.2").split("@");
  const form = await (await page.request.get(`${base}/api/v1/frameworks/${id}/${version}`)).json();
  for (const q of form.questions) {
    const v = file.answers[q.id];
    if (v === undefined) continue;
    if (q.type === "bool") await page.check(`#q-${q.id}-${v ? "true" : "false"}`);
    else if (q.type === "int") await page.fill(`#q-${q.id}`, String(v));
    else if (q.type === "choice") await page.selectOption(`#q-${q.id}`, v);
    else if (q.type === "multi") {
      if (v.length === 0) await page.check(`#q-${q.id}-none`);
      for (const c of v) await page.check(`#q-${q.id}-${c}`);
    } else await page.fill(`#q-${q.id}`, v);
  }
}

async function verdictShown(page, verdict, action) {
  const box = page.locator(`#verdict[data-verdict="${verdict}"][data-action="${action}"]`);
  await box.waitFor({ timeout: 15000 });
  return box;
}

for (const [file, verdict, action, nl, en] of [
  ["gevangenisbezoek-afschrikking.toml", "potentially-harmful", "stop", "Mogelijk schadelijk", "Potentially harmful"],
  ["gezinsbehandeling-samen-sterk.toml", "proven-effective", "continue", "Bewezen effectief", "Proven effective"],
]) {
  test(`scan ${file}: ${verdict} / ${action}, download and re-upload the answers`, async () => {
    const context = await browser.newContext({ acceptDownloads: true, locale: "nl-NL" });
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(base + "/");
    await page.locator("#q-crime-prevention-aim-true").waitFor();
    const answers = await example(file);
    await fill(page, answers);
    await verdictShown(page, verdict, action);
    assert.equal(await page.textContent("#verdict-label"), nl);
    // Traffic lights: one row per criterion of the version the page assesses with.
    const [fid, fversion] = answers.framework.split("@");
    const formView = await (await page.request.get(`${base}/api/v1/frameworks/${fid}/${fversion}`)).json();
    assert.equal(await page.locator("#criteria tbody tr").count(), formView.criteria.length);
    await page.screenshot({ path: join(out, `scan-${verdict}.png`), fullPage: true });

    // Download the answers (TOML).
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#dl-toml")]);
    const saved = join(out, `answers-${verdict}.toml`);
    await download.saveAs(saved);
    const toml = readFileSync(saved, "utf8");
    assert.match(toml, /\[answers\]/);
    assert.ok(toml.includes(answers.intervention.name));

    // Download the HTML report.
    const [report] = await Promise.all([page.waitForEvent("download"), page.click("#dl-html")]);
    const reportPath = join(out, `report-${verdict}.html`);
    await report.saveAs(reportPath);
    assert.ok(readFileSync(reportPath, "utf8").includes(nl));

    // A fresh page: upload the saved answers and get the same verdict.
    await page.goto(base + "/");
    await page.locator("#q-crime-prevention-aim-true").waitFor();
    await page.setInputFiles("#upload", saved);
    await verdictShown(page, verdict, action);
    assert.equal(await page.inputValue("#q-name"), answers.intervention.name);
    const reparsed = await (await fetch(`${base}/api/v1/answers/parse`, { method: "POST", body: toml })).json();
    const sorted = (a) => Object.fromEntries(Object.entries(a).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]));
    assert.deepEqual(sorted(reparsed.answers), sorted(answers.answers), "the downloaded answers are the answers given");

    // English.
    await page.click("#lang-switch");
    await page.waitForFunction((label) => document.querySelector("#verdict-label")?.textContent === label, en, { timeout: 15000 });
    assert.equal(await page.getAttribute("html", "lang"), "en");
    assert.equal(await page.inputValue("#q-name"), answers.intervention.name, "answers survive the language switch");

    assert.deepEqual(errors, [], "no script errors in the page");
    await context.close();
  });
}

test("every form control has an accessible name, and the page works with the keyboard", async () => {
  const page = await browser.newPage();
  await page.goto(base + "/");
  await page.locator("#q-crime-prevention-aim-true").waitFor();
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, button")]
      .filter((e) => e.type !== "hidden")
      .filter((e) => !(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !(e.textContent || "").trim())
      .map((e) => e.id || e.name || e.outerHTML.slice(0, 60)));
  assert.deepEqual(unlabeled, []);
  // Keyboard only: from the provider field, Tab reaches the first question's radio group (its
  // checked option, "Weet ik niet"; the help toggle comes first); ArrowLeft chooses "Nee".
  await page.focus("#q-provider");
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    const name = await page.evaluate(() => document.activeElement && document.activeElement.name);
    if (name === "crime-prevention-aim") break;
  }
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.name), "crime-prevention-aim");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.isChecked("#q-crime-prevention-aim-false"), true);
  // Without a crime-prevention aim an intervention is out of scope only when it is not funded
  // from Preventie met Gezag either (kwaliteitskader@2024.2).
  await page.focus("#q-pmg-funded-unknown");
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.isChecked("#q-pmg-funded-false"), true);
  await verdictShown(page, "out-of-scope", "not-applicable");
  await page.close();
});
