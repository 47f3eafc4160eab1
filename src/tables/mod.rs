//! Survey tables: per paper, per year, per country (CSV, Parquet, Markdown, LaTeX), SVG plots
//! and a headline summary for scripts.

mod frames;
mod plots;
mod rows;
mod summary;
mod write;

use std::path::Path;

pub use frames::{per_country, per_paper, per_year, PaperCountry};
pub use plots::{disclosure_per_year, energy_per_paper};
pub use rows::{round4, PaperRow};
pub use summary::{Summary, TopShare};
pub use write::{latex_escape, to_csv, to_html, to_latex, to_markdown, to_parquet, write_all};

use crate::atomic::write_atomic;
use crate::error::Result;
use crate::estimate::{conference, CountryCounting, Estimator, Method};
use crate::model::{Estimate, PaperRecord};
use crate::reference::Reference;

/// Everything `greenmir tables` computes, before and after writing.
pub struct Tables {
    pub per_paper: polars::prelude::DataFrame,
    pub per_year: polars::prelude::DataFrame,
    pub per_country: polars::prelude::DataFrame,
    pub estimates: Vec<Estimate>,
    pub summary: Summary,
}

/// Estimates every record under `method` and builds the three tables and the summary.
pub fn build(
    survey: &str,
    records: &[PaperRecord],
    method: &Method,
    reference: &Reference,
    counting: CountryCounting,
) -> Result<Tables> {
    let estimator = Estimator::new(method, reference);
    let estimates: Vec<Estimate> = records.iter().map(|r| estimator.estimate(r)).collect();
    let rows: Vec<PaperRow> = records
        .iter()
        .zip(&estimates)
        .map(|(r, e)| PaperRow::new(r, e))
        .collect();
    let paper_df = per_paper(&rows)?;
    let year_df = per_year(&paper_df)?;
    let links: Vec<PaperCountry> = records
        .iter()
        .flat_map(|r| {
            let mut seen: Vec<String> = Vec::new();
            r.countries
                .iter()
                .filter_map(|c| {
                    let text = c.value.text.trim().to_string();
                    let label = match counting {
                        CountryCounting::AsWritten => text,
                        CountryCounting::Iso => c.value.iso2.clone().unwrap_or(text),
                    };
                    if seen.contains(&label) {
                        return None;
                    }
                    seen.push(label.clone());
                    Some(PaperCountry {
                        paper_id: r.paper.id.clone(),
                        label,
                        iso2: c.value.iso2.clone(),
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let country_df = per_country(&paper_df, &links)?;
    let conf = conference(records, &estimates, method, reference, counting);
    let summary = Summary::new(survey, records, &rows, method, reference, counting, conf);
    Ok(Tables {
        per_paper: paper_df,
        per_year: year_df,
        per_country: country_df,
        estimates,
        summary,
    })
}

impl Tables {
    /// Writes the tables, plots and `summary.json` into `dir`; returns the files written.
    pub fn write(&mut self, dir: &Path) -> Result<Vec<String>> {
        let s = &self.summary;
        let tag = format!(
            "{} under {} v{}, reference {}",
            s.survey, s.method, s.method_version, s.reference_version
        );
        let mut files = Vec::new();
        files.extend(write_all(
            dir,
            "papers",
            &self.per_paper,
            &format!("Per paper: {tag}"),
        )?);
        files.extend(write_all(
            dir,
            "years",
            &self.per_year,
            &format!("Per year: {tag}"),
        )?);
        files.extend(write_all(
            dir,
            "countries",
            &self.per_country,
            &format!("Per country: {tag}"),
        )?);
        let bars: Vec<(String, f64)> = self
            .estimates
            .iter()
            .filter_map(|e| e.energy_kwh.map(|k| (e.paper_id.clone(), k.point)))
            .collect();
        let p = dir.join("energy_per_paper.svg");
        write_atomic(
            &p,
            energy_per_paper(&format!("Training energy per paper ({})", s.method), &bars)
                .as_bytes(),
        )?;
        files.push(p.display().to_string());
        let years: Vec<(i32, [u32; 3])> =
            s.disclosure_by_year.iter().map(|(y, c)| (*y, *c)).collect();
        let p = dir.join("disclosure_per_year.svg");
        write_atomic(
            &p,
            disclosure_per_year("Compute disclosure per year", &years).as_bytes(),
        )?;
        files.push(p.display().to_string());
        let p = dir.join("estimates.jsonl");
        let mut sorted: Vec<&Estimate> = self.estimates.iter().collect();
        sorted.sort_by(|a, b| a.paper_id.cmp(&b.paper_id));
        let mut lines = String::new();
        for e in sorted {
            lines.push_str(&serde_json::to_string(e).expect("estimates serialise"));
            lines.push('\n');
        }
        write_atomic(&p, lines.as_bytes())?;
        files.push(p.display().to_string());
        self.summary.outputs = files.clone();
        self.summary
            .outputs
            .push(dir.join("summary.json").display().to_string());
        let p = dir.join("summary.json");
        let json = serde_json::to_string_pretty(&self.summary).expect("summary serialises");
        write_atomic(&p, format!("{json}\n").as_bytes())?;
        files.push(p.display().to_string());
        Ok(files)
    }
}
