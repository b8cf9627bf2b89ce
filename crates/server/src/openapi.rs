//! The OpenAPI 3.1 description of the API. A test keeps it in step with the router.

use serde_json::{Value, json};

fn problem() -> Value {
    json!({"description": "A problem (RFC 9457), naming the offending key in `errors`", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}})
}

fn assess_query() -> Value {
    json!([
        {"name": "lang", "in": "query", "schema": {"type": "string", "enum": ["nl", "en"], "default": "nl"}, "description": "Language of labels and texts"},
        {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Assessment date (default: today, UTC); recognition validity is judged on it"},
        {"name": "framework", "in": "query", "schema": {"type": "string"}, "description": "ID@VERSION; default: the intervention's own, else the latest released version"}
    ])
}

/// The OpenAPI document.
pub fn openapi() -> Value {
    let mut assess_params = assess_query();
    if let Some(a) = assess_params.as_array_mut() {
        a.push(json!({"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "html", "markdown", "text"], "default": "json"}}));
    }
    let mut portfolio_params = assess_query();
    if let Some(a) = portfolio_params.as_array_mut() {
        a.push(json!({"name": "format", "in": "query", "schema": {"type": "string", "enum": ["json", "html", "markdown"], "default": "json"}}));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "kader API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Assess youth crime-prevention interventions against the Dutch national quality framework (Landelijk kwaliteitskader effectieve jeugdinterventies). Stateless: nothing sent is stored or logged. kader is an independent, unofficial encoding of the framework: it was not written or approved by the Ministry of Justice and Security or by the framework's authors, and it is not the scan the ministry announced. The decision rules are an editorial reconstruction; every rule, criterion and reason in the assessment carries its provenance (`provenance.kind`, `provenance.sources`)."
        },
        "paths": {
            "/": {"get": {"summary": "The web scan", "responses": {"200": {"description": "HTML page", "content": {"text/html": {}}}}}},
            "/static/scan.js": {"get": {"summary": "Script of the web scan", "responses": {"200": {"description": "JavaScript", "content": {"text/javascript": {}}}}}},
            "/static/scan.css": {"get": {"summary": "Stylesheet of the web scan", "responses": {"200": {"description": "CSS", "content": {"text/css": {}}}}}},
            "/favicon.ico": {"get": {"summary": "No icon (204)", "responses": {"204": {"description": "No content"}}}},
            "/api/v1/frameworks": {"get": {
                "summary": "Framework versions served",
                "responses": {"200": {"description": "List of versions", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "required": ["id", "version", "status", "digest", "default"]}}}}}}
            }},
            "/api/v1/frameworks/{id}/{version}": {"get": {
                "summary": "What a form needs: groups, questions with choices and help texts, domains, practices, criteria, verdicts, actions",
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}},
                    {"name": "version", "in": "path", "required": true, "schema": {"type": "string"}}
                ],
                "responses": {"200": {"description": "Form view", "content": {"application/json": {}}}, "404": problem()}
            }},
            "/api/v1/assess": {"post": {
                "summary": "Assess one intervention",
                "parameters": assess_params,
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "/api/v1/schemas/intervention"}}}},
                "responses": {
                    "200": {"description": "The assessment", "content": {"application/json": {"schema": {"$ref": "/api/v1/schemas/assessment"}}, "text/html": {}, "text/markdown": {}, "text/plain": {}}},
                    "400": problem(), "404": problem(), "413": problem(), "415": problem(), "422": problem()
                }
            }},
            "/api/v1/portfolio": {"post": {
                "summary": "Assess a portfolio of interventions",
                "parameters": portfolio_params,
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["interventions"], "additionalProperties": false, "properties": {"interventions": {"type": "array", "items": {"$ref": "/api/v1/schemas/intervention"}}}}}}},
                "responses": {"200": {"description": "Portfolio summary", "content": {"application/json": {}, "text/html": {}, "text/markdown": {}}}, "400": problem(), "413": problem(), "415": problem(), "422": problem()}
            }},
            "/api/v1/answers/toml": {"post": {
                "summary": "An intervention (JSON) as an answers file (TOML), for download",
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "/api/v1/schemas/intervention"}}}},
                "responses": {"200": {"description": "TOML", "content": {"application/toml": {}}}, "400": problem(), "415": problem()}
            }},
            "/api/v1/answers/parse": {"post": {
                "summary": "Read an uploaded answers file (TOML or JSON) into intervention JSON",
                "requestBody": {"required": true, "content": {"application/toml": {}, "application/json": {}, "text/plain": {}}},
                "responses": {"200": {"description": "Intervention JSON", "content": {"application/json": {"schema": {"$ref": "/api/v1/schemas/intervention"}}}}, "422": problem()}
            }},
            "/api/v1/schemas/{name}": {"get": {
                "summary": "JSON Schemas: framework-file, intervention, assessment",
                "parameters": [{"name": "name", "in": "path", "required": true, "schema": {"type": "string", "enum": ["framework-file", "intervention", "assessment"]}}],
                "responses": {"200": {"description": "JSON Schema", "content": {"application/schema+json": {}}}, "404": problem()}
            }},
            "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {}}}}}}
        },
        "components": {"schemas": {"Problem": {
            "type": "object",
            "required": ["type", "title", "status", "detail"],
            "properties": {
                "type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"},
                "errors": {"type": "array", "items": {"type": "object", "required": ["key", "message"], "properties": {"key": {"type": "string"}, "message": {"type": "string"}}}}
            }
        }}}
    })
}
