//! Scoring `locate` on a labelled CSV (columns `affiliation`, `country`, and optionally
//! `country_basis` with `ambiguous` rows, as in `shared/affiliations/ismir2023.csv`).

use serde::Serialize;

use super::locate::locate;
use crate::error::{Error, Result};
use crate::reference::Gazetteer;

/// One row the tool got wrong or did not answer.
#[derive(Debug, Clone, Serialize)]
pub struct EvalCase {
    /// Line in the file (header = 1).
    pub line: usize,
    pub affiliation: String,
    pub gold: Option<String>,
    pub got: Option<String>,
    pub basis: Option<String>,
    pub matched: String,
    pub candidates: Vec<String>,
    pub why: Option<String>,
}

/// The figures the issue asks for, and every miss and wrong answer.
#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub file: String,
    pub rows: usize,
    /// Rows whose label has a country.
    pub with_country: usize,
    /// Of those, rows we answered, and answered correctly.
    pub answered: usize,
    pub correct: usize,
    /// correct / answered.
    pub accuracy: f64,
    /// answered / with_country.
    pub answered_share: f64,
    /// correct / with_country.
    pub strict_accuracy: f64,
    /// Rows labelled `ambiguous`, and those we abstained on.
    pub ambiguous: usize,
    pub ambiguous_abstained: usize,
    pub ambiguous_abstention: f64,
    /// Rows with no country that are not `ambiguous` (e.g. `unknown`), and our answers there.
    pub other_no_country: usize,
    pub other_no_country_answered: usize,
    pub wrong: Vec<EvalCase>,
    pub missed: Vec<EvalCase>,
    pub ambiguous_answered: Vec<EvalCase>,
}

/// Scores every row of `text` (a CSV named `file` in errors).
pub fn evaluate(g: &Gazetteer, file: &str, text: &str) -> Result<EvalReport> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Parse {
            file: file.to_string(),
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let missing = |name: &str| Error::MissingColumn {
        file: file.to_string(),
        column: name.to_string(),
        found: headers.iter().collect::<Vec<_>>().join(", "),
    };
    let c_aff = col("affiliation").ok_or_else(|| missing("affiliation"))?;
    let c_country = col("country").ok_or_else(|| missing("country"))?;
    let c_basis = col("country_basis");
    let mut r = EvalReport {
        file: file.to_string(),
        rows: 0,
        with_country: 0,
        answered: 0,
        correct: 0,
        accuracy: 0.0,
        answered_share: 0.0,
        strict_accuracy: 0.0,
        ambiguous: 0,
        ambiguous_abstained: 0,
        ambiguous_abstention: 0.0,
        other_no_country: 0,
        other_no_country_answered: 0,
        wrong: Vec::new(),
        missed: Vec::new(),
        ambiguous_answered: Vec::new(),
    };
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        let rec = rec.map_err(|e| Error::Parse {
            file: file.to_string(),
            line: e.position().map(|p| p.line() as usize).unwrap_or(line),
            message: e.to_string(),
        })?;
        let aff = rec.get(c_aff).unwrap_or_default();
        let gold = rec
            .get(c_country)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_uppercase);
        let ambiguous = c_basis
            .and_then(|c| rec.get(c))
            .is_some_and(|b| b.trim() == "ambiguous");
        let loc = locate(g, aff);
        let case = || EvalCase {
            line,
            affiliation: aff.to_string(),
            gold: gold.clone(),
            got: loc.iso2.clone(),
            basis: loc.basis.map(|b| b.as_str().to_string()),
            matched: loc.matched.clone(),
            candidates: loc.candidates.clone(),
            why: loc.abstain_reason.clone().or_else(|| loc.note.clone()),
        };
        r.rows += 1;
        match &gold {
            Some(g) => {
                r.with_country += 1;
                match &loc.iso2 {
                    Some(got) => {
                        r.answered += 1;
                        if got == g {
                            r.correct += 1;
                        } else {
                            r.wrong.push(case());
                        }
                    }
                    None => r.missed.push(case()),
                }
            }
            None if ambiguous => {
                r.ambiguous += 1;
                if loc.iso2.is_none() {
                    r.ambiguous_abstained += 1;
                } else {
                    r.ambiguous_answered.push(case());
                }
            }
            None => {
                r.other_no_country += 1;
                if loc.iso2.is_some() {
                    r.other_no_country_answered += 1;
                }
            }
        }
    }
    let ratio = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            ((a as f64 / b as f64) * 10000.0).round() / 10000.0
        }
    };
    r.accuracy = ratio(r.correct, r.answered);
    r.answered_share = ratio(r.answered, r.with_country);
    r.strict_accuracy = ratio(r.correct, r.with_country);
    r.ambiguous_abstention = ratio(r.ambiguous_abstained, r.ambiguous);
    Ok(r)
}
