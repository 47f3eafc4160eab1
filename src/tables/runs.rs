//! The tidy per-run table: one row per run a paper reports, with every input, its origin, the
//! run's own energy and what it adds to the paper's total under the method.

use polars::prelude::*;

use super::frames::column;
use super::rows::round4;
use crate::error::Result;
use crate::estimate::{Estimator, Method};
use crate::model::{Estimate, Field, PaperRecord, Purpose};

/// One line of `runs.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRow {
    pub paper_id: String,
    pub year: Option<i32>,
    /// The run's index in the record (`runs[N]`), the number `explain` and `annotate` use.
    pub run: u32,
    pub purpose: String,
    /// The hardware as written, and the catalog id it resolves to.
    pub hardware: Option<String>,
    pub hardware_id: Option<String>,
    pub hardware_origin: Option<String>,
    pub count: Option<u32>,
    pub count_origin: Option<String>,
    pub hours: Option<f64>,
    pub hours_low: Option<f64>,
    pub hours_high: Option<f64>,
    pub hours_basis: Option<String>,
    pub hours_origin: Option<String>,
    /// 1 when the paper states no repetition.
    pub multiplier: f64,
    pub multiplier_basis: Option<String>,
    pub multiplier_origin: Option<String>,
    /// Hours × multiplier: what the run adds to the paper's compute time.
    pub total_hours: Option<f64>,
    pub total_hours_low: Option<f64>,
    pub total_hours_high: Option<f64>,
    pub tdp_w: Option<f64>,
    pub tdp_source: Option<String>,
    /// `default` when the method took the TDP from the catalog.
    pub tdp_origin: Option<String>,
    /// This run alone: n × TDP × hours × multiplier (+ memory), before PUE.
    pub kwh_device: Option<f64>,
    pub kwh_device_low: Option<f64>,
    pub kwh_device_high: Option<f64>,
    pub pue: f64,
    /// This run alone, after PUE.
    pub kwh: Option<f64>,
    pub kwh_low: Option<f64>,
    pub kwh_high: Option<f64>,
    /// Whether the paper's total counts this run, and if not, why.
    pub counted: String,
    /// What the run adds to the paper's `kwh` (0 when not counted; under a final-model-only
    /// method, once, without the multiplier). Per paper these sum to `papers.csv`'s `kwh`.
    pub counted_kwh: Option<f64>,
    /// The run's missing inputs, `; `-joined.
    pub missing: String,
    pub method: String,
    pub reference_version: String,
}

fn kind<T>(f: &Option<Field<T>>) -> Option<String> {
    f.as_ref().map(|f| f.origin.kind().to_string())
}

impl RunRow {
    /// The rows of one paper, in record order.
    pub fn of_paper(
        rec: &PaperRecord,
        est: &Estimate,
        method: &Method,
        estimator: &Estimator,
    ) -> Vec<RunRow> {
        let pue = method.energy.pue;
        let paper_estimated = est.footprint().is_some();
        rec.runs
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let own = estimator.estimate_run(run);
                let tdp = estimator.run_tdp(run);
                let in_total = est.runs().iter().find(|r| r.run == i);
                let missing = own.as_ref().err().cloned().unwrap_or_default();
                let counted = if run.purpose != Purpose::Training {
                    "no: not training".to_string()
                } else if in_total.is_some() {
                    "yes".to_string()
                } else if !missing.is_empty() {
                    if paper_estimated {
                        "no: incomplete run left out".to_string()
                    } else {
                        "no: incomplete run, paper not estimated".to_string()
                    }
                } else if !paper_estimated {
                    "no: paper not estimated (another run is incomplete)".to_string()
                } else {
                    "no: the method counts the final model only".to_string()
                };
                let total = run.total_hours();
                let own = own.ok();
                let hours = run.hours.as_ref().map(|h| h.value);
                RunRow {
                    paper_id: rec.paper.id.clone(),
                    year: rec.paper.year,
                    run: i as u32,
                    purpose: run.purpose.as_str().to_string(),
                    hardware: run.hardware.as_ref().map(|h| h.value.clone()),
                    hardware_id: run.hardware_id.as_ref().map(|h| h.value.clone()),
                    hardware_origin: kind(&run.hardware_id).or_else(|| kind(&run.hardware)),
                    count: run.count.as_ref().map(|c| c.value),
                    count_origin: kind(&run.count),
                    hours: hours.map(|h| round4(h.value)),
                    hours_low: hours.map(|h| round4(h.low)),
                    hours_high: hours.map(|h| round4(h.high)),
                    hours_basis: hours.map(|h| h.basis.as_str().to_string()),
                    hours_origin: kind(&run.hours),
                    multiplier: run.factor(),
                    multiplier_basis: run.multiplier.as_ref().map(|m| m.value.basis.clone()),
                    multiplier_origin: kind(&run.multiplier),
                    total_hours: total.map(|h| round4(h.value)),
                    total_hours_low: total.map(|h| round4(h.low)),
                    total_hours_high: total.map(|h| round4(h.high)),
                    tdp_w: tdp.as_ref().map(|t| t.0),
                    tdp_source: tdp.as_ref().map(|t| t.1.clone()),
                    tdp_origin: tdp
                        .as_ref()
                        .map(|_| kind(&run.tdp_w).unwrap_or_else(|| "default".to_string())),
                    kwh_device: own.as_ref().map(|r| round4(r.device_kwh.point)),
                    kwh_device_low: own.as_ref().map(|r| round4(r.device_kwh.low)),
                    kwh_device_high: own.as_ref().map(|r| round4(r.device_kwh.high)),
                    pue,
                    kwh: own.as_ref().map(|r| round4(r.device_kwh.point * pue)),
                    kwh_low: own.as_ref().map(|r| round4(r.device_kwh.low * pue)),
                    kwh_high: own.as_ref().map(|r| round4(r.device_kwh.high * pue)),
                    counted,
                    counted_kwh: if paper_estimated {
                        Some(round4(in_total.map_or(0.0, |r| r.device_kwh.point * pue)))
                    } else {
                        None
                    },
                    missing: missing.join("; "),
                    method: format!("{} v{}", est.method, est.method_version),
                    reference_version: est.reference_version.clone(),
                }
            })
            .collect()
    }
}

/// The per-run table, sorted by paper id and run index.
pub fn per_run(rows: &[RunRow]) -> Result<DataFrame> {
    let mut rows: Vec<&RunRow> = rows.iter().collect();
    rows.sort_by(|a, b| a.paper_id.cmp(&b.paper_id).then(a.run.cmp(&b.run)));
    let cols = vec![
        column("paper_id", &rows, |r| r.paper_id.clone()),
        column("year", &rows, |r| r.year),
        column("run", &rows, |r| r.run),
        column("purpose", &rows, |r| r.purpose.clone()),
        column("hardware", &rows, |r| r.hardware.clone()),
        column("hardware_id", &rows, |r| r.hardware_id.clone()),
        column("hardware_origin", &rows, |r| r.hardware_origin.clone()),
        column("count", &rows, |r| r.count),
        column("count_origin", &rows, |r| r.count_origin.clone()),
        column("hours", &rows, |r| r.hours),
        column("hours_low", &rows, |r| r.hours_low),
        column("hours_high", &rows, |r| r.hours_high),
        column("hours_basis", &rows, |r| r.hours_basis.clone()),
        column("hours_origin", &rows, |r| r.hours_origin.clone()),
        column("multiplier", &rows, |r| r.multiplier),
        column("multiplier_basis", &rows, |r| r.multiplier_basis.clone()),
        column("multiplier_origin", &rows, |r| r.multiplier_origin.clone()),
        column("total_hours", &rows, |r| r.total_hours),
        column("total_hours_low", &rows, |r| r.total_hours_low),
        column("total_hours_high", &rows, |r| r.total_hours_high),
        column("tdp_w", &rows, |r| r.tdp_w),
        column("tdp_source", &rows, |r| r.tdp_source.clone()),
        column("tdp_origin", &rows, |r| r.tdp_origin.clone()),
        column("kwh_device", &rows, |r| r.kwh_device),
        column("kwh_device_low", &rows, |r| r.kwh_device_low),
        column("kwh_device_high", &rows, |r| r.kwh_device_high),
        column("pue", &rows, |r| r.pue),
        column("kwh", &rows, |r| r.kwh),
        column("kwh_low", &rows, |r| r.kwh_low),
        column("kwh_high", &rows, |r| r.kwh_high),
        column("counted", &rows, |r| r.counted.clone()),
        column("counted_kwh", &rows, |r| r.counted_kwh),
        column("missing", &rows, |r| r.missing.clone()),
        column("method", &rows, |r| r.method.clone()),
        column("reference_version", &rows, |r| r.reference_version.clone()),
    ];
    Ok(DataFrame::new(rows.len(), cols)?)
}
