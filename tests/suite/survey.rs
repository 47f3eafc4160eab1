//! `greenmir survey`: the whole pipeline on the built-in sample (the shared corpus: in
//! `corpus/survey.rs`).

use super::common::*;

#[test]
fn survey_runs_the_sample_with_no_network_and_writes_tables() {
    let dir = tempfile::tempdir().unwrap();
    let report = json(dir.path(), &["survey"]);
    assert_eq!(report["survey"], "sample");
    assert_eq!(report["papers"], 7);
    assert_eq!(report["fetched_or_cached"], 7);
    assert_eq!(report["failed"], 0);
    let text = &report["stages"][0];
    assert_eq!(text["stage"], "text");
    assert_eq!(text["done"], 7);
    for f in ["papers.csv", "papers.md", "years.csv", "summary.json"] {
        assert!(
            dir.path().join("tables/sample").join(f).is_file(),
            "tables/sample/{f}"
        );
    }
    eprintln!(
        "sample survey: {} s, {} papers/s",
        report["seconds"], report["papers_per_second"]
    );
    // A second run redoes nothing.
    let again = json(dir.path(), &["survey"]);
    assert_eq!(again["crawl"]["cached"], 7);
    assert_eq!(again["crawl"]["fetched"], 0);
    assert_eq!(again["stages"][0]["skipped"], 7);
    // The human summary names every stage.
    let out = ok(dir.path(), &["survey"]);
    for s in [
        "text:",
        "extract:",
        "locate:",
        "estimate + tables:",
        "papers/s",
    ] {
        assert!(out.contains(s), "{s}: {out}");
    }
}

#[test]
fn survey_ends_with_its_agreement_with_the_expected_readings() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(dir.path(), &["survey"]);
    let tail = out
        .split("compared with sample-expected (7 papers")
        .nth(1)
        .unwrap_or_else(|| panic!("no comparison at the end: {out}"));
    for field in ["disclosure", "hardware", "tdp", "count", "hours", "kWh"] {
        assert!(tail.contains(&format!("\n  {field} ")), "{field}: {tail}");
    }
    assert!(tail.contains("misses: none"), "{tail}");
    // The JSON report carries the same comparison as `greenmir compare --json`.
    let report = json(dir.path(), &["survey"]);
    let e = &report["expected"];
    assert_eq!(e["matched"], 7);
    let kwh = e["rates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["field"] == "kwh")
        .unwrap();
    assert_eq!(kwh["numerator"], kwh["denominator"], "{e:#}");
    assert!(e["disagreements"].as_array().unwrap().is_empty(), "{e:#}");
    // The expected readings are a survey of their own, for `greenmir compare`.
    let c = json(
        dir.path(),
        &[
            "compare",
            "--survey",
            "sample",
            "--against",
            "sample-expected",
        ],
    );
    assert_eq!(c["matched"], 7);
}

#[test]
fn the_committed_sample_is_what_the_generator_writes() {
    let dir = tempfile::tempdir().unwrap();
    greenmir::sample::write(dir.path()).unwrap();
    let ours = dir.path().join(greenmir::sample::DIR);
    let committed = project_dir().join(greenmir::sample::DIR);
    let mut n = 0;
    for e in walk(&ours) {
        let rel = e.strip_prefix(&ours).unwrap();
        let a = std::fs::read(&e).unwrap();
        let b = std::fs::read(committed.join(rel))
            .unwrap_or_else(|_| panic!("{} not committed", rel.display()));
        assert!(
            a == b,
            "{} differs from the generator's output",
            rel.display()
        );
        n += 1;
    }
    assert_eq!(n, 8, "seven PDFs and the list");
}

pub(crate) fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn sample_survey_finds_the_expected_countries_and_reporting() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["survey", "--quiet"]);
    let corpus = greenmir::sample::corpus().unwrap();
    let text = std::fs::read_to_string(dir.path().join("corpus/sample/papers.jsonl")).unwrap();
    let records: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), corpus.paper.len());
    for (i, p) in corpus.paper.iter().enumerate() {
        let r = records
            .iter()
            .find(|r| r["paper"]["title"] == p.title.as_str())
            .unwrap_or_else(|| panic!("paper {i} missing"));
        let mut got: Vec<String> = r["countries"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| c["value"]["iso2"].as_str().unwrap().to_string())
                    .collect()
            })
            .unwrap_or_default();
        got.sort();
        let mut want = p.expected.countries.clone();
        want.sort();
        assert_eq!(got, want, "{}", p.title);
        assert_eq!(r["reported"]["value"], p.expected.reported, "{}", p.title);
    }
}

#[test]
fn score_tells_authors_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    greenmir::sample::write(dir.path()).unwrap();
    let pdfs = greenmir::sample::pdf_paths(dir.path()).unwrap();
    let s = json(dir.path(), &["score", pdfs[0].to_str().unwrap()]);
    approx(&s["kwh"], 18.0 * 250.0 * 1.56 / 1000.0, 1e-6);
    assert!(s["missing"].to_string().contains("energy (kWh)"));
    assert!(s["suggestion"]
        .as_str()
        .unwrap()
        .contains("1 × NVIDIA GeForce RTX 2080 Ti for 18 hours in GB"));
    let none = json(dir.path(), &["score", pdfs[2].to_str().unwrap()]);
    assert!(none["kwh"].is_null());
    assert!(none["missing"]
        .to_string()
        .contains("no sentence states training hardware"));
    assert!(none["suggestion"]
        .as_str()
        .unwrap()
        .contains("[N] × [GPU model]"));
}

/// One record path: a correction shows in the survey's tables, in `tables`, in the site and in
/// `explain`, not only in some of them.
#[test]
fn a_correction_reaches_every_table_and_page() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    ok(root, &["survey", "-q"]);
    let papers_csv = || std::fs::read_to_string(root.join("tables/sample/papers.csv")).unwrap();
    let row = |csv: &str| {
        csv.lines()
            .find(|l| l.starts_with("sample2024-001,"))
            .unwrap()
            .to_string()
    };
    assert!(!row(&papers_csv()).contains(",999,"), "{}", papers_csv());
    ok(
        root,
        &[
            "annotate",
            "sample2024-001",
            "--survey",
            "sample",
            "set",
            "runs[0].hours",
            "999",
            "--by",
            "tester",
            "--reason",
            "Sec. 4 says 999 hours",
        ],
    );
    // The survey re-extracts the paper and still shows the annotator's hours.
    ok(root, &["survey", "-q"]);
    assert!(
        row(&papers_csv()).contains(",999,"),
        "{}",
        row(&papers_csv())
    );
    std::fs::remove_dir_all(root.join("tables/sample")).unwrap();
    ok(root, &["tables", "--survey", "sample", "-q"]);
    assert!(
        row(&papers_csv()).contains(",999,"),
        "{}",
        row(&papers_csv())
    );
    ok(root, &["site", "--survey", "sample", "-q"]);
    let site = root.join("tables/sample/site");
    let page = walk_files(&site)
        .into_iter()
        .find(|p| p.to_string_lossy().contains("sample2024-001"))
        .expect("a page for the paper");
    let html = std::fs::read_to_string(page).unwrap();
    assert!(html.contains("999"), "site page lacks the corrected hours");
    let text = ok(root, &["explain", "sample2024-001", "--survey", "sample"]);
    assert!(text.contains("999 h"), "{text}");
    assert!(text.contains("annotated by tester"), "{text}");
}

fn walk_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk_files(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// An author reads `explain` in one screen: no line twice, even for a paper whose runs share
/// a sentence and a device.
#[test]
fn explain_prints_no_line_twice() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["survey", "-q"]);
    for id in ["sample2024-001", "sample2024-002", "sample2024-005"] {
        for format in ["text", "markdown"] {
            let out = ok(
                dir.path(),
                &["explain", id, "--survey", "sample", "--format", format],
            );
            let mut seen = std::collections::BTreeSet::new();
            // Markdown fences and rules are layout, not content.
            let content = |l: &&str| {
                let t = l.trim();
                !t.is_empty() && !t.starts_with("```") && !t.chars().all(|c| c == '-' || c == '=')
            };
            for line in out.lines().filter(content) {
                assert!(
                    seen.insert(line),
                    "{id} ({format}) repeats {line:?}:\n{out}"
                );
            }
        }
    }
}
