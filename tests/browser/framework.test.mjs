// The framework as a page for people: `kader framework show kwaliteitskader@2024.1 --format html`
// written to a file and opened in Debian's headless Chromium (driven by playwright-core). Checks
// the headings and their order, the practices table (one row per practice, with its harm class in
// words), that every footnote points at exactly one source, that the page loads nothing from
// outside, and runs axe-core on it (no violations allowed).
//
// Run: (cd tests/browser && npm ci && node --test) after `cargo build --release`.
// KADER_BIN overrides the binary; CHROMIUM the browser (default /usr/bin/chromium).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = process.env.KADER_BIN || [join(root, "target/release/kader"), join(root, "target/debug/kader")].find(existsSync);
const browserPath = process.env.CHROMIUM || "/usr/bin/chromium";
const out = join(root, "target", "browser");
mkdirSync(out, { recursive: true });
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

const HARM_NL = ["schadelijk", "risico op schade", "niet effectief", "effect niet aangetoond"];

let browser;

before(async () => {
  assert.ok(bin, "build kader first (cargo build --release)");
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"],
  });
});

after(async () => {
  if (browser) await browser.close();
});

/** Runs kader and returns its standard output. */
function kader(...args) {
  return execFileSync(bin, args, { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** Writes the page for a language to a file and opens it; every request leaving the file is recorded. */
async function open(lang) {
  const file = join(out, `framework-2024.1-${lang}.html`);
  writeFileSync(file, kader("framework", "show", "kwaliteitskader@2024.1", "--format", "html", "--lang", lang));
  const page = await browser.newPage();
  const outside = [];
  page.on("request", (r) => {
    if (!r.url().startsWith("file:")) outside.push(r.url());
  });
  await page.goto(pathToFileURL(file).href);
  return { page, outside };
}

test("the framework page in Dutch: headings, practices table, footnotes, no outside resources", async () => {
  const { page, outside } = await open("nl");
  try {
    assert.equal(await page.getAttribute("html", "lang"), "nl");
    const h1 = await page.locator("h1").allTextContents();
    assert.deepEqual(h1, ["Landelijk kwaliteitskader effectieve jeugdinterventies voor preventie van jeugdcriminaliteit"]);
    const h2 = await page.locator("h2").allTextContents();
    assert.deepEqual(h2, [
      "Over deze uitwerking",
      "Risicodomeinen",
      "Vragen",
      "Criteria",
      "Werkwijzen met een bekend risico",
      "Erkenningsniveaus",
      "Beslisregels",
      "Bronnen",
    ]);
    // Headings never skip a level.
    const levels = await page.$$eval("h1,h2,h3,h4,h5,h6", (hs) => hs.map((h) => Number(h.tagName[1])));
    levels.reduce((prev, level) => {
      assert.ok(level <= prev + 1, `heading level ${level} after ${prev}`);
      return level;
    }, 0);
    // The seven risk domains as h3 in their section.
    const domains = await page.locator("section[aria-labelledby=domains] h3").allTextContents();
    assert.equal(domains.length, 7);
    assert.ok(domains.includes("Deviante vrienden"));

    // The practices: one row per practice of the framework, each with its harm class in words.
    const framework = JSON.parse(kader("framework", "show", "kwaliteitskader@2024.1", "--format", "json"));
    const table = page.locator("section[aria-labelledby=practices] table");
    const head = await table.locator("thead th[scope=col]").allTextContents();
    assert.deepEqual(head, ["Werkwijze", "Risico", "Beschrijving", "Advies", "Gebaseerd op"]);
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.querySelector("th[scope=row]")?.textContent, harm: tr.cells[1]?.textContent })),
    );
    assert.equal(rows.length, framework.practice.length);
    for (const [i, p] of framework.practice.entries()) {
      assert.equal(rows[i].name, p.label.nl);
      assert.ok(HARM_NL.includes(rows[i].harm), `harm class in words: ${rows[i].harm}`);
    }
    assert.equal(rows[0].harm, "schadelijk");

    // Every footnote link points at exactly one source entry.
    const hrefs = await page.locator("a[href^='#bron-']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    assert.ok(hrefs.length > 50);
    for (const href of new Set(hrefs)) {
      assert.equal(await page.locator(`li[id='${href.slice(1)}']`).count(), 1, href);
    }
    const entries = await page.locator("ol.sources > li").evaluateAll((lis) => lis.map((li) => li.id));
    assert.deepEqual(entries, entries.map((_, i) => `bron-${i + 1}`));

    // No kebab-case ids in the page's text outside links.
    const text = await page.evaluate(() => {
      const clone = document.body.cloneNode(true);
      clone.querySelectorAll("a").forEach((a) => a.remove());
      return clone.textContent;
    });
    const ids = ["question", "verdict", "action", "practice", "criterion", "domain"]
      .flatMap((key) => framework[key] ?? [])
      .flatMap((item) => [item.id, ...(item.choice ?? []).map((c) => c.id)])
      .concat(framework.scale.flatMap((s) => s.level.map((l) => l.id)))
      .filter((id) => id.includes("-"));
    assert.ok(ids.length > 30);
    const words = new Set(text.split(/[^\p{L}\p{N}_-]+/u));
    assert.deepEqual(ids.filter((id) => words.has(id)), [], "no ids in the page");
    assert.deepEqual(outside, [], "the page loads nothing from outside");
  } finally {
    await page.close();
  }
});

for (const lang of ["nl", "en"]) {
  test(`axe-core finds no accessibility violations on the framework page (${lang})`, async () => {
    const { page } = await open(lang);
    try {
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(async () => window.axe.run(document, { resultTypes: ["violations"] }));
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target}`);
      assert.deepEqual(summary, []);
    } finally {
      await page.close();
    }
  });
}
