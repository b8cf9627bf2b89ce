//! The route handlers.

use crate::AppState;
use crate::form::form_view;
use crate::problem::{KeyError, Problem};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kader_core::{Date, InterventionFile, Lang};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

type AppResult = Result<Response, Problem>;

const INDEX: &str = include_str!("../static/index.html");
const SCRIPT: &str = include_str!("../static/scan.js");
const STYLE: &str = include_str!("../static/scan.css");

fn with_type(body: impl Into<String>, content_type: &'static str) -> Response {
    let mut r = body.into().into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r
}

pub(crate) async fn index() -> Response {
    with_type(INDEX, "text/html; charset=utf-8")
}

pub(crate) async fn script() -> Response {
    with_type(SCRIPT, "text/javascript; charset=utf-8")
}

pub(crate) async fn style() -> Response {
    with_type(STYLE, "text/css; charset=utf-8")
}

/// Browsers ask for it; there is none (204 keeps their consoles clean).
pub(crate) async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

pub(crate) async fn not_found() -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        "no such route; see /api/v1/openapi.json".into(),
    )
}

#[derive(Debug, Serialize)]
struct Summary<'a> {
    id: &'a str,
    version: &'a str,
    status: kader_core::Status,
    digest: &'a str,
    title: &'a kader_core::Text,
    default: bool,
}

pub(crate) async fn frameworks(State(state): State<Arc<AppState>>) -> Response {
    let list: Vec<Summary<'_>> = state
        .frameworks
        .iter()
        .map(|(l, _)| Summary {
            id: &l.framework.framework.id,
            version: &l.framework.framework.version,
            status: l.framework.framework.status,
            digest: &l.digest,
            title: &l.framework.framework.title,
            default: l.key() == state.default_key,
        })
        .collect();
    Json(list).into_response()
}

pub(crate) async fn framework(
    State(state): State<Arc<AppState>>,
    Path((id, version)): Path<(String, String)>,
) -> AppResult {
    let key = format!("{id}@{version}");
    let (loaded, _) = state.find(&key).ok_or_else(|| unknown_framework(&state, &key))?;
    Ok(Json(form_view(&loaded.framework, &loaded.digest)).into_response())
}

fn unknown_framework(state: &AppState, key: &str) -> Problem {
    let available: Vec<String> = state.frameworks.iter().map(|(l, _)| l.key()).collect();
    Problem::new(
        StatusCode::NOT_FOUND,
        "unknown-framework",
        format!("no framework version `{key}`; available: {}", available.join(", ")),
    )
}

/// Query parameters of the assessment routes.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssessQuery {
    lang: Option<String>,
    on: Option<String>,
    format: Option<String>,
    framework: Option<String>,
}

impl AssessQuery {
    fn lang(&self) -> Result<Lang, Problem> {
        match self.lang.as_deref() {
            None => Ok(Lang::Nl),
            Some(code) => Lang::from_code(code).ok_or_else(|| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "bad-query",
                    format!("`lang`: expected `nl` or `en`, found `{code}`"),
                )
                .with_errors(vec![KeyError {
                    key: "lang".into(),
                    message: format!("expected `nl` or `en`, found `{code}`"),
                }])
            }),
        }
    }

    fn on(&self) -> Result<Date, Problem> {
        match self.on.as_deref() {
            None => Ok(today()),
            Some(s) => s.parse().map_err(|_| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "bad-query",
                    format!("`on`: expected a date as YYYY-MM-DD, found `{s}`"),
                )
                .with_errors(vec![KeyError {
                    key: "on".into(),
                    message: format!("expected a date as YYYY-MM-DD, found `{s}`"),
                }])
            }),
        }
    }

    fn format(&self, allowed: &[&str]) -> Result<String, Problem> {
        let f = self.format.clone().unwrap_or_else(|| "json".into());
        if allowed.contains(&f.as_str()) {
            Ok(f)
        } else {
            Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "bad-query",
                format!("`format`: expected one of {}, found `{f}`", allowed.join(", ")),
            )
            .with_errors(vec![KeyError {
                key: "format".into(),
                message: format!("expected one of {}, found `{f}`", allowed.join(", ")),
            }]))
        }
    }
}

/// Today in UTC (the default assessment date).
fn today() -> Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() / 86_400)
        .unwrap_or(0);
    Date::from_days_since_epoch(i64::try_from(days).unwrap_or(0)).unwrap_or(Date::UNIX_EPOCH)
}

fn require_json(headers: &HeaderMap) -> Result<(), Problem> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let essence = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    if essence == "application/json" || essence.ends_with("+json") {
        Ok(())
    } else {
        Err(Problem::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported-media-type",
            format!("expected `Content-Type: application/json`, found `{ct}`"),
        ))
    }
}

/// Strict JSON: unknown keys and wrong types are errors naming the key path.
fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(v) => v,
        Err(e) => {
            let key = e.path().to_string();
            return Err(json_problem(
                if key == "." { String::new() } else { key },
                e.into_inner(),
            ));
        }
    };
    // Trailing characters after the value.
    de.end().map_err(|e| json_problem(String::new(), e))?;
    Ok(value)
}

fn json_problem(key: String, inner: serde_json::Error) -> Problem {
    let message = strip_position(&inner.to_string());
    let detail = if inner.is_syntax() || inner.is_eof() {
        format!(
            "invalid JSON at line {} column {}: {message}",
            inner.line(),
            inner.column()
        )
    } else if key.is_empty() {
        message.clone()
    } else {
        format!("`{key}`: {message}")
    };
    Problem::new(StatusCode::BAD_REQUEST, "invalid-json", detail).with_errors(vec![KeyError { key, message }])
}

fn strip_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_owned(),
        None => msg.to_owned(),
    }
}

fn assess_one(
    state: &AppState,
    file: &InterventionFile,
    query: &AssessQuery,
    lang: Lang,
    on: Date,
    index: Option<usize>,
) -> Result<kader_core::Assessment, Problem> {
    let key = query
        .framework
        .clone()
        .or_else(|| file.framework.clone())
        .unwrap_or_else(|| state.default_key.clone());
    let (_, compiled) = state.find(&key).ok_or_else(|| unknown_framework(state, &key))?;
    let dense = compiled.validate(&file.answers).map_err(|errors| {
        let prefix = index.map(|i| format!("interventions[{i}].")).unwrap_or_default();
        let errors: Vec<KeyError> = errors
            .iter()
            .map(|e| KeyError {
                key: match e.index {
                    Some(i) => format!("{prefix}answers.{}[{i}]", e.key),
                    None => format!("{prefix}answers.{}", e.key),
                },
                message: e.detail(lang),
            })
            .collect();
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-answers",
            match lang {
                Lang::Nl => format!("{} antwoord(en) passen niet bij de vragen van {key}", errors.len()),
                Lang::En => format!("{} answer(s) do not fit the questions of {key}", errors.len()),
            },
        )
        .with_errors(errors)
    })?;
    Ok(compiled.assess(&file.intervention, &file.answers, &dense, on, lang))
}

pub(crate) async fn assess(
    State(state): State<Arc<AppState>>,
    Query(query): Query<AssessQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult {
    require_json(&headers)?;
    let lang = query.lang()?;
    let on = query.on()?;
    let format = query.format(&["json", "html", "markdown", "text"])?;
    let file: InterventionFile = parse_json(&body)?;
    let a = assess_one(&state, &file, &query, lang, on, None)?;
    Ok(match format.as_str() {
        "html" => with_type(kader_report::html(&a), "text/html; charset=utf-8"),
        "markdown" => with_type(kader_report::markdown(&a), "text/markdown; charset=utf-8"),
        "text" => with_type(kader_report::text(&a, false), "text/plain; charset=utf-8"),
        _ => Json(a).into_response(),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PortfolioRequest {
    interventions: Vec<InterventionFile>,
}

pub(crate) async fn portfolio(
    State(state): State<Arc<AppState>>,
    Query(query): Query<AssessQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> AppResult {
    require_json(&headers)?;
    let lang = query.lang()?;
    let on = query.on()?;
    let format = query.format(&["json", "html", "markdown"])?;
    let req: PortfolioRequest = parse_json(&body)?;
    if req.interventions.len() > state.options.portfolio_max {
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-many-interventions",
            format!(
                "at most {} interventions per request, found {}",
                state.options.portfolio_max,
                req.interventions.len()
            ),
        ));
    }
    let mut entries = Vec::with_capacity(req.interventions.len());
    let mut errors = Vec::new();
    for (i, file) in req.interventions.iter().enumerate() {
        match assess_one(&state, file, &query, lang, on, Some(i)) {
            Ok(a) => {
                let fw = state
                    .find(&format!("{}@{}", a.framework.id, a.framework.version))
                    .map(|(l, _)| &l.framework);
                entries.push(kader_report::portfolio::Entry {
                    file: format!("interventions[{i}]"),
                    assessment: a,
                    domains: fw
                        .map(|fw| kader_report::portfolio::domains_answered(fw, &file.answers))
                        .unwrap_or_default(),
                });
            }
            Err(p) if p.status == 422 => errors.extend(p.errors),
            Err(p) => return Err(p),
        }
    }
    if !errors.is_empty() {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-answers",
            format!("{} answer(s) are invalid", errors.len()),
        )
        .with_errors(errors));
    }
    let key = query.framework.clone().unwrap_or_else(|| state.default_key.clone());
    let (loaded, _) = state.find(&key).ok_or_else(|| unknown_framework(&state, &key))?;
    let p = kader_report::portfolio::Portfolio::for_framework(&entries, &loaded.framework, lang);
    Ok(match format.as_str() {
        "html" => with_type(p.html(), "text/html; charset=utf-8"),
        "markdown" => with_type(p.markdown(), "text/markdown; charset=utf-8"),
        _ => Json(p).into_response(),
    })
}

/// Intervention JSON → the answers file as TOML, for download.
pub(crate) async fn answers_toml(headers: HeaderMap, body: Bytes) -> AppResult {
    require_json(&headers)?;
    let file: InterventionFile = parse_json(&body)?;
    let text = toml::to_string(&file)
        .map_err(|e| Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "not-representable", e.to_string()))?;
    let mut r = with_type(
        format!("# kader: antwoorden / answers. Beoordeel met / assess with: kader assess <dit bestand>\n{text}"),
        "application/toml; charset=utf-8",
    );
    r.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"antwoorden.toml\""),
    );
    Ok(r)
}

/// An uploaded answers file (TOML or JSON) → intervention JSON, with positions for errors.
pub(crate) async fn answers_parse(body: Bytes) -> AppResult {
    let text = std::str::from_utf8(&body).map_err(|e| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "not-utf8",
            format!("expected UTF-8 text, found invalid bytes at byte {}", e.valid_up_to()),
        )
    })?;
    match kader_data::intervention::parse("upload", text) {
        Ok(file) => Ok(Json(file).into_response()),
        Err(d) => Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid-answers-file",
            d.first()
                .map(|x| format!("line {} column {}: {}", x.line, x.column, x.message))
                .unwrap_or_default(),
        )
        .with_errors(
            d.iter()
                .map(|x| KeyError {
                    key: x.key.clone(),
                    message: format!("line {} column {}: {}", x.line, x.column, x.message),
                })
                .collect(),
        )),
    }
}

pub(crate) async fn schema(Path(name): Path<String>) -> AppResult {
    let schemas = kader_data::schema::schemas();
    let want = name.trim_end_matches(".json").trim_end_matches(".schema");
    schemas
        .iter()
        .find(|(n, _)| n.trim_end_matches(".schema.json") == want)
        .map(|(_, text)| with_type(text.clone(), "application/schema+json"))
        .ok_or_else(|| {
            let names: Vec<&str> = schemas
                .iter()
                .map(|(n, _)| n.trim_end_matches(".schema.json"))
                .collect();
            Problem::new(
                StatusCode::NOT_FOUND,
                "unknown-schema",
                format!("no schema `{name}`; available: {}", names.join(", ")),
            )
        })
}

pub(crate) async fn openapi_doc() -> Response {
    Json(crate::openapi()).into_response()
}
