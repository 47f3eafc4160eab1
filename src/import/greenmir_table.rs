//! The Green MIR study's published per-paper figures as a curated table
//! (`corpus/examples/greenmir2024.csv`, embedded): the study reproduced with no sheets at hand.
//!
//! The table is written by `corpus/examples/tools/build_greenmir2024.py` from the study's
//! dataset (Holzapfel et al., ISMIR 2024; doi:10.5281/zenodo.12750436) and keeps its cell
//! conventions (`;` between runs, countries as the study spelled them), so the records are
//! those [`import_greenmir_sheets`](super::import_greenmir_sheets) makes, minus the annotators'
//! quotes: same ids, disclosure, TDPs, counts, hours, stated kWh and countries. Every field's
//! origin names the row's source.

use std::collections::HashSet;

use serde::Deserialize;

use super::greenmir_sheets::{disclosure_level_reported, numbers, parse_disclosure, RunCells};
use super::ImportReport;
use crate::error::{Error, Result};
use crate::model::{Field, Paper, PaperRecord};
use crate::reference::Reference;

/// The table as shipped (`greenmir import greenmir2024` with no file).
pub const GREENMIR2024_CSV: &str = include_str!("../../corpus/examples/greenmir2024.csv");
/// Where the shipped table lives in the repository (for origins and messages).
pub const GREENMIR2024_PATH: &str = "corpus/examples/greenmir2024.csv";

/// One row of the curated table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    id: String,
    year: i32,
    title: String,
    pdf_url: String,
    /// The study's corpus: 1 (automatic music generation) or 2 (computing-heavy analysis).
    corpus: u8,
    disclosure: String,
    hardware: String,
    tdp_w: String,
    count: String,
    hours: String,
    energy_kwh: String,
    countries: String,
    source: String,
}

/// Reads the curated table `text` (named `file` in origins and errors).
pub fn import_greenmir_table(
    file: &str,
    text: &str,
    reference: &Reference,
) -> Result<ImportReport> {
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let mut report = ImportReport {
        records: Vec::new(),
        sheets: vec![file.into()],
        warnings: Vec::new(),
    };
    let mut seen = HashSet::new();
    for (i, row) in reader.deserialize::<Row>().enumerate() {
        // The header is line 1.
        let line = i + 2;
        let row = row.map_err(|e| Error::Parse {
            file: file.to_string(),
            line,
            message: e.to_string(),
        })?;
        let bad = |column: &str, message: String| Error::cell(file, line, column, message);
        if row.source.trim().is_empty() {
            return Err(bad("source", "every row names its source".into()));
        }
        if !seen.insert(row.id.clone()) {
            return Err(bad("id", format!("paper id {} occurs twice", row.id)));
        }
        if row.title.trim().is_empty() {
            return Err(bad("title", "empty title".into()));
        }
        if !(row.corpus == 1 || row.corpus == 2) {
            return Err(bad(
                "corpus",
                format!("expected 1 or 2, got {}", row.corpus),
            ));
        }
        let src = |column: &str| format!("{}; {file} line {line}, column {column}", row.source);
        let mut rec = PaperRecord::new(Paper {
            id: row.id.clone(),
            venue: Some("ISMIR".into()),
            year: Some(row.year),
            title: row.title.trim().to_string(),
            authors: Vec::new(),
            doi: None,
            pdf_url: (!row.pdf_url.trim().is_empty()).then(|| row.pdf_url.trim().to_string()),
            sha256: None,
        });
        let disclosure = parse_disclosure(&row.disclosure).ok_or_else(|| {
            bad(
                "disclosure",
                format!(
                    "expected Full, Partial or None (optionally with a qualifier), got {:?}",
                    row.disclosure
                ),
            )
        })?;
        rec.reported = Some(Field::imported(
            disclosure_level_reported(Some(disclosure.level)),
            src("disclosure"),
        ));
        rec.disclosure = Some(Field::imported(disclosure, src("disclosure")));

        let cells = RunCells {
            tdp: numbers(&row.tdp_w).map_err(|m| bad("tdp_w", m))?,
            count: numbers(&row.count).map_err(|m| bad("count", m))?,
            hours: numbers(&row.hours).map_err(|m| bad("hours", m))?,
        };
        let columns = ["tdp_w", "count", "hours"];
        rec.runs = cells
            .runs(&[], |k| src(columns[k]))
            .map_err(|(k, m)| bad(columns[k], m))?;
        if let Some(&e) = numbers(&row.energy_kwh)
            .map_err(|m| bad("energy_kwh", m))?
            .first()
        {
            rec.stated_energy_kwh = Some(Field::imported(e, src("energy_kwh")));
        }
        super::greenmir_sheets::push_countries(
            &mut rec,
            &row.countries,
            reference,
            &src("countries"),
            |name| {
                report.warnings.push(format!(
                    "{file} line {line}, column countries: unknown country {name:?} (kept as written, no intensity)"
                ))
            },
        );
        // The study's TDP is what its figures use; the hardware it names is kept as a note
        // (resolving it through the catalog would add the catalog's alternatives to the
        // interval, and the figures would no longer be the study's).
        if !row.hardware.trim().is_empty() {
            rec.notes.push(format!(
                "Green MIR names the hardware: {} (its TDP is the study's)",
                row.hardware.trim()
            ));
        }
        report.records.push(rec);
    }
    if report.records.is_empty() {
        return Err(Error::invalid(file, "no papers in the table"));
    }
    report.records.sort_by(|a, b| a.paper.id.cmp(&b.paper.id));
    Ok(report)
}

/// The shipped table, imported.
pub fn import_greenmir2024(reference: &Reference) -> Result<ImportReport> {
    import_greenmir_table(GREENMIR2024_PATH, GREENMIR2024_CSV, reference)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_table_has_the_studys_papers_and_a_source_on_every_row() {
        let reference = Reference::embedded().unwrap();
        let report = import_greenmir2024(&reference).unwrap();
        assert_eq!(report.records.len(), 113);
        let with_runs = report.records.iter().filter(|r| !r.runs.is_empty()).count();
        assert_eq!(with_runs, 26);
        let mut reader = csv::Reader::from_reader(GREENMIR2024_CSV.as_bytes());
        let ids: Vec<String> = reader
            .deserialize::<Row>()
            .map(|r| {
                let r = r.unwrap();
                assert!(r.source.contains("10.5281/zenodo.12750436"), "{}", r.id);
                r.id
            })
            .collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "rows sorted by id");
    }

    #[test]
    fn a_bad_cell_names_its_line_and_column() {
        let reference = Reference::embedded().unwrap();
        let head = "id,year,title,pdf_url,corpus,disclosure,hardware,tdp_w,count,hours,energy_kwh,countries,source\n";
        let text = format!("{head}x-1,2020,A,,1,Full,,250,two,10,,,S\n");
        let err = import_greenmir_table("t.csv", &text, &reference).unwrap_err();
        assert!(
            err.to_string().contains("t.csv, row 2, column \"count\""),
            "{err}"
        );
        let text = format!("{head}x-1,2020,A,,1,Full,,250,1,10,,,\n");
        let err = import_greenmir_table("t.csv", &text, &reference).unwrap_err();
        assert!(err.to_string().contains("source"), "{err}");
    }
}
