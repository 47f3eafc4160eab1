//! Per-paper estimation: energy and emissions of a record's training runs under one method.

use crate::model::{
    Assumption, Estimate, EstimateStatus, IntensityUse, Interval, PaperRecord, Run, RunEstimate,
};
use crate::reference::{Reference, TdpValue};

use super::method::{CountryPolicy, Method, TdpInterval, YearRule};

/// Applies one method with one set of reference data.
pub struct Estimator<'a> {
    pub method: &'a Method,
    pub reference: &'a Reference,
}

/// The TDP used for a run and where it came from.
struct TdpUse {
    value: f64,
    source: String,
    alternatives: Vec<TdpValue>,
}

impl<'a> Estimator<'a> {
    pub fn new(method: &'a Method, reference: &'a Reference) -> Self {
        Estimator { method, reference }
    }

    /// Estimates one paper. Missing inputs give `Insufficient` with the list of what is
    /// missing, never a guess.
    pub fn estimate(&self, rec: &PaperRecord) -> Estimate {
        let mut est = Estimate {
            paper_id: rec.paper.id.clone(),
            method: self.method.id.clone(),
            method_version: self.method.version.clone(),
            reference_version: self.reference.version.clone(),
            status: EstimateStatus::Estimated,
            runs: Vec::new(),
            device_kwh: None,
            energy_kwh: None,
            co2e_kg: None,
            intensity: None,
            assumptions: Vec::new(),
        };
        let runs: Vec<&Run> = rec.training_runs().collect();
        if runs.is_empty() {
            est.status = EstimateStatus::Insufficient {
                missing: vec!["training run (hardware, count, time)".into()],
            };
            return est;
        }
        let mut missing = Vec::new();
        for (i, run) in runs.iter().enumerate() {
            match self.estimate_run(run) {
                Ok(r) => est.runs.push(r),
                Err(m) => missing.extend(m.into_iter().map(|f| {
                    if runs.len() > 1 {
                        format!("run {}: {f}", i + 1)
                    } else {
                        f
                    }
                })),
            }
        }
        if !missing.is_empty() {
            est.runs.clear();
            est.status = EstimateStatus::Insufficient { missing };
            return est;
        }
        let device = est
            .runs
            .iter()
            .map(|r| r.device_kwh)
            .fold(Interval::exact(0.0), Interval::plus);
        let pue = self.method.energy.pue;
        let energy = device.scale(pue);
        for (i, r) in est.runs.iter().enumerate() {
            let n = if est.runs.len() > 1 {
                format!("run {} ", i + 1)
            } else {
                String::new()
            };
            est.assumptions.push(Assumption {
                name: format!("{n}TDP"),
                value: format!("{} W", fmt_num(r.tdp_w)),
                source: r.tdp_source.clone(),
            });
        }
        est.assumptions.push(Assumption {
            name: "PUE".into(),
            value: fmt_num(pue),
            source: self.method.energy.pue_source.clone(),
        });
        if self.method.energy.usage != 1.0 {
            est.assumptions.push(Assumption {
                name: "usage factor".into(),
                value: fmt_num(self.method.energy.usage),
                source: self.method.source.clone(),
            });
        }
        let intensity = self.intensity_for(rec);
        est.assumptions.push(Assumption {
            name: "carbon intensity".into(),
            value: format!("{} gCO2e/kWh", fmt_num(intensity.g_per_kwh)),
            source: format!(
                "{} ({}; {})",
                if intensity.countries.is_empty() {
                    "no country".to_string()
                } else {
                    intensity.countries.join("+")
                },
                intensity.vintage,
                intensity.fallback
            ),
        });
        est.co2e_kg = Some(energy.scale(intensity.g_per_kwh / 1000.0));
        est.device_kwh = Some(device);
        est.energy_kwh = Some(energy);
        est.intensity = Some(intensity);
        est
    }

    /// One run's device energy, or the list of its missing inputs.
    pub fn estimate_run(&self, run: &Run) -> Result<RunEstimate, Vec<String>> {
        let mut missing = Vec::new();
        let tdp = self.tdp_for(run);
        if tdp.is_none() {
            missing.push(if run.hardware.is_some() || run.hardware_id.is_some() {
                "TDP (hardware not in the catalog)".to_string()
            } else {
                "hardware".to_string()
            });
        }
        if run.count.is_none() {
            missing.push("device count".into());
        }
        if run.hours.is_none() {
            missing.push("training time".into());
        }
        let (Some(tdp), Some(count), Some(hours)) = (tdp, &run.count, &run.hours) else {
            return Err(missing);
        };
        let n = f64::from(count.value);
        let e = &self.method.energy;
        let mem_w = run.memory_gb.as_ref().map(|m| m.value).unwrap_or(0.0) * e.memory_w_per_gb;
        let (tdp_low, tdp_high) = match e.tdp_interval {
            TdpInterval::Alternatives => tdp
                .alternatives
                .iter()
                .map(|a| a.tdp_w)
                .fold((tdp.value, tdp.value), |(lo, hi), v| (lo.min(v), hi.max(v))),
            TdpInterval::None => (tdp.value, tdp.value),
        };
        let kwh = |w: f64, h: f64| (n * w * e.usage + mem_w) * h / 1000.0;
        let h = hours.value;
        Ok(RunEstimate {
            count: count.value,
            hours: h.value,
            tdp_w: tdp.value,
            tdp_source: tdp.source,
            tdp_alternatives: tdp
                .alternatives
                .iter()
                .map(|a| (a.tdp_w, a.describe()))
                .collect(),
            device_kwh: Interval {
                point: kwh(tdp.value, h.value),
                low: kwh(tdp_low, h.low),
                high: kwh(tdp_high, h.high),
            },
        })
    }

    fn tdp_for(&self, run: &Run) -> Option<TdpUse> {
        let catalog = &self.reference.hardware;
        let resolved = run
            .hardware_id
            .as_ref()
            .and_then(|id| catalog.resolve(&id.value))
            .map(|r| {
                // The id names the chip; the name as written may also name the variant.
                let variants = run
                    .hardware
                    .as_ref()
                    .map(|h| crate::reference::normalise(&h.value).1)
                    .unwrap_or_default();
                (r.device, variants)
            })
            .or_else(|| {
                let name = run.hardware.as_ref()?;
                let r = catalog.resolve(&name.value)?;
                Some((r.device, r.variants))
            });
        if let Some(explicit) = &run.tdp_w {
            return Some(TdpUse {
                value: explicit.value,
                source: explicit.origin.describe(),
                alternatives: resolved
                    .map(|(d, _)| {
                        d.tdp
                            .iter()
                            .filter(|t| t.tdp_w != explicit.value)
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
            });
        }
        let (device, variants) = resolved?;
        let choice = catalog.choose_tdp(device, &variants, &self.method.energy.tdp_sources)?;
        Some(TdpUse {
            value: choice.chosen.tdp_w,
            source: format!(
                "catalog {} — {}; {}",
                device.id,
                choice.chosen.describe(),
                choice.rule
            ),
            alternatives: choice.alternatives,
        })
    }

    /// The intensity the method applies to this paper, with the fallback recorded.
    pub fn intensity_for(&self, rec: &PaperRecord) -> IntensityUse {
        let c = &self.method.carbon;
        if let Some(g) = c.fixed_g_per_kwh {
            return IntensityUse {
                countries: Vec::new(),
                year: None,
                g_per_kwh: g,
                vintage: "fixed".into(),
                fallback: format!(
                    "fixed by method: {}",
                    c.fixed_source.as_deref().unwrap_or("profile value")
                ),
            };
        }
        let year = match c.year {
            YearRule::Fixed(y) => Some(y),
            YearRule::Paper => rec.paper.year,
        };
        let mut codes: Vec<String> = Vec::new();
        for country in &rec.countries {
            if let Some(code) = &country.value.iso2 {
                if !codes.contains(code) {
                    codes.push(code.clone());
                }
            }
        }
        if c.country_policy == CountryPolicy::First {
            codes.truncate(1);
        }
        let table = &self.reference.intensity;
        if codes.is_empty() {
            let w = table.lookup(&c.vintage, None, year);
            return IntensityUse {
                countries: Vec::new(),
                year,
                g_per_kwh: w.g_per_kwh,
                vintage: w.vintage,
                fallback: "world (no country known)".into(),
            };
        }
        let looked: Vec<_> = codes
            .iter()
            .map(|code| table.lookup(&c.vintage, Some(code), year))
            .collect();
        let mean = looked.iter().map(|l| l.g_per_kwh).sum::<f64>() / looked.len() as f64;
        let fallback = looked
            .iter()
            .map(|l| {
                format!(
                    "{}: {}",
                    l.iso2.as_deref().unwrap_or("?"),
                    l.fallback.describe()
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        let vintages: Vec<&str> = {
            let mut v: Vec<&str> = looked.iter().map(|l| l.vintage.as_str()).collect();
            v.dedup();
            v
        };
        IntensityUse {
            countries: codes,
            year,
            g_per_kwh: mean,
            vintage: vintages.join("+"),
            fallback,
        }
    }
}

/// Stable, short number formatting for assumptions: no trailing zeros, at most 4 decimals.
pub fn fmt_num(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}
