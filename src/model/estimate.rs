//! `Estimate`: energy and emissions of one paper under one named method, with intervals and
//! every assumption that produced them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::reference::Fallback;

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
    pub fallback: IntensityFallback,
}

/// How an estimate's carbon intensity was found. Kept as one line of text in JSON, as in the
/// tables and explanations, so estimates written before the type existed read the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum IntensityFallback {
    /// The method applies one value to every paper; `source` names it.
    Fixed { source: String },
    /// The paper has no known country: the world average.
    NoCountry,
    /// One lookup per ISO code, in the paper's order, after what the country policy had to
    /// fall back on (`note`).
    Countries {
        note: Option<String>,
        lookups: Vec<(String, Fallback)>,
    },
}

const FIXED_PREFIX: &str = "fixed by method: ";
const NO_COUNTRY: &str = "world (no country known)";

impl fmt::Display for IntensityFallback {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IntensityFallback::Fixed { source } => write!(f, "{FIXED_PREFIX}{source}"),
            IntensityFallback::NoCountry => f.write_str(NO_COUNTRY),
            IntensityFallback::Countries { note, lookups } => {
                if let Some(n) = note {
                    write!(f, "{n}; ")?;
                }
                for (i, (code, fallback)) in lookups.iter().enumerate() {
                    let sep = if i == 0 { "" } else { ", " };
                    write!(f, "{sep}{code}: {fallback}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::str::FromStr for IntensityFallback {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        if let Some(source) = s.strip_prefix(FIXED_PREFIX) {
            return Ok(IntensityFallback::Fixed {
                source: source.to_string(),
            });
        }
        if s == NO_COUNTRY {
            return Ok(IntensityFallback::NoCountry);
        }
        // A policy note may hold commas and colons, the lookups never hold "; ": the last
        // "; " is where the lookups start.
        let (note, list) = match s.rsplit_once("; ") {
            Some((n, l)) => (Some(n.to_string()), l),
            None => (None, s),
        };
        let lookups = list
            .split(", ")
            .map(|one| {
                let (code, fallback) = one
                    .split_once(": ")
                    .ok_or_else(|| format!("intensity fallback {s:?}: no country in {one:?}"))?;
                Ok((code.to_string(), fallback.parse()?))
            })
            .collect::<Result<_, String>>()?;
        Ok(IntensityFallback::Countries { note, lookups })
    }
}

impl TryFrom<String> for IntensityFallback {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

impl From<IntensityFallback> for String {
    fn from(f: IntensityFallback) -> String {
        f.to_string()
    }
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

/// What an estimated paper comes to: the runs counted, their energy and its emissions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footprint {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub runs: Vec<RunEstimate>,
    /// Device energy n × TDP × h (+ memory), before PUE.
    pub device_kwh: Interval,
    /// Facility energy: device energy × PUE.
    pub energy_kwh: Interval,
    pub co2e_kg: Interval,
    pub intensity: IntensityUse,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum EstimateStatus {
    Estimated(Footprint),
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
    /// Flattened, so the footprint's fields sit beside `status` in JSON; `runs` is the
    /// footprint's first field, which keeps the key order estimates were always written in.
    #[serde(flatten)]
    pub status: EstimateStatus,
    pub assumptions: Vec<Assumption>,
}

impl Estimate {
    pub fn footprint(&self) -> Option<&Footprint> {
        match &self.status {
            EstimateStatus::Estimated(f) => Some(f),
            EstimateStatus::Insufficient { .. } => None,
        }
    }

    /// The runs counted in the footprint; none when the paper is not estimated.
    pub fn runs(&self) -> &[RunEstimate] {
        self.footprint().map_or(&[], |f| &f.runs)
    }
}

fn one() -> f64 {
    1.0
}

fn is_one(v: &f64) -> bool {
    *v == 1.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESTIMATED: &str = r#"{"paper_id":"p","method":"m","method_version":"1","reference_version":"r","status":"estimated","runs":[{"run":0,"count":2,"hours":10.0,"tdp_w":250.0,"tdp_source":"s","device_kwh":{"point":5.0,"low":5.0,"high":5.0}}],"device_kwh":{"point":5.0,"low":5.0,"high":5.0},"energy_kwh":{"point":7.5,"low":7.5,"high":7.5},"co2e_kg":{"point":3.0,"low":3.0,"high":3.0},"intensity":{"countries":["FR","JP"],"year":2022,"g_per_kwh":400.0,"vintage":"v","fallback":"authors weighted equally: FR×1, JP×2; FR: country-year, JP: nearest-year (2022 → 2021)"},"assumptions":[]}"#;
    const INSUFFICIENT: &str = r#"{"paper_id":"p","method":"m","method_version":"1","reference_version":"r","status":"insufficient","missing":["hardware"],"assumptions":[]}"#;

    #[test]
    fn an_estimate_reads_and_writes_the_json_it_always_had() {
        for line in [ESTIMATED, INSUFFICIENT] {
            let e: Estimate = serde_json::from_str(line).unwrap();
            assert_eq!(serde_json::to_string(&e).unwrap(), line);
        }
        let e: Estimate = serde_json::from_str(ESTIMATED).unwrap();
        let f = e.footprint().unwrap();
        assert_eq!(e.runs().len(), 1);
        assert_eq!(
            f.intensity.fallback,
            IntensityFallback::Countries {
                note: Some("authors weighted equally: FR×1, JP×2".into()),
                lookups: vec![
                    ("FR".into(), Fallback::CountryYear),
                    (
                        "JP".into(),
                        Fallback::NearestYear {
                            asked: 2022,
                            used: 2021
                        }
                    ),
                ],
            }
        );
        let e: Estimate = serde_json::from_str(INSUFFICIENT).unwrap();
        assert!(e.footprint().is_none() && e.runs().is_empty());
    }

    #[test]
    fn an_unreadable_fallback_is_an_error_naming_it() {
        let line = ESTIMATED.replace("FR: country-year", "FR country-year");
        let err = serde_json::from_str::<Estimate>(&line).unwrap_err();
        assert!(
            err.to_string()
                .contains(r#"no country in "FR country-year""#),
            "{err}"
        );
        for text in ["fixed by method: IEA 2019", "world (no country known)"] {
            let f: IntensityFallback = text.parse().unwrap();
            assert_eq!(f.to_string(), text);
        }
    }
}
