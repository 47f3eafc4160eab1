//! How a paper was scored: every field with its value and origin (quote and page, annotator,
//! sheet cell, default), the method's arithmetic, the TDP and intensity sources, the interval,
//! and the exact command to dispute a value. Rendered as terminal text, Markdown or HTML.

mod render;

use crate::annotate::{current_value, run_summary, FieldPath, OverlayIssue, RunField};
use crate::estimate::{fmt_num, Estimator, Method};
use crate::model::{EstimateStatus, Field, Footprint, PaperRecord};
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
    // "doi:10.…", "https://doi.org/10.…" and the bare DOI name the same paper.
    let doi = crate::crawl::merge::normalise_doi(q);
    if let Some(r) = doi.as_ref().and_then(|d| {
        records.iter().find(|r| {
            r.paper
                .doi
                .as_deref()
                .and_then(crate::crawl::merge::normalise_doi)
                == Some(d.clone())
        })
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

/// A run's field: a quote that is the run's evidence is printed once below the fields, not
/// with every field (records written before quotes moved to the run keep theirs here).
fn run_field_line<T>(
    name: &str,
    value: String,
    f: Option<&Field<T>>,
    run_evidence: &[crate::model::Evidence],
) -> String {
    match f.map(|f| &f.origin) {
        Some(crate::model::Origin::Extracted {
            confidence,
            evidence,
        }) if evidence.iter().all(|e| run_evidence.contains(e)) => {
            format!("{name}: {value} — extracted (confidence {confidence:.2})")
        }
        _ => field_line(name, value, f),
    }
}

/// "run 0 TDP" and "run 1 TDP" with the same value and source become "runs 0, 1 TDP".
fn grouped_assumptions(assumptions: &[crate::model::Assumption]) -> Vec<String> {
    let mut groups: Vec<(Vec<String>, String, &str, &str)> = Vec::new();
    for a in assumptions {
        let run_tdp = a
            .name
            .strip_prefix("run ")
            .and_then(|r| r.strip_suffix(" TDP"));
        match run_tdp {
            Some(run) => {
                if let Some(g) = groups
                    .iter_mut()
                    .find(|g| g.1 == "TDP" && g.2 == a.value && g.3 == a.source)
                {
                    g.0.push(run.to_string());
                } else {
                    groups.push((vec![run.to_string()], "TDP".into(), &a.value, &a.source));
                }
            }
            None => groups.push((Vec::new(), a.name.clone(), &a.value, &a.source)),
        }
    }
    groups
        .into_iter()
        .map(|(runs, name, value, source)| match runs.len() {
            0 => format!("{name}: {value} — {source}"),
            1 => format!("run {} {name}: {value} — {source}", runs[0]),
            _ => format!("runs {} {name}: {value} — {source}", runs.join(", ")),
        })
        .collect()
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
    let mut quoted: Vec<(String, usize)> = Vec::new();
    for (i, run) in rec.runs.iter().enumerate() {
        out.push(Block::Para(format!("Run {i}: {}", run_summary(run))));
        let v = |rf| {
            current_value(rec, &FieldPath::RunField(i, rf)).unwrap_or_else(|| "not stated".into())
        };
        let mut items = vec![
            run_field_line(
                "hardware",
                v(RunField::Hardware),
                run.hardware.as_ref(),
                &run.evidence,
            ),
            run_field_line(
                "device count",
                v(RunField::Count),
                run.count.as_ref(),
                &run.evidence,
            ),
            run_field_line(
                "hours",
                v(RunField::Hours),
                run.hours.as_ref(),
                &run.evidence,
            ),
        ];
        if run.multiplier.is_some() {
            items.push(run_field_line(
                "multiplier",
                v(RunField::Multiplier),
                run.multiplier.as_ref(),
                &run.evidence,
            ));
        }
        if run.tdp_w.is_some() {
            items.push(field_line("TDP (W)", v(RunField::TdpW), run.tdp_w.as_ref()));
        }
        for e in &run.evidence {
            let page = e.page.map(|p| format!(" (page {p})")).unwrap_or_default();
            // A sentence two runs share is quoted once, at the first of them.
            match quoted.iter().find(|(t, _)| *t == e.text) {
                Some((_, first)) => items.push(format!(
                    "evidence{page}: the sentence quoted for run {first}"
                )),
                None => {
                    quoted.push((e.text.clone(), i));
                    items.push(format!("evidence{page}: \"{}\"", e.text));
                }
            }
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
        EstimateStatus::Estimated(footprint) => {
            let mut lines = Vec::new();
            for r in &footprint.runs {
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
                lines.push(match r.device_hours {
                    Some(d) => format!(
                        "run {i}: {} device-hours × {} W{times} = {} kWh",
                        fmt_num(d),
                        fmt_num(r.tdp_w),
                        fmt_num(r.device_kwh.point)
                    ),
                    None => format!(
                        "run {i}: {} × {} W × {} h{times} = {} kWh",
                        r.count,
                        fmt_num(r.tdp_w),
                        fmt_num(r.hours),
                        fmt_num(r.device_kwh.point)
                    ),
                });
            }
            let Footprint {
                device_kwh: dev,
                energy_kwh: energy,
                co2e_kg: co2,
                intensity: i,
                ..
            } = footprint;
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
            let mut items = grouped_assumptions(&est.assumptions);
            // Alternatives belong to the device: one line per figure, naming its sources,
            // however many runs use the device.
            let mut by_watt: Vec<(f64, Vec<String>)> = Vec::new();
            for r in &footprint.runs {
                for (w, src) in &r.tdp_alternatives {
                    // "250 W (eit, pcie: experiment-impact-tracker …)" → "eit, pcie".
                    let inner = src.split_once('(').map_or(src.as_str(), |(_, r)| r);
                    let label = inner.split(':').next().unwrap_or(inner).trim().to_string();
                    match by_watt.iter_mut().find(|(x, _)| x == w) {
                        Some((_, labels)) if !labels.contains(&label) => labels.push(label),
                        Some(_) => {}
                        None => by_watt.push((*w, vec![label])),
                    }
                }
            }
            by_watt.sort_by(|a, b| a.0.total_cmp(&b.0));
            for (w, labels) in by_watt {
                items.push(format!(
                    "other TDP figures: {} W from {}",
                    fmt_num(w),
                    labels.join("; ")
                ));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Paper;

    #[test]
    fn a_paper_is_found_by_its_doi_in_any_spelling() {
        let mut p = Paper::bare("ismir2022-008", Some(2022), "DDSP-based Singing Vocoders");
        p.doi = Some("10.5281/zenodo.7316610".into());
        let records = vec![PaperRecord::new(p)];
        for q in [
            "10.5281/zenodo.7316610",
            "doi:10.5281/ZENODO.7316610",
            "https://doi.org/10.5281/zenodo.7316610",
        ] {
            assert_eq!(
                find_paper(&records, q).map(|r| r.paper.id.as_str()),
                Ok("ismir2022-008"),
                "{q}"
            );
        }
        assert!(find_paper(&records, "10.5281/zenodo.1").is_err());
    }
}
