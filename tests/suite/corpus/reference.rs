//! The hardware catalog against every accelerator the gold corpus names.

use greenmir::reference::Reference;

use crate::common::*;

fn reference() -> Reference {
    Reference::embedded().unwrap()
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn every_accelerator_named_in_the_gold_resolves() {
    let r = reference();
    let gold = std::fs::read_to_string(shared("corpus/gold.jsonl")).unwrap();
    let mut missing = Vec::new();
    for line in gold.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in ["training", "non_training_compute"] {
            for run in v[key].as_array().unwrap() {
                let Some(hw) = run["hardware"].as_str() else {
                    continue;
                };
                // Generic or composite descriptions are not catalog names.
                if hw.contains("unspecified")
                    || hw.contains(" x")
                    || hw.contains("architecture")
                    || hw.contains(';')
                {
                    continue;
                }
                let name = hw.split(" (").next().unwrap();
                if r.hardware.resolve(name).is_none() {
                    missing.push(hw.to_string());
                }
            }
        }
    }
    assert!(missing.is_empty(), "not in the catalog: {missing:?}");
}
