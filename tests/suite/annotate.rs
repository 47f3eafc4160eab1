//! Corrections survive re-import, are reported when stale, feed explanations and agreement.

use super::common::*;

fn survey_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["import", "greenmir2024"]);
    dir
}

fn kwh_sum(dir: &std::path::Path) -> f64 {
    json(dir, &["tables", "--quiet"])["kwh_sum"]
        .as_f64()
        .unwrap()
}

#[test]
fn corrections_overlay_every_run_and_survive_reimport() {
    let dir = survey_dir();
    let p = dir.path();
    let before = kwh_sum(p);
    // Jukedrummer: 1 × 250 W × 48 h = 12 kWh; an annotator says two GPUs.
    let out = ok(
        p,
        &[
            "annotate",
            "ismir2022-022",
            "set",
            "runs[0].count",
            "2",
            "--by",
            "anna",
            "--reason",
            "Sec. 4 says two GPUs",
        ],
    );
    assert!(out.contains("(was \"1\")"), "{out}");
    let after = kwh_sum(p);
    assert!((after - before - 12.0).abs() < 1e-6, "{before} → {after}");

    // Re-importing rewrites papers.jsonl; the correction file is untouched and still applies.
    ok(p, &["import", "greenmir2024"]);
    assert!((kwh_sum(p) - after).abs() < 1e-6);

    let text = ok(p, &["explain", "Jukedrummer"]);
    assert!(
        text.contains("device count: 2 — annotated by anna at "),
        "{text}"
    );
    assert!(text.contains("Sec. 4 says two GPUs"), "{text}");
    assert!(text.contains("run 0: 2 × 250 W × 48 h = 24 kWh"), "{text}");
    assert!(text.contains("greenmir annotate ismir2022-022"), "{text}");
}

#[test]
fn stale_and_vanished_corrections_are_reported_not_dropped() {
    let dir = survey_dir();
    let p = dir.path();
    let ann = p.join("corpus/greenmir2024/annotations");
    std::fs::create_dir_all(&ann).unwrap();
    std::fs::write(
        ann.join("ismir2022-022.toml"),
        "paper = \"ismir2022-022\"\n\n[[correction]]\nfield = \"runs[0].hours\"\naction = \"set\"\nvalue = \"72\"\nreplaces = \"24\"\nby = \"anna\"\nat = \"2026-01-01T00:00:00Z\"\nreason = \"r\"\n\n[[correction]]\nfield = \"runs[5].count\"\naction = \"set\"\nvalue = \"4\"\nreplaces = \"1\"\nby = \"anna\"\nat = \"2026-01-02T00:00:00Z\"\nreason = \"r\"\n",
    )
    .unwrap();
    let o = run_in(p, &["tables", "--quiet"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("runs[0].hours by anna") && err.contains("stale"),
        "{err}"
    );
    assert!(
        err.contains("runs[5].count by anna") && err.contains("vanished"),
        "{err}"
    );
    // Both corrections are still in the file.
    let kept = std::fs::read_to_string(ann.join("ismir2022-022.toml")).unwrap();
    assert_eq!(kept.matches("[[correction]]").count(), 2);
}

#[test]
fn badly_edited_file_names_file_line_and_field() {
    let dir = survey_dir();
    let p = dir.path();
    let ann = p.join("corpus/greenmir2024/annotations");
    std::fs::create_dir_all(&ann).unwrap();
    std::fs::write(
        ann.join("ismir2022-022.toml"),
        "paper = \"ismir2022-022\"\n\n[[correction]]\nfield = \"runs[0].colour\"\naction = \"set\"\nvalue = \"red\"\nby = \"anna\"\nat = \"t\"\n",
    )
    .unwrap();
    let err = fails(p, &["tables"]);
    assert!(
        err.contains("ismir2022-022.toml, line 3: correction 1 (field \"runs[0].colour\")"),
        "{err}"
    );
    // Annotating is refused too until the file is fixed: nothing is written over it.
    let err = fails(
        p,
        &[
            "annotate",
            "ismir2022-022",
            "set",
            "runs[0].count",
            "2",
            "--by",
            "x",
        ],
    );
    assert!(err.contains("line 3"), "{err}");
    std::fs::remove_file(ann.join("ismir2022-022.toml")).unwrap();
    let err = fails(
        p,
        &[
            "annotate",
            "ismir2022-022",
            "set",
            "runs[0].count",
            "eight",
            "--by",
            "x",
        ],
    );
    assert!(err.contains("expected a whole number"), "{err}");
    let err = fails(
        p,
        &["annotate", "ismir2022-022", "set", "runs[0].count", "2"],
    );
    assert!(err.contains("--by"), "{err}");
}

#[test]
fn agreement_between_two_annotators() {
    let dir = survey_dir();
    let p = dir.path();
    let set = |paper: &str, field: &str, value: &str, by: &str| {
        ok(
            p,
            &[
                "annotate", paper, "set", field, value, "--by", by, "--reason", "test",
            ],
        );
    };
    // reported: agree on 3 papers, disagree on 1.
    for (paper, a, b) in [
        ("ismir2022-022", "true", "true"),
        ("ismir2022-015", "true", "true"),
        ("ismir2023-029", "false", "false"),
        ("ismir2023-026", "false", "true"),
    ] {
        set(paper, "reported", a, "anna");
        set(paper, "reported", b, "bob");
    }
    // hours: 48 vs 50 is within 10 %, 48 vs 72 is not.
    set("ismir2022-022", "runs[0].hours", "48", "anna");
    set("ismir2022-022", "runs[0].hours", "50", "bob");
    set("ismir2022-015", "runs[0].hours", "48", "anna");
    set("ismir2022-015", "runs[0].hours", "72", "bob");
    let a = json(p, &["agree", "--by", "anna,bob"]);
    let fields = a["fields"].as_array().unwrap();
    let rep = fields.iter().find(|f| f["field"] == "reported").unwrap();
    assert_eq!(rep["n"], 4);
    approx(&rep["exact"], 0.75, 1e-9);
    // p_o = 0.75; anna: 2 true/2 false, bob: 3 true/1 false → p_e = 0.5; κ = 0.5.
    approx(&rep["kappa"], 0.5, 1e-9);
    let hours = fields
        .iter()
        .find(|f| f["field"] == "runs[].hours")
        .unwrap();
    approx(&hours["within_tolerance"], 0.5, 1e-9);
    assert_eq!(hours["disagreements"].as_array().unwrap().len(), 1);
    assert_eq!(hours["disagreements"][0]["paper"], "ismir2022-015");
}

#[test]
fn explanation_html_is_inert_for_hostile_titles() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let s = p.join("corpus/evil");
    std::fs::create_dir_all(&s).unwrap();
    let long = "A".repeat(20_000);
    let rec = serde_json::json!({
        "paper": {"id": "x-1", "title": format!("<script>alert(1)</script> \u{202e}rtl {long}")},
        "runs": [{"hardware": {"value": "<img src=x onerror=alert(1)>", "origin": {"kind": "extracted", "confidence": 0.9, "evidence": [{"page": 1, "text": "<b>8 GPUs</b>"}]}}}]
    });
    std::fs::write(s.join("papers.jsonl"), format!("{rec}\n")).unwrap();
    let html = ok(
        p,
        &["explain", "x-1", "--survey", "evil", "--format", "html"],
    );
    assert!(!html.contains("<script>alert"), "script survived");
    assert!(!html.contains("<img"), "img survived");
    assert!(html.contains("&lt;script&gt;") && html.contains("&lt;b&gt;8 GPUs&lt;/b&gt;"));
    assert!(html.contains("Content-Security-Policy"));
}

#[test]
fn site_has_an_index_and_one_page_per_paper() {
    let dir = survey_dir();
    let p = dir.path();
    ok(
        p,
        &[
            "annotate",
            "ismir2022-022",
            "set",
            "runs[0].count",
            "2",
            "--by",
            "anna",
            "--reason",
            "<b>two</b>",
        ],
    );
    ok(p, &["site", "--quiet", "--out", "site"]);
    let index = std::fs::read_to_string(p.join("site/index.html")).unwrap();
    assert!(index.contains("href=\"papers/ismir2022-022.html\""));
    assert!(index.contains("energy_per_paper.svg"));
    let pages = std::fs::read_dir(p.join("site/papers")).unwrap().count();
    assert_eq!(pages, 113);
    let page = std::fs::read_to_string(p.join("site/papers/ismir2022-022.html")).unwrap();
    assert!(page.contains("annotated by anna"));
    assert!(page.contains("&lt;b&gt;two&lt;/b&gt;") && !page.contains("<b>two</b>"));
}
