//! Every route of the HTTP API, with good and bad inputs.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use kader_server::{AppState, Options, router};
use serde_json::{Value, json};
use tower::ServiceExt;

fn app_with(options: Options) -> axum::Router {
    router(AppState::load(options).expect("frameworks load")).expect("router")
}

fn app() -> axum::Router {
    app_with(Options::default())
}

async fn send(app: axum::Router, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app.oneshot(req).await.expect("infallible");
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.expect("body").to_bytes().to_vec();
    (status, headers, body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

fn post_json(uri: &str, body: impl Into<Body>) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.into())
        .expect("request")
}

fn json_of(body: &[u8]) -> Value {
    serde_json::from_slice(body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(body)))
}

fn example() -> Value {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/interventions/gevangenisbezoek-afschrikking.toml"
    ))
    .expect("example");
    let v: toml::Value = toml::from_str(&text).expect("toml");
    serde_json::to_value(v).expect("json")
}

fn assert_problem(status: StatusCode, headers: &axum::http::HeaderMap, body: &[u8], want: StatusCode) -> Value {
    assert_eq!(status, want, "{}", String::from_utf8_lossy(body));
    assert_eq!(headers[header::CONTENT_TYPE], "application/problem+json");
    let p = json_of(body);
    assert_eq!(p["status"], want.as_u16());
    assert!(p["detail"].as_str().is_some_and(|d| !d.is_empty()));
    p
}

#[tokio::test]
async fn frameworks_list_and_form_view() {
    let (s, _, b) = send(app(), get("/api/v1/frameworks")).await;
    assert_eq!(s, StatusCode::OK);
    let list = json_of(&b);
    assert!(
        list.as_array()
            .is_some_and(|l| l.iter().any(|f| f["id"] == "kwaliteitskader" && f["default"] == true))
    );

    let (s, _, b) = send(app(), get("/api/v1/frameworks/kwaliteitskader/2024.1")).await;
    assert_eq!(s, StatusCode::OK);
    let form = json_of(&b);
    assert_eq!(form["questions"].as_array().map(Vec::len), Some(25));
    let components = form["questions"]
        .as_array()
        .and_then(|q| q.iter().find(|q| q["id"] == "components"))
        .expect("components");
    assert_eq!(components["choices"].as_array().map(Vec::len), Some(14));
    assert!(components["label"]["nl"].is_string() && components["label"]["en"].is_string());
    assert_eq!(form["domains"].as_array().map(Vec::len), Some(7));
    assert_eq!(form["criteria"].as_array().map(Vec::len), Some(11));

    let (s, h, b) = send(app(), get("/api/v1/frameworks/kwaliteitskader/1999.1")).await;
    let p = assert_problem(s, &h, &b, StatusCode::NOT_FOUND);
    assert!(
        p["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("kwaliteitskader@2024.1")
    );
}

#[tokio::test]
async fn assess_gives_the_assessment_in_every_format() {
    let body = example().to_string();
    let (s, h, b) = send(app(), post_json("/api/v1/assess?on=2026-11-28&lang=en", body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&b));
    assert_eq!(h[header::CONTENT_TYPE], "application/json");
    let a = json_of(&b);
    assert_eq!(a["verdict"]["id"], "potentially-harmful");
    assert_eq!(a["verdict"]["label"], "Potentially harmful");
    // It is the published assessment contract.
    let schema: Value = serde_json::from_str(
        &kader_data::schema::schemas()
            .into_iter()
            .find(|(n, _)| *n == "assessment.schema.json")
            .expect("schema")
            .1,
    )
    .expect("schema json");
    let v = jsonschema::validator_for(&schema).expect("compiles");
    let errors: Vec<String> = v.iter_errors(&a).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Same as the library gives (and deterministic).
    let (_, _, again) = send(app(), post_json("/api/v1/assess?on=2026-11-28&lang=en", body.clone())).await;
    assert_eq!(b, again);

    for (format, ct, needle) in [
        ("html", "text/html; charset=utf-8", "<!doctype html>"),
        ("markdown", "text/markdown; charset=utf-8", "# Beoordeling"),
        ("text", "text/plain; charset=utf-8", "Oordeel:"),
    ] {
        let (s, h, b) = send(
            app(),
            post_json(&format!("/api/v1/assess?on=2026-11-28&format={format}"), body.clone()),
        )
        .await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(h[header::CONTENT_TYPE], ct);
        assert!(String::from_utf8_lossy(&b).contains(needle), "{format}");
    }
}

#[tokio::test]
async fn assess_rejects_bad_input_with_problems_that_name_the_key() {
    let cases: Vec<(&str, String, StatusCode, &str)> = vec![
        ("/api/v1/assess", "{\"intervention\": {\"name\": \"x\"".into(), StatusCode::BAD_REQUEST, ""),
        ("/api/v1/assess", "{\"intervention\": {\"name\": \"x\", \"colour\": 1}}".into(), StatusCode::BAD_REQUEST, "intervention.colour"),
        ("/api/v1/assess", "{\"intervention\": {\"name\": 3}}".into(), StatusCode::BAD_REQUEST, "intervention.name"),
        ("/api/v1/assess", "{\"answers\": {}}".into(), StatusCode::BAD_REQUEST, ""),
        ("/api/v1/assess", "{\"intervention\": {\"name\": \"x\"}} trailing".into(), StatusCode::BAD_REQUEST, ""),
        (
            "/api/v1/assess",
            json!({"intervention": {"name": "x"}, "answers": {"age-min": 200, "components": ["magic"], "risk-domain": []}}).to_string(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "answers.age-min",
        ),
        (
            "/api/v1/assess",
            json!({"framework": "kwaliteitskader@1999.1", "intervention": {"name": "x"}}).to_string(),
            StatusCode::NOT_FOUND,
            "",
        ),
        ("/api/v1/assess?lang=fr", json!({"intervention": {"name": "x"}}).to_string(), StatusCode::BAD_REQUEST, "lang"),
        ("/api/v1/assess?on=28-11-2026", json!({"intervention": {"name": "x"}}).to_string(), StatusCode::BAD_REQUEST, "on"),
        ("/api/v1/assess?format=pdf", json!({"intervention": {"name": "x"}}).to_string(), StatusCode::BAD_REQUEST, "format"),
        ("/api/v1/assess?colour=red", json!({"intervention": {"name": "x"}}).to_string(), StatusCode::BAD_REQUEST, ""),
    ];
    for (uri, body, want, key) in cases {
        let (s, h, b) = send(app(), post_json(uri, body.clone())).await;
        if s != want {
            panic!(
                "{uri} {body}: expected {want}, got {s}: {}",
                String::from_utf8_lossy(&b)
            );
        }
        if want != StatusCode::BAD_REQUEST
            || !key.is_empty()
            || h.get(header::CONTENT_TYPE)
                .is_some_and(|c| c == "application/problem+json")
        {
            let p = assert_problem(s, &h, &b, want);
            if !key.is_empty() {
                assert!(
                    p["errors"]
                        .as_array()
                        .is_some_and(|e| e.iter().any(|e| e["key"] == key)),
                    "{uri} {body}: no error names `{key}`: {p}"
                );
            }
        }
    }
    // The three answer problems are all reported at once.
    let body =
        json!({"intervention": {"name": "x"}, "answers": {"age-min": 200, "components": ["magic"], "risk-domain": []}});
    let (_, _, b) = send(app(), post_json("/api/v1/assess?lang=en", body.to_string())).await;
    assert_eq!(json_of(&b)["errors"].as_array().map(Vec::len), Some(3));
}

#[tokio::test]
async fn wrong_content_type_and_too_large_bodies() {
    let req = Request::post("/api/v1/assess")
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from(example().to_string()))
        .expect("request");
    let (s, h, b) = send(app(), req).await;
    assert_problem(s, &h, &b, StatusCode::UNSUPPORTED_MEDIA_TYPE);

    let big = format!("{{\"intervention\": {{\"name\": \"{}\"}}}}", "x".repeat(300 * 1024));
    let (s, _, _) = send(app(), post_json("/api/v1/assess", big)).await;
    assert_eq!(s, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn portfolio_in_json_html_and_markdown() {
    let items: Vec<Value> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/interventions"))
        .expect("examples")
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .map(|e| {
            serde_json::to_value(
                toml::from_str::<toml::Value>(&std::fs::read_to_string(e.path()).expect("read")).expect("toml"),
            )
            .expect("json")
        })
        .collect();
    let body = json!({ "interventions": items }).to_string();
    let (s, _, b) = send(app(), post_json("/api/v1/portfolio?on=2026-11-28", body.clone())).await;
    assert_eq!(s, StatusCode::OK, "{}", String::from_utf8_lossy(&b));
    let p = json_of(&b);
    assert_eq!(p["total"], 28);
    assert_eq!(p["coverage"].as_array().map(Vec::len), Some(7));
    let (s, h, b) = send(
        app(),
        post_json("/api/v1/portfolio?on=2026-11-28&format=html", body.clone()),
    )
    .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(h[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(String::from_utf8_lossy(&b).contains("<svg"));

    let bad = json!({ "interventions": [ {"intervention": {"name": "a"}}, {"intervention": {"name": "b"}, "answers": {"age-max": -1}} ] });
    let (s, h, b) = send(app(), post_json("/api/v1/portfolio", bad.to_string())).await;
    let p = assert_problem(s, &h, &b, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(p["errors"][0]["key"], "interventions[1].answers.age-max");

    let few = app_with(Options {
        portfolio_max: 2,
        ..Options::default()
    });
    let three = json!({ "interventions": [ {"intervention": {"name": "a"}}, {"intervention": {"name": "b"}}, {"intervention": {"name": "c"}} ] });
    let (s, h, b) = send(few, post_json("/api/v1/portfolio", three.to_string())).await;
    assert_problem(s, &h, &b, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn answers_round_trip_through_toml_download_and_upload() {
    let original = example();
    let (s, h, toml_text) = send(app(), post_json("/api/v1/answers/toml", original.to_string())).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap_or_default()
            .starts_with("attachment")
    );
    let req = Request::post("/api/v1/answers/parse")
        .body(Body::from(toml_text))
        .expect("request");
    let (s, _, b) = send(app(), req).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(json_of(&b), original);

    let req = Request::post("/api/v1/answers/parse")
        .body(Body::from("[intervention]\nname = \"x\"\n[answers]\nage-min = \n"))
        .expect("request");
    let (s, h, b) = send(app(), req).await;
    let p = assert_problem(s, &h, &b, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        p["detail"].as_str().unwrap_or_default().starts_with("line 4 column"),
        "{p}"
    );
    let req = Request::post("/api/v1/answers/parse")
        .body(Body::from(vec![0xff, 0xfe]))
        .expect("request");
    let (s, h, b) = send(app(), req).await;
    assert_problem(s, &h, &b, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn schemas_openapi_page_and_unknown_routes() {
    for name in ["framework-file", "intervention", "assessment"] {
        let (s, h, b) = send(app(), get(&format!("/api/v1/schemas/{name}"))).await;
        assert_eq!(s, StatusCode::OK);
        assert_eq!(h[header::CONTENT_TYPE], "application/schema+json");
        assert!(json_of(&b).get("$schema").is_some());
    }
    let (s, h, b) = send(app(), get("/api/v1/schemas/nope")).await;
    assert_problem(s, &h, &b, StatusCode::NOT_FOUND);
    let (s, _, b) = send(app(), get("/api/v1/openapi.json")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(json_of(&b)["openapi"], "3.1.0");
    let (s, h, b) = send(app(), get("/")).await;
    assert_eq!(s, StatusCode::OK);
    assert!(
        h[header::CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/html")
    );
    assert!(String::from_utf8_lossy(&b).contains("/static/scan.js"));
    for asset in ["/static/scan.js", "/static/scan.css"] {
        let (s, _, _) = send(app(), get(asset)).await;
        assert_eq!(s, StatusCode::OK);
    }
    let (s, h, b) = send(app(), get("/api/v2/anything")).await;
    assert_problem(s, &h, &b, StatusCode::NOT_FOUND);
}

/// The OpenAPI document lists exactly the routes the router has (read from the router's source).
#[test]
fn openapi_is_in_step_with_the_routes() {
    let src = include_str!("../src/lib.rs");
    let mut routes = std::collections::BTreeSet::new();
    for part in src.split(".route(\"").skip(1) {
        let path = part.split('"').next().unwrap_or_default();
        let method = if part.split(')').next().unwrap_or_default().contains("post(") {
            "post"
        } else {
            "get"
        };
        let rest = part.split_once(", ").map(|(_, r)| r).unwrap_or_default();
        let method = if rest.starts_with("post(") {
            "post"
        } else if rest.starts_with("get(") {
            "get"
        } else {
            method
        };
        routes.insert((path.to_owned(), method.to_owned()));
    }
    assert!(routes.len() >= 10, "{routes:?}");
    let doc = kader_server::openapi();
    let mut documented = std::collections::BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in item.as_object().expect("methods").keys() {
            documented.insert((path.clone(), method.clone()));
        }
    }
    assert_eq!(routes, documented);
}

#[tokio::test]
async fn security_headers_and_cors_off_by_default() {
    let req = Request::get("/api/v1/frameworks")
        .header(header::ORIGIN, "https://evil.example")
        .body(Body::empty())
        .expect("request");
    let (_, h, _) = send(app(), req).await;
    assert!(
        h[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap_or_default()
            .contains("default-src 'none'")
    );
    assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(h[header::REFERRER_POLICY], "no-referrer");
    assert_eq!(h[header::CACHE_CONTROL], "no-store");
    assert!(h.get(header::ACCESS_CONTROL_ALLOW_ORIGIN).is_none());

    let cors = app_with(Options {
        cors_origins: vec!["https://gemeente.example".into()],
        ..Options::default()
    });
    let req = Request::options("/api/v1/assess")
        .header(header::ORIGIN, "https://gemeente.example")
        .header(header::ACCESS_CONTROL_REQUEST_METHOD, "POST")
        .body(Body::empty())
        .expect("request");
    let (_, h, _) = send(cors, req).await;
    assert_eq!(h[header::ACCESS_CONTROL_ALLOW_ORIGIN], "https://gemeente.example");
}

/// A request body that never finishes arriving (a slow or stalled client).
struct Stalled;

impl http_body::Body for Stalled {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;
    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        std::task::Poll::Pending
    }
}

#[tokio::test]
async fn requests_over_the_time_limit_get_408() {
    let app = app_with(Options {
        timeout: std::time::Duration::from_millis(200),
        ..Options::default()
    });
    let req = Request::post("/api/v1/assess")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::new(Stalled))
        .expect("request");
    let (s, _, _) = send(app, req).await;
    assert_eq!(s, StatusCode::REQUEST_TIMEOUT);
}

#[tokio::test]
async fn no_input_makes_the_server_fail() {
    // A small deterministic generator of hostile bodies: random bytes, truncated and mutated JSON.
    let seed = example().to_string().into_bytes();
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let app = app();
    for i in 0..300 {
        let mut body = seed.clone();
        match i % 3 {
            0 => body.truncate((next() as usize) % body.len()),
            1 => {
                for _ in 0..4 {
                    let at = (next() as usize) % body.len();
                    body[at] = (next() & 0xff) as u8;
                }
            }
            _ => body = (0..(next() % 200)).map(|_| (next() & 0xff) as u8).collect(),
        }
        for uri in [
            "/api/v1/assess",
            "/api/v1/portfolio",
            "/api/v1/answers/toml",
            "/api/v1/answers/parse",
        ] {
            let (s, _, b) = send(app.clone(), post_json(uri, body.clone())).await;
            assert!(
                s.is_success() || s.is_client_error(),
                "{uri}: {s} for {:?}: {}",
                String::from_utf8_lossy(&body),
                String::from_utf8_lossy(&b)
            );
        }
    }
}
