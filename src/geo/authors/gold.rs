//! Scoring paper countries read from the documents against the corpus's gold labels
//! (`gold.jsonl` with `id` and `countries`; `manifest.csv` with `id` and `main`): per-paper
//! set F1, micro over papers (true/false positives and negatives summed) and macro (the mean
//! of per-paper F1, a paper with no gold and no predicted country scoring 1).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::{affiliations_from, paper_countries};
use crate::error::{Error, Result};
use crate::model::Affiliation;
use crate::reference::Gazetteer;
use crate::text::{Document, TextError};

/// One paper's countries, read and labelled.
#[derive(Debug, Clone, Serialize)]
pub struct GoldPaper {
    pub id: String,
    pub document: String,
    pub gold: Vec<String>,
    pub predicted: Vec<String>,
    /// The affiliations found, with their countries.
    pub affiliations: Vec<Affiliation>,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub f1: f64,
    /// Why the document could not be read (then nothing is predicted).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The scores and every paper whose predicted set differs from the gold one.
#[derive(Debug, Clone, Serialize)]
pub struct GoldReport {
    pub gold_file: String,
    pub docs: String,
    pub papers: usize,
    /// Documents that could not be read.
    pub unreadable: usize,
    /// Papers whose predicted set equals the gold set.
    pub exact: usize,
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub micro_f1: f64,
    pub macro_f1: f64,
    pub misses: Vec<GoldPaper>,
}

#[derive(Deserialize)]
struct GoldLine {
    id: String,
    #[serde(default)]
    countries: Vec<String>,
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Set F1 of one paper: 1 when both sets are empty.
fn set_scores(gold: &[String], predicted: &[String]) -> (usize, usize, usize, f64) {
    let g: BTreeSet<&String> = gold.iter().collect();
    let p: BTreeSet<&String> = predicted.iter().collect();
    let tp = g.intersection(&p).count();
    let fp = p.len() - tp;
    let fn_ = g.len() - tp;
    let f1 = if tp + fp + fn_ == 0 {
        1.0
    } else {
        2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
    };
    (tp, fp, fn_, f1)
}

/// `id` → `main` of the manifest beside the gold file.
fn manifest(path: &Path) -> Result<HashMap<String, String>> {
    let file = path.display().to_string();
    let text = crate::atomic::read_text(path)?;
    let mut rdr = csv::Reader::from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Parse {
            file: file.clone(),
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| Error::MissingColumn {
                file: file.clone(),
                column: name.to_string(),
                found: headers.iter().collect::<Vec<_>>().join(", "),
            })
    };
    let (c_id, c_main) = (col("id")?, col("main")?);
    let mut out = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| Error::Parse {
            file: file.clone(),
            line: i + 2,
            message: e.to_string(),
        })?;
        out.insert(
            rec.get(c_id).unwrap_or_default().trim().to_string(),
            rec.get(c_main).unwrap_or_default().trim().to_string(),
        );
    }
    Ok(out)
}

/// Reads every gold paper's document (through `read`, so the caller may cache) and scores the
/// countries found. `docs` defaults to `papers/` beside the gold file; `manifest.csv` beside
/// the gold file names each paper's document. A document that cannot be read scores as
/// predicting nothing, and the report says why.
pub fn evaluate_gold(
    g: &Gazetteer,
    gold_path: &Path,
    docs: Option<&Path>,
    read: impl Fn(&Path) -> Result<Document, TextError>,
) -> Result<GoldReport> {
    let dir = gold_path.parent().unwrap_or(Path::new("."));
    let docs: PathBuf = docs
        .map(Path::to_path_buf)
        .unwrap_or_else(|| dir.join("papers"));
    let mains = manifest(&dir.join("manifest.csv"))?;
    let file = gold_path.display().to_string();
    let text = crate::atomic::read_text(gold_path)?;
    let mut papers: Vec<GoldPaper> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let gl: GoldLine = serde_json::from_str(line).map_err(|e| Error::Parse {
            file: file.clone(),
            line: i + 1,
            message: e.to_string(),
        })?;
        let main = mains.get(&gl.id).ok_or_else(|| Error::Invalid {
            file: file.clone(),
            message: format!("paper {:?} (line {}) is not in manifest.csv", gl.id, i + 1),
        })?;
        let path = docs.join(main);
        let mut gold: Vec<String> = gl.countries.iter().map(|c| c.to_uppercase()).collect();
        gold.sort();
        gold.dedup();
        let (affiliations, predicted, error) = match read(&path) {
            Ok(doc) => {
                let found = affiliations_from(&doc, g);
                // Scored as a set against the gold's sorted codes.
                let mut countries = paper_countries(&found);
                countries.sort();
                (found.into_iter().map(|(a, _)| a).collect(), countries, None)
            }
            Err(e) => (Vec::new(), Vec::new(), Some(e.to_string())),
        };
        let (tp, fp, fn_, f1) = set_scores(&gold, &predicted);
        papers.push(GoldPaper {
            id: gl.id,
            document: path.display().to_string(),
            gold,
            predicted,
            affiliations,
            tp,
            fp,
            fn_,
            f1,
            error,
        });
    }
    let n = papers.len();
    let (tp, fp, fn_) = papers
        .iter()
        .fold((0, 0, 0), |(a, b, c), p| (a + p.tp, b + p.fp, c + p.fn_));
    let ratio = |a: usize, b: usize| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    Ok(GoldReport {
        gold_file: file,
        docs: docs.display().to_string(),
        papers: n,
        unreadable: papers.iter().filter(|p| p.error.is_some()).count(),
        exact: papers.iter().filter(|p| p.gold == p.predicted).count(),
        tp,
        fp,
        fn_,
        precision: round4(ratio(tp, tp + fp)),
        recall: round4(ratio(tp, tp + fn_)),
        micro_f1: round4(ratio(2 * tp, 2 * tp + fp + fn_)),
        macro_f1: round4(if n == 0 {
            0.0
        } else {
            papers.iter().map(|p| p.f1).sum::<f64>() / n as f64
        }),
        misses: papers
            .into_iter()
            .filter(|p| p.gold != p.predicted)
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn set_f1_per_paper() {
        assert_eq!(set_scores(&v(&[]), &v(&[])), (0, 0, 0, 1.0));
        assert_eq!(set_scores(&v(&["US"]), &v(&[])), (0, 0, 1, 0.0));
        assert_eq!(set_scores(&v(&[]), &v(&["DE"])), (0, 1, 0, 0.0));
        let (tp, fp, fn_, f1) = set_scores(&v(&["CA", "DE", "PL"]), &v(&["DE", "PL", "US"]));
        assert_eq!((tp, fp, fn_), (2, 1, 1));
        assert!((f1 - 2.0 / 3.0).abs() < 1e-9);
    }
}
