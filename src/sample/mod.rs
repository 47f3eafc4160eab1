//! The embedded sample corpus: short ISMIR-style papers written for this tool (not real
//! publications; corpus/sample/papers.toml) typeset into PDFs with a conference-archive-shaped
//! paper list, so that `greenmir survey` runs end to end with no network and no TeX, through the
//! same crawler path as a real survey (a local listing and local PDF links).

mod pdf_writer;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use pdf_writer::{wrap, write_pdf, Line};

use crate::atomic::write_atomic;
use crate::error::Result;
use crate::model::{
    CountryRef, Disclosure, DisclosureLevel, Field, Hours, Multiplier, Paper, PaperRecord, Purpose,
    Run,
};
use crate::reference::Reference;

const PAPERS: &str = include_str!("../../corpus/sample/papers.toml");

/// The sample survey's config, relative to the project root.
pub const CONFIG: &str = "corpus/surveys/sample.toml";
const CONFIG_TEXT: &str = include_str!("../../corpus/surveys/sample.toml");
/// Where the sample is written.
pub const DIR: &str = "corpus/examples/sample";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SampleCorpus {
    pub paper: Vec<SamplePaper>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SamplePaper {
    pub id: String,
    pub year: i32,
    pub title: String,
    pub authors: Vec<String>,
    pub affiliations: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    pub r#abstract: String,
    pub body: Vec<String>,
    pub expected: Expected,
}

/// What a careful reader finds in a sample paper (for tests).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub reported: bool,
    pub runs: Vec<ExpectedRun>,
    pub countries: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpectedRun {
    pub hardware: String,
    pub count: u32,
    pub hours: f64,
    /// Times the run counts toward the paper's total (five cross-validation models: 5).
    #[serde(default)]
    pub multiplier: Option<u32>,
}

/// The built-in sample papers.
pub fn corpus() -> Result<SampleCorpus> {
    toml::from_str(PAPERS)
        .map_err(|e| crate::error::toml_error("corpus/sample/papers.toml", PAPERS, &e))
}

/// The lines of one paper as typeset: title, authors, affiliations, emails, abstract, body.
pub fn layout(p: &SamplePaper) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut head = |text: String, size: f32, bold: bool| {
        lines.push(Line {
            text,
            size,
            bold,
            center: true,
        })
    };
    for l in wrap(&p.title, 16.0, 468.0) {
        head(l, 16.0, true);
    }
    head(String::new(), 10.0, false);
    head(p.authors.join(", "), 11.0, false);
    // A gap between author-block lines keeps them separate paragraphs for text extractors.
    for a in &p.affiliations {
        head(String::new(), 12.0, false);
        for l in wrap(a, 10.0, 468.0) {
            head(l, 10.0, false);
        }
    }
    if !p.emails.is_empty() {
        head(String::new(), 6.0, false);
        head(p.emails.join(", "), 9.0, false);
    }
    let mut push = |text: String, size: f32, bold: bool| {
        lines.push(Line {
            text,
            size,
            bold,
            center: false,
        })
    };
    push(String::new(), 10.0, false);
    push("ABSTRACT".into(), 10.0, true);
    for l in wrap(&p.r#abstract, 10.0, 468.0) {
        push(l, 10.0, false);
    }
    for para in &p.body {
        push(String::new(), 10.0, false);
        for l in wrap(para, 10.0, 468.0) {
            push(l, 10.0, false);
        }
    }
    lines
}

/// Writes the PDFs (`pdf/000001.pdf`, …) and the paper list (`2024.json`) under
/// `root/corpus/examples/sample/`, and the config if missing. Unchanged files are not
/// rewritten. Returns the number of papers.
pub fn write(root: &Path) -> Result<usize> {
    let config = root.join(CONFIG);
    if !config.exists() {
        write_atomic(&config, CONFIG_TEXT.as_bytes())?;
    }
    let c = corpus()?;
    let mut list = Vec::new();
    for (i, p) in c.paper.iter().enumerate() {
        let rel = format!("{DIR}/pdf/{:06}.pdf", i + 1);
        write_if_changed(&root.join(&rel), &write_pdf(&layout(p)))?;
        list.push(serde_json::json!({
            "title": p.title,
            "author": p.authors,
            "year": p.year.to_string(),
            "doi": format!("10.0000/greenmir.sample.{}", i + 1),
            "ee": rel,
            "pages": format!("{}-{}", i * 2 + 1, i * 2 + 2),
        }));
    }
    let text = serde_json::to_string_pretty(&list).expect("serialises") + "\n";
    write_if_changed(&root.join(DIR).join("2024.json"), text.as_bytes())?;
    Ok(c.paper.len())
}

/// The sample's expected readings as records (the reference side of `greenmir compare`, as
/// `greenmir survey` prints at its end): each paper's training runs with their catalog device,
/// count and hours, its countries, whether it reports compute, and the Green MIR disclosure
/// class that follows (full: every run has device, count and time; partial: it reports some;
/// none). Origins name the entry in corpus/sample/papers.toml.
pub fn expected_records(reference: &Reference) -> Result<Vec<PaperRecord>> {
    let c = corpus()?;
    Ok(c.paper
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let src = format!("expected reading of {} (corpus/sample/papers.toml)", p.id);
            let mut rec = PaperRecord::new(Paper {
                id: p.id.clone(),
                venue: Some("sample".into()),
                year: Some(p.year),
                title: p.title.clone(),
                authors: p.authors.clone(),
                doi: Some(format!("10.0000/greenmir.sample.{}", i + 1)),
                pdf_url: None,
                sha256: None,
            });
            for e in &p.expected.runs {
                let id = crate::extract::eval::model_key(&e.hardware, &reference.hardware);
                rec.runs.push(Run {
                    hardware_id: Some(Field::imported(id, &src)),
                    count: Some(Field::imported(e.count, &src)),
                    hours: Some(Field::imported(Hours::stated(e.hours), &src)),
                    multiplier: e.multiplier.map(|m| {
                        Field::imported(Multiplier::new(f64::from(m), format!("{m} runs")), &src)
                    }),
                    purpose: Purpose::Training,
                    ..Run::default()
                });
            }
            let level = match (p.expected.reported, p.expected.runs.is_empty()) {
                (true, false) => DisclosureLevel::Full,
                (true, true) => DisclosureLevel::Partial,
                (false, _) => DisclosureLevel::None,
            };
            rec.disclosure = Some(Field::imported(
                Disclosure {
                    level,
                    qualifier: None,
                },
                &src,
            ));
            rec.reported = Some(Field::imported(p.expected.reported, &src));
            for iso in &p.expected.countries {
                rec.countries.push(Field::imported(
                    CountryRef {
                        text: iso.clone(),
                        iso2: Some(iso.clone()),
                    },
                    &src,
                ));
            }
            rec
        })
        .collect())
}

/// The PDF paths `write` produces, in paper order.
pub fn pdf_paths(root: &Path) -> Result<Vec<PathBuf>> {
    Ok((1..=corpus()?.paper.len())
        .map(|i| root.join(DIR).join(format!("pdf/{i:06}.pdf")))
        .collect())
}

fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<()> {
    if std::fs::read(path).ok().as_deref() == Some(bytes) {
        return Ok(());
    }
    write_atomic(path, bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_papers_typeset_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let n = write(dir.path()).unwrap();
        assert_eq!(n, corpus().unwrap().paper.len());
        let files = pdf_paths(dir.path()).unwrap();
        let doc = crate::text::read_document(&files[0]).unwrap();
        let all: String = doc.pages.iter().map(|p| p.text.as_str()).collect();
        assert!(all.contains("Lightweight Beat Tracking"), "{all}");
        assert!(
            all.contains("NVIDIA GeForce RTX 2080 Ti GPU for 18 hours"),
            "{all}"
        );
        assert!(all.contains("Queen Mary University of London"), "{all}");
    }
}
