//! Per-paper rows: a record and its estimate flattened into the columns people read.

use crate::estimate::fmt_num;
use crate::model::{Estimate, EstimateStatus, Field, PaperRecord};

/// One line of the per-paper table.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperRow {
    pub paper_id: String,
    pub year: Option<i32>,
    pub title: String,
    pub disclosure: String,
    pub hardware: String,
    pub count: String,
    pub tdp_w: String,
    pub hours: String,
    pub status: String,
    pub missing: String,
    pub kwh_device: Option<f64>,
    pub pue: Option<f64>,
    pub kwh: Option<f64>,
    pub kwh_low: Option<f64>,
    pub kwh_high: Option<f64>,
    pub kgco2e: Option<f64>,
    pub kgco2e_low: Option<f64>,
    pub kgco2e_high: Option<f64>,
    pub countries: String,
    pub intensity_g_per_kwh: Option<f64>,
    pub intensity_basis: String,
    pub stated_kwh: Option<f64>,
    pub check: String,
    pub method: String,
    pub reference_version: String,
    pub origins: String,
}

/// Rounds for tables: 4 decimals keeps kWh exact to 0.1 Wh and diffs stable.
pub fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

fn join_runs<T>(
    rec: &PaperRecord,
    f: impl Fn(&crate::model::Run) -> Option<T>,
    fmt: impl Fn(T) -> String,
) -> String {
    let parts: Vec<String> = rec
        .training_runs()
        .map(|r| f(r).map(&fmt).unwrap_or_else(|| "?".into()))
        .collect();
    if parts.iter().all(|p| p == "?") {
        String::new()
    } else {
        parts.join(";")
    }
}

fn origin_kinds<T>(name: &str, fields: Vec<Option<&Field<T>>>) -> Option<String> {
    let mut kinds: Vec<&str> = fields.iter().flatten().map(|f| f.origin.kind()).collect();
    kinds.dedup();
    (!kinds.is_empty()).then(|| format!("{name}: {}", kinds.join("/")))
}

impl PaperRow {
    pub fn new(rec: &PaperRecord, est: &Estimate) -> Self {
        let runs: Vec<_> = rec.training_runs().collect();
        let hardware = join_runs(
            rec,
            |r| {
                r.hardware
                    .as_ref()
                    .map(|h| h.value.clone())
                    .or_else(|| r.hardware_id.as_ref().map(|h| h.value.clone()))
            },
            |s| s,
        );
        let tdp_w = if est.runs().is_empty() {
            join_runs(rec, |r| r.tdp_w.as_ref().map(|t| t.value), fmt_num)
        } else {
            est.runs()
                .iter()
                .map(|r| fmt_num(r.tdp_w))
                .collect::<Vec<_>>()
                .join(";")
        };
        let origins: Vec<String> = [
            origin_kinds(
                "hardware",
                runs.iter().map(|r| r.hardware.as_ref()).collect(),
            ),
            origin_kinds("count", runs.iter().map(|r| r.count.as_ref()).collect()),
            origin_kinds("tdp", runs.iter().map(|r| r.tdp_w.as_ref()).collect()),
            origin_kinds("hours", runs.iter().map(|r| r.hours.as_ref()).collect()),
            origin_kinds("countries", rec.countries.iter().map(Some).collect()),
        ]
        .into_iter()
        .flatten()
        .chain(
            (!est.runs().is_empty() && runs.iter().any(|r| r.tdp_w.is_none()))
                .then(|| "tdp: default (catalog)".to_string()),
        )
        .collect();
        let (status, missing) = match &est.status {
            EstimateStatus::Estimated(_) => ("estimated".to_string(), String::new()),
            EstimateStatus::Insufficient { missing } => {
                ("insufficient".to_string(), missing.join("; "))
            }
        };
        let stated = rec.stated_energy_kwh.as_ref().map(|f| f.value);
        let footprint = est.footprint();
        let check = match (stated, footprint) {
            (Some(s), Some(f)) => {
                let close = |v: f64| (v - s).abs() <= 0.01 * s.abs().max(1e-9);
                if close(f.device_kwh.point) || close(f.energy_kwh.point) {
                    "matches stated".to_string()
                } else {
                    format!("differs from stated {}", fmt_num(s))
                }
            }
            (Some(_), None) => "stated, not recomputable".to_string(),
            _ => String::new(),
        };
        let mut countries: Vec<String> = rec
            .countries
            .iter()
            .map(|c| {
                c.value
                    .iso2
                    .clone()
                    .unwrap_or_else(|| format!("?{}", c.value.text))
            })
            .collect();
        // Distinct, in author order (a correction may repeat a country further down).
        let mut seen = std::collections::HashSet::new();
        countries.retain(|c| seen.insert(c.clone()));
        PaperRow {
            paper_id: rec.paper.id.clone(),
            year: rec.paper.year,
            title: rec.paper.title.clone(),
            disclosure: rec.disclosure_level().as_str().to_string(),
            hardware,
            count: join_runs(
                rec,
                |r| r.count.as_ref().map(|c| c.value),
                |c| c.to_string(),
            ),
            tdp_w,
            hours: join_runs(rec, |r| r.hours.as_ref().map(|h| h.value.value), fmt_num),
            status,
            missing,
            kwh_device: footprint.map(|f| round4(f.device_kwh.point)),
            pue: footprint
                .filter(|f| f.device_kwh.point > 0.0)
                .map(|f| round4(f.energy_kwh.point / f.device_kwh.point)),
            kwh: footprint.map(|f| round4(f.energy_kwh.point)),
            kwh_low: footprint.map(|f| round4(f.energy_kwh.low)),
            kwh_high: footprint.map(|f| round4(f.energy_kwh.high)),
            kgco2e: footprint.map(|f| round4(f.co2e_kg.point)),
            kgco2e_low: footprint.map(|f| round4(f.co2e_kg.low)),
            kgco2e_high: footprint.map(|f| round4(f.co2e_kg.high)),
            countries: countries.join(";"),
            intensity_g_per_kwh: footprint.map(|f| round4(f.intensity.g_per_kwh)),
            intensity_basis: footprint
                .map(|f| format!("{} {}", f.intensity.vintage, f.intensity.fallback))
                .unwrap_or_default(),
            stated_kwh: stated,
            check,
            method: format!("{} v{}", est.method, est.method_version),
            reference_version: est.reference_version.clone(),
            origins: origins.join("; "),
        }
    }
}
