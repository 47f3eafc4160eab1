//! The embedded sample corpus: short ISMIR-style papers (corpus/sample/papers.toml) typeset
//! into PDFs, so the whole survey runs with no network and no TeX installation.

mod pdf_writer;

use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use pdf_writer::{wrap, write_pdf, Line};

use crate::atomic::write_atomic;
use crate::error::Result;

const PAPERS: &str = include_str!("../../corpus/sample/papers.toml");

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

/// Writes every sample paper as `<dir>/<id>.pdf` (atomically); returns the paths, sorted.
pub fn write_sample(dir: &Path) -> Result<Vec<PathBuf>> {
    let c = corpus()?;
    let mut out = Vec::new();
    for p in &c.paper {
        let path = dir.join(format!("{}.pdf", p.id));
        write_atomic(&path, &write_pdf(&layout(p)))?;
        out.push(path);
    }
    out.sort();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_papers_typeset_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let files = write_sample(dir.path()).unwrap();
        assert_eq!(files.len(), corpus().unwrap().paper.len());
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
