//! Affiliations from the paper itself: the author block of a PDF's first page (between the
//! title and the abstract, plus affiliation footnotes) or of a LaTeX source's front-matter
//! macros, each located with the gazetteer.
//!
//! - [`lines`](mod@lines): one line → affiliation pieces (markers, emails, merged columns,
//!   "Now at …" notes);
//! - [`page`](mod@page): page 1 of a PDF or plain text → candidates;
//! - [`latex`](mod@latex): `\author`, `\affiliation`, ISMIR and IEEE macros → candidates;
//! - [`gold`]: per-paper country F1 against the corpus's gold labels.

pub mod gold;
mod latex;
mod lines;
mod page;

use std::collections::HashSet;

use super::locate::Location;
use super::paper::affiliation;
use crate::model::Affiliation;
use crate::reference::names::phrase_key;
use crate::reference::Gazetteer;
use crate::text::Document;

/// One affiliation as printed, possibly over several lines ("LabROSA", "Columbia
/// University", "New York, NY").
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub parts: Vec<String>,
}

impl Candidate {
    fn one(text: String) -> Self {
        Candidate { parts: vec![text] }
    }

    fn text(&self) -> String {
        self.parts.join(", ")
    }
}

/// The affiliations printed in `doc`, in order, each with its location. LaTeX sources are
/// read from their front-matter macros (page 1 of the text when those give nothing); PDFs
/// and plain text from page 1. Duplicates (one institution for several authors) are dropped.
pub fn affiliations_from(doc: &Document, g: &Gazetteer) -> Vec<(Affiliation, Location)> {
    let mut cands = match &doc.latex {
        Some(flat) => latex::candidates(g, flat),
        None => Vec::new(),
    };
    if cands.is_empty() {
        if let Some(p) = doc.pages.first() {
            cands = page::candidates(g, &p.text);
        }
    }
    resolve(g, &cands)
}

/// The distinct ISO codes of the located affiliations in author order (the first author's
/// first), as `CountryPolicy::First` reads them.
pub fn paper_countries(found: &[(Affiliation, Location)]) -> Vec<String> {
    let affiliations: Vec<Affiliation> = found.iter().map(|(a, _)| a.clone()).collect();
    crate::geo::countries_of(&affiliations)
}

/// Locates each candidate; a candidate of several lines is located as one address, and a
/// line of it that names another country is kept as an affiliation of its own (two
/// affiliations printed on consecutive lines without a marker).
fn resolve(g: &Gazetteer, cands: &[Candidate]) -> Vec<(Affiliation, Location)> {
    let mut out: Vec<(Affiliation, Location)> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut push = |a: Affiliation, l: Location, out: &mut Vec<(Affiliation, Location)>| {
        let key = phrase_key(&a.text);
        if !key.is_empty() && seen.insert(key) {
            out.push((a, l));
        }
    };
    for c in cands {
        let (a, l) = affiliation(g, &c.text());
        let country = a.country.clone();
        push(a, l, &mut out);
        if c.parts.len() > 1 {
            for p in &c.parts {
                let (pa, pl) = affiliation(g, p);
                if pa.country.is_some() && pa.country != country {
                    push(pa, pl, &mut out);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
