//! The tidy paper × country table: one row per country of a paper, with its weight under the
//! method's country policy and the intensity the method looks up for it.

use std::fmt;

use polars::prelude::*;

use super::frames::column;
use super::rows::round4;
use crate::error::Result;
use crate::estimate::{CountryPolicy, CountryWeights, Estimator, Method, YearRule};
use crate::model::{Estimate, IntensityFallback, PaperRecord};
use crate::reference::{Fallback, Reference};

/// One line of `paper_countries.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperCountryRow {
    pub paper_id: String,
    pub year: Option<i32>,
    /// The country as the source writes it (the ISO code for a country that only an
    /// author's affiliation names).
    pub country: String,
    pub iso2: Option<String>,
    /// Where the country came from: `imported`, `extracted`, `annotated`… (of the paper's
    /// country list, or `affiliation:<kind>` when only an author's affiliation names it).
    pub origin: String,
    pub policy: String,
    /// Share of the paper under the policy; per paper the weights sum to 1. Null when the
    /// policy finds no country with an ISO code (the world intensity applies).
    pub weight: Option<f64>,
    /// What the policy had to fall back on, if anything.
    pub policy_note: String,
    pub g_per_kwh: Option<f64>,
    pub intensity_year: Option<i32>,
    pub intensity_vintage: Option<String>,
    pub intensity_fallback: Option<RowFallback>,
    /// The paper's kWh × weight.
    pub kwh_share: Option<f64>,
    /// kwh_share × this country's intensity; per paper these sum to the paper's kgCO2e.
    pub kgco2e_share: Option<f64>,
    pub method: String,
    pub reference_version: String,
}

/// How a row's intensity was found.
#[derive(Debug, Clone, PartialEq)]
pub enum RowFallback {
    /// The method fixes one value for every paper: the paper's own fallback says which.
    Fixed(IntensityFallback),
    /// Looked up for the row's country.
    Lookup(Fallback),
}

impl fmt::Display for RowFallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RowFallback::Fixed(paper) => paper.fmt(f),
            RowFallback::Lookup(country) => country.fmt(f),
        }
    }
}

fn policy_str(p: CountryPolicy) -> &'static str {
    match p {
        CountryPolicy::Equal => "equal",
        CountryPolicy::First => "first",
        CountryPolicy::FirstAuthor => "first-author",
        CountryPolicy::Authors => "authors",
    }
}

impl PaperCountryRow {
    /// The rows of one paper: its listed countries (one per ISO code, or per spelling when
    /// the code is unknown), then countries only an affiliation names that the policy weighs.
    pub fn of_paper(
        rec: &PaperRecord,
        est: &Estimate,
        method: &Method,
        reference: &Reference,
        estimator: &Estimator,
    ) -> Vec<PaperCountryRow> {
        let CountryWeights { weights, note } = estimator.country_weights(rec);
        let total: f64 = weights.iter().map(|(_, w)| w).sum();
        let weight_of = |code: Option<&str>| -> Option<f64> {
            if total <= 0.0 {
                return None;
            }
            let w = code
                .and_then(|c| weights.iter().find(|(k, _)| k == c))
                .map_or(0.0, |(_, w)| *w);
            Some(w / total)
        };
        let carbon = &method.carbon;
        let year = match carbon.year {
            YearRule::Fixed(y) => Some(y),
            YearRule::Paper => rec.paper.year,
        };
        let kwh = est.footprint().map(|f| f.energy_kwh.point);
        // A fixed intensity is the paper's, whatever the country: the estimator's own answer.
        let fixed = carbon
            .fixed_g_per_kwh
            .is_some()
            .then(|| estimator.intensity_for(rec));
        let row = |country: String, iso2: Option<String>, origin: String| {
            let weight = weight_of(iso2.as_deref());
            let (g, iy, vintage, fallback) = match &fixed {
                Some(u) => (
                    u.g_per_kwh,
                    u.year,
                    u.vintage.clone(),
                    RowFallback::Fixed(u.fallback.clone()),
                ),
                None => {
                    let l = reference
                        .intensity
                        .lookup(&carbon.vintage, iso2.as_deref(), year);
                    (
                        l.g_per_kwh,
                        l.year,
                        l.vintage,
                        RowFallback::Lookup(l.fallback),
                    )
                }
            };
            let kwh_share = kwh.zip(weight).map(|(k, w)| k * w);
            PaperCountryRow {
                paper_id: rec.paper.id.clone(),
                year: rec.paper.year,
                country,
                iso2,
                origin,
                policy: policy_str(carbon.country_policy).to_string(),
                weight,
                policy_note: note.clone().unwrap_or_default(),
                g_per_kwh: Some(round4(g)),
                intensity_year: iy,
                intensity_vintage: Some(vintage),
                intensity_fallback: Some(fallback),
                kwh_share: kwh_share.map(round4),
                kgco2e_share: kwh_share.map(|k| round4(k * g / 1000.0)),
                method: format!("{} v{}", est.method, est.method_version),
                reference_version: est.reference_version.clone(),
            }
        };
        let mut out: Vec<PaperCountryRow> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for c in &rec.countries {
            let text = c.value.text.trim().to_string();
            let key = c.value.iso2.clone().unwrap_or_else(|| format!("?{text}"));
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            out.push(row(text, c.value.iso2.clone(), c.origin.kind().to_string()));
        }
        for (code, _) in &weights {
            if seen.contains(code) {
                continue;
            }
            seen.push(code.clone());
            let origin = rec
                .affiliations
                .iter()
                .find(|a| a.value.country.as_deref() == Some(code))
                .map_or("affiliation".to_string(), |a| {
                    format!("affiliation:{}", a.origin.kind())
                });
            out.push(row(code.clone(), Some(code.clone()), origin));
        }
        out
    }
}

/// The paper × country table, sorted by paper id, then weight (largest first), then country.
pub fn paper_countries(rows: &[PaperCountryRow]) -> Result<DataFrame> {
    let mut rows: Vec<&PaperCountryRow> = rows.iter().collect();
    rows.sort_by(|a, b| {
        a.paper_id
            .cmp(&b.paper_id)
            .then(b.weight.unwrap_or(0.0).total_cmp(&a.weight.unwrap_or(0.0)))
            .then(a.country.cmp(&b.country))
    });
    let cols = vec![
        column("paper_id", &rows, |r| r.paper_id.clone()),
        column("year", &rows, |r| r.year),
        column("country", &rows, |r| r.country.clone()),
        column("iso2", &rows, |r| r.iso2.clone()),
        column("origin", &rows, |r| r.origin.clone()),
        column("policy", &rows, |r| r.policy.clone()),
        column("weight", &rows, |r| r.weight),
        column("policy_note", &rows, |r| r.policy_note.clone()),
        column("g_per_kwh", &rows, |r| r.g_per_kwh),
        column("intensity_year", &rows, |r| r.intensity_year),
        column("intensity_vintage", &rows, |r| r.intensity_vintage.clone()),
        column("intensity_fallback", &rows, |r| {
            r.intensity_fallback.as_ref().map(RowFallback::to_string)
        }),
        column("kwh_share", &rows, |r| r.kwh_share),
        column("kgco2e_share", &rows, |r| r.kgco2e_share),
        column("method", &rows, |r| r.method.clone()),
        column("reference_version", &rows, |r| r.reference_version.clone()),
    ];
    Ok(DataFrame::new(rows.len(), cols)?)
}
