use super::*;
use kader_core::FrameworkFile;

fn parse(files: &[&str]) -> Framework {
    let files = files
        .iter()
        .map(|f| toml::from_str::<FrameworkFile>(f).expect("test TOML"));
    Framework::merge(files).expect("one file has [framework]")
}

const META: &str = r#"
[framework]
id = "mini"
version = "0.1"
status = "draft"
format = 1
published = "2025-02-03"
title = { nl = "Mini-kader", en = "Mini framework" }
"#;

/// Items that a checker would reject: references to nothing, empty texts, Markdown and HTML
/// punctuation in labels, a URL that is not a web address.
const ODD: &str = r#"
[[source]]
id = "b"
kind = "literature"
citation = "Second <b>source</b> | *starred*"
url = "javascript:alert(1)"

[[source]]
id = "a"
kind = "nji"
citation = "First source"
url = "https://example.org/a?x=1&y=2"

[[source]]
id = "never"
kind = "literature"
citation = "Never cited"

[[question]]
id = "odd-number"
type = "int"
group = "no-such-group"
label = { nl = "1. Hoeveel <script>alert(1)</script>?", en = "How many?" }
provenance = { kind = "memo", sources = ["b:fn2", "a", "b:4.1", "missing-source"] }

[[question]]
id = "plain"
type = "text"
label = { nl = "", en = "" }

[[criterion]]
id = "odd-criterion"
label = { nl = "Crit | *x*", en = "Crit" }
provenance = { kind = "report-secondary", sources = ["a:3"] }
[[criterion.case]]
outcome = "met"
when = "odd-number > 3"
explain = { nl = "Meer dan drie.", en = "More than three." }
[[criterion.case]]
outcome = "unknown"
explain = { nl = "Anders.", en = "Otherwise." }

[[decision]]
verdict = "no-such-verdict"
when = "odd-number > 3"
actions = [{ action = "no-such-action", when = "odd-number > 4" }, { action = "also-missing" }]
explain = { nl = "Waarom.", en = "Why." }

[[decision]]
verdict = "no-such-verdict"
explain = { nl = "Anders.", en = "Otherwise." }
"#;

fn all_formats(fw: &Framework, options: Options) -> [String; 3] {
    [text(fw, options), markdown(fw, options), html(fw, options)]
}

#[test]
fn a_framework_with_nothing_but_metadata_renders_in_every_format_and_language() {
    let fw = parse(&[META]);
    for lang in Lang::ALL {
        for rules in [false, true] {
            let [t, m, h] = all_formats(
                &fw,
                Options {
                    lang,
                    ids: false,
                    rules,
                },
            );
            for (out, notice) in [
                (&t, default_notice(lang).to_owned()),
                (&m, default_notice(lang).to_owned()),
                (&h, crate::escape(default_notice(lang))),
            ] {
                let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains(&notice), "{out}");
                assert!(out.contains(w(lang, "decision")));
            }
            assert!(h.starts_with(&format!("<!doctype html><html lang=\"{}\">", lang.code())));
        }
    }
    assert!(text(&fw, Options::default()).contains("3 februari 2025"));
    assert!(
        text(
            &fw,
            Options {
                lang: Lang::En,
                ..Options::default()
            }
        )
        .contains("3 February 2025")
    );
}

#[test]
fn the_notice_of_the_data_replaces_the_built_in_one() {
    let meta = format!("{META}\nnotice = {{ nl = \"Eigen status.\", en = \"Own status.\" }}\n");
    let fw = parse(&[&meta]);
    let out = markdown(&fw, Options::default());
    assert!(out.contains("Eigen status."));
    assert!(!out.contains(default_notice(Lang::Nl)));
    // A notice that starts with the label says it once.
    let meta = format!("{META}\nnotice = {{ nl = \"Let op: eigen status.\", en = \"Please note: own status.\" }}\n");
    let fw = parse(&[&meta]);
    assert!(markdown(&fw, Options::default()).contains("> **Let op:** eigen status.\n"));
    let en = Options {
        lang: Lang::En,
        ..Options::default()
    };
    assert!(html(&fw, en).contains("<strong>Please note:</strong> own status.</p>"));
}

#[test]
fn odd_frameworks_render_without_panicking_and_escape_their_text() {
    let fw = parse(&[META, ODD]);
    for lang in Lang::ALL {
        for rules in [false, true] {
            let [_, m, h] = all_formats(
                &fw,
                Options {
                    lang,
                    ids: false,
                    rules,
                },
            );
            assert!(!h.contains("<script>"), "HTML escapes labels");
            assert!(h.contains("&lt;script&gt;") || lang == Lang::En);
            assert!(!h.contains("href=\"javascript:"), "only web addresses become links");
            assert!(h.contains("<a href=\"https://example.org/a?x=1&amp;y=2\">"));
            assert!(
                m.contains("Crit \\| \\*x\\*") || lang == Lang::En,
                "Markdown escapes table and emphasis characters"
            );
            assert!(m.contains("#### 1. 1. Hoeveel \\<script\\>") || lang == Lang::En, "{m}");
        }
    }
}

#[test]
fn sources_are_numbered_in_order_of_first_citation_with_their_locators() {
    let fw = parse(&[META, ODD]);
    let m = markdown(&fw, Options::default());
    // The question cites b (fn2, 4.1), then a, then a source that does not exist.
    assert!(
        m.contains("nota van het ministerie [1, voetnoot 2, §4.1] [2] [3]"),
        "{m}"
    );
    assert!(m.contains("secundaire bron over het rapport [2, §3]"));
    let sources = &m[m.find("## Bronnen").expect("sources heading")..];
    assert!(sources.contains("1. Second \\<b\\>source\\</b\\>"));
    assert!(sources.contains("2. First source <https://example.org/a?x=1&y=2>"));
    assert!(sources.contains("3. onbekende bron (missing-source)"));
    assert!(sources.contains("4. Never cited"), "uncited sources come last");
    let h = html(&fw, Options::default());
    for n in 1..=4 {
        assert_eq!(h.matches(&format!("id=\"bron-{n}\"")).count(), 1);
    }
    assert!(h.contains("[<a href=\"#bron-1\" aria-label=\"Bron 1\">1</a>, voetnoot 2, §4.1]"));
}

#[test]
fn ids_and_conditions_only_for_authors() {
    let fw = parse(&[META, ODD]);
    let plain = markdown(&fw, Options::default());
    assert!(!plain.contains("odd-number"));
    assert!(!plain.contains("odd-criterion"));
    let ids = markdown(
        &fw,
        Options {
            ids: true,
            ..Options::default()
        },
    );
    assert!(ids.contains("`odd-number`"));
    assert!(!ids.contains("`odd-number > 3`"));
    let rules = markdown(
        &fw,
        Options {
            rules: true,
            ..Options::default()
        },
    );
    assert!(rules.contains("`odd-number`"));
    assert!(rules.contains("`odd-number > 3`"));
    assert!(rules.contains("`odd-number > 4`"));
}

#[test]
fn words_for_kinds_locators_types_and_validity() {
    for lang in Lang::ALL {
        for kind in [
            ProvenanceKind::Memo,
            ProvenanceKind::ReportSecondary,
            ProvenanceKind::Nji,
            ProvenanceKind::Literature,
            ProvenanceKind::Editorial,
        ] {
            let words = kind_words(kind, lang).to_lowercase();
            assert!(!words.contains("memo") && !words.contains("kamerbrief"), "{words}");
            assert!(lang == Lang::En || words != kind.id());
        }
    }
    assert_eq!(kind_words(ProvenanceKind::Memo, Lang::Nl), "nota van het ministerie");
    assert_eq!(locator_words("4.1", Lang::Nl), "§4.1");
    assert_eq!(locator_words("fn3", Lang::En), "footnote 3");
    assert_eq!(locator_words("p. 12", Lang::Nl), "p. 12");
    assert_eq!(number_words(1_000_000, Lang::Nl), "1.000.000");
    assert_eq!(number_words(-12_000, Lang::En), "-12,000");
    assert_eq!(number_words(2024, Lang::Nl), "2024");
    assert_eq!(validity_words(Some(5), Lang::Nl), "5 jaar geldig");
    assert_eq!(validity_words(None, Lang::En), "no expiry");
    assert_eq!(date_words("2024-13-01", Lang::Nl), "2024-13-01");
    let fw = parse(&[META, ODD]);
    let q = &fw.questions[0];
    assert_eq!(type_words(q, Lang::Nl), "getal");
    let mut q = q.clone();
    q.min = Some(0);
    q.max = Some(120);
    q.unit = Some(kader_core::Text::new("jaar", "years"));
    assert_eq!(type_words(&q, Lang::Nl), "getal van 0 tot en met 120 jaar");
    assert_eq!(type_words(&q, Lang::En), "number from 0 to 120 years");
}
