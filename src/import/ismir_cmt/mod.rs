//! The ISMIR conference system's (CMT) metadata export: one row per paper, authors and
//! affiliations in `AuthorDetails` as `Name (Affiliation)*; Name (Affiliation); …`.
//!
//! Quirks handled: `*` marks the corresponding author; affiliations carry tabs and stray
//! spaces; an affiliation may contain `;` or nested parentheses ("… (AIST)"); a closing `)`
//! may be missing. CMT's `PaperID` is the submission number, not the proceedings number: with
//! the proceedings list (`--proceedings`) papers are matched by title and get the
//! proceedings id (`ismir2023-002`), else `ismir2023-cmt-11`; either way the CMT id is noted.

use std::collections::HashMap;
use std::path::Path;

use regex::Regex;
use serde::Serialize;

use crate::crawl::merge::title_key;
use crate::error::{Error, Result};
use crate::geo::paper::{affiliation, country_fields};
use crate::geo::Location;
use crate::model::{Affiliation, Field, Origin, Paper, PaperRecord};
use crate::reference::Reference;

mod cells;
mod merge;
mod proceedings;

pub use cells::{parse_author_details, CmtAuthor};
pub use merge::{merge, only_matching, MergeStats};
use proceedings::read_proceedings;

pub const AUTHOR_COLUMN: &str = "AuthorDetails";

/// What an import read, located and flagged.
#[derive(Debug, Clone, Serialize)]
pub struct CmtReport {
    #[serde(skip)]
    pub records: Vec<PaperRecord>,
    pub papers: usize,
    pub authors: usize,
    /// Affiliations with a country / abstained on (ambiguous or unknown).
    pub located: usize,
    pub abstained: usize,
    /// Papers matched to the proceedings list by title (0 without `--proceedings`).
    pub matched_to_proceedings: usize,
    pub warnings: Vec<String>,
}

fn describe(loc: &Location) -> String {
    match &loc.iso2 {
        Some(c) => format!(
            "country {c} by {} {:?} (confidence {:.2}, greenmir locate)",
            loc.basis.map(|b| b.as_str()).unwrap_or("?"),
            loc.matched,
            loc.confidence
        ),
        None => format!(
            "no country: {}{} (greenmir locate)",
            loc.abstain_reason.as_deref().unwrap_or("?"),
            if loc.candidates.is_empty() {
                String::new()
            } else {
                format!("; candidates {}", loc.candidates.join(", "))
            }
        ),
    }
}

/// Reads the export at `path` into one record per paper (ids as described above), with every
/// author's affiliation located.
pub fn import_ismir_cmt(
    path: &Path,
    year: i32,
    proceedings: Option<&Path>,
    reference: &Reference,
) -> Result<CmtReport> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| Error::read(path, e))?;
    let procs = match proceedings {
        Some(p) => Some(read_proceedings(p)?),
        None => None,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| Error::Parse {
            file: file.clone(),
            line: 1,
            message: e.to_string(),
        })?
        .clone();
    let find = |name: &str| headers.iter().position(|h| h.trim() == name);
    let require = |name: &str| {
        find(name).ok_or_else(|| Error::MissingColumn {
            file: file.clone(),
            column: name.to_string(),
            found: headers.iter().collect::<Vec<_>>().join(", "),
        })
    };
    let c_id = require("PaperID")?;
    let c_title = require("Title")?;
    let c_auth = require(AUTHOR_COLUMN)?;
    let c_names = find("AuthorNames");
    let mut report = CmtReport {
        records: Vec::new(),
        papers: 0,
        authors: 0,
        located: 0,
        abstained: 0,
        matched_to_proceedings: 0,
        warnings: Vec::new(),
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, rec) in rdr.records().enumerate() {
        // Spreadsheet row numbers: header is row 1.
        let row = i + 2;
        let rec = rec.map_err(|e| Error::Parse {
            file: file.clone(),
            line: e.position().map(|p| p.line() as usize).unwrap_or(row),
            message: e.to_string(),
        })?;
        let cell = |c: usize| rec.get(c).unwrap_or_default();
        let id_text = cell(c_id).trim();
        let cmt_id: u32 = id_text.parse().map_err(|_| {
            Error::cell(
                &file,
                row,
                "PaperID",
                format!("expected a paper number, got {id_text:?}"),
            )
        })?;
        let title = cell(c_title)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if title.is_empty() {
            return Err(Error::cell(&file, row, "Title", "empty title"));
        }
        let details = cell(c_auth);
        if details.trim().is_empty() {
            return Err(Error::cell(&file, row, AUTHOR_COLUMN, "no authors"));
        }
        let expected = c_names.map(|c| cell(c).split(';').filter(|s| !s.trim().is_empty()).count());
        let (authors, warnings) = parse_author_details(details, expected.filter(|&n| n > 0));
        for w in warnings {
            report
                .warnings
                .push(format!("{file}, row {row}, column {AUTHOR_COLUMN:?}: {w}"));
        }
        if authors.is_empty() {
            return Err(Error::cell(
                &file,
                row,
                AUTHOR_COLUMN,
                "no author could be read",
            ));
        }
        let matched = procs
            .as_ref()
            .and_then(|p| p.get(&title_key(&title)))
            .cloned();
        let (id, note) = match &matched {
            Some(p) => {
                report.matched_to_proceedings += 1;
                (
                    format!("ismir{year}-{:03}", p.number),
                    format!(
                        "CMT PaperID {cmt_id}; proceedings number {} (matched by title)",
                        p.number
                    ),
                )
            }
            None => (
                format!("ismir{year}-cmt-{cmt_id}"),
                format!("CMT PaperID {cmt_id} (the submission number, not the proceedings number)"),
            ),
        };
        if let Some(prev) = seen.insert(id.clone(), row) {
            return Err(Error::cell(
                &file,
                row,
                "PaperID",
                format!("paper id {id} already given by row {prev}"),
            ));
        }
        let mut affs: Vec<Field<Affiliation>> = Vec::new();
        for (k, a) in authors.iter().enumerate() {
            if a.affiliation.is_empty() {
                continue;
            }
            let (aff, loc) = affiliation(&reference.gazetteer, &a.affiliation);
            if aff.country.is_some() {
                report.located += 1;
            } else {
                report.abstained += 1;
            }
            affs.push(Field::imported(
                aff,
                format!(
                    "{file}, row {row}, column {AUTHOR_COLUMN}, author {} ({}); {}",
                    k + 1,
                    a.name,
                    describe(&loc)
                ),
            ));
        }
        report.authors += authors.len();
        let mut r = PaperRecord::new(Paper {
            id,
            venue: Some("ISMIR".into()),
            year: Some(year),
            title,
            authors: authors.iter().map(|a| a.name.clone()).collect(),
            doi: matched.as_ref().and_then(|p| p.doi.clone()),
            pdf_url: matched.as_ref().and_then(|p| p.pdf_url.clone()),
            sha256: None,
        });
        r.countries = country_fields(&affs, &reference.countries, &reference.version);
        r.affiliations = affs;
        r.notes.push(note);
        report.records.push(r);
    }
    report.papers = report.records.len();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names_affs(cell: &str, n: Option<usize>) -> Vec<(String, String, bool)> {
        parse_author_details(cell, n)
            .0
            .into_iter()
            .map(|a| (a.name, a.affiliation, a.corresponding))
            .collect()
    }

    #[test]
    fn plain_rows_with_stars_and_tabs() {
        let got = names_affs(
            "Miguel Perez (Universitat Pompeu Fabra/Huawei)*; Holger Kirchhoff (Huawei); Xavier Serra (Universitat Pompeu Fabra\t)",
            Some(3),
        );
        assert_eq!(
            got,
            [
                (
                    "Miguel Perez".into(),
                    "Universitat Pompeu Fabra/Huawei".into(),
                    true
                ),
                ("Holger Kirchhoff".into(), "Huawei".into(), false),
                (
                    "Xavier Serra".into(),
                    "Universitat Pompeu Fabra".into(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn nested_parentheses_and_semicolons_inside_an_affiliation() {
        let got = names_affs(
            "Kento W (National Institute of Advanced Industrial Science and Technology (AIST))*; Ann B (Lab A; Univ B)",
            Some(2),
        );
        assert_eq!(
            got[0].1,
            "National Institute of Advanced Industrial Science and Technology (AIST)"
        );
        assert_eq!(got[1].1, "Lab A; Univ B");
    }

    #[test]
    fn a_missing_closing_parenthesis_does_not_swallow_the_next_author() {
        let (authors, warnings) = parse_author_details(
            "Jane Doe (Queen Mary University of London*; John Roe (KAIST); Ann Poe (JKU)",
            Some(3),
        );
        let affs: Vec<&str> = authors.iter().map(|a| a.affiliation.as_str()).collect();
        assert_eq!(affs, ["Queen Mary University of London", "KAIST", "JKU"]);
        assert!(authors[0].corresponding);
        assert!(
            warnings.iter().any(|w| w.contains("missing ')'")),
            "{warnings:?}"
        );
        // Without the author list too.
        let (authors, _) = parse_author_details("Jane Doe (QMUL; John Roe (KAIST)", None);
        assert_eq!(authors.len(), 2);
    }

    #[test]
    fn odd_cells_never_panic() {
        for s in [
            "",
            ";;;",
            "(((",
            ")))",
            "*",
            "Name",
            "Name (",
            "(Aff)",
            "A (B) C (D)",
        ] {
            let _ = parse_author_details(s, Some(2));
            let _ = parse_author_details(s, None);
        }
    }

    #[test]
    fn merge_keeps_everything_else_and_people_s_corrections() {
        let mk = |id: &str, title: &str| PaperRecord::new(Paper::bare(id, Some(2023), title));
        let mut old = mk("ismir2023-029", "A Title: With Punctuation");
        old.notes.push("kept".into());
        old.reported = Some(Field::imported(true, "sheet"));
        old.countries = vec![Field::imported(
            crate::model::CountryRef {
                text: "USA".into(),
                iso2: Some("US".into()),
            },
            "Green MIR sheet",
        )];
        let mut new = mk("ismir2023-cmt-5", "a title with punctuation");
        new.affiliations = vec![Field::imported(
            Affiliation {
                text: "KAIST".into(),
                country: Some("KR".into()),
            },
            "x",
        )];
        let other = mk("ismir2023-cmt-6", "Another");
        let (out, stats) = merge(vec![old], vec![new, other]);
        assert_eq!(
            (stats.updated, stats.added, stats.countries_kept),
            (1, 1, 1)
        );
        assert_eq!(out.len(), 2);
        let r = &out[0];
        assert_eq!(r.paper.id, "ismir2023-029");
        assert_eq!(r.affiliations.len(), 1);
        assert_eq!(r.countries[0].value.text, "USA");
        assert!(r.reported.is_some());
        assert!(r.notes.iter().any(|n| n == "kept"));
    }

    #[test]
    fn update_only_keeps_the_papers_already_there() {
        let mk = |id: &str, year, title: &str| PaperRecord::new(Paper::bare(id, year, title));
        let existing = [
            mk("ismir2023-029", Some(2023), "Known Paper"),
            mk("ismir2023-undated", None, "Undated Paper"),
        ];
        let imported = vec![
            mk("ismir2023-cmt-1", Some(2023), "Known  paper."),
            mk("ismir2023-cmt-2", Some(2023), "Undated paper"),
            mk("ismir2023-029", Some(2023), "Retitled at camera-ready"),
            mk("ismir2023-cmt-3", Some(2023), "New Paper"),
            mk("ismir2023-cmt-4", Some(2022), "Known Paper"),
        ];
        let ids: Vec<String> = only_matching(&existing, imported)
            .into_iter()
            .map(|r| r.paper.id)
            .collect();
        assert_eq!(ids, ["ismir2023-cmt-1", "ismir2023-cmt-2", "ismir2023-029"]);
    }
}
