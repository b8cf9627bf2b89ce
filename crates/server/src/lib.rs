//! `kader-server`: the HTTP API and the web scan.
//!
//! ```text
//! GET  /                                     the web scan (HTML, no build step)
//! GET  /api/v1/frameworks                    the framework versions served
//! GET  /api/v1/frameworks/{id}/{version}     what a form needs: groups, questions, choices, help, domains, criteria
//! POST /api/v1/assess                        intervention JSON -> assessment (json, html, markdown or text)
//! POST /api/v1/portfolio                     {"interventions": [...]} -> portfolio (json, html or markdown)
//! POST /api/v1/answers/toml                  intervention JSON -> the answers file as TOML (download)
//! POST /api/v1/answers/parse                 an answers file (TOML or JSON) -> intervention JSON (upload)
//! GET  /api/v1/schemas/{name}                JSON Schemas (framework-file, intervention, assessment)
//! GET  /api/v1/openapi.json                  OpenAPI 3.1 description of all of the above
//! ```
//!
//! Stateless: nothing of a request is stored or logged. Bodies are limited (413), requests time
//! out (408), concurrency is limited, bad JSON gives `application/problem+json` naming the key,
//! CORS is off unless an origin is configured, and every response carries security headers.
#![deny(missing_docs)]

mod api;
mod form;
mod openapi;
mod problem;

pub use openapi::openapi;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::routing::{get, post};
use kader_data::Loaded;
use kader_rules::Compiled;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::cors::CorsLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Server settings.
#[derive(Debug, Clone)]
pub struct Options {
    /// Largest request body for single assessments and answer files, in bytes.
    pub body_limit: usize,
    /// Largest request body for portfolios, in bytes.
    pub portfolio_body_limit: usize,
    /// Most interventions in one portfolio request.
    pub portfolio_max: usize,
    /// Time a request may take.
    pub timeout: Duration,
    /// Requests handled at once; more wait.
    pub concurrency: usize,
    /// Origins allowed by CORS; empty: CORS off.
    pub cors_origins: Vec<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            body_limit: 256 * 1024,
            portfolio_body_limit: 16 * 1024 * 1024,
            portfolio_max: 10_000,
            timeout: Duration::from_secs(10),
            concurrency: 256,
            cors_origins: Vec::new(),
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// A framework version did not load.
    #[error("framework {key}: {message}")]
    Framework {
        /// `id@version`.
        key: String,
        /// Why.
        message: String,
    },
    /// A CORS origin is not a valid header value.
    #[error("--cors-origin `{0}` is not a valid origin")]
    Origin(String),
    /// Binding or serving failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Every embedded framework version, loaded and compiled once at start.
#[derive(Debug)]
pub struct AppState {
    pub(crate) frameworks: Vec<(Loaded, Compiled)>,
    pub(crate) default_key: String,
    pub(crate) options: Options,
}

impl AppState {
    /// Loads and compiles every embedded framework version.
    pub fn load(options: Options) -> Result<AppState, ServeError> {
        let mut frameworks = Vec::new();
        for v in kader_data::versions() {
            let key = format!("{}@{}", v.id, v.version);
            let loaded = kader_data::get(&v.id, &v.version).map_err(|e| ServeError::Framework {
                key: key.clone(),
                message: e.to_string(),
            })?;
            let compiled = loaded.compile().map_err(|e| ServeError::Framework {
                key: key.clone(),
                message: e.to_string(),
            })?;
            frameworks.push((loaded, compiled));
        }
        Ok(AppState {
            frameworks,
            default_key: kader_data::default_key(),
            options,
        })
    }

    pub(crate) fn find(&self, key: &str) -> Option<&(Loaded, Compiled)> {
        let (id, version) = match key.split_once('@') {
            Some((i, v)) => (i, Some(v)),
            None => (key, None),
        };
        match version {
            Some(v) => self
                .frameworks
                .iter()
                .find(|(l, _)| l.framework.framework.id == id && l.framework.framework.version == v),
            None => {
                let latest = kader_data::versions()
                    .into_iter()
                    .filter(|x| x.id == id && x.released)
                    .max_by(|a, b| kader_data::compare_versions(&a.version, &b.version))?;
                self.find(&format!("{}@{}", latest.id, latest.version))
            }
        }
    }
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The router with every route and the hardening layers.
pub fn router(state: AppState) -> Result<Router, ServeError> {
    let options = state.options.clone();
    let state = Arc::new(state);
    let portfolio = Router::new()
        .route("/api/v1/portfolio", post(api::portfolio))
        .layer(DefaultBodyLimit::max(options.portfolio_body_limit));
    let mut app = Router::new()
        .route("/", get(api::index))
        .route("/static/scan.js", get(api::script))
        .route("/static/scan.css", get(api::style))
        .route("/favicon.ico", get(api::favicon))
        .route("/api/v1/frameworks", get(api::frameworks))
        .route("/api/v1/frameworks/{id}/{version}", get(api::framework))
        .route("/api/v1/assess", post(api::assess))
        .route("/api/v1/answers/toml", post(api::answers_toml))
        .route("/api/v1/answers/parse", post(api::answers_parse))
        .route("/api/v1/schemas/{name}", get(api::schema))
        .route("/api/v1/openapi.json", get(api::openapi_doc))
        .layer(DefaultBodyLimit::max(options.body_limit))
        .merge(portfolio)
        .fallback(api::not_found)
        .with_state(state)
        .layer(tower::limit::ConcurrencyLimitLayer::new(options.concurrency.max(1)))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            options.timeout,
        ));
    if !options.cors_origins.is_empty() {
        let mut origins = Vec::new();
        for o in &options.cors_origins {
            origins.push(HeaderValue::from_str(o).map_err(|_| ServeError::Origin(o.clone()))?);
        }
        app = app.layer(
            CorsLayer::new()
                .allow_origin(origins)
                .allow_methods([Method::GET, Method::POST])
                .allow_headers([header::CONTENT_TYPE]),
        );
    }
    let headers: [(HeaderName, &str); 6] = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=()",
        ),
    ];
    for (name, value) in headers {
        app = app.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    Ok(app.layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store"),
    )))
}

/// Serves on `addr` until Ctrl-C. Prints the address it listens on.
pub fn serve(addr: SocketAddr, options: Options) -> Result<(), ServeError> {
    let state = AppState::load(options)?;
    let app = router(state)?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        let local = listener.local_addr()?;
        println!("kader serve: http://{local}/ (API: http://{local}/api/v1/openapi.json)");
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
