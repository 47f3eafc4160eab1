//! Agreement rates (each with its denominator) and energy sums over the matched papers.

use serde::Serialize;

use super::row::{round4, PaperRow};
use crate::estimate::median;

/// One agreement rate: `numerator` of `denominator` papers agree; `rate` is absent when the
/// denominator is 0.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rate {
    pub field: &'static str,
    /// What counts as agreement.
    pub rule: &'static str,
    /// Which papers make the denominator.
    pub over: &'static str,
    pub numerator: usize,
    pub denominator: usize,
    pub rate: Option<f64>,
}

/// Summed and median kWh of both sides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sums {
    /// Papers the method estimates from the reference's values (the headline denominator).
    pub reference_estimable: usize,
    /// Of those, the papers it also estimates from the survey's values.
    pub survey_estimated: usize,
    /// Over the reference-estimable papers (a paper the survey does not estimate adds 0).
    pub survey_kwh: f64,
    pub reference_kwh: f64,
    /// `survey_kwh / reference_kwh`.
    pub ratio: Option<f64>,
    /// Median over the reference-estimable papers that side estimates.
    pub survey_median_kwh: Option<f64>,
    pub reference_median_kwh: Option<f64>,
    pub all_matched: MatchedSums,
}

/// Each side's kWh over every matched paper it estimates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedSums {
    pub survey_estimated: usize,
    pub survey_kwh: f64,
    pub reference_estimated: usize,
    pub reference_kwh: f64,
    pub ratio: Option<f64>,
}

fn rate(
    field: &'static str,
    rule: &'static str,
    over: &'static str,
    votes: impl Iterator<Item = Option<bool>>,
) -> Rate {
    let (mut numerator, mut denominator) = (0, 0);
    for v in votes.flatten() {
        denominator += 1;
        numerator += usize::from(v);
    }
    Rate {
        field,
        rule,
        over,
        numerator,
        denominator,
        rate: (denominator > 0).then(|| round4(numerator as f64 / denominator as f64)),
    }
}

/// The rates, in a fixed order; kWh (the headline) last.
pub fn rates(rows: &[PaperRow]) -> Vec<Rate> {
    vec![
        rate(
            "disclosure",
            "same class (full / partial / none)",
            "all matched papers",
            rows.iter().map(|r| Some(r.agreement.disclosure)),
        ),
        rate(
            "hardware",
            "same set of catalog ids",
            "papers where the reference names hardware",
            rows.iter().map(|r| r.agreement.hardware),
        ),
        rate(
            "tdp",
            "same set of per-run TDPs (W) under the method",
            "papers where the reference has a TDP",
            rows.iter().map(|r| r.agreement.tdp),
        ),
        rate(
            "count",
            "same sorted per-run counts, or the reference's only count = the survey's largest",
            "papers where the reference has a count",
            rows.iter().map(|r| r.agreement.count),
        ),
        rate(
            "hours",
            "total hours (× multipliers) within 10 %",
            "papers where the reference has hours",
            rows.iter().map(|r| r.agreement.hours),
        ),
        rate(
            "kwh",
            "kWh within 10 %",
            "papers the reference makes estimable",
            rows.iter().map(|r| r.agreement.kwh),
        ),
    ]
}

fn ratio(a: f64, b: f64) -> Option<f64> {
    (b != 0.0).then(|| round4(a / b))
}

fn median_of(mut v: Vec<f64>) -> Option<f64> {
    (!v.is_empty()).then(|| round4(median(&mut v)))
}

pub fn sums(rows: &[PaperRow]) -> Sums {
    let estimable: Vec<&PaperRow> = rows.iter().filter(|r| r.reference.kwh.is_some()).collect();
    let s: Vec<f64> = estimable.iter().filter_map(|r| r.survey.kwh).collect();
    let r: Vec<f64> = estimable.iter().filter_map(|r| r.reference.kwh).collect();
    let (survey_kwh, reference_kwh) = (round4(s.iter().sum()), round4(r.iter().sum()));
    let all_s: Vec<f64> = rows.iter().filter_map(|r| r.survey.kwh).collect();
    let all_r: Vec<f64> = rows.iter().filter_map(|r| r.reference.kwh).collect();
    let (all_s_kwh, all_r_kwh) = (round4(all_s.iter().sum()), round4(all_r.iter().sum()));
    Sums {
        reference_estimable: estimable.len(),
        survey_estimated: s.len(),
        survey_kwh,
        reference_kwh,
        ratio: ratio(survey_kwh, reference_kwh),
        survey_median_kwh: median_of(s),
        reference_median_kwh: median_of(r),
        all_matched: MatchedSums {
            survey_estimated: all_s.len(),
            survey_kwh: all_s_kwh,
            reference_estimated: all_r.len(),
            reference_kwh: all_r_kwh,
            ratio: ratio(all_s_kwh, all_r_kwh),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::row::{Agreement, PaperSide};
    use crate::model::DisclosureLevel;

    fn side(kwh: Option<f64>) -> PaperSide {
        PaperSide {
            id: "x".into(),
            disclosure: DisclosureLevel::Full,
            hardware: Vec::new(),
            tdp_w: Vec::new(),
            counts: Vec::new(),
            hours: None,
            kwh,
            missing: Vec::new(),
            evidence: None,
        }
    }

    fn row(disclosure: bool, count: Option<bool>, s: Option<f64>, r: Option<f64>) -> PaperRow {
        PaperRow {
            title: "T".into(),
            year: None,
            matched_by: "title",
            survey: side(s),
            reference: side(r),
            agreement: Agreement {
                disclosure,
                hardware: None,
                tdp: None,
                count,
                hours: None,
                kwh: r.map(|r| s.is_some_and(|s| (s - r).abs() <= 0.1 * r)),
            },
            differences: Vec::new(),
        }
    }

    #[test]
    fn rates_count_only_papers_where_the_reference_has_the_field() {
        let rows = [
            row(true, Some(true), Some(10.0), Some(10.5)),
            row(false, Some(false), None, Some(4.0)),
            row(true, None, Some(7.0), None),
            row(true, None, None, None),
        ];
        let rs = rates(&rows);
        let get = |f: &str| rs.iter().find(|r| r.field == f).unwrap();
        assert_eq!(
            (get("disclosure").numerator, get("disclosure").denominator),
            (3, 4)
        );
        assert_eq!((get("count").numerator, get("count").denominator), (1, 2));
        assert_eq!((get("kwh").numerator, get("kwh").denominator), (1, 2));
        assert_eq!(get("kwh").rate, Some(0.5));
        assert_eq!(get("hardware").denominator, 0);
        assert_eq!(get("hardware").rate, None);

        let s = sums(&rows);
        assert_eq!((s.reference_estimable, s.survey_estimated), (2, 1));
        assert_eq!((s.survey_kwh, s.reference_kwh), (10.0, 14.5));
        assert_eq!(s.ratio, Some(0.6897));
        assert_eq!(s.reference_median_kwh, Some(7.25));
        assert_eq!(s.survey_median_kwh, Some(10.0));
        assert_eq!(s.all_matched.survey_kwh, 17.0);
        assert_eq!(s.all_matched.survey_estimated, 2);
        assert_eq!(s.all_matched.reference_kwh, 14.5);
    }
}
