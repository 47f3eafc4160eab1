//! Addresses of correctable fields (`reported`, `runs[0].count`, …), reading their current
//! value and writing a corrected one.

use std::fmt;

use crate::estimate::fmt_num;
use crate::model::{
    Affiliation, CountryRef, Disclosure, DisclosureLevel, Field, Hours, HoursBasis, Multiplier,
    Origin, PaperRecord, Purpose, Run,
};
use crate::reference::Reference;

/// A field of a paper record that a person may correct.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldPath {
    Reported,
    Disclosure,
    Countries,
    /// A whole run (for `reject`: "this is not a training run").
    Run(usize),
    RunField(usize, RunField),
    /// An author affiliation as printed (`affiliations[N]`), or its country
    /// (`affiliations[N].country`, an ISO code).
    Affiliation(usize, AffiliationField),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AffiliationField {
    Text,
    Country,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RunField {
    Hardware,
    Count,
    Hours,
    Multiplier,
    TdpW,
    Purpose,
}

impl RunField {
    const ALL: [(RunField, &'static str); 6] = [
        (RunField::Hardware, "hardware"),
        (RunField::Count, "count"),
        (RunField::Hours, "hours"),
        (RunField::Multiplier, "multiplier"),
        (RunField::TdpW, "tdp_w"),
        (RunField::Purpose, "purpose"),
    ];

    pub fn name(self) -> &'static str {
        RunField::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map(|(_, n)| *n)
            .unwrap_or("?")
    }

    /// Fields compared as numbers (within a tolerance) in agreement figures.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            RunField::Count | RunField::Hours | RunField::Multiplier | RunField::TdpW
        )
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Reported => write!(f, "reported"),
            FieldPath::Disclosure => write!(f, "disclosure"),
            FieldPath::Countries => write!(f, "countries"),
            FieldPath::Run(i) => write!(f, "runs[{i}]"),
            FieldPath::RunField(i, rf) => write!(f, "runs[{i}].{}", rf.name()),
            FieldPath::Affiliation(i, AffiliationField::Text) => write!(f, "affiliations[{i}]"),
            FieldPath::Affiliation(i, AffiliationField::Country) => {
                write!(f, "affiliations[{i}].country")
            }
        }
    }
}

impl std::str::FromStr for FieldPath {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        match s {
            "reported" => return Ok(FieldPath::Reported),
            "disclosure" => return Ok(FieldPath::Disclosure),
            "countries" => return Ok(FieldPath::Countries),
            _ => {}
        }
        let bad = || {
            format!(
                "unknown field {s:?}: use reported, disclosure, countries, runs[N], runs[N].{}, affiliations[N] or affiliations[N].country",
                RunField::ALL.map(|(_, n)| n).join("|")
            )
        };
        if let Some(rest) = s.strip_prefix("affiliations[") {
            let (idx, tail) = rest.split_once(']').ok_or_else(bad)?;
            let i: usize = idx.parse().map_err(|_| bad())?;
            return match tail {
                "" => Ok(FieldPath::Affiliation(i, AffiliationField::Text)),
                ".country" => Ok(FieldPath::Affiliation(i, AffiliationField::Country)),
                _ => Err(bad()),
            };
        }
        let rest = s.strip_prefix("runs[").ok_or_else(bad)?;
        let (idx, tail) = rest.split_once(']').ok_or_else(bad)?;
        let i: usize = idx.parse().map_err(|_| bad())?;
        if tail.is_empty() {
            return Ok(FieldPath::Run(i));
        }
        let name = tail.strip_prefix('.').ok_or_else(bad)?;
        RunField::ALL
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(rf, _)| FieldPath::RunField(i, *rf))
            .ok_or_else(bad)
    }
}

fn hours_text(h: &Hours) -> String {
    match h.basis {
        HoursBasis::Range => format!("{}-{}", fmt_num(h.low), fmt_num(h.high)),
        _ => fmt_num(h.value),
    }
}

/// The current value of `path` as text (what a correction "replaces"); None when absent.
pub fn current_value(rec: &PaperRecord, path: &FieldPath) -> Option<String> {
    match path {
        FieldPath::Reported => rec.reported.as_ref().map(|f| f.value.to_string()),
        FieldPath::Disclosure => Some(rec.disclosure_level().as_str().to_string()),
        FieldPath::Countries => {
            let codes: Vec<String> = rec
                .countries
                .iter()
                .map(|c| c.value.iso2.clone().unwrap_or_else(|| c.value.text.clone()))
                .collect();
            (!codes.is_empty()).then(|| codes.join(","))
        }
        FieldPath::Run(i) => rec.runs.get(*i).map(run_summary),
        FieldPath::RunField(i, rf) => {
            let r = rec.runs.get(*i)?;
            match rf {
                RunField::Hardware => r
                    .hardware
                    .as_ref()
                    .map(|h| h.value.clone())
                    .or_else(|| r.hardware_id.as_ref().map(|h| h.value.clone())),
                RunField::Count => r.count.as_ref().map(|c| c.value.to_string()),
                RunField::Hours => r.hours.as_ref().map(|h| hours_text(&h.value)),
                RunField::Multiplier => r.multiplier.as_ref().map(|m| multiplier_text(&m.value)),
                RunField::TdpW => r.tdp_w.as_ref().map(|t| fmt_num(t.value)),
                RunField::Purpose => Some(r.purpose.as_str().to_string()),
            }
        }
        FieldPath::Affiliation(i, af) => {
            let a = &rec.affiliations.get(*i)?.value;
            match af {
                AffiliationField::Text => Some(a.text.clone()),
                AffiliationField::Country => a.country.clone(),
            }
        }
    }
}

/// "4 × V100, 72 h (training)"
pub fn run_summary(r: &Run) -> String {
    let hw = r
        .hardware
        .as_ref()
        .map(|h| h.value.clone())
        .unwrap_or_else(|| "?".into());
    let n = r
        .count
        .as_ref()
        .map(|c| c.value.to_string())
        .unwrap_or_else(|| "?".into());
    let h = r
        .hours
        .as_ref()
        .map(|h| hours_text(&h.value))
        .unwrap_or_else(|| "?".into());
    let m = r
        .multiplier
        .as_ref()
        .map(|m| format!(" × {}", multiplier_text(&m.value)))
        .unwrap_or_default();
    format!("{n} × {hw}, {h} h{m} ({})", r.purpose.as_str())
}

/// "8 (folds)"; the factor alone when no basis is given.
pub fn multiplier_text(m: &Multiplier) -> String {
    if m.basis.trim().is_empty() {
        fmt_num(m.factor)
    } else {
        format!("{} ({})", fmt_num(m.factor), m.basis)
    }
}

/// "8", "8 folds", "8 (folds)", "6 (3 blocks × 2 settings)".
fn parse_multiplier(v: &str) -> Result<Multiplier, String> {
    let v = v.trim();
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let factor = parse_positive(&v[..end])?;
    let basis = v[end..]
        .trim()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trim();
    Ok(Multiplier::new(factor, basis))
}

/// Origin of the value at `path`, when it has one.
pub fn current_origin<'a>(rec: &'a PaperRecord, path: &FieldPath) -> Option<&'a Origin> {
    match path {
        FieldPath::Reported => rec.reported.as_ref().map(|f| &f.origin),
        FieldPath::Disclosure => rec.disclosure.as_ref().map(|f| &f.origin),
        FieldPath::Countries => rec.countries.first().map(|f| &f.origin),
        FieldPath::Run(_) => None,
        FieldPath::RunField(i, rf) => {
            let r = rec.runs.get(*i)?;
            match rf {
                RunField::Hardware => r.hardware.as_ref().map(|f| &f.origin),
                RunField::Count => r.count.as_ref().map(|f| &f.origin),
                RunField::Hours => r.hours.as_ref().map(|f| &f.origin),
                RunField::Multiplier => r.multiplier.as_ref().map(|f| &f.origin),
                RunField::TdpW => r.tdp_w.as_ref().map(|f| &f.origin),
                RunField::Purpose => None,
            }
        }
        FieldPath::Affiliation(i, _) => rec.affiliations.get(*i).map(|f| &f.origin),
    }
}

/// Checks and normalises a value for `path` ("eight" is refused for a count; "48-72" is a
/// range of hours). Returns the canonical text.
pub fn check_value(path: &FieldPath, value: &str, reference: &Reference) -> Result<String, String> {
    let v = value.trim();
    match path {
        FieldPath::Reported => parse_bool(v).map(|b| b.to_string()),
        FieldPath::Disclosure => parse_disclosure(v).map(|d| d.as_str().to_string()),
        FieldPath::Countries => parse_countries(v, reference).map(|cs| {
            cs.iter()
                .map(|c| c.iso2.clone().unwrap_or_default())
                .collect::<Vec<_>>()
                .join(",")
        }),
        FieldPath::Run(_) => Err("a whole run can only be rejected (or noted)".into()),
        FieldPath::RunField(_, rf) => match rf {
            RunField::Hardware => {
                if v.is_empty() {
                    Err("empty hardware name".into())
                } else {
                    Ok(v.to_string())
                }
            }
            RunField::Count => parse_count(v).map(|c| c.to_string()),
            RunField::Hours => parse_hours(v).map(|h| hours_text(&h)),
            RunField::Multiplier => parse_multiplier(v).map(|m| multiplier_text(&m)),
            RunField::TdpW => parse_positive(v).map(fmt_num),
            RunField::Purpose => parse_purpose(v).map(|p| p.as_str().to_string()),
        },
        FieldPath::Affiliation(_, AffiliationField::Text) => {
            if v.is_empty() {
                Err("empty affiliation".into())
            } else {
                Ok(v.to_string())
            }
        }
        FieldPath::Affiliation(_, AffiliationField::Country) => parse_country(v, reference),
    }
}

/// One country, by code or name, as its ISO code.
fn parse_country(v: &str, reference: &Reference) -> Result<String, String> {
    reference
        .countries
        .lookup(v)
        .map(|c| c.iso2.clone())
        .ok_or_else(|| format!("unknown country {v:?}"))
}

fn parse_bool(v: &str) -> Result<bool, String> {
    match v.to_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("expected true or false, got {v:?}")),
    }
}

fn parse_disclosure(v: &str) -> Result<DisclosureLevel, String> {
    match v.to_lowercase().as_str() {
        "full" => Ok(DisclosureLevel::Full),
        "partial" => Ok(DisclosureLevel::Partial),
        "none" => Ok(DisclosureLevel::None),
        _ => Err(format!("expected full, partial or none, got {v:?}")),
    }
}

fn parse_count(v: &str) -> Result<u32, String> {
    v.parse::<u32>()
        .ok()
        .filter(|c| *c >= 1)
        .ok_or_else(|| format!("expected a whole number ≥ 1, got {v:?}"))
}

fn parse_positive(v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite() && *x > 0.0)
        .ok_or_else(|| format!("expected a positive number, got {v:?}"))
}

fn parse_hours(v: &str) -> Result<Hours, String> {
    if let Some((a, b)) = v.split_once('-').filter(|(a, _)| !a.trim().is_empty()) {
        let (lo, hi) = (parse_positive(a.trim())?, parse_positive(b.trim())?);
        if lo > hi {
            return Err(format!("range {v:?} runs backwards"));
        }
        return Ok(Hours::range(lo, hi));
    }
    parse_positive(v).map(Hours::stated)
}

fn parse_purpose(v: &str) -> Result<Purpose, String> {
    match v.to_lowercase().replace(['-', ' '], "_").as_str() {
        "training" => Ok(Purpose::Training),
        "inference" => Ok(Purpose::Inference),
        "benchmark" => Ok(Purpose::Benchmark),
        "data_generation" => Ok(Purpose::DataGeneration),
        "other" => Ok(Purpose::Other),
        _ => Err(format!(
            "expected training, inference, benchmark, data_generation or other, got {v:?}"
        )),
    }
}

fn parse_countries(v: &str, reference: &Reference) -> Result<Vec<CountryRef>, String> {
    v.split([',', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            reference
                .countries
                .lookup(s)
                .map(|c| CountryRef {
                    text: s.to_string(),
                    iso2: Some(c.iso2.clone()),
                })
                .ok_or_else(|| format!("unknown country {s:?}"))
        })
        .collect()
}

/// Writes a checked value into the record with `origin`; runs are created up to the index.
pub fn apply_value(
    rec: &mut PaperRecord,
    path: &FieldPath,
    value: &str,
    origin: Origin,
    reference: &Reference,
) -> Result<(), String> {
    match path {
        FieldPath::Reported => rec.reported = Some(Field::new(parse_bool(value)?, origin.clone())),
        FieldPath::Disclosure => {
            rec.disclosure = Some(Field::new(
                Disclosure {
                    level: parse_disclosure(value)?,
                    qualifier: None,
                },
                origin.clone(),
            ))
        }
        FieldPath::Countries => {
            rec.countries = parse_countries(value, reference)?
                .into_iter()
                .map(|c| Field::new(c, origin.clone()))
                .collect()
        }
        FieldPath::Run(_) => return Err("a whole run can only be rejected".into()),
        FieldPath::RunField(i, rf) => {
            if *i > rec.runs.len() {
                return Err(format!(
                    "runs[{i}] does not exist (the paper has {} runs; add runs[{}] first)",
                    rec.runs.len(),
                    rec.runs.len()
                ));
            }
            if *i == rec.runs.len() {
                rec.runs.push(Run::default());
            }
            let run = &mut rec.runs[*i];
            match rf {
                RunField::Hardware => {
                    run.hardware_id = reference
                        .hardware
                        .resolve(value)
                        .map(|r| Field::new(r.device.id.clone(), origin.clone()));
                    run.hardware = Some(Field::new(value.to_string(), origin.clone()));
                }
                RunField::Count => {
                    run.count = Some(Field::new(parse_count(value)?, origin.clone()))
                }
                RunField::Hours => {
                    run.hours = Some(Field::new(parse_hours(value)?, origin.clone()))
                }
                RunField::Multiplier => {
                    run.multiplier = Some(Field::new(parse_multiplier(value)?, origin.clone()))
                }
                RunField::TdpW => {
                    run.tdp_w = Some(Field::new(parse_positive(value)?, origin.clone()))
                }
                RunField::Purpose => run.purpose = parse_purpose(value)?,
            }
        }
        FieldPath::Affiliation(i, af) => {
            if *i > rec.affiliations.len() {
                return Err(format!(
                    "affiliations[{i}] does not exist (the paper has {} affiliations)",
                    rec.affiliations.len()
                ));
            }
            if *i == rec.affiliations.len() {
                if *af == AffiliationField::Country {
                    return Err(format!("set affiliations[{i}] before its country"));
                }
                rec.affiliations.push(Field::new(
                    Affiliation {
                        text: String::new(),
                        country: None,
                    },
                    origin.clone(),
                ));
            }
            let f = &mut rec.affiliations[*i];
            match af {
                AffiliationField::Text => f.value.text = value.trim().to_string(),
                AffiliationField::Country => {
                    f.value.country = Some(parse_country(value, reference)?)
                }
            }
            f.origin = origin;
        }
    }
    Ok(())
}

/// Removes the value at `path` (`reject`). Rejecting a run removes it from estimation by
/// marking its purpose `other`, keeping it visible for the record.
pub fn reject_value(rec: &mut PaperRecord, path: &FieldPath) -> Result<(), String> {
    match path {
        FieldPath::Reported => rec.reported = None,
        FieldPath::Disclosure => rec.disclosure = None,
        FieldPath::Countries => rec.countries.clear(),
        FieldPath::Run(i) => {
            let r = rec
                .runs
                .get_mut(*i)
                .ok_or_else(|| format!("runs[{i}] does not exist"))?;
            r.purpose = Purpose::Other;
        }
        FieldPath::RunField(i, rf) => {
            let r = rec
                .runs
                .get_mut(*i)
                .ok_or_else(|| format!("runs[{i}] does not exist"))?;
            match rf {
                RunField::Hardware => {
                    r.hardware = None;
                    r.hardware_id = None;
                }
                RunField::Count => r.count = None,
                RunField::Hours => r.hours = None,
                RunField::Multiplier => r.multiplier = None,
                RunField::TdpW => r.tdp_w = None,
                RunField::Purpose => r.purpose = Purpose::Other,
            }
        }
        FieldPath::Affiliation(i, af) => {
            let f = rec
                .affiliations
                .get_mut(*i)
                .ok_or_else(|| format!("affiliations[{i}] does not exist"))?;
            match af {
                // Removing would renumber the others: correct the text instead.
                AffiliationField::Text => {
                    return Err("an affiliation cannot be removed; correct its text".into())
                }
                AffiliationField::Country => f.value.country = None,
            }
        }
    }
    Ok(())
}

/// Marks the current value at `path` as confirmed by a person (`accept`).
pub fn accept_value(rec: &mut PaperRecord, path: &FieldPath, origin: Origin) -> Result<(), String> {
    let set = |o: &mut Origin| *o = origin.clone();
    match path {
        FieldPath::Reported => rec.reported.as_mut().map(|f| set(&mut f.origin)),
        FieldPath::Disclosure => rec.disclosure.as_mut().map(|f| set(&mut f.origin)),
        FieldPath::Countries => {
            rec.countries.iter_mut().for_each(|f| set(&mut f.origin));
            Some(())
        }
        FieldPath::Run(i) => rec.runs.get_mut(*i).map(|_| ()),
        FieldPath::RunField(i, rf) => rec.runs.get_mut(*i).and_then(|r| match rf {
            RunField::Hardware => r.hardware.as_mut().map(|f| set(&mut f.origin)),
            RunField::Count => r.count.as_mut().map(|f| set(&mut f.origin)),
            RunField::Hours => r.hours.as_mut().map(|f| set(&mut f.origin)),
            RunField::Multiplier => r.multiplier.as_mut().map(|f| set(&mut f.origin)),
            RunField::TdpW => r.tdp_w.as_mut().map(|f| set(&mut f.origin)),
            RunField::Purpose => Some(()),
        }),
        FieldPath::Affiliation(i, _) => rec.affiliations.get_mut(*i).map(|f| set(&mut f.origin)),
    }
    .ok_or_else(|| format!("{path} has no value to accept"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for s in [
            "reported",
            "disclosure",
            "countries",
            "runs[0]",
            "runs[3].hours",
            "runs[1].tdp_w",
            "affiliations[0]",
            "affiliations[2].country",
        ] {
            assert_eq!(s.parse::<FieldPath>().unwrap().to_string(), s);
        }
        assert!("runs[x].count".parse::<FieldPath>().is_err());
        assert!("runs[0].colour"
            .parse::<FieldPath>()
            .unwrap_err()
            .contains("unknown field"));
    }

    #[test]
    fn values_are_checked_per_field() {
        let r = Reference::embedded().unwrap();
        let p = |s: &str| s.parse::<FieldPath>().unwrap();
        assert_eq!(
            check_value(&p("runs[0].hours"), "48-72", &r).unwrap(),
            "48-72"
        );
        assert!(check_value(&p("runs[0].count"), "eight", &r).is_err());
        assert!(check_value(&p("runs[0].count"), "0", &r).is_err());
        assert_eq!(
            check_value(&p("countries"), "France, USA", &r).unwrap(),
            "FR,US"
        );
        assert!(check_value(&p("countries"), "Atlantis", &r).is_err());
        assert_eq!(check_value(&p("reported"), "yes", &r).unwrap(), "true");
    }

    #[test]
    fn an_affiliation_and_its_country_are_corrected_in_place() {
        use crate::model::Paper;
        let r = Reference::embedded().unwrap();
        let p = |s: &str| s.parse::<FieldPath>().unwrap();
        let mut rec = PaperRecord::new(Paper {
            id: "x".into(),
            venue: None,
            year: None,
            title: "x".into(),
            authors: vec![],
            doi: None,
            pdf_url: None,
            sha256: None,
        });
        let by = Origin::Imputed {
            rule: "test".into(),
        };
        assert!(apply_value(
            &mut rec,
            &p("affiliations[0].country"),
            "FR",
            by.clone(),
            &r
        )
        .is_err());
        apply_value(
            &mut rec,
            &p("affiliations[0]"),
            " IRCAM, Paris ",
            by.clone(),
            &r,
        )
        .unwrap();
        let c = check_value(&p("affiliations[0].country"), "France", &r).unwrap();
        assert_eq!(c, "FR");
        apply_value(&mut rec, &p("affiliations[0].country"), &c, by, &r).unwrap();
        assert_eq!(
            current_value(&rec, &p("affiliations[0]")).as_deref(),
            Some("IRCAM, Paris")
        );
        assert_eq!(
            current_value(&rec, &p("affiliations[0].country")).as_deref(),
            Some("FR")
        );
        assert!(reject_value(&mut rec, &p("affiliations[0]")).is_err());
        reject_value(&mut rec, &p("affiliations[0].country")).unwrap();
        assert_eq!(current_value(&rec, &p("affiliations[0].country")), None);
    }
}
