//! Typed CSV loading with errors that name the file and line.

use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// Parses `text` (a CSV with a header row) into rows of `T`, naming `file` and the line of
/// the first bad row.
pub fn parse_rows<T: DeserializeOwned>(file: &str, text: &str) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in reader.deserialize::<T>().enumerate() {
        let row = rec.map_err(|e| Error::Parse {
            file: file.to_string(),
            line: e.position().map(|p| p.line() as usize).unwrap_or(i + 2),
            message: e.to_string(),
        })?;
        rows.push(row);
    }
    Ok(rows)
}

/// Splits a `|`-separated list cell, dropping empty items.
pub fn split_list(cell: &str) -> Vec<String> {
    cell.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}
