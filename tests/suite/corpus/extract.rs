//! Extraction on the real papers of ../shared/corpus: one paper in full, the gold scores.

use std::path::Path;

use crate::common::*;
use crate::extract::lines;

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn table_format_and_a_real_paper() {
    let paper = shared("corpus/papers/hawthorne-ismir2018-onsets-frames");
    let out = ok(
        tempfile::tempdir().unwrap().path(),
        &["extract", paper.to_str().unwrap(), "--format", "table"],
    );
    assert!(out.contains("NVIDIA Tesla P100\t3\t5 h (stated)"), "{out}");
    let docs = lines(&ok(
        tempfile::tempdir().unwrap().path(),
        &["extract", paper.to_str().unwrap()],
    ));
    let x = &docs[0];
    assert_eq!(x["reported"], true);
    assert_eq!(x["non_training"][0]["hardware_id"], "nvidia-tesla-k40");
    assert_eq!(x["non_training"][0]["purpose"], "inference");
    assert!(x["runs"][0]["evidence"][0]["page"].is_number());
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn eval_on_the_gold_corpus_meets_the_bar() {
    let gold = shared("corpus/gold.jsonl");
    // A text cache kept between the two runs (and test runs) under the target folder.
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("eval-root");
    std::fs::create_dir_all(&root).unwrap();
    let root = root.to_str().unwrap();
    let v = json(
        Path::new("."),
        &["eval", "--root", root, "--gold", gold.to_str().unwrap()],
    );
    let f1 = |k: &str| v[k]["f1"].as_f64().unwrap();
    assert!(f1("hardware") >= 0.90, "{v}");
    assert!(f1("count") >= 0.85, "{v}");
    assert!(f1("hours") >= 0.80, "{v}");
    assert!(v["reported_accuracy"].as_f64().unwrap() >= 0.95, "{v}");
    assert_eq!(v["non_training_as_training"], 0, "{v}");
    assert_eq!(v["failed"], 0);
    // The text report lists misses with their paper.
    let text = ok(
        Path::new("."),
        &["eval", "--root", root, "--gold", gold.to_str().unwrap()],
    );
    assert!(text.contains("hardware  P "), "{text}");
}
