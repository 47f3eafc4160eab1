//! The library's error type: every variant names the file, line, column or field at fault.

use std::path::PathBuf;

/// Errors of the greenmir library. Each variant carries enough context for a user to find
/// and fix the bad input without reading the source.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}, line {line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}, row {row}, column {column:?}: {message}")]
    Cell {
        file: String,
        row: usize,
        column: String,
        message: String,
    },
    #[error("{file}: missing column {column:?} (found: {found})")]
    MissingColumn {
        file: String,
        column: String,
        found: String,
    },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
    #[error("unknown {what} {name:?}{hint}")]
    Unknown {
        what: &'static str,
        name: String,
        hint: String,
    },
    #[error("method {method:?}: {message}")]
    Method { method: String, message: String },
    #[error("tables: {0}")]
    Polars(#[from] polars::error::PolarsError),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A TOML parse error as `file, line N: message` (the line of the error's span).
pub fn toml_error(file: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e
        .span()
        .map(|s| text[..s.start.min(text.len())].lines().count().max(1))
        .unwrap_or(1);
    Error::Parse {
        file: file.to_string(),
        line,
        message: e.message().to_string(),
    }
}

impl Error {
    pub fn read(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Read {
            path: path.into(),
            source,
        }
    }

    pub fn write(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Write {
            path: path.into(),
            source,
        }
    }

    pub fn invalid(file: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid {
            file: file.into(),
            message: message.into(),
        }
    }

    pub fn cell(
        file: impl Into<String>,
        row: usize,
        column: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Cell {
            file: file.into(),
            row,
            column: column.into(),
            message: message.into(),
        }
    }
}
