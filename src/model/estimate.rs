//! `Estimate`: energy and emissions of one paper under one named method, with intervals and
//! every assumption that produced them.

use serde::{Deserialize, Serialize};

/// A point value with the interval its inputs allow.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    pub point: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn exact(v: f64) -> Self {
        Interval {
            point: v,
            low: v,
            high: v,
        }
    }

    pub fn scale(self, k: f64) -> Self {
        Interval {
            point: self.point * k,
            low: self.low * k,
            high: self.high * k,
        }
    }

    pub fn plus(self, o: Interval) -> Self {
        Interval {
            point: self.point + o.point,
            low: self.low + o.low,
            high: self.high + o.high,
        }
    }
}

/// One input of an estimate and where it came from ("TDP 250 W, greenmir2024 sheet").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assumption {
    pub name: String,
    pub value: String,
    pub source: String,
}

/// The carbon intensity an estimate used, and how it was found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IntensityUse {
    /// ISO codes whose intensities were combined (empty when the world value was used).
    pub countries: Vec<String>,
    pub year: Option<i32>,
    pub g_per_kwh: f64,
    pub vintage: String,
    /// `country-year`, `nearest-year (2022 → 2021)`, `world`, `fixed` — per country, joined.
    pub fallback: String,
}

/// The energy of one run and the TDP chosen for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunEstimate {
    /// The run's index in the paper record (`runs[N]`).
    #[serde(default)]
    pub run: usize,
    pub count: u32,
    pub hours: f64,
    /// Set when the paper gave device time, not devices × hours: `count` is 1 and `hours` is
    /// this device time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_hours: Option<f64>,
    /// Times the run counts toward the total (1 = once), and what is counted.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub multiplier: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier_basis: Option<String>,
    pub tdp_w: f64,
    pub tdp_source: String,
    /// Other TDP values the catalog holds for this hardware (value, source).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tdp_alternatives: Vec<(f64, String)>,
    /// n × TDP × h (+ memory), before PUE.
    pub device_kwh: Interval,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EstimateStatus {
    Estimated,
    /// The method's required inputs are missing: no energy is claimed.
    Insufficient {
        missing: Vec<String>,
    },
}

/// One paper's footprint under one method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub paper_id: String,
    pub method: String,
    pub method_version: String,
    pub reference_version: String,
    #[serde(flatten)]
    pub status: EstimateStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<RunEstimate>,
    /// Device energy n × TDP × h (+ memory), before PUE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_kwh: Option<Interval>,
    /// Facility energy: device energy × PUE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_kwh: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub co2e_kg: Option<Interval>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intensity: Option<IntensityUse>,
    pub assumptions: Vec<Assumption>,
}

fn one() -> f64 {
    1.0
}

fn is_one(v: &f64) -> bool {
    *v == 1.0
}
