//! Affiliations → countries on the real ISMIR 2023 data: the labelled affiliation strings and
//! the conference system's export against the labelled per-paper country sets.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::common::*;
use crate::geo::{
    check_bad_cmt_input, check_cmt_import_into_another_survey, check_cmt_with_proceedings, s,
};

fn cmt_export() -> PathBuf {
    shared("data/ismir/proceedings-builder/ismir2023_cmt-metadata.noemail.csv")
}

fn proceedings_2023() -> PathBuf {
    shared("data/ismir/conference-archive/proceedings/2023.json")
}

/// Country sets per paper from an imported survey, keyed by CMT PaperID.
fn countries_by_cmt_id(papers: &Path) -> HashMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(papers).unwrap();
    let mut out = HashMap::new();
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let notes = v["notes"].as_array().cloned().unwrap_or_default();
        let id = notes
            .iter()
            .filter_map(|n| n.as_str())
            .find_map(|n| n.strip_prefix("CMT PaperID "))
            .and_then(|n| n.split([' ', ';']).next())
            .expect("CMT id noted")
            .to_string();
        let set = v["countries"]
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|c| c["value"]["iso2"].as_str().map(String::from))
            .collect();
        out.insert(id, set);
    }
    out
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn dev_set_accuracy_answered_share_and_abstention_meet_the_thresholds() {
    let dev = shared("affiliations/ismir2023.csv");
    let r = json(&project_dir(), &["locate", "--eval", s(&dev)]);
    let f = |k: &str| r[k].as_f64().unwrap_or_else(|| panic!("{k} missing: {r}"));
    eprintln!(
        "ismir2023 dev set: accuracy {:.4} on {} answered of {} rows with a country (answered {:.4}); abstained on {:.4} of {} ambiguous rows; wrong {}, missed {}",
        f("accuracy"),
        r["answered"],
        r["with_country"],
        f("answered_share"),
        f("ambiguous_abstention"),
        r["ambiguous"],
        r["wrong"].as_array().map_or(0, Vec::len),
        r["missed"].as_array().map_or(0, Vec::len)
    );
    assert_eq!(r["rows"], 374);
    assert!(f("accuracy") >= 0.97, "{r:#}");
    assert!(f("answered_share") >= 0.95, "{r:#}");
    assert!(f("ambiguous_abstention") >= 0.90, "{r:#}");
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn cmt_import_locates_every_paper_and_matches_the_labelled_country_sets() {
    let dir = tempfile::tempdir().unwrap();
    let out = json(dir.path(), &["import", "ismir-cmt", s(&cmt_export())]);
    assert_eq!(out["survey"], "ismir2023");
    assert_eq!(out["report"]["papers"], 103);
    assert_eq!(out["report"]["authors"], 374);
    let papers = dir.path().join("corpus/ismir2023/papers.jsonl");
    let text = std::fs::read_to_string(&papers).unwrap();
    assert_eq!(text.lines().count(), 103);
    for line in text.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let affs = v["affiliations"].as_array().expect("affiliations");
        assert!(!affs.is_empty(), "no affiliations: {}", v["paper"]["id"]);
        let origin = &affs[0]["origin"];
        assert_eq!(origin["kind"], "imported");
        assert!(
            origin["source"]
                .as_str()
                .unwrap()
                .contains("column AuthorDetails, author 1"),
            "{origin}"
        );
        assert!(v["paper"]["id"]
            .as_str()
            .unwrap()
            .starts_with("ismir2023-cmt-"));
    }
    // Per-paper country sets against the labelled ones (micro-averaged F1 over countries).
    let gold_text = std::fs::read_to_string(shared("affiliations/ismir2023_papers.csv")).unwrap();
    let mut rdr = csv::Reader::from_reader(gold_text.as_bytes());
    let got = countries_by_cmt_id(&papers);
    let (mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize);
    let mut n = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        let gold: BTreeSet<String> = rec[3]
            .split(';')
            .filter(|c| !c.is_empty())
            .map(String::from)
            .collect();
        let ours = got.get(&rec[1]).cloned().unwrap_or_default();
        tp += ours.intersection(&gold).count();
        fp += ours.difference(&gold).count();
        fnn += gold.difference(&ours).count();
        n += 1;
    }
    assert_eq!(n, 103);
    let f1 = 2.0 * tp as f64 / (2 * tp + fp + fnn) as f64;
    eprintln!("ismir2023 per-paper countries: tp {tp}, fp {fp}, fn {fnn}, F1 {f1:.4}");
    assert!(f1 >= 0.9, "F1 {f1}");
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn real_cmt_import_with_the_proceedings_uses_proceedings_ids_and_is_idempotent() {
    check_cmt_with_proceedings(&cmt_export(), &proceedings_2023(), 103, "TriAD");
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn real_cmt_import_into_the_green_mir_survey_keeps_its_data() {
    check_cmt_import_into_another_survey(
        &shared("data/greenmir"),
        &cmt_export(),
        &proceedings_2023(),
    );
}

#[test]
#[ignore = "corpus evaluation: reads ../shared (GREENMIR_SHARED); run by .ci/run"]
fn real_bad_cmt_input_names_file_row_and_column() {
    check_bad_cmt_input(&cmt_export(), 374);
}
