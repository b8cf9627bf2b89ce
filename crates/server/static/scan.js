// kader web scan: a form built from the framework's questions. No build step, no dependencies.
// Nothing is stored: answers live in this page until you download them.
"use strict";

const UI = {
  nl: {
    title: "Scan: toets een interventie aan het kwaliteitskader",
    framework: "Kader",
    switchTo: "English",
    form: "Vragen",
    intro: "Beantwoord wat u weet; laat open wat u niet weet. De uitkomst wordt bij elke wijziging opnieuw berekend en vermeldt welke antwoorden nog verschil kunnen maken.",
    upload: "Eerder bewaarde antwoorden openen (.toml of .json)",
    uploaded: "Antwoorden geladen uit",
    result: "Uitkomst",
    empty: "Vul de vragen in; de uitkomst verschijnt hier.",
    name: "Naam van de interventie",
    provider: "Aanbieder of opdrachtgever (optioneel)",
    about: "Over de interventie",
    yes: "Ja", no: "Nee", unknown: "Weet ik niet",
    noneOf: "Geen van deze",
    choose: "— weet ik niet —",
    help: "Uitleg",
    verdict: "Oordeel", action: "Actie", why: "Waarom",
    advice: "Advies", flags: "Risicovolle onderdelen", criteria: "Criteria", criterion: "Criterium", outcome: "Uitkomst", explanation: "Toelichting",
    missing: "Antwoorden die de uitkomst nog kunnen veranderen", couldBecome: "zou kunnen worden:",
    because: "Op grond van", decidedBy: "Beslist door", notAnswered: "niet beantwoord", sources: "Bronnen", noticeLead: "Let op:",
    notice: "kader is een onafhankelijke, niet-officiële uitwerking van het landelijk kwaliteitskader. Het ministerie van Justitie en Veiligheid en de auteurs van het kader hebben kader niet geschreven of goedgekeurd, en dit is niet de scan die het ministerie heeft aangekondigd. De beslisregels zijn een redactionele reconstructie: bij elke regel staat waarop die berust.",
    provisional: "Voorlopig: nog niet beantwoorde vragen kunnen de uitkomst veranderen.",
    basis: "Gebaseerd op", recognition: "Erkenning",
    downloads: "Downloaden", dlHtml: "Rapport (HTML)", dlMarkdown: "Rapport (Markdown)", dlJson: "Beoordeling (JSON)", dlToml: "Antwoorden (TOML)",
    privacy: "Niets van wat u invult wordt op de server bewaard of gelogd. Bewaar uw antwoorden met 'Antwoorden (TOML)' en open ze later weer.",
    outcomes: {"met": "voldoet", "partly": "deels", "not-met": "voldoet niet", "unknown": "onbekend", "not-applicable": "n.v.t."},
    kinds: {"memo": "nota van het ministerie", "report-secondary": "secundaire bron over het rapport", "nji": "erkenningsstelsel", "literature": "literatuur", "editorial": "redactionele reconstructie"},
    expired: "verlopen", validUntil: "geldig tot en met",
    error: "Er ging iets mis",
  },
  en: {
    title: "Scan: check an intervention against the quality framework",
    framework: "Framework",
    switchTo: "Nederlands",
    form: "Questions",
    intro: "Answer what you know; leave open what you don't. The result is recomputed on every change and says which answers could still make a difference.",
    upload: "Open previously saved answers (.toml or .json)",
    uploaded: "Answers loaded from",
    result: "Result",
    empty: "Answer the questions; the result appears here.",
    name: "Name of the intervention",
    provider: "Provider or funder (optional)",
    about: "About the intervention",
    yes: "Yes", no: "No", unknown: "Don't know",
    noneOf: "None of these",
    choose: "— don't know —",
    help: "Help",
    verdict: "Verdict", action: "Action", why: "Why",
    advice: "Advice", flags: "Risky practices", criteria: "Criteria", criterion: "Criterion", outcome: "Outcome", explanation: "Explanation",
    missing: "Answers that could still change the result", couldBecome: "could become:",
    because: "Because of", decidedBy: "Decided by", notAnswered: "not answered", sources: "Sources", noticeLead: "Note:",
    notice: "kader is an independent, unofficial encoding of the national quality framework. It was not written or approved by the Ministry of Justice and Security or by the framework's authors, and it is not the scan the ministry announced. The decision rules are an editorial reconstruction: each rule states what it rests on.",
    provisional: "Provisional: unanswered questions could change the result.",
    basis: "Based on", recognition: "Recognition",
    downloads: "Download", dlHtml: "Report (HTML)", dlMarkdown: "Report (Markdown)", dlJson: "Assessment (JSON)", dlToml: "Answers (TOML)",
    privacy: "Nothing you enter is stored or logged on the server. Keep your answers with 'Answers (TOML)' and open them again later.",
    outcomes: {"met": "met", "partly": "partly", "not-met": "not met", "unknown": "unknown", "not-applicable": "n/a"},
    kinds: {"memo": "ministry note", "report-secondary": "secondary source on the report", "nji": "recognition system", "literature": "literature", "editorial": "editorial reconstruction"},
    expired: "expired", validUntil: "valid through",
    error: "Something went wrong",
  },
};

const state = { lang: "nl", key: null, form: null, timer: null, seq: 0, last: null };
const $ = (sel) => document.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v;
    else if (k === "text") e.textContent = v;
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c);
  return e;
}

const t = (key) => UI[state.lang][key];
const tx = (text) => (text ? (text[state.lang] || text.nl || text.en || "") : "");

async function api(path, options = {}) {
  const r = await fetch(path, options);
  if (!r.ok) {
    let detail = r.statusText;
    try {
      const p = await r.json();
      detail = p.detail + (p.errors ? "\n" + p.errors.map((e) => `${e.key}: ${e.message}`).join("\n") : "");
    } catch (_) { /* not JSON */ }
    throw new Error(detail);
  }
  return r;
}

function applyStaticTexts() {
  document.documentElement.lang = state.lang;
  $("#title").textContent = t("title");
  $("#framework-label").textContent = t("framework");
  const sw = $("#lang-switch");
  sw.textContent = t("switchTo");
  sw.lang = state.lang === "nl" ? "en" : "nl";
  $("#form-title").textContent = t("form");
  $("#intro").textContent = t("intro");
  $("#upload-label").textContent = t("upload");
  $("#result-title").textContent = t("result");
  $("#downloads-title").textContent = t("downloads");
  $("#dl-html").textContent = t("dlHtml");
  $("#dl-markdown").textContent = t("dlMarkdown");
  $("#dl-json").textContent = t("dlJson");
  $("#dl-toml").textContent = t("dlToml");
  $("#privacy").textContent = t("privacy");
  const empty = $("#result-empty");
  if (empty) empty.textContent = t("empty");
  renderNotice();
}

/// The unofficial-status text: the framework version's own, else kader's.
function renderNotice() {
  const n = $("#notice");
  if (!n) return;
  const text = state.form && state.form.notice ? tx(state.form.notice) : t("notice");
  n.replaceChildren(el("strong", { text: t("noticeLead") + " " }), text);
}

function helpBlock(q) {
  const parts = [];
  if (q.help) parts.push(el("p", { text: tx(q.help) }));
  const withHelp = (q.choices || []).filter((c) => c.help);
  if (withHelp.length) parts.push(el("ul", {}, withHelp.map((c) => el("li", {}, el("strong", { text: tx(c.label) + ": " }), tx(c.help)))));
  if (!parts.length) return null;
  return el("details", {}, el("summary", { text: t("help") }), ...parts);
}

function questionField(q) {
  const id = `q-${q.id}`;
  const tag = null; // ids stay in the data; people read labels
  const help = helpBlock(q);
  if (q.type === "bool") {
    const opts = el("div", { class: "opts" },
      [["true", t("yes")], ["false", t("no")], ["", t("unknown")]].map(([v, label]) =>
        el("label", {}, el("input", { type: "radio", name: q.id, value: v, id: `${id}-${v || "unknown"}`, checked: v === "" }), label)));
    return el("div", { class: "q", "data-q": q.id }, el("fieldset", {}, el("legend", {}, tx(q.label), tag), help, opts));
  }
  if (q.type === "int") {
    const unit = q.unit ? ` (${tx(q.unit)})` : "";
    return el("div", { class: "q", "data-q": q.id },
      el("label", { for: id }, tx(q.label) + unit, tag), help,
      el("input", { type: "number", id, name: q.id, min: q.min, max: q.max, step: 1, inputmode: "numeric" }));
  }
  if (q.type === "choice") {
    const sel = el("select", { id, name: q.id }, el("option", { value: "", text: t("choose") }),
      q.choices.map((c) => el("option", { value: c.id, text: tx(c.label) })));
    return el("div", { class: "q", "data-q": q.id }, el("label", { for: id }, tx(q.label), tag), help, sel);
  }
  if (q.type === "multi") {
    const boxes = q.choices.map((c) =>
      el("label", {}, el("input", { type: "checkbox", name: q.id, value: c.id, id: `${id}-${c.id}` }), tx(c.label)));
    boxes.push(el("label", { class: "none-of" }, el("input", { type: "checkbox", name: q.id, value: "", id: `${id}-none`, "data-none": "1" }), t("noneOf")));
    return el("div", { class: "q", "data-q": q.id }, el("fieldset", {}, el("legend", {}, tx(q.label), tag), help, el("div", { class: "opts multi" }, boxes)));
  }
  return el("div", { class: "q", "data-q": q.id }, el("label", { for: id }, tx(q.label), tag), help, el("input", { type: "text", id, name: q.id }));
}

function renderForm(keep) {
  const form = $("#scan");
  form.replaceChildren();
  form.append(el("fieldset", { class: "group" }, el("legend", { text: t("about") }),
    el("div", { class: "q" }, el("label", { for: "q-name" }, t("name")), el("input", { type: "text", id: "q-name", name: "__name", required: true, autocomplete: "off" })),
    el("div", { class: "q" }, el("label", { for: "q-provider" }, t("provider")), el("input", { type: "text", id: "q-provider", name: "__provider", autocomplete: "organization" }))));
  const groups = state.form.groups.length ? state.form.groups : [{ id: null, label: { nl: "", en: "" } }];
  for (const g of groups) {
    const qs = state.form.questions.filter((q) => (q.group || null) === g.id);
    if (!qs.length) continue;
    form.append(el("fieldset", { class: "group", id: g.id ? `group-${g.id}` : null },
      el("legend", { text: tx(g.label) }), g.description ? el("p", { class: "group-desc", text: tx(g.description) }) : null,
      qs.map(questionField)));
  }
  const loose = state.form.questions.filter((q) => q.group && !state.form.groups.some((g) => g.id === q.group));
  if (loose.length) form.append(el("fieldset", { class: "group" }, el("legend", { text: "" }), loose.map(questionField)));
  if (keep) fill(keep);
}

function collect() {
  const f = $("#scan");
  const answers = {};
  for (const q of state.form.questions) {
    if (q.type === "bool") {
      const v = f.querySelector(`input[name="${q.id}"]:checked`);
      if (v && v.value !== "") answers[q.id] = v.value === "true";
    } else if (q.type === "int") {
      const v = f.querySelector(`#q-${q.id}`).value.trim();
      if (v !== "" && Number.isInteger(Number(v))) answers[q.id] = Number(v);
    } else if (q.type === "choice") {
      const v = f.querySelector(`#q-${q.id}`).value;
      if (v) answers[q.id] = v;
    } else if (q.type === "multi") {
      const checked = [...f.querySelectorAll(`input[name="${q.id}"]:checked`)];
      const none = checked.some((c) => c.dataset.none);
      const ids = checked.filter((c) => !c.dataset.none).map((c) => c.value);
      if (ids.length) answers[q.id] = ids;
      else if (none) answers[q.id] = [];
    } else {
      const v = f.querySelector(`#q-${q.id}`).value.trim();
      if (v) answers[q.id] = v;
    }
  }
  const name = f.querySelector("#q-name").value.trim();
  const provider = f.querySelector("#q-provider").value.trim();
  const intervention = { name: name || (state.lang === "nl" ? "Naamloze interventie" : "Unnamed intervention") };
  if (provider) intervention.provider = provider;
  return { framework: state.key, intervention, answers };
}

function fill(file) {
  const f = $("#scan");
  f.querySelector("#q-name").value = (file.intervention && file.intervention.name) || "";
  f.querySelector("#q-provider").value = (file.intervention && file.intervention.provider) || "";
  const answers = file.answers || {};
  for (const q of state.form.questions) {
    const v = answers[q.id];
    if (q.type === "bool") {
      const value = v === true ? "true" : v === false ? "false" : "";
      const r = f.querySelector(`input[name="${q.id}"][value="${value}"]`);
      if (r) r.checked = true;
    } else if (q.type === "multi") {
      for (const box of f.querySelectorAll(`input[name="${q.id}"]`)) {
        box.checked = Array.isArray(v) && (box.dataset.none ? v.length === 0 : v.includes(box.value));
      }
    } else {
      const input = f.querySelector(`#q-${q.id}`);
      if (input) input.value = v === undefined || v === null ? "" : String(v);
    }
  }
}

function footnote(a, s) {
  const src = (a.sources || []).find((c) => c.id === s.id);
  let loc = s.locator || "";
  if (loc.startsWith("fn")) loc = `${state.lang === "nl" ? "voetnoot" : "footnote"} ${loc.slice(2)}`;
  else if (/^[0-9]/.test(loc)) loc = `§${loc}`;
  const label = `[${src ? src.number : s.id}${loc ? ", " + loc : ""}]`;
  return src ? el("a", { href: `#bron-${src.number}`, text: label }) : label;
}

function provenance(a, p) {
  const parts = [UI[state.lang].kinds[p.kind] || p.kind];
  for (const s of p.sources || []) parts.push(" ", footnote(a, s));
  return parts;
}

function answersLine(refs) {
  return refs.map((r) => `${r.label || r.question}: ${r.text !== undefined ? r.text : t("notAnswered")}`).join("; ");
}

function renderResult(a) {
  const out = [];
  out.push(el("div", { class: `verdict v-${a.verdict.id}`, id: "verdict", "data-verdict": a.verdict.id, "data-action": a.action.id },
    el("p", { class: "v" }, `${t("verdict")}: `, el("span", { id: "verdict-label", text: a.verdict.label })),
    el("p", { class: "a" }, `${t("action")}: `, el("span", { id: "action-label", text: a.action.label })),
    el("p", { class: "why" }, el("strong", { text: t("why") + ": " }), a["decided-by"].explain),
    a["decided-by"].because.length ? el("p", { class: "small", text: `${t("because")}: ${answersLine(a["decided-by"].because)}` }) : null,
    el("p", { class: "small" }, `${t("decidedBy")}: ${a["decided-by"].label || a["decided-by"].rule} · ${t("basis")}: `, ...provenance(a, a["decided-by"].provenance)),
    a.recognition ? el("p", { class: "small", text: `${t("recognition")}: ${a.recognition.level.label}${
      a.recognition.expired === true ? ` (${t("expired")}, ${t("validUntil")} ${a.recognition["valid-until"]})`
        : a.recognition["valid-until"] ? ` (${t("validUntil")} ${a.recognition["valid-until"]})` : ""}` }) : null));
  if (a.provisional) out.push(el("p", { class: "note", text: t("provisional") }));
  if (a.flags.length) {
    out.push(el("h3", { text: t("flags") }));
    for (const f of a.flags) out.push(el("div", { class: "flag" }, el("strong", { text: f.label }), ` — ${f.advice}`));
  }
  if (a.advice.length) {
    out.push(el("h3", { text: t("advice") }));
    out.push(el("ul", { id: "advice" }, a.advice.map((x) => el("li", {}, el("strong", { text: x.label + ". " }), x.text,
      (x.items || []).length ? el("ul", {}, x.items.map((i) => el("li", { text: i }))) : null))));
  }
  out.push(el("h3", { text: t("criteria") }));
  out.push(el("table", { class: "crit", id: "criteria" },
    el("thead", {}, el("tr", {}, el("th", { text: t("criterion") }), el("th", { text: t("outcome") }), el("th", { text: t("explanation") }))),
    el("tbody", {}, a.criteria.map((c) => el("tr", { class: `o-${c.outcome}`, "data-criterion": c.id, "data-outcome": c.outcome },
      el("td", { text: c.label }),
      el("td", {}, el("span", { class: "light", "aria-hidden": "true" }), el("span", { class: "o-label", text: UI[state.lang].outcomes[c.outcome] || c.outcome })),
      el("td", {}, c.explain, c.because.length ? el("span", { class: "small because", text: ` (${t("because").toLowerCase()}: ${answersLine(c.because)})` }) : null))))));
  if (a.missing.length) {
    out.push(el("h3", { text: t("missing") }));
    out.push(el("ul", { id: "missing" }, a.missing.map((m) => el("li", {}, `${m.label} — ${t("couldBecome")} `,
      m["could-become"].map((o) => `${o["verdict-label"] || o.verdict} / ${o["action-label"] || o.action}`).join("; ")))));
  }
  if ((a.sources || []).length) {
    out.push(el("h3", { text: t("sources") }));
    out.push(el("ol", { class: "sources", id: "sources" }, a.sources.map((src) => el("li", { id: `bron-${src.number}`, value: src.number },
      src.citation, src.url && /^https?:\/\//.test(src.url) ? [" ", el("a", { href: src.url, rel: "noopener", text: src.url })] : null))));
  }
  $("#result").replaceChildren(...out);
  $("#downloads").hidden = false;
}

async function assess() {
  const seq = ++state.seq;
  const body = JSON.stringify(collect());
  try {
    const r = await api(`/api/v1/assess?lang=${state.lang}`, { method: "POST", headers: { "Content-Type": "application/json" }, body });
    const a = await r.json();
    if (seq !== state.seq) return; // a newer request is under way
    state.last = a;
    renderResult(a);
  } catch (e) {
    if (seq !== state.seq) return;
    $("#result").replaceChildren(el("p", { class: "error", role: "alert", text: `${t("error")}: ${e.message}` }));
  }
}

function schedule() {
  clearTimeout(state.timer);
  state.timer = setTimeout(assess, 250);
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function slug() {
  const n = collect().intervention.name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
  return n || "interventie";
}

async function download(kind) {
  const body = JSON.stringify(collect());
  const headers = { "Content-Type": "application/json" };
  try {
    if (kind === "toml") {
      const r = await api("/api/v1/answers/toml", { method: "POST", headers, body });
      save(await r.blob(), `${slug()}.toml`);
    } else {
      const r = await api(`/api/v1/assess?lang=${state.lang}&format=${kind}`, { method: "POST", headers, body });
      const ext = { html: "html", markdown: "md", json: "json" }[kind];
      save(await r.blob(), `${slug()}-beoordeling.${ext}`);
    }
  } catch (e) {
    $("#result").prepend(el("p", { class: "error", role: "alert", text: `${t("error")}: ${e.message}` }));
  }
}

async function upload(file) {
  const status = $("#upload-status");
  try {
    const r = await api("/api/v1/answers/parse", { method: "POST", headers: { "Content-Type": "text/plain; charset=utf-8" }, body: await file.text() });
    const parsed = await r.json();
    if (parsed.framework && parsed.framework !== state.key && [...$("#framework").options].some((o) => o.value === parsed.framework)) {
      $("#framework").value = parsed.framework;
      await loadFramework(parsed.framework);
    }
    fill(parsed);
    status.textContent = `${t("uploaded")} ${file.name}`;
    status.className = "";
    await assess();
  } catch (e) {
    status.textContent = `${t("error")}: ${e.message}`;
    status.className = "error";
  }
}

async function loadFramework(key) {
  const [id, version] = key.split("@");
  const r = await api(`/api/v1/frameworks/${encodeURIComponent(id)}/${encodeURIComponent(version)}`);
  const keep = state.form ? collect() : null;
  state.form = await r.json();
  state.key = key;
  renderNotice();
  renderForm(keep);
}

async function init() {
  applyStaticTexts();
  const r = await api("/api/v1/frameworks");
  const list = await r.json();
  const sel = $("#framework");
  for (const f of list) sel.append(el("option", { value: `${f.id}@${f.version}`, text: `${f.id}@${f.version}${f.status === "draft" ? " (concept)" : ""}`, selected: f.default }));
  const chosen = (list.find((f) => f.default) || list[0]);
  await loadFramework(`${chosen.id}@${chosen.version}`);
  sel.addEventListener("change", async () => { await loadFramework(sel.value); schedule(); });
  $("#scan").addEventListener("input", schedule);
  $("#scan").addEventListener("change", (ev) => {
    // "None of these" and the choices exclude each other.
    const box = ev.target;
    if (box.type === "checkbox" && box.checked) {
      for (const other of document.querySelectorAll(`input[name="${box.name}"]`)) {
        if (other !== box && (box.dataset.none || other.dataset.none)) other.checked = false;
      }
    }
    schedule();
  });
  $("#scan").addEventListener("submit", (ev) => { ev.preventDefault(); assess(); });
  $("#lang-switch").addEventListener("click", () => {
    const keep = collect();
    state.lang = state.lang === "nl" ? "en" : "nl";
    applyStaticTexts();
    renderForm(keep);
    if (state.last) assess();
  });
  $("#upload").addEventListener("change", (ev) => { if (ev.target.files[0]) upload(ev.target.files[0]); });
  for (const b of document.querySelectorAll("[data-download]")) b.addEventListener("click", () => download(b.dataset.download));
}

document.addEventListener("DOMContentLoaded", () => {
  init().catch((e) => $("#result").replaceChildren(el("p", { class: "error", role: "alert", text: e.message })));
});
