//! Extraction: from a paper's text to its training runs (hardware, device count, wall-clock
//! hours), the hardware it used for other things, each with the quoted evidence.
//!
//! - [`hardware`]: mentions matched against the catalog; [`counts`]: device counts;
//! - [`durations`]: times, ranges, bounds, per-epoch; [`tables`]: times in table rows;
//! - [`purpose`]: training or not; [`runs`]: mentions grouped into runs;
//! - [`confidence`]: a score per run; [`eval`]: scores against a gold file.

pub mod batch;
pub mod confidence;
pub mod counts;
pub mod durations;
pub mod eval;
mod fuzz;
pub mod hardware;
pub mod multipliers;
pub mod purpose;
pub mod runs;
pub mod sections;
pub mod tables;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::model::{Field, Hours, HoursBasis, Multiplier, Origin, PaperRecord, Purpose, Run};
use crate::reference::{HardwareKind, Reference};
use crate::text::{read_document, split_sentences, Document, TextCache};
use confidence::{confidence, Signals};
use runs::{Draft, Sent};

/// Bumped when extraction rules change.
pub const EXTRACT_VERSION: &str = "extract-3";

/// A quoted sentence (or table row), its page and its place in the page text.
pub use crate::model::Evidence as Quote;

/// One training run read from a paper.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExtractedRun {
    /// Catalog name ("NVIDIA Tesla V100", "GPU (unspecified)").
    pub hardware: Option<String>,
    pub hardware_id: Option<String>,
    /// The name as the paper writes it ("Tesla-V100-SXM2-32GB").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware_text: Option<String>,
    /// Set when `hardware_id` stands for a class name ("Volta GPUs"): the rule applied.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hardware_rule: Option<String>,
    /// Other devices the class name may mean (catalog ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hardware_alternatives: Vec<String>,
    /// Remarks on hardware and count ("the count is a lower bound", "14 cores per CPU").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hardware_notes: Vec<String>,
    pub count: Option<u32>,
    /// Total wall-clock hours (a range's midpoint).
    pub hours: Option<f64>,
    pub hours_low: Option<f64>,
    pub hours_high: Option<f64>,
    /// `stated`, `range`, `upper_bound`, `derived`.
    pub hours_basis: Option<HoursBasis>,
    /// Device time summed over devices ("1,200 GPU hours") when the paper gives no device
    /// count to turn it into wall-clock `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_hours: Option<f64>,
    /// Times this run counts toward the paper's total ("4 models", "8 folds").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiplier_basis: Option<String>,
    pub purpose: Purpose,
    pub evidence: Vec<Quote>,
    pub confidence: f64,
}

/// Hardware the paper used for something other than training.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NonTraining {
    pub hardware: String,
    pub hardware_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    pub purpose: Purpose,
    pub evidence: Vec<Quote>,
}

/// An affiliation as printed and its country (from `crate::geo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AffiliationOut {
    pub text: String,
    pub country: Option<String>,
}

/// Everything read from one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    /// The path as given.
    pub source: String,
    /// Training hardware or training time is stated for at least one run.
    pub reported: bool,
    pub runs: Vec<ExtractedRun>,
    pub non_training: Vec<NonTraining>,
    pub affiliations: Vec<AffiliationOut>,
    pub countries: Vec<String>,
    /// Why the document could not be read; the batch goes on.
    pub error: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    pub version: String,
    /// The text stage's warnings (a LaTeX section missing from the text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::text::TextWarning>,
}

impl Extraction {
    /// A document that could not be read.
    pub fn failed(source: &str, error: impl Into<String>) -> Self {
        Extraction {
            source: source.to_string(),
            reported: false,
            runs: Vec::new(),
            non_training: Vec::new(),
            affiliations: Vec::new(),
            countries: Vec::new(),
            error: Some(error.into()),
            pages: None,
            version: EXTRACT_VERSION.to_string(),
            warnings: Vec::new(),
        }
    }
}

impl Extraction {
    /// Writes what was read into a survey record: its runs (training and other uses, the
    /// latter kept for the record but never estimated) and the `reported` flag. Affiliations
    /// and countries are the locate stage's.
    pub fn apply_to(&self, rec: &mut PaperRecord) {
        let origin = Origin::Extracted {
            confidence: self.runs.iter().map(|r| r.confidence).fold(1.0, f64::min),
            evidence: Vec::new(),
        };
        rec.runs = self.runs.iter().map(ExtractedRun::to_run).collect();
        rec.runs
            .extend(self.non_training.iter().map(NonTraining::to_run));
        rec.reported = Some(Field::new(self.reported, origin));
    }
}

impl NonTraining {
    /// The use in the survey data model: a run whose purpose is not training.
    pub fn to_run(&self) -> Run {
        let origin = Origin::Extracted {
            confidence: 0.5,
            evidence: Vec::new(),
        };
        Run {
            hardware: Some(Field::new(self.hardware.clone(), origin.clone())),
            hardware_id: self
                .hardware_id
                .clone()
                .map(|h| Field::new(h, origin.clone())),
            count: self.count.map(|c| Field::new(c, origin.clone())),
            purpose: self.purpose,
            evidence: self.evidence.clone(),
            ..Run::default()
        }
    }
}

impl ExtractedRun {
    /// The run in the survey data model, every field with its extracted origin.
    pub fn to_run(&self) -> Run {
        // The quotes live on the run, once; each field's origin says only how it was read.
        let evidence = self.evidence.clone();
        let origin = Origin::Extracted {
            confidence: self.confidence,
            evidence: Vec::new(),
        };
        let hours = self.hours.map(|v| Hours {
            value: v,
            low: self.hours_low.unwrap_or(v),
            high: self.hours_high.unwrap_or(v),
            basis: self.hours_basis.unwrap_or_default(),
        });
        Run {
            hardware: self
                .hardware_text
                .clone()
                .or(self.hardware.clone())
                .map(|h| Field::new(h, origin.clone())),
            hardware_id: self.hardware_id.clone().map(|h| match &self.hardware_rule {
                Some(rule) => Field::new(h, Origin::Imputed { rule: rule.clone() }),
                None => Field::new(h, origin.clone()),
            }),
            hardware_alternatives: self.hardware_alternatives.clone(),
            count: self.count.map(|c| Field::new(c, origin.clone())),
            hours: hours.map(|h| Field::new(h, origin.clone())),
            device_hours: self
                .device_hours
                .filter(|_| self.hours.is_none())
                .map(|h| Field::new(h, origin.clone())),
            multiplier: self.multiplier.filter(|f| *f != 1.0).map(|f| {
                Field::new(
                    Multiplier::new(f, self.multiplier_basis.clone().unwrap_or_default()),
                    origin.clone(),
                )
            }),
            tdp_w: None,
            memory_gb: None,
            purpose: self.purpose,
            confidence: Some(self.confidence),
            evidence,
        }
    }
}

/// The sentences of a document, in reading order, with pages and offsets.
pub fn sentences(doc: &Document) -> Vec<Sent> {
    let titles = doc
        .latex
        .as_deref()
        .map(crate::text::section_titles)
        .unwrap_or_default();
    let heads = sections::headings_with(&doc.pages, &titles);
    let sub_titles = doc
        .latex
        .as_deref()
        .map(crate::text::subsection_titles)
        .unwrap_or_default();
    let topics = sections::topic_headings(&doc.pages, &heads, &sub_titles);
    doc.pages
        .iter()
        .flat_map(|p| {
            let (heads, topics) = (&heads, &topics);
            split_sentences(&p.text).into_iter().map(move |s| Sent {
                page: p.number,
                zone: sections::zone_at(heads, p.number, s.start),
                about_training: sections::about_training(topics, p.number, s.start),
                start: s.start,
                end: s.end,
                text: s.text,
            })
        })
        .collect()
}

/// Sentence `i` quoted with its page and its place in the page text.
fn quote(sents: &[Sent], i: usize) -> Quote {
    Quote {
        page: Some(sents[i].page),
        text: sents[i].text.clone(),
        start: Some(sents[i].start),
        end: Some(sents[i].end),
    }
}

/// Reads the runs of one document and locates its authors.
pub fn extract(doc: &Document, reference: &Reference) -> Extraction {
    let found = crate::geo::affiliations_from(doc, &reference.gazetteer);
    extract_located(doc, reference, &found)
}

/// Reads the runs of one document whose author block was already located (the survey
/// locates each paper once and uses the result for both stages).
pub fn extract_located(
    doc: &Document,
    reference: &Reference,
    found: &[(crate::model::Affiliation, crate::geo::Location)],
) -> Extraction {
    let sents = sentences(doc);
    let (mut drafts, non) = runs::find_runs(&sents, &reference.hardware);
    // Times in training tables.
    for p in &doc.pages {
        for t in tables::table_times(&p.text) {
            // The row's own hardware cell ("8× V100") names its device and count.
            let cell = t.hardware_cell.as_deref().unwrap_or("");
            let mention = hardware::find_mentions(cell, &reference.hardware)
                .into_iter()
                .next();
            let count = mention
                .as_ref()
                .and_then(|m| counts::count_before(cell, m.start).map(|c| c.value))
                .or_else(|| {
                    mention
                        .as_ref()
                        .and_then(|m| counts::count_after(cell, m.end))
                });
            drafts.push(Draft {
                hardware: mention,
                count,
                hours: Some(t.hours),
                sentences: Vec::new(),
                together: false,
                inferred_hardware: false,
                extra_evidence: vec![(p.number, format!("{} … {}", t.header, t.row))],
                device_hours: None,
                multiplier: None,
                amount: None,
            });
        }
    }
    // Counts of units (instances, slices, cores) become devices before runs are compared:
    // "8 V100 GPUs (a p3.16xlarge instance)" is one run of 8 devices.
    for d in &mut drafts {
        if let (Some(m), Some(c)) = (d.hardware.as_mut(), d.count) {
            d.count = Some(m.devices(c));
            m.per_unit = None;
            m.units_per_device = None;
        }
    }
    let drafts = tidy(drafts);
    let runs: Vec<ExtractedRun> = drafts
        .iter()
        .map(|d| {
            let mut evidence: Vec<Quote> = d.sentences.iter().map(|&i| quote(&sents, i)).collect();
            // A table row is quoted with its header: no single span of the page.
            evidence.extend(d.extra_evidence.iter().map(|(page, text)| Quote {
                page: Some(*page),
                text: text.clone(),
                start: None,
                end: None,
            }));
            let signals = Signals {
                hardware: d.hardware.is_some(),
                named_model: d.hardware.as_ref().is_some_and(|m| !m.generic),
                count: d.count.is_some(),
                hours: d.hours.map(|h| h.basis),
                together: d.together,
                inferred: d.inferred_hardware || (d.sentences.len() > 1),
                table: !d.extra_evidence.is_empty(),
            };
            ExtractedRun {
                hardware: d.hardware.as_ref().map(|m| m.name.clone()),
                hardware_id: d.hardware.as_ref().map(|m| m.device_id.clone()),
                hardware_text: d.hardware.as_ref().map(|m| m.text.clone()),
                hardware_rule: d.hardware.as_ref().and_then(|m| m.rule.clone()),
                hardware_alternatives: d
                    .hardware
                    .as_ref()
                    .map(|m| m.alternatives.clone())
                    .unwrap_or_default(),
                hardware_notes: d
                    .hardware
                    .as_ref()
                    .map(|m| m.notes.clone())
                    .unwrap_or_default(),
                count: d.count,
                hours: d.hours.map(|h| round4(h.value)),
                hours_low: d.hours.map(|h| round4(h.low)),
                hours_high: d.hours.map(|h| round4(h.high)),
                hours_basis: d.hours.map(|h| h.basis),
                device_hours: d.device_hours.map(round4),
                multiplier: d.multiplier.as_ref().map(|m| m.0),
                multiplier_basis: d.multiplier.as_ref().map(|m| m.1.clone()),
                purpose: Purpose::Training,
                evidence,
                confidence: confidence(signals),
            }
        })
        .collect();
    let mut non_training: Vec<NonTraining> = Vec::new();
    for n in non {
        let q = quote(&sents, n.sentence);
        if let Some(prev) = non_training.iter_mut().find(|x| {
            x.hardware_id.as_deref() == Some(n.mention.device_id.as_str()) && x.purpose == n.purpose
        }) {
            if !prev.evidence.contains(&q) && prev.evidence.len() < 3 {
                prev.evidence.push(q);
            }
            continue;
        }
        non_training.push(NonTraining {
            hardware: n.mention.name.clone(),
            hardware_id: Some(n.mention.device_id.clone()),
            count: n.count.map(|c| n.mention.devices(c)),
            purpose: n.purpose,
            evidence: vec![q],
        });
    }
    // Hardware used for training is not also listed as non-training.
    non_training.retain(|n| {
        !runs
            .iter()
            .any(|r| r.hardware_id.is_some() && r.hardware_id == n.hardware_id)
    });
    let countries = crate::geo::paper_countries(found);
    let affiliations = found
        .iter()
        .map(|(a, _)| AffiliationOut {
            text: a.text.clone(),
            country: a.country.clone(),
        })
        .collect();
    Extraction {
        source: doc.source.clone(),
        reported: runs
            .iter()
            .any(|r| r.hardware.is_some() || r.hours.is_some() || r.device_hours.is_some()),
        runs,
        non_training,
        affiliations,
        countries,
        error: None,
        pages: Some(doc.pages.len()),
        version: EXTRACT_VERSION.to_string(),
        warnings: doc.warnings.clone(),
    }
}

fn round4(v: f64) -> f64 {
    (v * 10_000.0).round() / 10_000.0
}

fn same_hw(a: &Draft, b: &Draft) -> bool {
    a.hardware.as_ref().map(|m| &m.device_id) == b.hardware.as_ref().map(|m| &m.device_id)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1.0)
}

/// Merges duplicates, fills the paper's only training device into runs that name none, and
/// drops hardware-only runs another run already covers.
fn tidy(mut drafts: Vec<Draft>) -> Vec<Draft> {
    // The paper's training devices (named models first).
    let mut devices: Vec<(String, Option<u32>)> = Vec::new();
    for d in &drafts {
        if let Some(m) = &d.hardware {
            let key = (m.device_id.clone(), d.count);
            if !devices.contains(&key) {
                devices.push(key);
            }
        }
    }
    let named: Vec<&(String, Option<u32>)> = devices
        .iter()
        .filter(|(id, _)| !id.starts_with("generic-"))
        .collect();
    let ids: std::collections::BTreeSet<&String> = devices.iter().map(|(id, _)| id).collect();
    if ids.len() == 1 {
        let template = drafts
            .iter()
            .find(|d| d.hardware.is_some())
            .and_then(|d| d.hardware.clone());
        let counts: std::collections::BTreeSet<Option<u32>> = devices
            .iter()
            .map(|(_, c)| *c)
            .filter(|c| c.is_some())
            .collect();
        let count = if counts.len() == 1 {
            counts.into_iter().next().flatten()
        } else {
            None
        };
        for d in drafts.iter_mut().filter(|d| d.hardware.is_none()) {
            d.hardware = template.clone();
            d.count = count;
            d.inferred_hardware = true;
        }
    }
    // A generic device whose count adds nothing to a named model of its kind is that model.
    let named_kinds: Vec<(HardwareKind, Option<u32>)> = drafts
        .iter()
        .filter_map(|d| {
            d.hardware
                .as_ref()
                .filter(|m| !m.generic)
                .map(|m| (m.kind, d.count))
        })
        .collect();
    let _ = named;
    drafts.retain(|d| match &d.hardware {
        Some(m) if m.generic && d.hours.is_none() => !named_kinds
            .iter()
            .any(|(k, c)| *k == m.kind && (d.count.is_none() || *c == d.count)),
        _ => true,
    });
    // A counted generic TPU pool in a paper that names one TPU version is that version.
    let tpus: std::collections::BTreeSet<String> = drafts
        .iter()
        .filter_map(|d| d.hardware.as_ref())
        .filter(|m| m.kind == HardwareKind::Tpu && !m.generic)
        .map(|m| m.device_id.clone())
        .collect();
    if tpus.len() == 1 {
        let model = drafts
            .iter()
            .filter_map(|d| d.hardware.clone())
            .find(|m| m.kind == HardwareKind::Tpu && !m.generic);
        for d in drafts.iter_mut() {
            let generic_tpu = d
                .hardware
                .as_ref()
                .is_some_and(|m| m.kind == HardwareKind::Tpu && m.generic);
            if generic_tpu && d.count.is_some() {
                if let (Some(m), Some(model)) = (d.hardware.as_mut(), model.as_ref()) {
                    m.device_id = model.device_id.clone();
                    m.name = model.name.clone();
                    m.generic = false;
                }
            }
        }
    }
    // Identical runs merge their evidence (abstract, body and caption often repeat a run).
    let mut out: Vec<Draft> = Vec::new();
    for d in drafts {
        if let Some(o) = out.iter_mut().find(|o| {
            same_hw(o, &d)
                && o.count == d.count
                && !(o.amount.is_some() && d.amount.is_some() && o.amount != d.amount)
                && match (o.hours, d.hours) {
                    (Some(a), Some(b)) => close(a.value, b.value),
                    (None, None) => true,
                    _ => false,
                }
        }) {
            for s in d.sentences {
                if !o.sentences.contains(&s) {
                    o.sentences.push(s);
                }
            }
            o.extra_evidence.extend(d.extra_evidence);
            o.together |= d.together;
            o.device_hours = o.device_hours.or(d.device_hours);
            continue;
        }
        out.push(d);
    }
    // A bare time equal to a run's time with hardware is that run, stated again.
    let with_hw: Vec<f64> = out
        .iter()
        .filter(|d| d.hardware.is_some())
        .filter_map(|d| d.hours.map(|h| h.value))
        .collect();
    out.retain(|d| {
        d.hardware.is_some()
            || !d
                .hours
                .is_some_and(|h| with_hw.iter().any(|v| close(*v, h.value)))
    });
    // Hardware-only runs covered by a timed run with the same device.
    let timed: Vec<(Option<String>, Option<u32>)> = out
        .iter()
        .filter(|d| d.hours.is_some() && d.hardware.is_some())
        .map(|d| (d.hardware.as_ref().map(|m| m.device_id.clone()), d.count))
        .collect();
    out.retain(|d| {
        if d.hours.is_some() || d.hardware.is_none() || d.device_hours.is_some() {
            return true;
        }
        let id = d.hardware.as_ref().map(|m| m.device_id.clone());
        !timed
            .iter()
            .any(|(tid, c)| *tid == id && (d.count.is_none() || *c == d.count))
    });
    // Hardware-only runs with no count when the same device has a counted run.
    let counted: Vec<String> = out
        .iter()
        .filter(|d| d.count.is_some())
        .filter_map(|d| d.hardware.as_ref().map(|m| m.device_id.clone()))
        .collect();
    out.retain(|d| {
        !(d.hours.is_none()
            && d.device_hours.is_none()
            && d.count.is_none()
            && d.hardware
                .as_ref()
                .is_some_and(|m| counted.contains(&m.device_id)))
    });
    for d in &mut out {
        d.sentences.sort();
        d.sentences.dedup();
    }
    out
}

/// Reads and extracts one path; any failure (or a panic in a reader) becomes the document's
/// `error`.
pub fn extract_path(path: &Path, reference: &Reference, cache: Option<&TextCache>) -> Extraction {
    let source = path.display().to_string();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let doc = match cache {
            Some(c) => c.read(path),
            None => read_document(path),
        };
        doc.map(|d| extract(&d, reference))
    }));
    match result {
        Ok(Ok(mut x)) => {
            x.source = source;
            x
        }
        Ok(Err(e)) => Extraction::failed(&source, e.to_string()),
        Err(_) => Extraction::failed(&source, "internal error while reading this document"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Page;

    fn doc(text: &str) -> Document {
        Document::from_text("t.txt", text)
    }

    #[test]
    fn a_paper_with_one_run() {
        let r = Reference::embedded().unwrap();
        let x = extract(
            &doc(
                "We describe a model. Training took about 2 days on 4 NVIDIA A100 GPUs. \
                  Inference runs in real time on a Jetson Nano board.",
            ),
            &r,
        );
        assert!(x.reported);
        assert_eq!(x.runs.len(), 1);
        let run = &x.runs[0];
        assert_eq!(run.hardware_id.as_deref(), Some("nvidia-a100"));
        assert_eq!(run.count, Some(4));
        assert_eq!(run.hours, Some(48.0));
        assert!(run.confidence >= 0.9);
        assert_eq!(x.non_training.len(), 1);
        assert_eq!(x.non_training[0].purpose, Purpose::Inference);
        let model = run.to_run();
        assert!(model.is_complete());
    }

    /// Sentences the Green MIR study quoted from ISMIR papers (corpus 1, columns "Resources"
    /// and "Training time"), with the study's reading.
    #[test]
    fn sentences_quoted_in_the_green_mir_sheet() {
        let r = Reference::embedded().unwrap();
        let one = |text: &str| {
            let x = extract(&doc(text), &r);
            x.runs
                .first()
                .map(|run| (run.hardware_id.clone(), run.count, run.hours))
        };
        assert_eq!(
            one("For fair comparison, we train the vocoders of different approaches using a dedicated NVIDIA GeForce RTX 3090 GPU each."),
            Some((Some("nvidia-rtx-3090".into()), Some(1), None))
        );
        assert_eq!(
            one("Depending on model size and hardware availability, training took 44–134 hours."),
            Some((None, None, Some(89.0)))
        );
        assert_eq!(
            one("Models such as ours are trained on a single GPU."),
            Some((Some("generic-gpu".into()), Some(1), None))
        );
        assert_eq!(
            one("We trained on 64 TPUv4s."),
            Some((Some("google-tpu-v4".into()), Some(64), None))
        );
        assert_eq!(
            one("Training took roughly a full day on a single NVIDIA GTX 1080-Ti."),
            Some((Some("nvidia-gtx-1080-ti".into()), Some(1), Some(24.0)))
        );
        assert_eq!(
            one("Training takes less than a day on four NVIDIA Titan X GPUs."),
            Some((Some("nvidia-titan-x".into()), Some(4), Some(24.0)))
        );
        assert_eq!(
            one("The model is trained on a single Tesla-V100-SXM2-32GB GPU for 10 hours."),
            Some((Some("nvidia-v100".into()), Some(1), Some(10.0)))
        );
        assert_eq!(
            one("Our model was trained for 15 hours on a Geforce-2080Ti-12GB GPU."),
            Some((Some("nvidia-rtx-2080-ti".into()), Some(1), Some(15.0)))
        );
        // Benchmarks and generation speed are not training.
        let x = extract(
            &doc("The benchmark was conducted on an Ubuntu 20.04 LTS machine with an i5-4790k processor and an NVIDIA GeForce RTX 3070 GPU."),
            &r,
        );
        assert!(x.runs.is_empty(), "{:?}", x.runs);
        assert!(x
            .non_training
            .iter()
            .all(|n| n.purpose == Purpose::Benchmark));
        let x = extract(
            &doc("The generated arrangement could be computed quickly even with Intel(R) Core(TM) i7-9700K CPU (less than approximately 2.5 seconds per 16 bars of melody for any compared models)."),
            &r,
        );
        assert!(x.runs.is_empty(), "{:?}", x.runs);
    }

    #[test]
    fn a_table_rows_hardware_is_its_own() {
        let r = Reference::embedded().unwrap();
        let mut d = doc("We trained the model on 4 NVIDIA A100 GPUs for 2 days.");
        d.pages.push(Page {
            number: 2,
            text: "Model\tGPU\tHours\nA\t2× V100\t12\nTable 1. Training time.".into(),
        });
        let x = extract(&d, &r);
        let table_run = x
            .runs
            .iter()
            .find(|run| run.hours == Some(12.0))
            .expect("the table row is a run");
        assert_eq!(table_run.hardware_id.as_deref(), Some("nvidia-v100"));
        assert_eq!(table_run.count, Some(2));
    }

    #[test]
    fn a_paper_that_reports_nothing() {
        let r = Reference::embedded().unwrap();
        let x = extract(
            &doc("Our corpus holds 500 hours of piano music. We thank NVIDIA for a Titan X."),
            &r,
        );
        assert!(!x.reported);
        assert!(x.runs.is_empty());
    }

    #[test]
    fn the_only_device_is_lent_to_timed_runs() {
        let r = Reference::embedded().unwrap();
        let x = extract(
            &doc(
                "All networks were trained on a GTX 1080 Ti.\n\nSection 4\n\nResults are good. \
                  The larger net needed 30 hours of training.",
            ),
            &r,
        );
        assert_eq!(x.runs.len(), 1, "{:?}", x.runs);
        assert_eq!(x.runs[0].hardware_id.as_deref(), Some("nvidia-gtx-1080-ti"));
        assert_eq!(x.runs[0].hours, Some(30.0));
    }
}
