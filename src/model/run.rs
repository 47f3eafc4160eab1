//! `Run`: one training (or non-training) use of hardware that a paper reports.

use serde::{Deserialize, Serialize};

use super::{Evidence, Field};

/// What the hardware was used for. Only `Training` runs are estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    #[default]
    Training,
    Inference,
    Benchmark,
    DataGeneration,
    Other,
}

impl Purpose {
    /// The word tables, annotations and the review page use.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Training => "training",
            Purpose::Inference => "inference",
            Purpose::Benchmark => "benchmark",
            Purpose::DataGeneration => "data_generation",
            Purpose::Other => "other",
        }
    }
}

/// How a run's duration was obtained from the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum HoursBasis {
    /// A single stated total ("3 days").
    #[default]
    Stated,
    /// A stated range ("2–3 days"); `value` is the midpoint.
    Range,
    /// A stated bound ("less than 24 hours"); `value` is the bound.
    UpperBound,
    /// Not stated as a total but following from stated numbers (per-epoch × epochs).
    Derived,
}

impl HoursBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            HoursBasis::Stated => "stated",
            HoursBasis::Range => "range",
            HoursBasis::UpperBound => "upper_bound",
            HoursBasis::Derived => "derived",
        }
    }
}

/// Wall-clock hours of a run, with the interval the statement allows.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Hours {
    pub value: f64,
    pub low: f64,
    pub high: f64,
    #[serde(default)]
    pub basis: HoursBasis,
}

impl Hours {
    pub fn stated(value: f64) -> Self {
        Hours {
            value,
            low: value,
            high: value,
            basis: HoursBasis::Stated,
        }
    }

    pub fn range(low: f64, high: f64) -> Self {
        Hours {
            value: (low + high) / 2.0,
            low,
            high,
            basis: HoursBasis::Range,
        }
    }
}

/// How many times a run's time counts toward the paper's total compute: "all four models
/// are trained … 48 hours" is ×4, "each training fold takes 11 hours" with 8 folds is ×8.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Multiplier {
    pub factor: f64,
    /// What is counted, as the paper says it ("4 models", "8 folds", "3 blocks × 2 settings").
    pub basis: String,
}

impl Multiplier {
    pub fn new(factor: f64, basis: impl Into<String>) -> Self {
        Multiplier {
            factor,
            basis: basis.into(),
        }
    }
}

/// One run: which hardware, how many devices, how long, for what, and on what evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Run {
    /// The hardware name as written ("Tesla-V100-SXM2-32GB").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware: Option<Field<String>>,
    /// The hardware catalog id it resolves to (`nvidia-v100`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware_id: Option<Field<String>>,
    /// Other catalog devices the hardware may be when `hardware_id` stands for a class name
    /// ("Volta GPUs" → V100, alternatives Titan V, Quadro GV100…): their TDPs widen the interval.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hardware_alternatives: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<Field<u32>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<Field<Hours>>,
    /// A TDP given with the record (imported or annotated); otherwise the method picks one
    /// from the hardware catalog.
    /// Device time summed over devices ("2,500 A100 GPU-hours") when the paper gives no device
    /// count to turn it into wall-clock hours; energy is TDP × device-hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_hours: Option<Field<f64>>,
    /// Repetitions of this run that the paper's total counts (models, folds, seeds); absent
    /// means once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<Field<Multiplier>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tdp_w: Option<Field<f64>>,
    /// Memory in GB, for methods that count memory power (Green Algorithms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_gb: Option<Field<f64>>,
    #[serde(default)]
    pub purpose: Purpose,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

impl Run {
    /// The multiplier's factor, 1 when none is stated.
    pub fn factor(&self) -> f64 {
        self.multiplier.as_ref().map_or(1.0, |m| m.value.factor)
    }

    /// Hours of the run times its multiplier: what it adds to the paper's total compute.
    pub fn total_hours(&self) -> Option<Hours> {
        let f = self.factor();
        self.hours.as_ref().map(|h| Hours {
            value: h.value.value * f,
            low: h.value.low * f,
            high: h.value.high * f,
            basis: h.value.basis,
        })
    }

    /// Hardware (or its TDP), count and time are all known.
    pub fn is_complete(&self) -> bool {
        (self.hardware_id.is_some() || self.hardware.is_some() || self.tdp_w.is_some())
            && ((self.count.is_some() && self.hours.is_some()) || self.device_hours.is_some())
    }
}
