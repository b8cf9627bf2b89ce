//! `application/problem+json` errors (RFC 9457).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// One problem with a key.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct KeyError {
    /// The offending key (a JSON path such as `answers.age-min`).
    pub(crate) key: String,
    /// What was expected and what was found.
    pub(crate) message: String,
}

/// A problem response.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Problem {
    #[serde(rename = "type")]
    pub(crate) kind: String,
    pub(crate) title: String,
    pub(crate) status: u16,
    pub(crate) detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) errors: Vec<KeyError>,
}

impl Problem {
    pub(crate) fn new(status: StatusCode, kind: &str, detail: String) -> Problem {
        Problem {
            kind: format!("https://kader.invalid/problems/{kind}"),
            title: status.canonical_reason().unwrap_or("error").to_owned(),
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
        }
    }

    pub(crate) fn with_errors(mut self, errors: Vec<KeyError>) -> Problem {
        self.errors = errors;
        self
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut r = (status, body).into_response();
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        r
    }
}
