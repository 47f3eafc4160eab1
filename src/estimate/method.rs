//! Estimation methods as data: TOML profiles, three built in, more from `--method FILE`.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const BUILTIN: &[(&str, &str)] = &[
    (
        "greenmir2024",
        include_str!("../../corpus/methods/greenmir2024.toml"),
    ),
    ("douwes", include_str!("../../corpus/methods/douwes.toml")),
    (
        "green-algorithms",
        include_str!("../../corpus/methods/green-algorithms.toml"),
    ),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Method {
    pub id: String,
    pub version: String,
    pub name: String,
    pub source: String,
    #[serde(default)]
    pub description: String,
    pub energy: EnergyRules,
    pub carbon: CarbonRules,
    #[serde(default)]
    pub conference: Option<ConferenceRules>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnergyRules {
    pub pue: f64,
    pub pue_source: String,
    /// Fraction of TDP drawn (Green Algorithms' usage factor).
    #[serde(default = "one")]
    pub usage: f64,
    /// Memory power in W per GB (Green Algorithms: 0.3725); 0 = memory not counted.
    #[serde(default)]
    pub memory_w_per_gb: f64,
    /// Catalog TDP sources in order of preference.
    pub tdp_sources: Vec<String>,
    #[serde(default)]
    pub tdp_interval: TdpInterval,
    /// Which training runs of a paper make its total.
    #[serde(default)]
    pub runs: RunTotal,
    /// What a run lacking hardware, count or time does to the paper's estimate.
    #[serde(default)]
    pub incomplete_runs: IncompleteRuns,
}

/// A paper with one complete run and one that lacks an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum IncompleteRuns {
    /// No estimate for the paper: every training run must be complete.
    #[default]
    Refuse,
    /// Estimate from the complete runs (a lower bound) and name the runs left out.
    Skip,
}

/// How a paper's training runs are totalled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum RunTotal {
    /// Every training run, each times its multiplier (models, folds, seeds): the paper's
    /// whole training compute, as the Green MIR annotators counted it.
    #[default]
    All,
    /// One training of the final model: the largest run, once, multipliers ignored.
    Final,
}

/// Whether the energy interval spans the other TDP figures the catalog holds for a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum TdpInterval {
    #[default]
    Alternatives,
    None,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CarbonRules {
    /// A fixed factor in gCO2e/kWh that replaces country lookups.
    #[serde(default)]
    pub fixed_g_per_kwh: Option<f64>,
    #[serde(default)]
    pub fixed_source: Option<String>,
    /// The intensity year: a number, or "paper" for each paper's publication year.
    #[serde(default)]
    pub year: YearRule,
    pub vintage: String,
    #[serde(default)]
    pub country_policy: CountryPolicy,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(untagged)]
pub enum YearRule {
    Fixed(i32),
    #[default]
    #[serde(with = "paper_literal")]
    Paper,
}

mod paper_literal {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str("paper")
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<(), D::Error> {
        let s = String::deserialize(d)?;
        if s == "paper" {
            Ok(())
        } else {
            Err(serde::de::Error::custom(format!(
                "year must be a number or \"paper\", got {s:?}"
            )))
        }
    }
}

/// How a paper with authors in several countries gets one intensity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum CountryPolicy {
    /// The mean of the countries' intensities (every country weighted equally).
    #[default]
    Equal,
    /// The first listed country's intensity.
    First,
    /// The first author's country (their first affiliation); when it is not known, the first
    /// listed country, and the estimate says so.
    FirstAuthor,
    /// Every author weighs the same: the mean over authors with a known country (a paper by
    /// three authors in the US and one in France is ¾ US). Without affiliations: `equal`.
    Authors,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ConferenceRules {
    pub statistic: Statistic,
    /// Papers the conference-level figure scales to.
    pub papers: u32,
    pub development_factor: f64,
    /// Only countries with at least this many papers share the total.
    pub min_papers_per_country: u32,
    pub year: i32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Statistic {
    Median,
    Mean,
}

fn one() -> f64 {
    1.0
}

impl Method {
    /// Parses a profile; `origin` names it in errors.
    pub fn parse(origin: &str, text: &str) -> Result<Self> {
        let m: Method =
            toml::from_str(text).map_err(|e| crate::error::toml_error(origin, text, &e))?;
        m.check(origin)?;
        Ok(m)
    }

    fn check(&self, origin: &str) -> Result<()> {
        let bad = |msg: String| {
            Err(Error::Method {
                method: format!("{} ({origin})", self.id),
                message: msg,
            })
        };
        if self.energy.pue < 1.0 {
            return bad(format!("pue must be ≥ 1.0, got {}", self.energy.pue));
        }
        if !(self.energy.usage > 0.0 && self.energy.usage <= 1.0) {
            return bad(format!(
                "usage must be in (0, 1], got {}",
                self.energy.usage
            ));
        }
        if self.energy.tdp_sources.is_empty() {
            return bad("tdp-sources must name at least one source".into());
        }
        if let Some(c) = &self.conference {
            if c.papers == 0 || c.development_factor <= 0.0 {
                return bad("conference papers and development-factor must be > 0".into());
            }
        }
        Ok(())
    }

    /// The built-in profiles, in a stable order.
    pub fn builtin() -> Vec<Method> {
        BUILTIN
            .iter()
            .map(|(id, text)| {
                Method::parse(&format!("built-in {id}"), text)
                    .expect("built-in method profiles are tested to parse")
            })
            .collect()
    }

    /// A built-in method by id, or a profile file when `name` is a path to one.
    pub fn find(name: &str) -> Result<Method> {
        if let Some((id, text)) = BUILTIN.iter().find(|(id, _)| *id == name) {
            return Method::parse(&format!("built-in {id}"), text);
        }
        let p = Path::new(name);
        if p.extension().is_some_and(|e| e == "toml") || p.exists() {
            let text = std::fs::read_to_string(p).map_err(|e| Error::read(p, e))?;
            return Method::parse(&p.display().to_string(), &text);
        }
        Err(Error::Unknown {
            what: "method",
            name: name.to_string(),
            hint: format!(
                " (built in: {}; or give a .toml profile path)",
                BUILTIN
                    .iter()
                    .map(|(i, _)| *i)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_with_their_published_factors() {
        let ms = Method::builtin();
        let ids: Vec<_> = ms.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["greenmir2024", "douwes", "green-algorithms"]);
        assert_eq!(ms[0].energy.pue, 1.0);
        assert_eq!(ms[0].carbon.year, YearRule::Fixed(2022));
        assert_eq!(ms[1].energy.pue, 1.55);
        assert_eq!(ms[1].carbon.fixed_g_per_kwh, Some(475.0));
        assert_eq!(ms[2].energy.pue, 1.56);
        assert_eq!(ms[2].energy.memory_w_per_gb, 0.3725);
        assert_eq!(ms[2].carbon.year, YearRule::Paper);
    }

    #[test]
    fn country_policies_parse_by_name() {
        for (name, want) in [
            ("equal", CountryPolicy::Equal),
            ("first", CountryPolicy::First),
            ("first-author", CountryPolicy::FirstAuthor),
            ("authors", CountryPolicy::Authors),
        ] {
            let base = include_str!("../../corpus/methods/green-algorithms.toml");
            let text: String = base
                .lines()
                .map(|l| {
                    if l.trim_start().starts_with("country-policy") {
                        format!("country-policy = \"{name}\"")
                    } else {
                        l.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n");
            let m = Method::parse("x.toml", &text).unwrap();
            assert_eq!(m.carbon.country_policy, want);
        }
    }

    #[test]
    fn unknown_key_is_rejected_with_its_line() {
        let text = include_str!("../../corpus/methods/douwes.toml")
            .replace("pue = 1.55", "pue = 1.55\npeu = 2");
        let err = Method::parse("mine.toml", &text).unwrap_err().to_string();
        assert!(err.starts_with("mine.toml, line "), "{err}");
        assert!(err.contains("unknown field `peu`"), "{err}");
    }

    #[test]
    fn pue_below_one_is_rejected() {
        let text =
            include_str!("../../corpus/methods/douwes.toml").replace("pue = 1.55", "pue = 0.9");
        let err = Method::parse("x.toml", &text).unwrap_err().to_string();
        assert!(err.contains("pue must be ≥ 1.0"), "{err}");
    }
}
