//! `greenmir locate` and `greenmir import ismir-cmt` on the project's fixtures (a CMT export
//! and a proceedings listing in the real formats): merges, bad input. The same checks run on
//! the real ISMIR 2023 files in the corpus evaluation (`corpus/geo.rs`).

use std::path::Path;

use super::common::*;

pub(crate) fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// Our own strings for the look-alikes the issue names (not the dev set's): they guard the
/// rules, so every one must hold.
#[test]
fn lookalike_strings_all_resolve_or_abstain_as_labelled() {
    let fixture = project_dir().join("tests/fixtures/affiliations_lookalikes.csv");
    let r = json(&project_dir(), &["locate", "--eval", s(&fixture)]);
    assert_eq!(r["wrong"].as_array().unwrap().len(), 0, "{:#}", r["wrong"]);
    assert_eq!(
        r["missed"].as_array().unwrap().len(),
        0,
        "{:#}",
        r["missed"]
    );
    assert_eq!(
        r["ambiguous_answered"].as_array().unwrap().len(),
        0,
        "{:#}",
        r["ambiguous_answered"]
    );
}

#[test]
fn locate_prints_one_object_per_input_with_basis_and_candidates() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("affs.txt");
    std::fs::write(&file, "KAIST\n\nSony CSL\nDurham, NC\n").unwrap();
    // JSON Lines: one object per line.
    let out = ok(
        dir.path(),
        &["locate", "Cambridge, MA", "--file", s(&file), "--json"],
    );
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["input"], "Cambridge, MA");
    assert_eq!(rows[0]["country"], "US");
    assert_eq!(rows[1]["country"], "KR");
    assert_eq!(rows[1]["basis"], "acronym");
    assert!(rows[2]["country"].is_null());
    let cands: Vec<&str> = rows[2]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        cands.contains(&"JP") && cands.contains(&"FR"),
        "{}",
        rows[2]
    );
    assert!(rows[2]["reason"]
        .as_str()
        .unwrap()
        .contains("multinational"));
    assert_eq!(rows[3]["country"], "US");
    let text = ok(dir.path(), &["locate", "Sony CSL Paris"]);
    assert!(text.contains("→ FR"), "{text}");
}

#[test]
fn cmt_import_with_the_proceedings_uses_proceedings_ids_and_is_idempotent() {
    check_cmt_with_proceedings(
        &fixture("ismir2023_cmt-metadata.csv"),
        &fixture("conference-archive/2023.json"),
        6,
        "HarmoNet",
    );
}

/// `title` is the paper with CMT PaperID 11, proceedings paper 2.
pub(crate) fn check_cmt_with_proceedings(export: &Path, procs: &Path, n: u64, title: &str) {
    let dir = tempfile::tempdir().unwrap();
    let args = ["import", "ismir-cmt", s(export), "--proceedings", s(procs)];
    let out = json(dir.path(), &args);
    assert_eq!(out["report"]["matched_to_proceedings"], n);
    let papers = dir.path().join("corpus/ismir2023/papers.jsonl");
    let first = std::fs::read_to_string(&papers).unwrap();
    // CMT PaperID 11 is proceedings paper 2.
    let triad = first
        .lines()
        .find(|l| l.contains(title))
        .expect("paper imported");
    assert!(triad.contains("\"id\":\"ismir2023-002\""), "{triad}");
    assert!(triad.contains("CMT PaperID 11"), "{triad}");
    let again = json(dir.path(), &args);
    assert_eq!(again["merge"]["updated"], n);
    assert_eq!(again["merge"]["added"], 0);
    assert_eq!(std::fs::read_to_string(&papers).unwrap(), first);
}

#[test]
fn cmt_import_into_another_survey_keeps_its_data() {
    check_cmt_import_into_another_survey(
        &fixture("greenmir-sheets"),
        &fixture("ismir2023_cmt-metadata.csv"),
        &fixture("conference-archive/2023.json"),
    );
}

pub(crate) fn check_cmt_import_into_another_survey(sheets: &Path, export: &Path, procs: &Path) {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["import", "greenmir-sheets", s(sheets)]);
    let papers = dir.path().join("corpus/greenmir2024/papers.jsonl");
    let before = std::fs::read_to_string(&papers).unwrap();
    let out = json(
        dir.path(),
        &[
            "import",
            "ismir-cmt",
            s(export),
            "--survey",
            "greenmir2024",
            "--proceedings",
            s(procs),
            "--update-only",
        ],
    );
    assert_eq!(out["merge"]["added"], 0);
    let updated = out["merge"]["updated"].as_u64().unwrap();
    assert!(updated > 0, "{out}");
    let after = std::fs::read_to_string(&papers).unwrap();
    assert_eq!(before.lines().count(), after.lines().count());
    let parse = |t: &str| -> Vec<serde_json::Value> {
        t.lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    for (b, a) in parse(&before).iter().zip(parse(&after).iter()) {
        assert_eq!(b["paper"]["id"], a["paper"]["id"]);
        // Runs, disclosure and stated energy are untouched; sheet countries are kept.
        for k in ["runs", "disclosure", "reported", "stated_energy_kwh"] {
            assert_eq!(b[k], a[k], "{k} of {}", b["paper"]["id"]);
        }
        if b["countries"].as_array().is_some_and(|c| !c.is_empty()) {
            assert_eq!(b["countries"], a["countries"], "{}", b["paper"]["id"]);
        }
    }
}

#[test]
fn bad_cmt_input_names_file_row_and_column() {
    check_bad_cmt_input(&fixture("ismir2023_cmt-metadata.csv"), 12);
}

/// `export` has paper 11 first and an author of the University of Auckland with a `*`.
pub(crate) fn check_bad_cmt_input(export: &Path, authors: u64) {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(export).unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let no_col = write(
        "ismir2023_a.csv",
        &good.replacen("AuthorDetails", "Authors", 1),
    );
    let err = fails(dir.path(), &["import", "ismir-cmt", s(&no_col)]);
    assert!(err.contains("missing column \"AuthorDetails\""), "{err}");
    let bad_id = write("ismir2023_b.csv", &good.replacen("\n11,", "\neleven,", 1));
    let err = fails(dir.path(), &["import", "ismir-cmt", s(&bad_id)]);
    assert!(err.contains("row 2, column \"PaperID\""), "{err}");
    assert!(err.contains("\"eleven\""), "{err}");
    assert!(
        !dir.path().join("corpus").exists(),
        "nothing written on error"
    );
    // A missing ')' is repaired with a warning; the paper and its authors are all kept.
    let unclosed = write(
        "ismir2023_c.csv",
        &good.replacen("(University of Auckland)*;", "(University of Auckland*;", 1),
    );
    let o = run_in(dir.path(), &["import", "ismir-cmt", s(&unclosed)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("missing ')'"), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(&format!("{authors} authors")),
        "{}",
        stdout(&o)
    );
    let err = fails(
        dir.path(),
        &["import", "ismir-cmt", s(&dir.path().join("nope.csv"))],
    );
    assert!(err.contains("cannot read"), "{err}");
    let noyear = write("export.csv", &good);
    let err = fails(dir.path(), &["import", "ismir-cmt", s(&noyear)]);
    assert!(err.contains("--year"), "{err}");
    let err = fails(dir.path(), &["locate", "--eval", s(&noyear)]);
    assert!(err.contains("missing column \"affiliation\""), "{err}");
}
