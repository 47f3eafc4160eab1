//! `Field<T>`: a value together with where it came from.

use serde::{Deserialize, Serialize};

use super::Evidence;

/// A value plus its origin. Tables, explanations and the review UI read origins from here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Field<T> {
    pub value: T,
    pub origin: Origin,
}

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// Read from the paper by the extractor.
    Extracted {
        confidence: f64,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        evidence: Vec<Evidence>,
    },
    /// Set or confirmed by a person.
    Annotated {
        by: String,
        at: String,
        reason: String,
    },
    /// Taken from another survey's data (e.g. the Green MIR sheets), naming sheet, row, column.
    Imported { source: String },
    /// Filled by a named rule when the paper is silent.
    Imputed { rule: String },
    /// A reference-data or method default (catalog TDP, PUE preset, world intensity).
    Default { source: String },
}

impl Origin {
    /// One short word for tables: `extracted`, `annotated`, `imported`, `imputed`, `default`.
    pub fn kind(&self) -> &'static str {
        match self {
            Origin::Extracted { .. } => "extracted",
            Origin::Annotated { .. } => "annotated",
            Origin::Imported { .. } => "imported",
            Origin::Imputed { .. } => "imputed",
            Origin::Default { .. } => "default",
        }
    }

    /// A one-line human account of the origin, for explanations.
    pub fn describe(&self) -> String {
        match self {
            Origin::Extracted {
                confidence,
                evidence,
            } => match evidence.first() {
                Some(ev) => format!(
                    "extracted (confidence {confidence:.2}) from {}: \"{}\"",
                    ev.page
                        .map(|p| format!("page {p}"))
                        .unwrap_or_else(|| "the text".into()),
                    ev.text
                ),
                None => format!("extracted (confidence {confidence:.2})"),
            },
            Origin::Annotated { by, at, reason } => {
                format!("annotated by {by} at {at}: {reason}")
            }
            Origin::Imported { source } => format!("imported from {source}"),
            Origin::Imputed { rule } => format!("imputed: {rule}"),
            Origin::Default { source } => format!("default: {source}"),
        }
    }
}

impl<T> Field<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Field { value, origin }
    }

    pub fn imported(value: T, source: impl Into<String>) -> Self {
        Field::new(
            value,
            Origin::Imported {
                source: source.into(),
            },
        )
    }

    pub fn default_from(value: T, source: impl Into<String>) -> Self {
        Field::new(
            value,
            Origin::Default {
                source: source.into(),
            },
        )
    }
}
