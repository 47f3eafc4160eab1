//! Scores extractions against a gold file, as `../shared/corpus/README.md` defines: hardware
//! as (paper, model key) sets, counts as (paper, model key, count) triples, hours matched
//! within 10 % (or inside a stated range), reported-flag accuracy, and non-training hardware
//! reported as training. Every miss is listed with its evidence.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Extraction;
use crate::reference::{normalise, HardwareCatalog};

/// One paper of the gold file (fields beyond these are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct GoldPaper {
    pub id: String,
    #[serde(default)]
    pub reported: bool,
    #[serde(default)]
    pub training: Vec<GoldRun>,
    #[serde(default)]
    pub non_training_compute: Vec<GoldUse>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRun {
    pub hardware: Option<String>,
    pub count: Option<u32>,
    pub hours: Option<f64>,
    pub hours_range: Option<[f64; 2]>,
    pub hours_derived: Option<f64>,
    #[serde(default)]
    pub evidence: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldUse {
    pub hardware: Option<String>,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub evidence: String,
}

/// Reads a gold JSON-lines file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPaper>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}, line {}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// `id → main document` from a corpus manifest (`id,main,…`).
pub fn read_manifest(path: &Path) -> Result<BTreeMap<String, String>, String> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let headers = rdr
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| format!("{}: no column {name:?}", path.display()))
    };
    let (id, main) = (col("id")?, col("main")?);
    let mut out = BTreeMap::new();
    for (i, row) in rdr.records().enumerate() {
        let row = row.map_err(|e| format!("{}, row {}: {e}", path.display(), i + 2))?;
        out.insert(
            row.get(id).unwrap_or("").to_string(),
            row.get(main).unwrap_or("").to_string(),
        );
    }
    Ok(out)
}

/// The model key of a hardware name: the catalog id when it resolves, else the normalised
/// name (vendor words, memory sizes and form factors dropped). "NVIDIA Tesla V100-SXM2-32GB",
/// "V100" → `nvidia-v100`; "GPU (unspecified)" → `generic-gpu`.
pub fn model_key(name: &str, catalog: &HardwareCatalog) -> String {
    let mut stripped = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            _ if depth == 0 => stripped.push(c),
            _ => {}
        }
    }
    let stripped = stripped.trim();
    if let Some(r) = catalog.resolve(stripped) {
        return r.device.id.clone();
    }
    // A class name ("NVIDIA Maxwell GPU", "Maxwell or Pascal GPU") scores as the device that
    // stands for it, as extraction reads it.
    if let [m] = super::hardware::find_mentions(stripped, catalog).as_slice() {
        if m.rule.is_some() {
            return m.device_id.clone();
        }
    }
    let key = normalise(stripped).0;
    let lower = name.to_lowercase();
    if key.is_empty() || key == "unspecified" {
        for (word, id) in [
            ("gpu", "generic-gpu"),
            ("tpu", "generic-tpu"),
            ("cpu", "generic-cpu"),
        ] {
            if lower.contains(word) {
                return id.to_string();
            }
        }
    }
    key
}

/// Keys of a gold non-training entry, which may join several devices
/// ("CPU (unspecified) x48 + GPU (unspecified) x8, single machine").
fn use_keys(name: &str, catalog: &HardwareCatalog) -> Vec<String> {
    name.split(['+', ';'])
        .flat_map(|p| p.split(" vs "))
        .map(|p| p.split(',').next().unwrap_or(p))
        .map(|p| {
            p.split_whitespace()
                .filter(|w| {
                    !(w.starts_with(['x', '×']) && w[1..].chars().all(|c| c.is_ascii_digit()))
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.trim().is_empty())
        .map(|p| model_key(&p, catalog))
        .collect()
}

/// Precision, recall, F1 from counts.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    fn new(tp: usize, fp: usize, fn_: usize) -> Self {
        let p = if tp + fp == 0 {
            1.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let r = if tp + fn_ == 0 {
            1.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        Prf {
            tp,
            fp,
            fn_,
            precision: round3(p),
            recall: round3(r),
            f1: round3(f),
        }
    }
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// One error, to be read.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub paper: String,
    /// `hardware`, `count`, `hours`, `reported`, `non_training_as_training`, `error`.
    pub field: String,
    /// `false_positive` or `false_negative` (or `wrong` for the flag).
    pub kind: String,
    pub value: String,
    pub evidence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvalReport {
    pub papers: usize,
    pub failed: usize,
    pub hardware: Prf,
    pub count: Prf,
    pub hours: Prf,
    pub reported_accuracy: f64,
    pub non_training_as_training: usize,
    pub misses: Vec<Miss>,
}

fn hours_match(p: f64, g: &GoldRun) -> bool {
    let near = |v: f64| (p - v).abs() <= 0.1 * v.abs();
    g.hours.is_some_and(near)
        || g.hours_derived.is_some_and(near)
        || g.hours_range.is_some_and(|[lo, hi]| p >= lo && p <= hi)
}

fn fmt_hours(g: &GoldRun) -> String {
    let mut parts = Vec::new();
    if let Some(h) = g.hours {
        parts.push(format!("{h} h"));
    }
    if let Some(h) = g.hours_derived {
        parts.push(format!("derived {h} h"));
    }
    if let Some([lo, hi]) = g.hours_range {
        parts.push(format!("range {lo}–{hi} h"));
    }
    parts.join(", ")
}

/// Scores `extractions` (by paper id) against `gold`.
pub fn score(
    gold: &[GoldPaper],
    extractions: &BTreeMap<String, Extraction>,
    catalog: &HardwareCatalog,
) -> EvalReport {
    let (mut hw, mut cnt, mut hrs) = ((0, 0, 0), (0, 0, 0), (0, 0, 0));
    let mut reported_ok = 0;
    let mut nt_as_t = 0;
    let mut failed = 0;
    let mut misses = Vec::new();
    let miss = |paper: &str, field: &str, kind: &str, value: String, evidence: &str| Miss {
        paper: paper.to_string(),
        field: field.to_string(),
        kind: kind.to_string(),
        value,
        evidence: evidence.chars().take(400).collect(),
    };
    for g in gold {
        let empty = Extraction::failed(&g.id, "not extracted");
        let x = extractions.get(&g.id).unwrap_or(&empty);
        if let Some(e) = &x.error {
            failed += 1;
            misses.push(miss(&g.id, "error", "error", e.clone(), ""));
        }
        // Hardware.
        let mut gold_hw: BTreeMap<String, &GoldRun> = BTreeMap::new();
        for r in &g.training {
            if let Some(h) = &r.hardware {
                gold_hw.entry(model_key(h, catalog)).or_insert(r);
            }
        }
        let mut pred_hw: BTreeMap<String, &super::ExtractedRun> = BTreeMap::new();
        for r in &x.runs {
            if let Some(h) = r.hardware_id.as_ref().or(r.hardware.as_ref()) {
                pred_hw.entry(model_key(h, catalog)).or_insert(r);
            }
        }
        for (k, r) in &pred_hw {
            if gold_hw.contains_key(k) {
                hw.0 += 1;
            } else {
                hw.1 += 1;
                let ev = r.evidence.first().map(|q| q.text.as_str()).unwrap_or("");
                misses.push(miss(&g.id, "hardware", "false_positive", k.clone(), ev));
            }
        }
        for (k, r) in &gold_hw {
            if !pred_hw.contains_key(k) {
                hw.2 += 1;
                misses.push(miss(
                    &g.id,
                    "hardware",
                    "false_negative",
                    k.clone(),
                    &r.evidence,
                ));
            }
        }
        // Counts.
        let mut gold_c: BTreeMap<(String, u32), &GoldRun> = BTreeMap::new();
        for r in &g.training {
            if let (Some(h), Some(c)) = (&r.hardware, r.count) {
                gold_c.entry((model_key(h, catalog), c)).or_insert(r);
            }
        }
        let mut pred_c: BTreeMap<(String, u32), &super::ExtractedRun> = BTreeMap::new();
        for r in &x.runs {
            if let (Some(h), Some(c)) = (r.hardware_id.as_ref().or(r.hardware.as_ref()), r.count) {
                pred_c.entry((model_key(h, catalog), c)).or_insert(r);
            }
        }
        for (k, r) in &pred_c {
            if gold_c.contains_key(k) {
                cnt.0 += 1;
            } else {
                cnt.1 += 1;
                let ev = r.evidence.first().map(|q| q.text.as_str()).unwrap_or("");
                misses.push(miss(
                    &g.id,
                    "count",
                    "false_positive",
                    format!("{} × {}", k.1, k.0),
                    ev,
                ));
            }
        }
        for (k, r) in &gold_c {
            if !pred_c.contains_key(k) {
                cnt.2 += 1;
                misses.push(miss(
                    &g.id,
                    "count",
                    "false_negative",
                    format!("{} × {}", k.1, k.0),
                    &r.evidence,
                ));
            }
        }
        // Hours: one-to-one, each predicted timed run against the gold runs with a time.
        let gold_t: Vec<&GoldRun> = g
            .training
            .iter()
            .filter(|r| r.hours.is_some() || r.hours_derived.is_some())
            .collect();
        let mut used = vec![false; gold_t.len()];
        let timed: Vec<&super::ExtractedRun> =
            x.runs.iter().filter(|r| r.hours.is_some()).collect();
        // Closest pairs first, so one near miss does not take another run's gold.
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (pi, r) in timed.iter().enumerate() {
            let h = r.hours.unwrap_or_default();
            // The gold states a run's time, or its total when derived (per-epoch × epochs ×
            // folds): either reading of the run matches.
            let total = h * r.multiplier.unwrap_or(1.0);
            for (gi, g) in gold_t.iter().enumerate() {
                let p = if hours_match(h, g) { h } else { total };
                if hours_match(p, g) {
                    let target = g.hours.or(g.hours_derived).unwrap_or(p);
                    pairs.push(((p - target).abs() / target.abs().max(1e-9), pi, gi));
                }
            }
        }
        pairs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut matched = vec![false; timed.len()];
        for (_, pi, gi) in pairs {
            if !matched[pi] && !used[gi] {
                matched[pi] = true;
                used[gi] = true;
                hrs.0 += 1;
            }
        }
        for (pi, r) in timed.iter().enumerate() {
            if !matched[pi] {
                hrs.1 += 1;
                let ev = r.evidence.first().map(|q| q.text.as_str()).unwrap_or("");
                let p = r.hours.unwrap_or_default();
                misses.push(miss(&g.id, "hours", "false_positive", format!("{p} h"), ev));
            }
        }
        for (k, r) in gold_t.iter().enumerate() {
            if !used[k] {
                hrs.2 += 1;
                misses.push(miss(
                    &g.id,
                    "hours",
                    "false_negative",
                    fmt_hours(r),
                    &r.evidence,
                ));
            }
        }
        // The flag.
        if x.reported == g.reported {
            reported_ok += 1;
        } else {
            misses.push(miss(
                &g.id,
                "reported",
                "wrong",
                format!("predicted {}, gold {}", x.reported, g.reported),
                "",
            ));
        }
        // Non-training hardware reported as training.
        let gold_train: BTreeSet<&String> = gold_hw.keys().collect();
        let mut seen = BTreeSet::new();
        for u in &g.non_training_compute {
            for k in u
                .hardware
                .as_deref()
                .map(|h| use_keys(h, catalog))
                .unwrap_or_default()
            {
                if !gold_train.contains(&k) && pred_hw.contains_key(&k) && seen.insert(k.clone()) {
                    nt_as_t += 1;
                    misses.push(miss(
                        &g.id,
                        "non_training_as_training",
                        "false_positive",
                        format!("{k} ({})", u.purpose),
                        &u.evidence,
                    ));
                }
            }
        }
    }
    EvalReport {
        papers: gold.len(),
        failed,
        hardware: Prf::new(hw.0, hw.1, hw.2),
        count: Prf::new(cnt.0, cnt.1, cnt.2),
        hours: Prf::new(hrs.0, hrs.1, hrs.2),
        reported_accuracy: if gold.is_empty() {
            1.0
        } else {
            round3(reported_ok as f64 / gold.len() as f64)
        },
        non_training_as_training: nt_as_t,
        misses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::ExtractedRun;
    use crate::model::Purpose;
    use crate::reference::Reference;

    fn run(hw: &str, count: Option<u32>, hours: Option<f64>) -> ExtractedRun {
        ExtractedRun {
            hardware: Some(hw.into()),
            hardware_id: None,
            hardware_text: None,
            hardware_rule: None,
            hardware_alternatives: Vec::new(),
            hardware_notes: Vec::new(),
            count,
            hours,
            hours_low: None,
            hours_high: None,
            hours_basis: None,
            device_hours: None,
            multiplier: None,
            multiplier_basis: None,
            purpose: Purpose::Training,
            evidence: Vec::new(),
            confidence: 0.5,
        }
    }

    #[test]
    fn model_keys_drop_vendor_memory_and_form_factor() {
        let r = Reference::embedded().unwrap();
        let c = &r.hardware;
        assert_eq!(
            model_key("NVIDIA Tesla V100-SXM2-32GB", c),
            model_key("V100", c)
        );
        assert_eq!(model_key("NVIDIA H100 (80GB)", c), "nvidia-h100");
        assert_eq!(model_key("GPU (unspecified)", c), "generic-gpu");
        assert_eq!(model_key("NVIDIA GPU (unspecified)", c), "generic-gpu");
        assert_eq!(model_key("CPU (unspecified)", c), "generic-cpu");
        assert_eq!(model_key("Google Cloud TPU v2", c), "google-tpu-v2");
        assert_eq!(
            use_keys(
                "CPU (unspecified) x48 + GPU (unspecified) x8, single machine",
                c
            ),
            ["generic-cpu", "generic-gpu"]
        );
    }

    #[test]
    fn scores_follow_the_rules() {
        let r = Reference::embedded().unwrap();
        let gold: Vec<GoldPaper> = vec![serde_json::from_str(
            r#"{"id":"p","reported":true,"training":[
                {"hardware":"NVIDIA Tesla V100","count":8,"hours":60,"hours_range":[48,72],"evidence":"e"},
                {"hardware":"GPU (unspecified)","count":1,"hours":null,"hours_derived":100,"evidence":"f"}],
               "non_training_compute":[{"hardware":"NVIDIA Tesla T4","purpose":"inference","evidence":"g"}]}"#,
        )
        .unwrap()];
        let mut x = Extraction::failed("p", "");
        x.error = None;
        x.reported = true;
        x.runs = vec![
            run("V100", Some(8), Some(50.0)),
            run("T4", Some(1), Some(95.0)),
        ];
        let map = BTreeMap::from([("p".to_string(), x)]);
        let s = score(&gold, &map, &r.hardware);
        assert_eq!((s.hardware.tp, s.hardware.fp, s.hardware.fn_), (1, 1, 1));
        assert_eq!((s.count.tp, s.count.fp, s.count.fn_), (1, 1, 1));
        assert_eq!((s.hours.tp, s.hours.fp, s.hours.fn_), (2, 0, 0));
        assert_eq!(s.reported_accuracy, 1.0);
        assert_eq!(s.non_training_as_training, 1);
    }
}
