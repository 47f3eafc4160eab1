//! The headline figures of a survey, printed for people and as JSON for scripts.

use std::collections::BTreeMap;

use serde::Serialize;

use super::rows::{round4, PaperRow};
use crate::estimate::{median, ConferenceEstimate, CountryCounting, Method};
use crate::model::{DisclosureLevel, PaperRecord};
use crate::reference::Reference;

#[derive(Debug, Clone, Serialize)]
pub struct TopShare {
    pub n: usize,
    pub kwh: f64,
    pub share: f64,
    pub papers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub survey: String,
    pub method: String,
    pub method_version: String,
    pub reference_version: String,
    pub intensity_vintage: String,
    pub counting: CountryCounting,
    pub papers: usize,
    pub estimated: usize,
    pub estimated_share: f64,
    pub disclosure: BTreeMap<String, usize>,
    /// Papers with an estimate whose disclosure is not "full" (e.g. Musika in Green MIR).
    pub estimated_not_full: Vec<String>,
    /// Papers marked "full" that have no estimate.
    pub full_not_estimated: Vec<String>,
    pub kwh_sum: f64,
    pub kwh_mean: Option<f64>,
    pub kwh_median: Option<f64>,
    pub top3: Option<TopShare>,
    pub kgco2e_sum: f64,
    /// Estimates that disagree with a stated energy figure.
    pub stated_mismatches: Vec<String>,
    pub country_papers: BTreeMap<String, u32>,
    pub conference: Option<ConferenceEstimate>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<String>,
    #[serde(skip)]
    pub disclosure_by_year: BTreeMap<i32, [u32; 3]>,
}

impl Summary {
    pub fn new(
        survey: &str,
        records: &[PaperRecord],
        rows: &[PaperRow],
        method: &Method,
        reference: &Reference,
        counting: CountryCounting,
        conference: Option<ConferenceEstimate>,
    ) -> Self {
        let mut kwh: Vec<(String, f64)> = rows
            .iter()
            .filter_map(|r| r.kwh.map(|k| (r.paper_id.clone(), k)))
            .collect();
        let sum: f64 = kwh.iter().map(|k| k.1).sum();
        let mut values: Vec<f64> = kwh.iter().map(|k| k.1).collect();
        let (mean, med) = if values.is_empty() {
            (None, None)
        } else {
            (
                Some(round4(sum / values.len() as f64)),
                Some(round4(median(&mut values))),
            )
        };
        kwh.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let top3 = (kwh.len() >= 3).then(|| {
            let t: f64 = kwh[..3].iter().map(|k| k.1).sum();
            TopShare {
                n: 3,
                kwh: round4(t),
                share: round4(t / sum),
                papers: kwh[..3].iter().map(|k| k.0.clone()).collect(),
            }
        });
        let mut disclosure = BTreeMap::new();
        let mut by_year: BTreeMap<i32, [u32; 3]> = BTreeMap::new();
        for r in records {
            let level = r.disclosure_level();
            *disclosure.entry(level.as_str().to_string()).or_insert(0) += 1;
            if let Some(y) = r.paper.year {
                let slot = match level {
                    DisclosureLevel::Full => 0,
                    DisclosureLevel::Partial => 1,
                    DisclosureLevel::None => 2,
                };
                by_year.entry(y).or_default()[slot] += 1;
            }
        }
        let estimated_not_full = rows
            .iter()
            .filter(|r| r.kwh.is_some() && r.disclosure != "full")
            .map(|r| format!("{} ({}, {})", r.paper_id, r.title, r.disclosure))
            .collect();
        let full_not_estimated = rows
            .iter()
            .filter(|r| r.kwh.is_none() && r.disclosure == "full")
            .map(|r| format!("{} ({}: missing {})", r.paper_id, r.title, r.missing))
            .collect();
        let stated_mismatches = rows
            .iter()
            .filter(|r| r.check.starts_with("differs"))
            .map(|r| format!("{}: estimate {:?} kWh, {}", r.paper_id, r.kwh, r.check))
            .collect();
        let (counts, mut notes) = crate::estimate::country_counts(records, counting);
        let country_papers = counts.into_iter().map(|(k, (_, n))| (k, n)).collect();
        if let Some(c) = &conference {
            notes.extend(c.notes.iter().cloned());
            notes.dedup();
        }
        let estimated = kwh.len();
        Summary {
            survey: survey.to_string(),
            method: method.id.clone(),
            method_version: method.version.clone(),
            reference_version: reference.version.clone(),
            intensity_vintage: method.carbon.vintage.clone(),
            counting,
            papers: records.len(),
            estimated,
            estimated_share: if records.is_empty() {
                0.0
            } else {
                round4(estimated as f64 / records.len() as f64)
            },
            disclosure,
            estimated_not_full,
            full_not_estimated,
            kwh_sum: round4(sum),
            kwh_mean: mean,
            kwh_median: med,
            top3,
            kgco2e_sum: round4(rows.iter().filter_map(|r| r.kgco2e).sum()),
            stated_mismatches,
            country_papers,
            conference,
            notes,
            outputs: Vec::new(),
            disclosure_by_year: by_year,
        }
    }

    /// The human-readable headline block.
    pub fn render(&self) -> String {
        use crate::estimate::fmt_num;
        let mut s = String::new();
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        s.push_str(&format!(
            "survey {} — method {} v{} — reference data {} — intensity vintage {}\n",
            self.survey,
            self.method,
            self.method_version,
            self.reference_version,
            self.intensity_vintage
        ));
        s.push_str(&format!(
            "papers: {}; energy estimated for {} ({}); disclosure full {}, partial {}, none {}\n",
            self.papers,
            self.estimated,
            pct(self.estimated_share),
            self.disclosure.get("full").unwrap_or(&0),
            self.disclosure.get("partial").unwrap_or(&0),
            self.disclosure.get("none").unwrap_or(&0)
        ));
        for p in &self.estimated_not_full {
            s.push_str(&format!("  estimated although not marked full: {p}\n"));
        }
        for p in &self.full_not_estimated {
            s.push_str(&format!("  marked full but not estimated: {p}\n"));
        }
        if let (Some(mean), Some(med)) = (self.kwh_mean, self.kwh_median) {
            s.push_str(&format!(
                "kWh per paper: mean {:.2}, median {:.2}, sum {:.2}\n",
                mean, med, self.kwh_sum
            ));
        }
        if let Some(t) = &self.top3 {
            s.push_str(&format!(
                "top-3 papers: {:.1} kWh = {} of the sum ({})\n",
                t.kwh,
                pct(t.share),
                t.papers.join(", ")
            ));
        }
        for m in &self.stated_mismatches {
            s.push_str(&format!("  differs from the stated energy: {m}\n"));
        }
        if let Some(c) = &self.conference {
            s.push_str(&format!(
                "conference estimate: {:.2} kWh ({:?}) × {} papers × {} = {:.1} kWh\n",
                c.per_paper_kwh,
                c.statistic,
                c.papers,
                fmt_num(c.development_factor),
                c.energy_kwh
            ));
            let shares: Vec<String> = c
                .shares
                .iter()
                .map(|sh| format!("{} {}", sh.label, sh.papers))
                .collect();
            s.push_str(&format!(
                "countries with ≥ {} papers (N_total {}): {}\n",
                c.min_papers_per_country,
                c.n_total,
                shares.join(", ")
            ));
            s.push_str(&format!(
                "C_total: {:.3} tCO2e with intensity vintage {} (year {})\n",
                c.tco2e,
                c.vintage,
                c.shares
                    .first()
                    .and_then(|x| x.intensity_year)
                    .map(|y| y.to_string())
                    .unwrap_or_else(|| "?".into())
            ));
        }
        for n in &self.notes {
            s.push_str(&format!("note: {n}\n"));
        }
        s
    }
}
