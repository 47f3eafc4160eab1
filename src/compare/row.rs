//! One matched paper side by side: what each survey reads, whether they agree, and on what
//! evidence.

use serde::Serialize;

use crate::estimate::{fmt_num, Estimator};
use crate::model::{
    DisclosureLevel, Estimate, EstimateStatus, Evidence, Field, Origin, PaperRecord, Run,
};
use crate::reference::Reference;

/// Relative tolerance for hours and kWh: within 10 % of the reference value.
pub const TOLERANCE: f64 = 0.10;

/// What one survey holds for a paper, reduced to the compared fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperSide {
    pub id: String,
    pub disclosure: DisclosureLevel,
    /// Catalog ids of the training runs' hardware (the name as written when it is not in the
    /// catalog), sorted, without repeats.
    pub hardware: Vec<String>,
    /// The TDP the method uses for each training run that has one, sorted, without repeats.
    pub tdp_w: Vec<f64>,
    /// Device count of each training run that states one, sorted.
    pub counts: Vec<u32>,
    /// Sum over training runs of hours × multiplier; absent when no run states a time.
    pub hours: Option<f64>,
    /// Energy with PUE under the method, when it estimates the paper.
    pub kwh: Option<f64>,
    /// What the method lacks when it does not estimate the paper.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// The first training run's quote and page, or the origin of an imported row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Per field: `None` when the reference lacks the field (the paper is outside that rate's
/// denominator), else whether the survey agrees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Agreement {
    pub disclosure: bool,
    pub hardware: Option<bool>,
    pub tdp: Option<bool>,
    pub count: Option<bool>,
    pub hours: Option<bool>,
    pub kwh: Option<bool>,
}

impl Agreement {
    pub fn all_agree(&self) -> bool {
        self.disclosure
            && [self.hardware, self.tdp, self.count, self.hours, self.kwh]
                .iter()
                .all(|a| *a != Some(false))
    }
}

/// A field the two surveys read differently, with both values and both sides' evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldDiff {
    pub field: &'static str,
    pub survey: String,
    pub reference: String,
    pub survey_evidence: String,
    pub reference_evidence: String,
}

/// One matched paper.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaperRow {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The matching rule (`doi`, `title`, `title-part`, `title-near`).
    pub matched_by: &'static str,
    pub survey: PaperSide,
    pub reference: PaperSide,
    pub agreement: Agreement,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<FieldDiff>,
}

/// Device counts agree when the sorted per-run counts are equal, or when the reference has
/// exactly one count and the survey's largest count equals it (a one-count reference records
/// the main run; the survey may also have read smaller runs). Both slices sorted.
pub fn counts_agree(survey: &[u32], reference: &[u32]) -> bool {
    survey == reference || (reference.len() == 1 && survey.last() == reference.first())
}

/// `survey` is within [`TOLERANCE`] of `reference`, relative to the reference.
pub fn within_tolerance(survey: f64, reference: f64) -> bool {
    (survey - reference).abs() <= TOLERANCE * reference.abs() + 1e-9
}

/// Rounded to 4 decimals, so that JSON output is stable and diffs cleanly.
pub fn round4(v: f64) -> f64 {
    (v * 1e4).round() / 1e4
}

/// Sum of `total_hours()` (hours × multiplier) over the paper's training runs.
pub fn total_hours(rec: &PaperRecord) -> Option<f64> {
    rec.training_runs()
        .filter_map(Run::total_hours)
        .map(|h| h.value)
        .reduce(|a, b| a + b)
}

/// Reads records of both surveys into sides and rows, under one method.
pub struct RowBuilder<'a> {
    pub estimator: Estimator<'a>,
    pub data: &'a Reference,
}

impl RowBuilder<'_> {
    /// The compared fields of one record, given its estimate.
    pub fn side(&self, rec: &PaperRecord, est: &Estimate) -> PaperSide {
        let runs: Vec<&Run> = rec.training_runs().collect();
        let mut hardware: Vec<String> = runs.iter().filter_map(|r| self.hardware(r)).collect();
        hardware.sort();
        hardware.dedup();
        let mut tdp_w: Vec<f64> = runs
            .iter()
            .filter_map(|r| self.estimator.run_tdp_w(r))
            .collect();
        tdp_w.sort_by(f64::total_cmp);
        tdp_w.dedup();
        let mut counts: Vec<u32> = runs
            .iter()
            .filter_map(|r| r.count.as_ref().map(|c| c.value))
            .collect();
        counts.sort_unstable();
        let (kwh, missing) = match &est.status {
            EstimateStatus::Estimated(f) => (Some(f.energy_kwh.point), Vec::new()),
            EstimateStatus::Insufficient { missing } => (None, missing.clone()),
        };
        let evidence = runs.first().and_then(|run| {
            let origin = [
                run.hardware_id.as_ref().map(|f| &f.origin),
                run.hardware.as_ref().map(|f| &f.origin),
                run.count.as_ref().map(|f| &f.origin),
                run.hours.as_ref().map(|f| &f.origin),
                run.tdp_w.as_ref().map(|f| &f.origin),
            ]
            .into_iter()
            .flatten()
            .next();
            match origin {
                Some(o) => Some(origin_evidence(o, run)),
                None => run.evidence.first().map(quote),
            }
        });
        PaperSide {
            id: rec.paper.id.clone(),
            disclosure: rec.disclosure_level(),
            hardware,
            tdp_w,
            counts,
            hours: total_hours(rec).map(round4),
            kwh: kwh.map(round4),
            missing,
            evidence,
        }
    }

    /// The run's catalog id, else its name resolved through the catalog, else the name as
    /// written.
    fn hardware(&self, run: &Run) -> Option<String> {
        if let Some(id) = &run.hardware_id {
            return Some(id.value.clone());
        }
        let name = &run.hardware.as_ref()?.value;
        Some(
            self.data
                .hardware
                .resolve(name)
                .map(|r| r.device.id.clone())
                .unwrap_or_else(|| name.clone()),
        )
    }

    /// Both sides of a matched pair, their agreement and their differences.
    pub fn row(
        &self,
        matched_by: &'static str,
        (s_rec, s_est): (&PaperRecord, &Estimate),
        (r_rec, r_est): (&PaperRecord, &Estimate),
    ) -> PaperRow {
        let s = self.side(s_rec, s_est);
        let r = self.side(r_rec, r_est);
        let reference_estimated = r_est.footprint().is_some();
        let agreement = Agreement {
            disclosure: s.disclosure == r.disclosure,
            hardware: (!r.hardware.is_empty()).then(|| s.hardware == r.hardware),
            tdp: (!r.tdp_w.is_empty()).then(|| s.tdp_w == r.tdp_w),
            count: (!r.counts.is_empty()).then(|| counts_agree(&s.counts, &r.counts)),
            hours: r
                .hours
                .map(|rh| s.hours.is_some_and(|sh| within_tolerance(sh, rh))),
            kwh: reference_estimated.then(|| match (s.kwh, r.kwh) {
                (Some(sk), Some(rk)) => within_tolerance(sk, rk),
                _ => false,
            }),
        };
        let mut differences = Vec::new();
        let mut diff = |field: &'static str, sv: String, rv: String, se: String, re: String| {
            differences.push(FieldDiff {
                field,
                survey: sv,
                reference: rv,
                survey_evidence: se,
                reference_evidence: re,
            })
        };
        if !agreement.disclosure {
            diff(
                "disclosure",
                s.disclosure.as_str().into(),
                r.disclosure.as_str().into(),
                disclosure_evidence(s_rec),
                disclosure_evidence(r_rec),
            );
        }
        if agreement.hardware == Some(false) {
            diff(
                "hardware",
                list(&s.hardware),
                list(&r.hardware),
                run_evidence(s_rec, |r| {
                    field_origin(&r.hardware_id).or(field_origin(&r.hardware))
                }),
                run_evidence(r_rec, |r| {
                    field_origin(&r.hardware_id).or(field_origin(&r.hardware))
                }),
            );
        }
        if agreement.tdp == Some(false) {
            diff(
                "tdp",
                watts(&s.tdp_w),
                watts(&r.tdp_w),
                run_evidence(s_rec, tdp_origin),
                run_evidence(r_rec, tdp_origin),
            );
        }
        if agreement.count == Some(false) {
            diff(
                "count",
                list(&s.counts),
                list(&r.counts),
                run_evidence(s_rec, |r| field_origin(&r.count)),
                run_evidence(r_rec, |r| field_origin(&r.count)),
            );
        }
        if agreement.hours == Some(false) {
            diff(
                "hours",
                hours_text(s_rec, s.hours),
                hours_text(r_rec, r.hours),
                run_evidence(s_rec, |r| field_origin(&r.hours)),
                run_evidence(r_rec, |r| field_origin(&r.hours)),
            );
        }
        if agreement.kwh == Some(false) {
            diff(
                "kwh",
                kwh_text(&s),
                kwh_text(&r),
                energy_evidence(s_est),
                energy_evidence(r_est),
            );
        }
        PaperRow {
            title: r_rec.paper.title.clone(),
            year: r_rec.paper.year.or(s_rec.paper.year),
            matched_by,
            survey: s,
            reference: r,
            agreement,
            differences,
        }
    }
}

/// A TDP comes with the record, else from the catalog entry of the run's hardware.
fn tdp_origin(r: &Run) -> Option<&Origin> {
    field_origin(&r.tdp_w)
        .or(field_origin(&r.hardware_id))
        .or(field_origin(&r.hardware))
}

fn field_origin<T>(f: &Option<Field<T>>) -> Option<&Origin> {
    f.as_ref().map(|f| &f.origin)
}

fn quote(ev: &Evidence) -> String {
    match ev.page {
        Some(p) => format!("p. {p}: \"{}\"", ev.text),
        None => format!("\"{}\"", ev.text),
    }
}

/// An extracted value's quote and page; an imported or annotated value's origin (with the
/// run's quotes when it has some).
fn origin_evidence(origin: &Origin, run: &Run) -> String {
    match origin {
        Origin::Extracted { evidence, .. } => evidence
            .first()
            .or(run.evidence.first())
            .map(quote)
            .unwrap_or_else(|| origin.describe()),
        // An imported row's quotes are the source's text cells, not tied to one column: all
        // of them are shown.
        Origin::Imported { .. } if !run.evidence.is_empty() => format!(
            "{} ({})",
            origin.describe(),
            run.evidence
                .iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(" / ")
        ),
        _ => origin.describe(),
    }
}

/// Evidence of the first training run that has the field `pick` finds.
fn run_evidence(rec: &PaperRecord, pick: impl Fn(&Run) -> Option<&Origin>) -> String {
    rec.training_runs()
        .find_map(|r| pick(r).map(|o| origin_evidence(o, r)))
        .unwrap_or_else(|| match rec.training_runs().count() {
            0 => "no training run".into(),
            _ => "not stated".into(),
        })
}

fn disclosure_evidence(rec: &PaperRecord) -> String {
    match &rec.disclosure {
        Some(d) => d.origin.describe(),
        None => {
            let n = rec.training_runs().count();
            let complete = rec.training_runs().filter(|r| r.is_complete()).count();
            format!("derived from the training runs: {complete} of {n} complete")
        }
    }
}

fn energy_evidence(est: &Estimate) -> String {
    match &est.status {
        EstimateStatus::Estimated(f) => f
            .runs
            .iter()
            .map(|r| {
                let mut s = format!(
                    "{} × {} W × {} h",
                    r.count,
                    fmt_num(r.tdp_w),
                    fmt_num(r.hours)
                );
                if r.multiplier != 1.0 {
                    s.push_str(&format!(" × {}", fmt_num(r.multiplier)));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(" + "),
        EstimateStatus::Insufficient { missing } => format!("missing {}", missing.join(", ")),
    }
}

fn list<T: ToString>(v: &[T]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.iter().map(T::to_string).collect::<Vec<_>>().join(", ")
    }
}

fn watts(v: &[f64]) -> String {
    if v.is_empty() {
        "—".into()
    } else {
        v.iter()
            .map(|w| format!("{} W", fmt_num(*w)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn hours_text(rec: &PaperRecord, total: Option<f64>) -> String {
    let Some(t) = total else {
        return "—".into();
    };
    let parts: Vec<String> = rec
        .training_runs()
        .filter_map(|r| {
            let h = r.hours.as_ref()?.value.value;
            Some(match r.multiplier.as_ref() {
                Some(m) => format!(
                    "{} h × {} ({})",
                    fmt_num(h),
                    fmt_num(m.value.factor),
                    m.value.basis
                ),
                None => format!("{} h", fmt_num(h)),
            })
        })
        .collect();
    if parts.len() == 1 && !parts[0].contains('×') {
        format!("{} h", fmt_num(t))
    } else {
        format!("{} h = {}", fmt_num(t), parts.join(" + "))
    }
}

fn kwh_text(side: &PaperSide) -> String {
    match side.kwh {
        Some(k) => format!("{} kWh", fmt_num(k)),
        None => "not estimated".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::estimate::Method;
    use crate::model::{Hours, Multiplier, Paper};

    fn record(id: &str, runs: Vec<Run>) -> PaperRecord {
        let mut r = PaperRecord::new(Paper {
            id: id.into(),
            venue: None,
            year: Some(2022),
            title: "T".into(),
            authors: Vec::new(),
            doi: None,
            pdf_url: None,
            sha256: None,
        });
        r.runs = runs;
        r
    }

    fn run(hw: &str, count: u32, hours: f64, factor: Option<f64>) -> Run {
        let ex = || Origin::Extracted {
            confidence: 0.9,
            evidence: vec![Evidence {
                page: Some(4),
                text: format!("{count} {hw} for {hours} hours"),
                start: None,
                end: None,
            }],
        };
        Run {
            hardware: Some(Field::new(hw.to_string(), ex())),
            count: Some(Field::new(count, ex())),
            hours: Some(Field::new(Hours::stated(hours), ex())),
            multiplier: factor.map(|f| Field::new(Multiplier::new(f, "4 models"), ex())),
            ..Run::default()
        }
    }

    #[test]
    fn count_rule_sorted_lists_or_one_reference_count_equal_to_the_largest() {
        assert!(counts_agree(&[1, 8], &[1, 8]));
        assert!(counts_agree(&[1, 8], &[8]));
        assert!(!counts_agree(&[1, 8], &[1]));
        assert!(!counts_agree(&[8], &[1, 8]));
        assert!(!counts_agree(&[], &[4]));
        assert!(!counts_agree(&[2, 4], &[4, 4]));
    }

    #[test]
    fn total_hours_counts_multipliers() {
        let rec = record(
            "p",
            vec![run("V100", 1, 48.0, Some(4.0)), run("V100", 2, 10.0, None)],
        );
        assert_eq!(total_hours(&rec), Some(202.0));
        assert_eq!(total_hours(&record("q", Vec::new())), None);
    }

    #[test]
    fn tolerance_is_relative_to_the_reference() {
        assert!(within_tolerance(108.0, 100.0));
        assert!(within_tolerance(110.0, 100.0));
        assert!(!within_tolerance(111.0, 100.0));
        assert!(!within_tolerance(89.0, 100.0));
    }

    #[test]
    fn rows_compare_fields_and_quote_evidence() {
        let data = Reference::embedded().unwrap();
        let method = Method::find("greenmir2024").unwrap();
        let b = RowBuilder {
            estimator: Estimator::new(&method, &data),
            data: &data,
        };
        // The survey read one model of four; the reference counted all four.
        let s = record("ismir2022-a", vec![run("V100", 1, 48.0, None)]);
        let r = record("sheet-1", vec![run("Tesla V100", 1, 48.0, Some(4.0))]);
        let (se, re) = (b.estimator.estimate(&s), b.estimator.estimate(&r));
        let row = b.row("title", (&s, &se), (&r, &re));
        assert_eq!(row.survey.hardware, vec!["nvidia-v100".to_string()]);
        assert_eq!(row.reference.hardware, row.survey.hardware);
        assert_eq!(row.reference.hours, Some(192.0));
        assert_eq!(row.agreement.hardware, Some(true));
        assert_eq!(row.agreement.count, Some(true));
        assert_eq!(row.agreement.hours, Some(false));
        assert_eq!(row.agreement.kwh, Some(false));
        let fields: Vec<_> = row.differences.iter().map(|d| d.field).collect();
        assert_eq!(fields, vec!["hours", "kwh"]);
        let h = &row.differences[0];
        assert_eq!(h.survey, "48 h");
        assert_eq!(h.reference, "192 h = 48 h × 4 (4 models)");
        assert_eq!(h.survey_evidence, "p. 4: \"1 V100 for 48 hours\"");
        assert!(row.differences[1].reference.ends_with(" kWh"));
        assert!(row.differences[1].reference_evidence.ends_with(" × 4"));
    }
}
