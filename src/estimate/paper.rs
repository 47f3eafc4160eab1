//! Per-paper estimation: energy and emissions of a record's training runs under one method.

use crate::model::{
    Assumption, Estimate, EstimateStatus, Footprint, Hours, IntensityFallback, IntensityUse,
    Interval, PaperRecord, Run, RunEstimate,
};
use crate::reference::{Reference, TdpValue};

use super::method::{CountryPolicy, IncompleteRuns, Method, RunTotal, TdpInterval, YearRule};

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

/// A paper's countries weighted under a method's country policy.
#[derive(Debug, Clone, PartialEq)]
pub struct CountryWeights {
    /// ISO code and weight, in the paper's order; weights are relative (divide by their sum).
    pub weights: Vec<(String, f64)>,
    /// What the policy had to fall back on ("no affiliations: first listed country").
    pub note: Option<String>,
}

impl<'a> Estimator<'a> {
    pub fn new(method: &'a Method, reference: &'a Reference) -> Self {
        Estimator { method, reference }
    }

    /// Estimates one paper. Missing inputs give `Insufficient` with the list of what is
    /// missing, never a guess.
    pub fn estimate(&self, rec: &PaperRecord) -> Estimate {
        let (status, assumptions) = match self.footprint(rec) {
            Ok((footprint, assumptions)) => (EstimateStatus::Estimated(footprint), assumptions),
            Err(missing) => (EstimateStatus::Insufficient { missing }, Vec::new()),
        };
        Estimate {
            paper_id: rec.paper.id.clone(),
            method: self.method.id.clone(),
            method_version: self.method.version.clone(),
            reference_version: self.reference.version.clone(),
            status,
            assumptions,
        }
    }

    /// The footprint of a record's training runs with the assumptions it took, or what is
    /// missing for one.
    fn footprint(&self, rec: &PaperRecord) -> Result<(Footprint, Vec<Assumption>), Vec<String>> {
        let mut counted: Vec<RunEstimate> = Vec::new();
        let mut assumptions = Vec::new();
        // Runs keep their record index, the number `explain`, `annotate` and the review UI use.
        let runs: Vec<(usize, &Run)> = rec
            .runs
            .iter()
            .enumerate()
            .filter(|(_, r)| r.purpose == crate::model::Purpose::Training)
            .collect();
        let final_only = self.method.energy.runs == RunTotal::Final;
        if runs.is_empty() {
            return Err(vec!["training run (hardware, count, time)".into()]);
        }
        let mut missing = Vec::new();
        for (i, run) in &runs {
            match self.estimate_run(run) {
                Ok(mut r) => {
                    r.run = *i;
                    counted.push(r)
                }
                Err(m) => missing.extend(m.into_iter().map(|f| {
                    if rec.runs.len() > 1 {
                        format!("run {i}: {f}")
                    } else {
                        f
                    }
                })),
            }
        }
        let skip = self.method.energy.incomplete_runs == IncompleteRuns::Skip;
        if !missing.is_empty() && (!skip || counted.is_empty()) {
            return Err(missing);
        }
        if !missing.is_empty() {
            assumptions.push(Assumption {
                name: "runs left out".into(),
                value: missing.join("; "),
                source: format!(
                    "{}: runs lacking an input are not counted (the total is a lower bound)",
                    self.method.id
                ),
            });
        }
        if final_only {
            // One training of the largest run: repetitions are not the final model's cost.
            for r in &mut counted {
                let f = r.multiplier;
                if f > 0.0 {
                    r.device_kwh = r.device_kwh.scale(1.0 / f);
                }
                r.multiplier = 1.0;
            }
            if let Some(k) = (0..counted.len()).max_by(|&a, &b| {
                counted[a]
                    .device_kwh
                    .point
                    .total_cmp(&counted[b].device_kwh.point)
            }) {
                let keep = counted.swap_remove(k);
                counted = vec![keep];
            }
            assumptions.push(Assumption {
                name: "runs".into(),
                value: "final model only (largest run, once)".into(),
                source: self.method.source.clone(),
            });
        }
        let device = counted
            .iter()
            .map(|r| r.device_kwh)
            .fold(Interval::exact(0.0), Interval::plus);
        let pue = self.method.energy.pue;
        let energy = device.scale(pue);
        for r in &counted {
            let n = if rec.runs.len() > 1 {
                format!("run {} ", r.run)
            } else {
                String::new()
            };
            assumptions.push(Assumption {
                name: format!("{n}TDP"),
                value: format!("{} W", fmt_num(r.tdp_w)),
                source: r.tdp_source.clone(),
            });
        }
        assumptions.push(Assumption {
            name: "PUE".into(),
            value: fmt_num(pue),
            source: self.method.energy.pue_source.clone(),
        });
        if self.method.energy.usage != 1.0 {
            assumptions.push(Assumption {
                name: "usage factor".into(),
                value: fmt_num(self.method.energy.usage),
                source: self.method.source.clone(),
            });
        }
        let intensity = self.intensity_for(rec);
        assumptions.push(Assumption {
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
        let footprint = Footprint {
            runs: counted,
            device_kwh: device,
            energy_kwh: energy,
            co2e_kg: energy.scale(intensity.g_per_kwh / 1000.0),
            intensity,
        };
        Ok((footprint, assumptions))
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
        // Device time ("2,500 GPU-hours") stands for devices × hours.
        let device_time = run
            .device_hours
            .as_ref()
            .filter(|_| run.count.is_none() || run.hours.is_none())
            .map(|d| Hours::stated(d.value));
        if device_time.is_none() {
            if run.count.is_none() {
                missing.push("device count".into());
            }
            if run.hours.is_none() {
                missing.push("training time".into());
            }
        }
        let Some(tdp) = tdp else {
            return Err(missing);
        };
        let (n, h) = match (&run.count, &run.hours, device_time) {
            (_, _, Some(d)) => (1.0, d),
            (Some(c), Some(h), None) => (f64::from(c.value), h.value),
            _ => return Err(missing),
        };
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
        let f = run.factor();
        let kwh = |w: f64, h: f64| (n * w * e.usage + mem_w) * h * f / 1000.0;
        Ok(RunEstimate {
            run: 0,
            count: n as u32,
            hours: h.value,
            device_hours: device_time.map(|d| d.value),
            multiplier: f,
            multiplier_basis: run.multiplier.as_ref().map(|m| m.value.basis.clone()),
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

    /// The TDP this method uses for a run (given with the record, else from the catalog),
    /// whether or not the run's count and time are known.
    pub fn run_tdp_w(&self, run: &Run) -> Option<f64> {
        self.tdp_for(run).map(|t| t.value)
    }

    /// The TDP this method uses for a run and where it comes from, as `run_tdp_w`.
    pub fn run_tdp(&self, run: &Run) -> Option<(f64, String)> {
        self.tdp_for(run).map(|t| (t.value, t.source))
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
        let mut alternatives = choice.alternatives;
        alternatives.extend(self.alternative_devices(run));
        let imputed = match run.hardware_id.as_ref().map(|f| &f.origin) {
            Some(crate::model::Origin::Imputed { rule }) => format!(" (device imputed: {rule})"),
            _ => String::new(),
        };
        Some(TdpUse {
            value: choice.chosen.tdp_w,
            source: format!(
                "catalog {} — {}; {}{imputed}",
                device.id,
                choice.chosen.describe(),
                choice.rule
            ),
            alternatives,
        })
    }

    /// The TDP the method would pick for each device the run's hardware may also be
    /// ("Volta GPUs": Titan V, Quadro GV100…), named as such, for the interval.
    fn alternative_devices(&self, run: &Run) -> Vec<TdpValue> {
        let catalog = &self.reference.hardware;
        run.hardware_alternatives
            .iter()
            .filter_map(|id| catalog.get(id))
            .filter_map(|d| {
                let c = catalog.choose_tdp(d, &[], &self.method.energy.tdp_sources)?;
                Some(TdpValue {
                    source: format!(
                        "alternative device {} ({}): {}",
                        d.name, d.id, c.chosen.source
                    ),
                    ..c.chosen
                })
            })
            .collect()
    }

    /// The paper's countries and their (unnormalised) weights under the method's country
    /// policy, with what the policy had to fall back on. Countries without an ISO code carry
    /// no weight; an empty list means no country is known (the world intensity applies).
    pub fn country_weights(&self, rec: &PaperRecord) -> CountryWeights {
        let listed: Vec<String> = {
            let mut v: Vec<String> = Vec::new();
            for country in &rec.countries {
                if let Some(code) = &country.value.iso2 {
                    if !v.contains(code) {
                        v.push(code.clone());
                    }
                }
            }
            v
        };
        let equal = |codes: &[String]| codes.iter().map(|c| (c.clone(), 1.0)).collect();
        let (weights, note): (Vec<(String, f64)>, Option<String>) =
            match self.method.carbon.country_policy {
                CountryPolicy::Equal => (equal(&listed), None),
                CountryPolicy::First => (equal(&listed[..listed.len().min(1)]), None),
                CountryPolicy::FirstAuthor => {
                    match rec
                        .affiliations
                        .first()
                        .and_then(|a| a.value.country.clone())
                    {
                        Some(code) => (vec![(code, 1.0)], Some("first author's country".into())),
                        None => (
                            equal(&listed[..listed.len().min(1)]),
                            Some(if rec.affiliations.is_empty() {
                                "no affiliations: first listed country".into()
                            } else {
                                "first author's country unknown: first listed country".into()
                            }),
                        ),
                    }
                }
                CountryPolicy::Authors => {
                    let mut w: Vec<(String, f64)> = Vec::new();
                    for a in &rec.affiliations {
                        if let Some(code) = &a.value.country {
                            match w.iter_mut().find(|(c, _)| c == code) {
                                Some((_, n)) => *n += 1.0,
                                None => w.push((code.clone(), 1.0)),
                            }
                        }
                    }
                    if w.is_empty() {
                        (
                            equal(&listed),
                            Some(
                                "no author with a known country: countries weighted equally".into(),
                            ),
                        )
                    } else {
                        let desc = w
                            .iter()
                            .map(|(c, n)| format!("{c}×{n}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        (w, Some(format!("authors weighted equally: {desc}")))
                    }
                }
            };
        CountryWeights { weights, note }
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
                fallback: IntensityFallback::Fixed {
                    source: c.fixed_source.as_deref().unwrap_or("profile value").into(),
                },
            };
        }
        let year = match c.year {
            YearRule::Fixed(y) => Some(y),
            YearRule::Paper => rec.paper.year,
        };
        let CountryWeights {
            weights,
            note: policy_note,
        } = self.country_weights(rec);
        let codes: Vec<String> = weights.iter().map(|(c, _)| c.clone()).collect();
        let table = &self.reference.intensity;
        if codes.is_empty() {
            let w = table.lookup(&c.vintage, None, year);
            return IntensityUse {
                countries: Vec::new(),
                year,
                g_per_kwh: w.g_per_kwh,
                vintage: w.vintage,
                fallback: IntensityFallback::NoCountry,
            };
        }
        let looked: Vec<_> = codes
            .iter()
            .map(|code| table.lookup(&c.vintage, Some(code), year))
            .collect();
        let total: f64 = weights.iter().map(|(_, w)| w).sum();
        let mean = looked
            .iter()
            .zip(&weights)
            .map(|(l, (_, w))| l.g_per_kwh * w)
            .sum::<f64>()
            / total;
        let fallback = IntensityFallback::Countries {
            note: policy_note,
            lookups: codes
                .iter()
                .zip(&looked)
                .map(|(code, l)| (code.clone(), l.fallback.clone()))
                .collect(),
        };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::Method;
    use crate::model::{Affiliation, CountryRef, Field, Paper};

    fn record(authors: &[Option<&str>]) -> PaperRecord {
        let mut r = PaperRecord::new(Paper {
            id: "x".into(),
            venue: None,
            year: Some(2022),
            title: "t".into(),
            authors: vec![],
            doi: None,
            pdf_url: None,
            sha256: None,
        });
        r.affiliations = authors
            .iter()
            .map(|c| {
                Field::imported(
                    Affiliation {
                        text: "a".into(),
                        country: c.map(String::from),
                    },
                    "test",
                )
            })
            .collect();
        let plain: Vec<Affiliation> = r.affiliations.iter().map(|f| f.value.clone()).collect();
        r.countries = crate::geo::countries_of(&plain)
            .into_iter()
            .map(|c| {
                Field::imported(
                    CountryRef {
                        text: c.clone(),
                        iso2: Some(c),
                    },
                    "test",
                )
            })
            .collect();
        r
    }

    fn with_policy(p: CountryPolicy) -> Method {
        let mut m = Method::find("green-algorithms").unwrap();
        m.carbon.country_policy = p;
        m.carbon.year = YearRule::Fixed(2022);
        m
    }

    fn extracted(text: &str) -> Run {
        let doc = crate::text::Document::from_text("t.txt", text);
        let x = crate::extract::extract(&doc, &Reference::embedded().unwrap());
        assert_eq!(x.runs.len(), 1, "{:?}", x.runs);
        x.runs[0].to_run()
    }

    #[test]
    fn an_architecture_run_spans_the_alternatives_tdps() {
        let reference = Reference::embedded().unwrap();
        let run = extracted("We trained the model for 10 hours on 2 Volta GPUs.");
        let id = run.hardware_id.as_ref().unwrap();
        assert_eq!(id.value, "nvidia-v100");
        match &id.origin {
            crate::model::Origin::Imputed { rule } => assert!(rule.contains("Volta"), "{rule}"),
            o => panic!("not imputed: {o:?}"),
        }
        assert!(run
            .hardware_alternatives
            .iter()
            .any(|a| a == "nvidia-titan-v"));
        let method = Method::find("green-algorithms").unwrap();
        assert_eq!(method.energy.tdp_interval, TdpInterval::Alternatives);
        let e = Estimator::new(&method, &reference)
            .estimate_run(&run)
            .unwrap();
        // The TDP each device would get under this method: the V100's, and its alternatives'.
        let tdp = |id: &str| {
            let d = reference.hardware.get(id).unwrap();
            reference
                .hardware
                .choose_tdp(d, &[], &method.energy.tdp_sources)
                .unwrap()
        };
        let mut all: Vec<f64> = vec![e.tdp_w];
        all.extend(tdp("nvidia-v100").alternatives.iter().map(|t| t.tdp_w));
        for id in &run.hardware_alternatives {
            all.push(tdp(id).chosen.tdp_w);
        }
        let lo = all.iter().cloned().fold(f64::INFINITY, f64::min);
        let hi = all.iter().cloned().fold(0.0, f64::max);
        let kwh = |w: f64| 2.0 * w * method.energy.usage * 10.0 / 1000.0;
        assert!((e.device_kwh.point - kwh(e.tdp_w)).abs() < 1e-9);
        assert!((e.device_kwh.low - kwh(lo)).abs() < 1e-9, "{e:?}");
        assert!((e.device_kwh.high - kwh(hi)).abs() < 1e-9, "{e:?}");
        // The alternatives are named, and they do widen the interval beyond the V100's own.
        assert!(e
            .tdp_alternatives
            .iter()
            .any(|(_, d)| d.contains("alternative device NVIDIA TITAN V")));
        // Pascal spans cards from 40 W (Quadro P600) to 300 W: the alternatives widen the
        // P100's own range.
        let run = extracted("We trained the model for 10 hours on 2 Pascal GPUs.");
        let wide = Estimator::new(&method, &reference)
            .estimate_run(&run)
            .unwrap();
        let p100_only = Run {
            hardware_alternatives: Vec::new(),
            ..run.clone()
        };
        let narrow = Estimator::new(&method, &reference)
            .estimate_run(&p100_only)
            .unwrap();
        assert!(
            wide.device_kwh.low < narrow.device_kwh.low,
            "{wide:?} {narrow:?}"
        );
        assert!((wide.device_kwh.low - kwh(40.0)).abs() < 1e-9, "{wide:?}");
        assert!(e.tdp_source.contains("device imputed"), "{}", e.tdp_source);
    }

    #[test]
    fn a_named_model_run_is_not_imputed() {
        let run = extracted("We trained the model for 10 hours on 2 NVIDIA V100 GPUs.");
        let id = run.hardware_id.as_ref().unwrap();
        assert_eq!(id.origin.kind(), "extracted");
        assert!(run.hardware_alternatives.is_empty());
    }

    #[test]
    fn instance_and_node_counts_reach_the_run() {
        let run = extracted("The model was trained for 10 hours on 2 p3.8xlarge instances.");
        assert_eq!(run.count.as_ref().unwrap().value, 8);
        assert_eq!(run.hardware_id.as_ref().unwrap().value, "nvidia-v100");
        let run = extracted("Training took 3 days using 4 Tesla P100 GPUs/node on 32 nodes.");
        assert_eq!(run.count.as_ref().unwrap().value, 128);
        let run = extracted(
            "We trained on a Compute Engine VM. Machine type | n1-highmem-8 | GPU | NVIDIA Tesla K80 | GPUs | 1 | Training time | 20 hours",
        );
        assert_eq!(run.hardware_id.as_ref().unwrap().value, "nvidia-tesla-k80");
        assert_eq!(run.count.as_ref().unwrap().value, 1);
    }

    #[test]
    fn country_policies_weigh_authors_countries_as_named() {
        let reference = Reference::embedded().unwrap();
        let g = |code: &str| {
            reference
                .intensity
                .lookup("owid-ember-2025-12", Some(code), Some(2022))
                .g_per_kwh
        };
        let (fr, pl) = (g("FR"), g("PL"));
        let rec = record(&[None, Some("PL"), Some("FR"), Some("FR"), Some("FR")]);
        let use_of = |p| {
            let m = with_policy(p);
            Estimator::new(&m, &reference).intensity_for(&rec)
        };
        let eq = use_of(CountryPolicy::Equal);
        assert!((eq.g_per_kwh - (fr + pl) / 2.0).abs() < 1e-9);
        assert_eq!(eq.countries, ["PL", "FR"]);
        let first = use_of(CountryPolicy::First);
        assert!((first.g_per_kwh - pl).abs() < 1e-9);
        let authors = use_of(CountryPolicy::Authors);
        assert!((authors.g_per_kwh - (pl + 3.0 * fr) / 4.0).abs() < 1e-9);
        assert_eq!(
            authors.fallback.to_string(),
            "authors weighted equally: PL×1, FR×3; PL: country-year, FR: country-year"
        );
        // The first author's country is unknown: the first listed one is used, and said so.
        let fa = use_of(CountryPolicy::FirstAuthor);
        assert!((fa.g_per_kwh - pl).abs() < 1e-9);
        let text = fa.fallback.to_string();
        assert!(text.contains("first author's country unknown"), "{text}");
        // The text is what JSON holds: it reads back as the same fallback.
        for u in [&authors, &fa] {
            assert_eq!(u.fallback.to_string().parse(), Ok(u.fallback.clone()));
        }
        let rec2 = record(&[Some("FR"), Some("PL")]);
        let m = with_policy(CountryPolicy::FirstAuthor);
        let fa2 = Estimator::new(&m, &reference).intensity_for(&rec2);
        assert_eq!(fa2.countries, ["FR"]);
        // No country at all: the world value, recorded.
        let none = record(&[None]);
        let w = Estimator::new(&m, &reference).intensity_for(&none);
        assert!(w.countries.is_empty() && w.fallback == IntensityFallback::NoCountry);
    }

    #[test]
    fn device_hours_stand_for_devices_times_hours() {
        let r = Reference::embedded().unwrap();
        let m = Method::find("greenmir2024").unwrap();
        let mut rec = PaperRecord::new(crate::model::Paper {
            id: "t-1".into(),
            venue: None,
            year: Some(2023),
            title: "t".into(),
            authors: Vec::new(),
            doi: None,
            pdf_url: None,
            sha256: None,
        });
        let x = crate::extract::extract(
            &crate::text::Document::from_text(
                "t.txt",
                "The total compute budget of our training was approximately 2,500 A100 GPU-hours.",
            ),
            &r,
        );
        x.apply_to(&mut rec);
        let est = Estimator::new(&m, &r).estimate(&rec);
        let Some(footprint) = est.footprint() else {
            panic!("not estimated: {est:?}");
        };
        let run = &footprint.runs[0];
        assert_eq!(run.device_hours, Some(2500.0));
        // 2,500 device-hours × the A100's TDP.
        assert!((footprint.energy_kwh.point - 2500.0 * run.tdp_w / 1000.0).abs() < 1e-6);
    }
}
