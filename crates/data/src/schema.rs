//! JSON Schemas of the file formats, generated from the model types.
//!
//! The generated schemas are committed in `framework-data/schema/`; a test fails when they are
//! stale (regenerate with `kader framework schema --write framework-data/schema`).

use kader_core::{Assessment, FrameworkFile, InterventionFile};
use schemars::JsonSchema;
use schemars::generate::SchemaSettings;

/// The published schemas: (file name, JSON text).
pub fn schemas() -> Vec<(&'static str, String)> {
    vec![
        (
            "framework-file.schema.json",
            render::<FrameworkFile>("A file of a kader framework version (framework-data/<id>/<version>/*.toml)."),
        ),
        (
            "intervention.schema.json",
            render::<InterventionFile>(
                "An intervention file: the intervention and its answers to a framework's questions.",
            ),
        ),
        (
            "assessment.schema.json",
            render::<Assessment>("The explained assessment kader gives (kader assess --format json)."),
        ),
    ]
}

fn render<T: JsonSchema>(description: &str) -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("description".into(), description.into());
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
