//! `greenmir score MY-PAPER.pdf`: for authors before they submit — what a reader can extract,
//! what a full disclosure still lacks, the estimated footprint, and a disclosure sentence.

use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::estimate::{fmt_num, Estimator, Method};
use crate::extract::extract;
use crate::model::{CountryRef, Field, Origin, Paper, PaperRecord, Purpose};
use crate::text::read_document;

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// The paper: PDF, LaTeX (file or folder) or plain text.
    pub file: PathBuf,
    #[arg(long, default_value = "green-algorithms")]
    pub method: String,
    /// Where the training ran (ISO code or name), when the paper does not say.
    #[arg(long)]
    pub country: Option<String>,
    /// Year of the training, for the grid intensity.
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(Debug, Serialize)]
struct Score {
    source: String,
    found: Vec<String>,
    missing: Vec<String>,
    energy_stated: bool,
    kwh: Option<f64>,
    kgco2e: Option<f64>,
    method: String,
    assumptions: Vec<String>,
    suggestion: String,
}

fn energy_stated(text: &str) -> bool {
    let re = regex::Regex::new(r"(?i)\b\d[\d,.]*\s*(k|m|g)wh\b|\bkg\s*co2|\bco2e?\b.{0,40}\d")
        .expect("valid regex");
    re.is_match(text)
}

pub fn run(args: ScoreArgs, ctx: &Context) -> Result<()> {
    let doc = read_document(&args.file).map_err(|e| anyhow!("{}: {e}", args.file.display()))?;
    let ex = extract(&doc, &ctx.reference);
    let method = Method::find(&args.method)?;
    let all_text: String = doc
        .pages
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");

    let mut rec = PaperRecord::new(Paper {
        id: "your-paper".into(),
        venue: None,
        year: args.year,
        title: args.file.display().to_string(),
        authors: vec![],
        doi: None,
        pdf_url: None,
        sha256: None,
    });
    rec.runs = ex.runs.iter().map(|r| r.to_run()).collect();
    // The extraction located the author block; its countries keep author order.
    let mut countries = ex.countries.clone();
    if let Some(c) = &args.country {
        let country = ctx
            .reference
            .countries
            .lookup(c)
            .ok_or_else(|| anyhow!("unknown country {c:?}"))?;
        countries = vec![country.iso2.clone()];
    }
    rec.countries = countries
        .iter()
        .map(|c| {
            Field::new(
                CountryRef::from_code(c, &ctx.reference.countries),
                Origin::Default {
                    source: "author block or --country".into(),
                },
            )
        })
        .collect();

    let training: Vec<_> = ex
        .runs
        .iter()
        .filter(|r| r.purpose == Purpose::Training)
        .collect();
    let mut found = Vec::new();
    for r in &training {
        let quote = r
            .evidence
            .first()
            .map(|q| q.text.clone())
            .unwrap_or_default();
        found.push(format!(
            "run: {} × {}, {} h — \"{}\"",
            r.count.map(|c| c.to_string()).unwrap_or_else(|| "?".into()),
            r.hardware.clone().unwrap_or_else(|| "?".into()),
            r.hours.map(fmt_num).unwrap_or_else(|| "?".into()),
            quote
        ));
    }
    for n in &ex.non_training {
        found.push(format!("not training ({:?}): {}", n.purpose, n.hardware));
    }
    for a in &ex.affiliations {
        found.push(format!(
            "affiliation: {} → {}",
            a.text,
            a.country.clone().unwrap_or_else(|| "?".into())
        ));
    }
    let mut missing = Vec::new();
    if training.is_empty() {
        missing.push(
            "training runs: no sentence states training hardware or training time".to_string(),
        );
    }
    if training
        .iter()
        .any(|r| r.hardware.is_none() || r.hardware.as_deref() == Some("GPU (unspecified)"))
    {
        missing.push("hardware model (e.g. \"NVIDIA A100 40GB\")".into());
    }
    if training.iter().any(|r| r.count.is_none()) {
        missing.push("number of devices".into());
    }
    if training.iter().any(|r| r.hours.is_none()) {
        missing.push("training time (wall-clock hours)".into());
    }
    if countries.is_empty() {
        missing.push("where the training ran (country or cloud region)".into());
    }
    let stated = energy_stated(&all_text);
    if !stated {
        missing.push("energy (kWh) and emissions (kgCO2e)".into());
    }

    let est = Estimator::new(&method, &ctx.reference).estimate(&rec);
    let (kwh, co2) = est
        .footprint()
        .map(|f| (f.energy_kwh.point, f.co2e_kg.point))
        .unzip();
    let first = training.first();
    let n = first
        .and_then(|r| r.count)
        .map(|c| c.to_string())
        .unwrap_or_else(|| "[N]".into());
    let hw = first
        .and_then(|r| r.hardware.clone())
        .unwrap_or_else(|| "[GPU model]".into());
    let h = first
        .and_then(|r| r.hours)
        .map(fmt_num)
        .unwrap_or_else(|| "[hours]".into());
    let place = countries
        .first()
        .cloned()
        .unwrap_or_else(|| "[country or cloud region]".into());
    let energy = match (kwh, co2) {
        (Some(k), Some(c)) => format!(
            "about {} kWh and {} kgCO2e ({} method, grid intensity of {place})",
            fmt_num((k * 10.0).round() / 10.0),
            fmt_num((c * 10.0).round() / 10.0),
            method.name
        ),
        _ => "[kWh] and [kgCO2e]".into(),
    };
    let suggestion = format!(
        "We trained our final model on {n} × {hw} for {h} hours in {place}, which used {energy}; \
         including development runs, the total compute was [total GPU-hours]."
    );
    let score = Score {
        source: args.file.display().to_string(),
        found,
        missing,
        energy_stated: stated,
        kwh,
        kgco2e: co2,
        method: format!("{} v{}", method.id, method.version),
        assumptions: est
            .assumptions
            .iter()
            .map(|a| format!("{}: {} — {}", a.name, a.value, a.source))
            .collect(),
        suggestion,
    };
    if ctx.global.json {
        return ctx.print_json(&score);
    }
    let mut s = format!("{}\n\nWhat a reader can extract:\n", score.source);
    if score.found.is_empty() {
        s.push_str("  (nothing about compute)\n");
    }
    for f in &score.found {
        s.push_str(&format!("  - {f}\n"));
    }
    s.push_str("\nWhat a full disclosure still lacks:\n");
    if score.missing.is_empty() {
        s.push_str("  nothing: hardware, count, time, location and energy are all stated\n");
    }
    for m in &score.missing {
        s.push_str(&format!("  - {m}\n"));
    }
    match (score.kwh, score.kgco2e) {
        (Some(k), Some(c)) => s.push_str(&format!(
            "\nEstimated footprint ({}): {:.2} kWh, {:.2} kgCO2e\n",
            score.method, k, c
        )),
        _ => s.push_str(&format!(
            "\nNo estimate ({}): the paper lacks the inputs above.\n",
            score.method
        )),
    }
    for a in &score.assumptions {
        s.push_str(&format!("  {a}\n"));
    }
    s.push_str(&format!(
        "\nSuggested disclosure sentence:\n  {}\n",
        score.suggestion
    ));
    ctx.say(s.trim_end());
    Ok(())
}
