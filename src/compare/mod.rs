//! Comparing a survey (e.g. read from PDFs) with a reference survey (e.g. made by hand):
//! which papers are the same, what each reads per paper, how often they agree, and where not.
//!
//! - [`matching`]: pairs papers by DOI, else year + title;
//! - [`row`]: per matched paper, both sides' fields, agreement and evidence;
//! - [`summary`]: agreement rates with their denominators, kWh sums;
//! - [`render`]: the text report.

pub mod matching;
pub mod render;
pub mod row;
pub mod summary;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::estimate::{Estimator, Method};
use crate::model::PaperRecord;
use crate::reference::Reference;

pub use matching::{match_papers, MatchRule, Matching, Pair};
pub use render::{render_brief, render_text};
pub use row::{counts_agree, total_hours, FieldDiff, PaperRow, PaperSide, TOLERANCE};
pub use summary::{MatchedSums, Rate, Sums};

/// A paper left without a partner.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unmatched {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub title: String,
}

/// A matched paper with at least one disagreeing field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub reference_id: String,
    pub survey_id: String,
    pub title: String,
    pub fields: Vec<FieldDiff>,
    /// How to see the survey's reading in full.
    pub command: String,
}

/// The whole comparison: the report `greenmir compare` prints, and its JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub survey: String,
    pub reference: String,
    pub method: String,
    pub method_version: String,
    pub reference_version: String,
    pub survey_papers: usize,
    pub reference_papers: usize,
    pub matched: usize,
    /// Matched papers per matching rule.
    pub matched_by: BTreeMap<&'static str, usize>,
    pub unmatched_survey: Vec<Unmatched>,
    pub unmatched_reference: Vec<Unmatched>,
    pub rates: Vec<Rate>,
    pub sums: Sums,
    /// Sorted by reference id.
    pub rows: Vec<PaperRow>,
    /// The rows with a disagreeing field, in the same order.
    pub disagreements: Vec<Disagreement>,
}

/// Compares `survey` with `reference` (both resolved records) under `method`.
pub fn compare(
    (survey_name, survey): (&str, &[PaperRecord]),
    (reference_name, reference): (&str, &[PaperRecord]),
    method: &Method,
    data: &Reference,
) -> Comparison {
    let s_papers: Vec<_> = survey.iter().map(|r| r.paper.clone()).collect();
    let r_papers: Vec<_> = reference.iter().map(|r| r.paper.clone()).collect();
    let m = match_papers(&s_papers, &r_papers);
    let builder = row::RowBuilder {
        estimator: Estimator::new(method, data),
        data,
    };
    let mut rows: Vec<PaperRow> = m
        .pairs
        .iter()
        .map(|p| {
            let (s, r) = (&survey[p.survey], &reference[p.reference]);
            builder.row(
                p.rule.as_str(),
                (s, &builder.estimator.estimate(s)),
                (r, &builder.estimator.estimate(r)),
            )
        })
        .collect();
    rows.sort_by(|a, b| (&a.reference.id, &a.survey.id).cmp(&(&b.reference.id, &b.survey.id)));
    let mut matched_by = BTreeMap::new();
    for p in &m.pairs {
        *matched_by.entry(p.rule.as_str()).or_insert(0) += 1;
    }
    let unmatched = |recs: &[PaperRecord], idx: &[usize]| {
        let mut v: Vec<Unmatched> = idx
            .iter()
            .map(|&i| Unmatched {
                id: recs[i].paper.id.clone(),
                year: recs[i].paper.year,
                title: recs[i].paper.title.clone(),
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    };
    let explain = |id: &str| {
        let mut c = format!("greenmir explain {id} --survey {survey_name}");
        if method.id != "greenmir2024" {
            c.push_str(&format!(" --method {}", method.id));
        }
        c
    };
    let disagreements = rows
        .iter()
        .filter(|r| !r.differences.is_empty())
        .map(|r| Disagreement {
            reference_id: r.reference.id.clone(),
            survey_id: r.survey.id.clone(),
            title: render::shorten(&r.title, 70),
            fields: r.differences.clone(),
            command: explain(&r.survey.id),
        })
        .collect();
    Comparison {
        survey: survey_name.to_string(),
        reference: reference_name.to_string(),
        method: method.id.clone(),
        method_version: method.version.clone(),
        reference_version: data.version.clone(),
        survey_papers: survey.len(),
        reference_papers: reference.len(),
        matched: rows.len(),
        matched_by,
        unmatched_survey: unmatched(survey, &m.unmatched_survey),
        unmatched_reference: unmatched(reference, &m.unmatched_reference),
        rates: summary::rates(&rows),
        sums: summary::sums(&rows),
        rows,
        disagreements,
    }
}
