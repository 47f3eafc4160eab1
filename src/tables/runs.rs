//! The tidy per-run table: one row per run a paper reports, with every input, its origin, the
//! run's own energy and what it adds to the paper's total under the method.

use polars::prelude::*;

use super::rows::round4;
use crate::error::Result;
use crate::estimate::{Estimator, Method};
use crate::model::{Estimate, EstimateStatus, Field, PaperRecord, Purpose};

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

fn purpose_str(p: Purpose) -> &'static str {
    match p {
        Purpose::Training => "training",
        Purpose::Inference => "inference",
        Purpose::Benchmark => "benchmark",
        Purpose::DataGeneration => "data_generation",
        Purpose::Other => "other",
    }
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
        let paper_estimated = est.status == EstimateStatus::Estimated;
        rec.runs
            .iter()
            .enumerate()
            .map(|(i, run)| {
                let own = estimator.estimate_run(run);
                let tdp = estimator.run_tdp(run);
                let in_total = est.runs.iter().find(|r| r.run == i);
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
                    purpose: purpose_str(run.purpose).to_string(),
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
    macro_rules! col {
        ($name:literal, $get:expr) => {
            Column::new($name.into(), rows.iter().map($get).collect::<Vec<_>>())
        };
    }
    let cols = vec![
        col!("paper_id", |r| r.paper_id.clone()),
        col!("year", |r| r.year),
        col!("run", |r| r.run),
        col!("purpose", |r| r.purpose.clone()),
        col!("hardware", |r| r.hardware.clone()),
        col!("hardware_id", |r| r.hardware_id.clone()),
        col!("hardware_origin", |r| r.hardware_origin.clone()),
        col!("count", |r| r.count),
        col!("count_origin", |r| r.count_origin.clone()),
        col!("hours", |r| r.hours),
        col!("hours_low", |r| r.hours_low),
        col!("hours_high", |r| r.hours_high),
        col!("hours_basis", |r| r.hours_basis.clone()),
        col!("hours_origin", |r| r.hours_origin.clone()),
        col!("multiplier", |r| r.multiplier),
        col!("multiplier_basis", |r| r.multiplier_basis.clone()),
        col!("multiplier_origin", |r| r.multiplier_origin.clone()),
        col!("total_hours", |r| r.total_hours),
        col!("total_hours_low", |r| r.total_hours_low),
        col!("total_hours_high", |r| r.total_hours_high),
        col!("tdp_w", |r| r.tdp_w),
        col!("tdp_source", |r| r.tdp_source.clone()),
        col!("tdp_origin", |r| r.tdp_origin.clone()),
        col!("kwh_device", |r| r.kwh_device),
        col!("kwh_device_low", |r| r.kwh_device_low),
        col!("kwh_device_high", |r| r.kwh_device_high),
        col!("pue", |r| r.pue),
        col!("kwh", |r| r.kwh),
        col!("kwh_low", |r| r.kwh_low),
        col!("kwh_high", |r| r.kwh_high),
        col!("counted", |r| r.counted.clone()),
        col!("counted_kwh", |r| r.counted_kwh),
        col!("missing", |r| r.missing.clone()),
        col!("method", |r| r.method.clone()),
        col!("reference_version", |r| r.reference_version.clone()),
    ];
    Ok(DataFrame::new(rows.len(), cols)?)
}
