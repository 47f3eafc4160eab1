//! `greenmir survey` on the built-in sample: every paper's extracted training runs against the
//! `expected` reading in corpus/sample/papers.toml (hardware family, count, hours within 10 %,
//! no extra training runs).

use super::common::*;

fn field<'a>(run: &'a serde_json::Value, k: &str) -> Option<&'a serde_json::Value> {
    run.get(k)
        .filter(|v| !v.is_null())
        .map(|v| v.get("value").unwrap_or(v))
}

/// A catalog id ("nvidia-gtx-1080-ti") is of an expected family key ("1080ti").
fn same_family(id: &str, key: &str, reference: &greenmir::reference::Reference) -> bool {
    let flat: String = id.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    flat.ends_with(key) || greenmir::extract::eval::model_key(key, &reference.hardware) == id
}

#[test]
fn survey_reads_every_sample_paper_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    let report = json(dir.path(), &["survey"]);
    assert_eq!(report["failed"], 0);
    let reference = greenmir::reference::Reference::embedded().unwrap();
    let records = std::fs::read_to_string(dir.path().join("corpus/sample/papers.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = records
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let corpus = greenmir::sample::corpus().unwrap();
    let mut problems = Vec::new();
    for p in &corpus.paper {
        let rec = records
            .iter()
            .find(|r| r["paper"]["id"] == p.id.as_str())
            .unwrap_or_else(|| panic!("{} not in the survey", p.id));
        let runs: Vec<(String, Option<u64>, Option<f64>)> = rec["runs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["purpose"] == "training")
            .map(|r| {
                let hw = field(r, "hardware_id")
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                let count = field(r, "count").and_then(|v| v.as_u64());
                let hours = field(r, "hours").and_then(|h| h.get("value").unwrap_or(h).as_f64());
                (hw, count, hours)
            })
            .collect();
        let mut left = runs.clone();
        for e in &p.expected.runs {
            let found = left.iter().position(|(hw, c, h)| {
                same_family(hw, &e.hardware, &reference)
                    && *c == Some(u64::from(e.count))
                    && h.is_some_and(|h| (h - e.hours).abs() <= 0.1 * e.hours)
            });
            match found {
                Some(k) => {
                    left.remove(k);
                }
                None => problems.push(format!("{}: missed {e:?} (got {runs:?})", p.id)),
            }
        }
        for extra in left {
            problems.push(format!("{}: extra training run {extra:?}", p.id));
        }
        let reported = rec["reported"].get("value").and_then(|v| v.as_bool());
        if reported != Some(p.expected.reported) {
            problems.push(format!("{}: reported {reported:?}", p.id));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
