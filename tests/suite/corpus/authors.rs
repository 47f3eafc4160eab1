//! `greenmir locate --eval-gold` on the real papers of ../shared/corpus.

use crate::common::*;

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn countries_from_the_papers_alone_reach_f1_085_on_the_dev_corpus() {
    let gold = shared("corpus/gold.jsonl");
    let cache = tempfile::tempdir().unwrap();
    let r = json(
        &project_dir(),
        &[
            "--root",
            cache.path().to_str().unwrap(),
            "locate",
            "--eval-gold",
            gold.to_str().unwrap(),
        ],
    );
    let f = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{k} missing: {r}"));
    let misses = r["misses"].as_array().expect("misses");
    eprintln!(
        "dev corpus countries from author blocks: micro F1 {:.4} (P {:.4}, R {:.4}), macro F1 {:.4}, {} misses",
        f("micro_f1"),
        f("precision"),
        f("recall"),
        f("macro_f1"),
        misses.len()
    );
    assert_eq!(r["papers"], 52);
    assert_eq!(r["unreadable"], 0, "{r:#}");
    assert!(f("micro_f1") >= 0.85, "{r:#}");
    assert!(f("macro_f1") >= 0.85, "{r:#}");
    // Every miss names the paper, both sets and the affiliations found.
    for m in misses {
        assert!(m["id"].is_string() && m["gold"].is_array() && m["predicted"].is_array());
        assert!(m["affiliations"].is_array());
    }
}
