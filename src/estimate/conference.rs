//! Conference-level estimate (Green MIR): a per-paper statistic scaled to the whole conference
//! and a development factor, shared over author countries weighted by paper counts.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::{Estimate, PaperRecord};
use crate::reference::{Fallback, Reference};

use super::method::{Method, Statistic};

/// How papers are counted per country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CountryCounting {
    /// As the source spells countries: "Korea" and "South Korea" are two (exact reproduction).
    AsWritten,
    /// By ISO code: spellings of one country are merged, and the merge is reported.
    Iso,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CountryShare {
    /// The country as counted: the spelling (as-written) or the ISO code.
    pub label: String,
    pub iso2: Option<String>,
    pub papers: u32,
    pub weight: f64,
    pub g_per_kwh: f64,
    pub intensity_year: Option<i32>,
    pub vintage: String,
    pub fallback: Fallback,
    pub tco2e: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConferenceEstimate {
    pub method: String,
    pub statistic: Statistic,
    pub per_paper_kwh: f64,
    pub papers: u32,
    pub development_factor: f64,
    pub energy_kwh: f64,
    pub min_papers_per_country: u32,
    /// Papers-by-country sum over the countries that share the total.
    pub n_total: u32,
    pub shares: Vec<CountryShare>,
    /// Countries below the threshold: (label, papers).
    pub excluded: Vec<(String, u32)>,
    pub tco2e: f64,
    pub vintage: String,
    pub counting: CountryCounting,
    pub notes: Vec<String>,
}

/// Papers per country label: (ISO code when known, papers).
pub type CountryCounts = BTreeMap<String, (Option<String>, u32)>;

/// Papers per country, counting each paper once per distinct country, and notes on spellings
/// that were merged (or kept apart).
pub fn country_counts(
    records: &[PaperRecord],
    counting: CountryCounting,
) -> (CountryCounts, Vec<String>) {
    let mut counts: CountryCounts = BTreeMap::new();
    let mut spellings: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rec in records {
        let mut seen: Vec<String> = Vec::new();
        for c in &rec.countries {
            let text = c.value.text.trim().to_string();
            let label = match counting {
                CountryCounting::AsWritten => text.clone(),
                CountryCounting::Iso => c.value.iso2.clone().unwrap_or_else(|| text.clone()),
            };
            if let Some(code) = &c.value.iso2 {
                let s = spellings.entry(code.clone()).or_default();
                if !s.contains(&text) {
                    s.push(text.clone());
                }
            }
            if seen.contains(&label) {
                continue;
            }
            seen.push(label.clone());
            let e = counts.entry(label).or_insert((c.value.iso2.clone(), 0));
            e.1 += 1;
        }
    }
    let mut notes = Vec::new();
    for (code, mut s) in spellings {
        if s.len() > 1 {
            s.sort();
            let quoted: Vec<String> = s.iter().map(|x| format!("{x:?}")).collect();
            notes.push(match counting {
                CountryCounting::Iso => format!(
                    "merged {} into {code} ({} papers)",
                    quoted.join(" and "),
                    counts.get(&code).map(|c| c.1).unwrap_or(0)
                ),
                CountryCounting::AsWritten => format!(
                    "{} are counted separately as the source spells them (both {code}); \
                     normal mode merges them",
                    quoted.join(" and ")
                ),
            });
        }
    }
    (counts, notes)
}

/// The conference-level estimate, when the method defines one and some paper has an estimate.
pub fn conference(
    records: &[PaperRecord],
    estimates: &[Estimate],
    method: &Method,
    reference: &Reference,
    counting: CountryCounting,
) -> Option<ConferenceEstimate> {
    let rules = method.conference.as_ref()?;
    let mut kwh: Vec<f64> = estimates
        .iter()
        .filter_map(|e| e.footprint().map(|f| f.energy_kwh.point))
        .collect();
    if kwh.is_empty() {
        return None;
    }
    let per_paper = match rules.statistic {
        Statistic::Median => median(&mut kwh),
        Statistic::Mean => kwh.iter().sum::<f64>() / kwh.len() as f64,
    };
    let energy = per_paper * f64::from(rules.papers) * rules.development_factor;
    let (counts, notes) = country_counts(records, counting);
    let mut kept: Vec<(String, Option<String>, u32)> = Vec::new();
    let mut excluded = Vec::new();
    for (label, (iso2, n)) in counts {
        if n >= rules.min_papers_per_country {
            kept.push((label, iso2, n));
        } else {
            excluded.push((label, n));
        }
    }
    kept.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
    excluded.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let n_total: u32 = kept.iter().map(|k| k.2).sum();
    let vintage = method.carbon.vintage.clone();
    let shares: Vec<CountryShare> = kept
        .into_iter()
        .map(|(label, iso2, n)| {
            let weight = f64::from(n) / f64::from(n_total);
            let l = reference
                .intensity
                .lookup(&vintage, iso2.as_deref(), Some(rules.year));
            CountryShare {
                tco2e: energy * weight * l.g_per_kwh / 1e6,
                label,
                iso2,
                papers: n,
                weight,
                g_per_kwh: l.g_per_kwh,
                intensity_year: l.year,
                vintage: l.vintage,
                fallback: l.fallback,
            }
        })
        .collect();
    let tco2e = shares.iter().map(|s| s.tco2e).sum();
    Some(ConferenceEstimate {
        method: method.id.clone(),
        statistic: rules.statistic,
        per_paper_kwh: per_paper,
        papers: rules.papers,
        development_factor: rules.development_factor,
        energy_kwh: energy,
        min_papers_per_country: rules.min_papers_per_country,
        n_total,
        shares,
        excluded,
        tco2e,
        vintage,
        counting,
        notes,
    })
}

/// Median of a non-empty slice (sorts it).
pub fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_even_count_is_mean_of_middle_pair() {
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&mut [5.0, 1.0, 3.0]), 3.0);
    }
}
