//! The Green MIR study's two annotation sheets (CSV exports): corpus 1 (automatic music
//! generation, 80 papers) and corpus 2 (computing-heavy music analysis, 33 papers).
//!
//! Quirks handled: the first data row describes the columns; countries are free text
//! ("UAE, Singapore, China"); a paper with several runs has `;`-separated cells
//! (`250;300`, `8;16`, `30;80`); compute disclosure may carry a qualifier ("Partial (inference)").

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use regex::Regex;

use crate::error::{Error, Result};
use crate::model::{
    CountryRef, Disclosure, DisclosureLevel, Evidence, Field, Hours, Paper, PaperRecord, Purpose,
    Run,
};
use crate::reference::Reference;

/// What an import produced, and what it could not place.
#[derive(Debug)]
pub struct ImportReport {
    pub records: Vec<PaperRecord>,
    /// Sheets read, in order.
    pub sheets: Vec<PathBuf>,
    /// Cells kept but flagged (e.g. a country name not in the reference data).
    pub warnings: Vec<String>,
}

/// One sheet's header, with the columns we read located by name.
struct Columns {
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Columns {
    fn new(names: Vec<String>) -> Self {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.trim().to_string(), i))
            .collect();
        Columns { names, index }
    }

    fn find(&self, options: &[&str]) -> Option<usize> {
        options.iter().find_map(|o| self.index.get(*o).copied())
    }

    fn require(&self, sheet: &str, options: &[&str]) -> Result<usize> {
        self.find(options).ok_or_else(|| Error::MissingColumn {
            file: sheet.to_string(),
            column: options.join("\" or \""),
            found: self.names.join(", "),
        })
    }
}

/// Reads every Green MIR sheet (`*.csv` with a `Global_idx` column) in `dir`.
pub fn import_greenmir_sheets(dir: &Path, reference: &Reference) -> Result<ImportReport> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
    let mut sheets: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    sheets.sort();
    let mut report = ImportReport {
        records: Vec::new(),
        sheets: Vec::new(),
        warnings: Vec::new(),
    };
    for path in sheets {
        let text = std::fs::read_to_string(&path).map_err(|e| Error::read(&path, e))?;
        if !text.starts_with("Global_idx") && !text.starts_with("\u{feff}Global_idx") {
            continue;
        }
        read_sheet(&path, &text, reference, &mut report)?;
        report.sheets.push(path);
    }
    if report.sheets.is_empty() {
        return Err(Error::invalid(
            dir.display().to_string(),
            "no Green MIR sheet here (a .csv whose header starts with Global_idx)",
        ));
    }
    let mut seen = HashMap::new();
    for r in &report.records {
        if let Some(prev) = seen.insert(r.paper.id.clone(), r.paper.title.clone()) {
            return Err(Error::invalid(
                dir.display().to_string(),
                format!(
                    "paper id {} occurs twice ({:?} and {:?})",
                    r.paper.id, prev, r.paper.title
                ),
            ));
        }
    }
    report.records.sort_by(|a, b| a.paper.id.cmp(&b.paper.id));
    Ok(report)
}

fn read_sheet(
    path: &Path,
    text: &str,
    reference: &Reference,
    report: &mut ImportReport,
) -> Result<()> {
    let sheet = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| Error::invalid(&sheet, e.to_string()))?
        .iter()
        .map(String::from)
        .collect();
    let cols = Columns::new(header);
    let c_idx = cols.require(&sheet, &["Global_idx"])?;
    let c_year = cols.require(&sheet, &["Year"])?;
    let c_title = cols.require(&sheet, &["Title"])?;
    let c_link = cols.require(&sheet, &["Link"])?;
    let c_info = cols.require(
        &sheet,
        &["Total Compute Info", "Total Compute Info (Train)"],
    )?;
    let c_tdp = cols.require(&sheet, &["TDP/W"])?;
    let c_n = cols.require(&sheet, &["Number of GPUs"])?;
    let c_hours = cols.require(&sheet, &["Training time (2)"])?;
    let c_energy = cols.require(&sheet, &["Energy cost"])?;
    let c_countries = cols.find(&["Countries"]);
    let c_time_text = cols.find(&["Training time"]);
    let c_resources = cols.find(&["Resources", "GPU*"]);
    let id_re = Regex::new(r"ismir(\d{4})/paper/0*(\d+)\.pdf").expect("valid regex");

    for (i, rec) in reader.records().enumerate() {
        // Spreadsheet row numbers: header is row 1, so the i-th record is row i + 2.
        let row = i + 2;
        let rec = rec.map_err(|e| Error::Parse {
            file: sheet.clone(),
            line: row,
            message: e.to_string(),
        })?;
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        if cell(c_idx).starts_with("(description") {
            continue;
        }
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let src = |c: usize| {
            format!(
                "Green MIR sheet {sheet}, row {row}, column {:?}",
                cols.names[c]
            )
        };
        let bad = |c: usize, msg: String| Error::cell(&sheet, row, cols.names[c].clone(), msg);

        let year: i32 = cell(c_year)
            .parse()
            .map_err(|_| bad(c_year, format!("expected a year, got {:?}", cell(c_year))))?;
        let title = cell(c_title).to_string();
        if title.is_empty() {
            return Err(bad(c_title, "empty title".into()));
        }
        let link = cell(c_link).to_string();
        let id = match id_re.captures(&link) {
            Some(c) => format!("ismir{}-{:03}", &c[1], c[2].parse::<u32>().unwrap_or(0)),
            None => format!("greenmir-{}", cell(c_idx)),
        };
        let mut rec_out = PaperRecord::new(Paper {
            id,
            venue: Some("ISMIR".into()),
            year: Some(year),
            title,
            authors: Vec::new(),
            doi: None,
            pdf_url: (!link.is_empty()).then_some(link),
            sha256: None,
        });

        let info = cell(c_info);
        let disclosure = parse_disclosure(info).ok_or_else(|| {
            bad(
                c_info,
                format!(
                    "expected Full, Partial or None (optionally with a qualifier), got {info:?}"
                ),
            )
        })?;
        rec_out.disclosure = Some(Field::imported(disclosure, src(c_info)));

        let evidence: Vec<Evidence> = [c_time_text, c_resources]
            .into_iter()
            .flatten()
            .map(cell)
            .filter(|t| !is_blank(t) && *t != "No" && *t != "[withheld]")
            .map(|t| Evidence {
                page: None,
                text: t.to_string(),
                start: None,
                end: None,
            })
            .collect();
        let cells = RunCells {
            tdp: numbers(cell(c_tdp)).map_err(|m| bad(c_tdp, m))?,
            count: numbers(cell(c_n)).map_err(|m| bad(c_n, m))?,
            hours: numbers(cell(c_hours)).map_err(|m| bad(c_hours, m))?,
        };
        let columns = [c_tdp, c_n, c_hours];
        rec_out.runs = cells
            .runs(&evidence, |k| src(columns[k]))
            .map_err(|(k, m)| bad(columns[k], m))?;
        if let Some(e) = numbers(cell(c_energy))
            .map_err(|m| bad(c_energy, m))?
            .first()
        {
            rec_out.stated_energy_kwh = Some(Field::imported(*e, src(c_energy)));
        }
        if let Some(cc) = c_countries {
            push_countries(&mut rec_out, cell(cc), reference, &src(cc), |name| {
                report.warnings.push(format!(
                    "{sheet}, row {row}, column \"Countries\": unknown country {name:?} (kept as written, no intensity)"
                ))
            });
        }
        rec_out.reported = Some(Field::imported(
            disclosure_level_reported(rec_out.disclosure.as_ref().map(|d| d.value.level)),
            src(c_info),
        ));
        report.records.push(rec_out);
    }
    Ok(())
}

pub(super) fn disclosure_level_reported(level: Option<DisclosureLevel>) -> bool {
    matches!(
        level,
        Some(DisclosureLevel::Full | DisclosureLevel::Partial)
    )
}

pub(super) fn is_blank(s: &str) -> bool {
    let t = s.trim();
    t.is_empty() || t.eq_ignore_ascii_case("n/a") || t.eq_ignore_ascii_case("na")
}

/// "Full", "Partial (inference)", "None " → level + qualifier.
pub(super) fn parse_disclosure(s: &str) -> Option<Disclosure> {
    let t = s.trim();
    let (word, rest) = match t.find('(') {
        Some(p) => (
            t[..p].trim(),
            Some(t[p..].trim_matches(|c| c == '(' || c == ')' || c == ' ')),
        ),
        None => (t, None),
    };
    let level = match word.to_ascii_lowercase().as_str() {
        "full" => DisclosureLevel::Full,
        "partial" => DisclosureLevel::Partial,
        "none" => DisclosureLevel::None,
        _ => return None,
    };
    Some(Disclosure {
        level,
        qualifier: rest.filter(|r| !r.is_empty()).map(String::from),
    })
}

/// A numeric cell: blank/N/A → none; `250;300` → two values.
pub(super) fn numbers(s: &str) -> std::result::Result<Vec<f64>, String> {
    if is_blank(s) {
        return Ok(Vec::new());
    }
    s.split(';')
        .map(|p| {
            let p = p.trim();
            p.parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    format!("expected a number (or numbers separated by ';'), got {s:?}")
                })
        })
        .collect()
}

/// The countries of a comma-separated cell as the study spelled them, each with its ISO code
/// when known; `unknown` hears of the others (kept as written, with no intensity).
pub(super) fn push_countries(
    rec: &mut PaperRecord,
    cell: &str,
    reference: &Reference,
    source: &str,
    mut unknown: impl FnMut(&str),
) {
    for name in cell.split(',').map(str::trim).filter(|s| !is_blank(s)) {
        let iso2 = reference.countries.lookup(name).map(|c| c.iso2.clone());
        if iso2.is_none() {
            unknown(name);
        }
        rec.countries.push(Field::imported(
            CountryRef {
                text: name.to_string(),
                iso2,
            },
            source,
        ));
    }
}

/// The ';'-separated TDP, device-count and hours cells of one row: one value per run, or one
/// value for every run.
pub(super) struct RunCells {
    pub tdp: Vec<f64>,
    pub count: Vec<f64>,
    pub hours: Vec<f64>,
}

impl RunCells {
    /// The row's imported runs, each quoting `evidence`; `source(k)` names cell `k` (0 TDP,
    /// 1 count, 2 hours). An error names the cell it is about.
    pub(super) fn runs(
        &self,
        evidence: &[Evidence],
        source: impl Fn(usize) -> String,
    ) -> std::result::Result<Vec<Run>, (usize, String)> {
        let cells = [&self.tdp, &self.count, &self.hours];
        let runs = cells.iter().map(|v| v.len()).max().unwrap_or(0);
        for (k, v) in cells.iter().enumerate() {
            if !v.is_empty() && v.len() != runs && v.len() != 1 {
                return Err((
                    k,
                    format!(
                        "{} values but the row has {runs} runs (';'-separated cells must align)",
                        v.len()
                    ),
                ));
            }
        }
        let pick = |v: &Vec<f64>, k: usize| {
            v.get(k)
                .or(if v.len() == 1 { v.first() } else { None })
                .copied()
        };
        let mut out = Vec::with_capacity(runs);
        for k in 0..runs {
            let mut run = Run {
                purpose: Purpose::Training,
                evidence: evidence.to_vec(),
                ..Run::default()
            };
            if let Some(w) = pick(&self.tdp, k) {
                if w <= 0.0 {
                    return Err((0, format!("TDP must be positive, got {w}")));
                }
                run.tdp_w = Some(Field::imported(w, source(0)));
            }
            if let Some(c) = pick(&self.count, k) {
                if c < 1.0 || c.fract() != 0.0 {
                    return Err((
                        1,
                        format!("device count must be a whole number ≥ 1, got {c}"),
                    ));
                }
                run.count = Some(Field::imported(c as u32, source(1)));
            }
            if let Some(h) = pick(&self.hours, k) {
                if h <= 0.0 {
                    return Err((2, format!("training time must be positive, got {h}")));
                }
                run.hours = Some(Field::imported(Hours::stated(h), source(2)));
            }
            out.push(run);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disclosure_keeps_its_qualifier() {
        let d = parse_disclosure("Partial (inference)").unwrap();
        assert_eq!(d.level, DisclosureLevel::Partial);
        assert_eq!(d.qualifier.as_deref(), Some("inference"));
        assert_eq!(
            parse_disclosure("Full ").unwrap().level,
            DisclosureLevel::Full
        );
        assert!(parse_disclosure("Mostly").is_none());
    }

    #[test]
    fn multi_run_cells_split_on_semicolons() {
        assert_eq!(numbers("250;300").unwrap(), vec![250.0, 300.0]);
        assert_eq!(numbers("N/A").unwrap(), Vec::<f64>::new());
        assert!(numbers("12 h").unwrap_err().contains("\"12 h\""));
    }
}
