//! Power usage effectiveness presets, each with its source.

use serde::Deserialize;

use super::csv_rows::parse_rows;
use crate::error::Result;

#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct PuePreset {
    pub id: String,
    pub pue: f64,
    pub label: String,
    pub source: String,
}

pub fn parse(csv: &str) -> Result<Vec<PuePreset>> {
    parse_rows("pue.csv", csv)
}
