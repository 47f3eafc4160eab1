//! The comparison as text: header, rates with denominators, sums, per-paper table,
//! disagreements with evidence.

use std::fmt::Write as _;

use super::row::PaperSide;
use super::Comparison;
use crate::estimate::fmt_num;

/// At most `max` characters, ending in '…' when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

fn opt(v: Option<f64>) -> String {
    v.map(fmt_num).unwrap_or_else(|| "—".into())
}

fn percent(v: Option<f64>) -> String {
    v.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn counts(side: &PaperSide) -> String {
    if side.counts.is_empty() {
        "—".into()
    } else {
        side.counts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("+")
    }
}

fn hardware(side: &PaperSide) -> String {
    if side.hardware.is_empty() {
        "—".into()
    } else {
        side.hardware.join("+")
    }
}

/// One line of the per-paper table.
fn table_line(cells: [String; 6]) -> String {
    let [id, disclosure, hardware, count, hours, kwh] = cells;
    format!("  {id:<16} {disclosure:<16} {hardware:<26} {count:<12} {hours:<20} {kwh}")
}

/// The legend of the agreement rules, printed under the rates.
pub const LEGEND: &str = "\
rules: disclosure = same class; hardware = same set of catalog ids; tdp = same per-run TDPs
  under the method; count = same sorted per-run device counts, or the reference has one count
  and the survey's largest count equals it; hours = total of hours × multiplier over training
  runs within 10 % of the reference; kWh = within 10 % (a paper the survey does not estimate
  disagrees). Each rate counts only the papers where the reference has that field.";

pub fn render_text(c: &Comparison) -> String {
    let mut s = String::new();
    let (sv, rf) = (&c.survey, &c.reference);
    let _ = writeln!(
        s,
        "compare survey {sv} ({} papers) with reference {rf} ({} papers)",
        c.survey_papers, c.reference_papers
    );
    let _ = writeln!(
        s,
        "method {} version {} · reference data {}",
        c.method, c.method_version, c.reference_version
    );
    let by: Vec<String> = c
        .matched_by
        .iter()
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    let _ = writeln!(
        s,
        "matched {} ({}); unmatched: {} of {sv}, {} of {rf}",
        c.matched,
        if by.is_empty() {
            "none".into()
        } else {
            by.join(", ")
        },
        c.unmatched_survey.len(),
        c.unmatched_reference.len()
    );
    for (name, list) in [(sv, &c.unmatched_survey), (rf, &c.unmatched_reference)] {
        if !list.is_empty() {
            let ids: Vec<&str> = list.iter().map(|u| u.id.as_str()).collect();
            let _ = writeln!(s, "  only in {name}: {}", ids.join(", "));
        }
    }
    let near: Vec<String> = c
        .rows
        .iter()
        .filter(|r| r.matched_by.starts_with("title-"))
        .map(|r| format!("{} ~ {} ({})", r.reference.id, r.survey.id, r.matched_by))
        .collect();
    if !near.is_empty() {
        let _ = writeln!(s, "  matched by a partial title: {}", near.join(", "));
    }

    let _ = writeln!(s, "\nagreement       agree /  of   rate  over");
    for r in &c.rates {
        let _ = writeln!(
            s,
            "  {:<12} {:>6} / {:<3} {:>6}  {}{}",
            if r.field == "kwh" { "kWh" } else { r.field },
            r.numerator,
            r.denominator,
            percent(r.rate),
            r.over,
            if r.field == "kwh" { " (headline)" } else { "" }
        );
    }
    let _ = writeln!(s, "{LEGEND}");

    let m = &c.sums;
    let _ = writeln!(
        s,
        "\nkWh over the {} papers {rf} makes estimable ({sv} estimates {} of them):",
        m.reference_estimable, m.survey_estimated
    );
    let _ = writeln!(
        s,
        "  {sv}: sum {}, median {} (of {})",
        fmt_num(m.survey_kwh),
        opt(m.survey_median_kwh),
        m.survey_estimated
    );
    let _ = writeln!(
        s,
        "  {rf}: sum {}, median {} (of {})",
        fmt_num(m.reference_kwh),
        opt(m.reference_median_kwh),
        m.reference_estimable
    );
    let _ = writeln!(s, "  ratio of sums {sv} / {rf}: {}", opt(m.ratio));
    let a = &m.all_matched;
    let _ = writeln!(
        s,
        "kWh over all {} matched papers: {sv} {} ({} estimated), {rf} {} ({} estimated), ratio {}",
        c.matched,
        fmt_num(a.survey_kwh),
        a.survey_estimated,
        fmt_num(a.reference_kwh),
        a.reference_estimated,
        opt(a.ratio)
    );

    if !c.rows.is_empty() {
        let _ = writeln!(s, "\npapers ({sv} | {rf}; * = disagree)");
        let _ = writeln!(
            s,
            "{}",
            table_line(
                [
                    "reference id",
                    " disclosure",
                    " hardware",
                    " count",
                    " hours",
                    " kWh"
                ]
                .map(String::from)
            )
        );
        for r in &c.rows {
            let g = &r.agreement;
            let pair = |agree: Option<bool>, a: String, b: String| {
                format!("{}{a}|{b}", if agree == Some(false) { "*" } else { " " })
            };
            let _ = writeln!(
                s,
                "{}",
                table_line([
                    shorten(&r.reference.id, 16),
                    pair(
                        Some(g.disclosure),
                        r.survey.disclosure.as_str().into(),
                        r.reference.disclosure.as_str().into()
                    ),
                    shorten(
                        &pair(g.hardware, hardware(&r.survey), hardware(&r.reference)),
                        26
                    ),
                    pair(g.count, counts(&r.survey), counts(&r.reference)),
                    pair(g.hours, opt(r.survey.hours), opt(r.reference.hours)),
                    pair(g.kwh, opt(r.survey.kwh), opt(r.reference.kwh)),
                ])
            );
        }
    }

    if c.disagreements.is_empty() {
        let _ = writeln!(s, "\nno disagreements");
    } else {
        let _ = writeln!(s, "\ndisagreements ({} papers):", c.disagreements.len());
        for d in &c.disagreements {
            let _ = writeln!(
                s,
                "  {rf} {} ~ {sv} {}: {}",
                d.reference_id, d.survey_id, d.title
            );
            for f in &d.fields {
                let _ = writeln!(s, "    {}: {} vs {}", f.field, f.survey, f.reference);
                let _ = writeln!(s, "      {sv}: {}", shorten(&f.survey_evidence, 150));
                let _ = writeln!(s, "      {rf}: {}", shorten(&f.reference_evidence, 150));
            }
            let _ = writeln!(s, "    → {}", d.command);
        }
    }
    s
}

/// The agreement rates and every disagreement in a few lines (how `greenmir survey` ends on
/// the built-in sample): the same comparison as [`render_text`], without the per-paper table.
pub fn render_brief(c: &Comparison) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "compared with {} ({} papers; as `greenmir compare` does): matched {} of {}",
        c.reference, c.reference_papers, c.matched, c.survey_papers
    );
    let _ = writeln!(s, "  field        agree /  of   rate");
    for r in &c.rates {
        let _ = writeln!(
            s,
            "  {:<12} {:>5} / {:<3} {:>6}",
            if r.field == "kwh" { "kWh" } else { r.field },
            r.numerator,
            r.denominator,
            percent(r.rate)
        );
    }
    let unmatched: Vec<&str> = c
        .unmatched_reference
        .iter()
        .map(|u| u.id.as_str())
        .collect();
    if !unmatched.is_empty() {
        let _ = writeln!(s, "  not found in the survey: {}", unmatched.join(", "));
    }
    if c.disagreements.is_empty() {
        let _ = writeln!(s, "  misses: none");
    } else {
        let _ = writeln!(s, "  misses ({} papers):", c.disagreements.len());
        for d in &c.disagreements {
            for f in &d.fields {
                let _ = writeln!(
                    s,
                    "    {} {}: read {}, expected {}",
                    d.survey_id, f.field, f.survey, f.reference
                );
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_characters_with_an_ellipsis() {
        assert_eq!(shorten("Jukedrummer", 20), "Jukedrummer");
        assert_eq!(shorten("Müller Müller Müller", 8), "Müller…");
    }
}
