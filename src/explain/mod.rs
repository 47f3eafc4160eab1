//! How a paper was scored: every field with its value and origin (quote and page, annotator,
//! sheet cell, default), the method's arithmetic, the TDP and intensity sources, the interval,
//! and the exact command to dispute a value. Rendered as terminal text, Markdown or HTML.

mod render;

use crate::annotate::{current_value, run_summary, FieldPath, OverlayIssue, RunField};
use crate::estimate::{fmt_num, Estimator, Method};
use crate::model::{EstimateStatus, Field, PaperRecord};
use crate::reference::Reference;

pub use render::{html_escape, render_html, render_markdown, render_text};

/// A piece of an explanation.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(String),
    Para(String),
    Items(Vec<String>),
    Code(String),
}

/// Finds a paper by id, DOI, or words of its title. Several title matches are an error that
/// lists them.
pub fn find_paper<'a>(records: &'a [PaperRecord], query: &str) -> Result<&'a PaperRecord, String> {
    let q = query.trim();
    if let Some(r) = records.iter().find(|r| r.paper.id == q) {
        return Ok(r);
    }
    let ql = q.to_lowercase();
    if let Some(r) = records.iter().find(|r| {
        r.paper
            .doi
            .as_deref()
            .is_some_and(|d| d.to_lowercase() == ql)
    }) {
        return Ok(r);
    }
    let words: Vec<String> = ql.split_whitespace().map(String::from).collect();
    let hits: Vec<&PaperRecord> = records
        .iter()
        .filter(|r| {
            let t = r.paper.title.to_lowercase();
            !words.is_empty() && words.iter().all(|w| t.contains(w.as_str()))
        })
        .collect();
    match hits.as_slice() {
        [one] => Ok(one),
        [] => Err(format!(
            "no paper matches {q:?} (give an id, a DOI or title words)"
        )),
        many => Err(format!(
            "{} papers match {q:?}: {}",
            many.len(),
            many.iter()
                .take(8)
                .map(|r| format!("{} ({})", r.paper.id, r.paper.title))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

fn field_line<T>(name: &str, value: String, f: Option<&Field<T>>) -> String {
    match f {
        Some(f) => format!("{name}: {value} — {}", f.origin.describe()),
        None => format!("{name}: {value}"),
    }
}

/// Builds the explanation of one paper under one method.
pub fn explain(
    rec: &PaperRecord,
    survey: &str,
    method: &Method,
    reference: &Reference,
    issues: &[OverlayIssue],
) -> Vec<Block> {
    let est = Estimator::new(method, reference).estimate(rec);
    let p = &rec.paper;
    let mut out = vec![Block::Heading(format!("{} — {}", p.id, p.title))];
    let mut meta = Vec::new();
    if let Some(v) = &p.venue {
        meta.push(format!("venue: {v}"));
    }
    if let Some(y) = p.year {
        meta.push(format!("year: {y}"));
    }
    if let Some(d) = &p.doi {
        meta.push(format!("DOI: {d}"));
    }
    if let Some(u) = &p.pdf_url {
        meta.push(format!("PDF: {u}"));
    }
    out.push(Block::Items(meta));

    out.push(Block::Heading("What the record says".into()));
    let mut items = vec![
        field_line(
            "reported",
            current_value(rec, &FieldPath::Reported).unwrap_or_else(|| "unknown".into()),
            rec.reported.as_ref(),
        ),
        field_line(
            "disclosure",
            rec.disclosure_level().as_str().to_string(),
            rec.disclosure.as_ref(),
        ),
    ];
    let countries: Vec<String> = rec
        .countries
        .iter()
        .map(|c| match &c.value.iso2 {
            Some(code) => format!("{} ({code})", c.value.text),
            None => format!("{} (unknown)", c.value.text),
        })
        .collect();
    items.push(field_line(
        "countries",
        if countries.is_empty() {
            "none known".into()
        } else {
            countries.join(", ")
        },
        rec.countries.first(),
    ));
    for a in &rec.affiliations {
        items.push(field_line(
            "affiliation",
            format!(
                "{} → {}",
                a.value.text,
                a.value.country.clone().unwrap_or_else(|| "?".into())
            ),
            Some(a),
        ));
    }
    out.push(Block::Items(items));
    for (i, run) in rec.runs.iter().enumerate() {
        out.push(Block::Para(format!("Run {i}: {}", run_summary(run))));
        let v = |rf| {
            current_value(rec, &FieldPath::RunField(i, rf)).unwrap_or_else(|| "not stated".into())
        };
        let mut items = vec![
            field_line("hardware", v(RunField::Hardware), run.hardware.as_ref()),
            field_line("device count", v(RunField::Count), run.count.as_ref()),
            field_line("hours", v(RunField::Hours), run.hours.as_ref()),
        ];
        if run.multiplier.is_some() {
            items.push(field_line(
                "multiplier",
                v(RunField::Multiplier),
                run.multiplier.as_ref(),
            ));
        }
        if run.tdp_w.is_some() {
            items.push(field_line("TDP (W)", v(RunField::TdpW), run.tdp_w.as_ref()));
        }
        for e in &run.evidence {
            items.push(format!(
                "evidence{}: \"{}\"",
                e.page.map(|p| format!(" (page {p})")).unwrap_or_default(),
                e.text
            ));
        }
        out.push(Block::Items(items));
    }
    if !rec.notes.is_empty() {
        out.push(Block::Heading("Notes".into()));
        out.push(Block::Items(rec.notes.clone()));
    }

    out.push(Block::Heading(format!(
        "Estimate — {} v{} ({})",
        method.id, method.version, method.source
    )));
    match &est.status {
        EstimateStatus::Insufficient { missing } => {
            out.push(Block::Para(format!(
                "No estimate: the method needs hardware (or its TDP), device count and training time; missing: {}.",
                missing.join(", ")
            )));
        }
        EstimateStatus::Estimated => {
            let mut lines = Vec::new();
            for r in &est.runs {
                let i = r.run;
                let times = if r.multiplier != 1.0 {
                    format!(
                        " × {}{}",
                        fmt_num(r.multiplier),
                        r.multiplier_basis
                            .as_deref()
                            .filter(|b| !b.is_empty())
                            .map(|b| format!(" ({b})"))
                            .unwrap_or_default()
                    )
                } else {
                    String::new()
                };
                lines.push(format!(
                    "run {i}: {} × {} W × {} h{times} = {} kWh",
                    r.count,
                    fmt_num(r.tdp_w),
                    fmt_num(r.hours),
                    fmt_num(r.device_kwh.point)
                ));
            }
            let (dev, energy, co2) = (
                est.device_kwh.expect("estimated"),
                est.energy_kwh.expect("estimated"),
                est.co2e_kg.expect("estimated"),
            );
            let i = est.intensity.as_ref().expect("estimated");
            lines.push(format!(
                "energy: {} kWh × PUE {} = {} kWh",
                fmt_num(dev.point),
                fmt_num(method.energy.pue),
                fmt_num(energy.point)
            ));
            lines.push(format!(
                "CO2e: {} kWh × {} gCO2e/kWh = {} kg",
                fmt_num(energy.point),
                fmt_num(i.g_per_kwh),
                fmt_num(co2.point)
            ));
            lines.push(format!(
                "interval: {} – {} kWh, {} – {} kgCO2e",
                fmt_num(energy.low),
                fmt_num(energy.high),
                fmt_num(co2.low),
                fmt_num(co2.high)
            ));
            out.push(Block::Code(lines.join("\n")));
            let mut items: Vec<String> = est
                .assumptions
                .iter()
                .map(|a| format!("{}: {} — {}", a.name, a.value, a.source))
                .collect();
            // Alternatives belong to the device: listed once, however many runs use it.
            let mut seen: Vec<String> = Vec::new();
            for r in &est.runs {
                for (w, src) in &r.tdp_alternatives {
                    let line = format!("alternative TDP {} W: {src}", fmt_num(*w));
                    if !seen.contains(&line) {
                        seen.push(line.clone());
                        items.push(line);
                    }
                }
            }
            items.push(format!(
                "intensity: countries {}, year {}, vintage {}, {}",
                if i.countries.is_empty() {
                    "none".into()
                } else {
                    i.countries.join("+")
                },
                i.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
                i.vintage,
                i.fallback
            ));
            items.push(format!("reference data {}", est.reference_version));
            out.push(Block::Items(items));
        }
    }
    let mine: Vec<String> = issues
        .iter()
        .filter(|x| x.paper == p.id)
        .map(|x| {
            format!(
                "{} by {} ({}): {} — {}",
                x.field, x.by, x.at, x.kind, x.detail
            )
        })
        .collect();
    if !mine.is_empty() {
        out.push(Block::Heading("Corrections that need a look".into()));
        out.push(Block::Items(mine));
    }
    out.push(Block::Heading("Dispute a value".into()));
    out.push(Block::Para(
        "Corrections are kept with who, when and why, and overlay extraction on every run:".into(),
    ));
    let field = if rec.runs.is_empty() {
        "runs[0].hardware".to_string()
    } else {
        "runs[0].count".into()
    };
    let example = if rec.runs.is_empty() {
        "\"NVIDIA Tesla V100\""
    } else {
        "8"
    };
    out.push(Block::Code(format!(
        "greenmir annotate {} --survey {survey} set {field} {example} --by YOUR-NAME --reason \"quote the paper\"\n\
         greenmir annotate {} --survey {survey} reject runs[0] --by YOUR-NAME --reason \"this run is inference\"",
        p.id, p.id
    )));
    out
}
