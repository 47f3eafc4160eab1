//! `greenmir compare`: two small surveys written by the test (no shared data), compared.

use std::path::Path;

use serde_json::{json, Value};

use super::common::*;

fn paper(id: &str, year: i32, title: &str, doi: Option<&str>) -> Value {
    let mut p = json!({"id": id, "venue": "ISMIR", "year": year, "title": title});
    if let Some(d) = doi {
        p["doi"] = json!(d);
    }
    p
}

fn imported(col: &str) -> Value {
    json!({"kind": "imported", "source": format!("test sheet, column {col:?}")})
}

fn extracted(page: u32, text: &str) -> Value {
    json!({"kind": "extracted", "confidence": 0.9, "evidence": [{"page": page, "text": text}]})
}

/// A hand-made reference row: count × TDP × hours, with the disclosure class given.
fn sheet_row(p: Value, disclosure: &str, run: Option<(u32, f64, f64)>) -> Value {
    let runs: Vec<Value> = run
        .map(|(count, tdp, hours)| {
            json!({
                "count": {"value": count, "origin": imported("Number of GPUs")},
                "hours": {"value": {"value": hours, "low": hours, "high": hours},
                          "origin": imported("Training time")},
                "tdp_w": {"value": tdp, "origin": imported("TDP/W")},
                "evidence": [{"text": format!("Yes: {hours} hours")}]
            })
        })
        .into_iter()
        .collect();
    json!({
        "paper": p,
        "disclosure": {"value": {"level": disclosure}, "origin": imported("Total Compute Info")},
        "runs": runs
    })
}

/// An extracted run: hardware name, count, hours (optional), multiplier (optional).
fn pdf_run(count: u32, hours: Option<f64>, factor: Option<f64>, quote: &str) -> Value {
    let mut r = json!({
        "hardware": {"value": "Tesla V100", "origin": extracted(4, quote)},
        "count": {"value": count, "origin": extracted(4, quote)},
        "evidence": [{"page": 4, "text": quote}]
    });
    if let Some(h) = hours {
        r["hours"] =
            json!({"value": {"value": h, "low": h, "high": h}, "origin": extracted(4, quote)});
    }
    if let Some(f) = factor {
        r["multiplier"] =
            json!({"value": {"factor": f, "basis": "4 models"}, "origin": extracted(4, quote)});
    }
    r
}

fn pdf_row(p: Value, runs: Vec<Value>) -> Value {
    json!({"paper": p, "runs": runs})
}

fn write_survey(root: &Path, name: &str, records: &[Value]) {
    let dir = root.join("corpus").join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let text: String = records.iter().map(|r| format!("{r}\n")).collect();
    std::fs::write(dir.join("papers.jsonl"), text).unwrap();
}

/// Reference `sheet` (hand-made) and survey `pdfs` (extracted), four papers in common.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_survey(
        dir.path(),
        "sheet",
        &[
            sheet_row(
                paper("ismir2021-010", 2021, "Deep Drums: A Study.", None),
                "full",
                Some((1, 250.0, 48.0)),
            ),
            // Four models × 48 h = 192 h on 4 GPUs.
            sheet_row(
                paper(
                    "ismir2021-020",
                    2021,
                    "Piano Models for Everyone",
                    Some("10.5281/zenodo.111"),
                ),
                "full",
                Some((4, 250.0, 192.0)),
            ),
            sheet_row(
                paper("ismir2022-005", 2022, "Melody Transformer", None),
                "none",
                None,
            ),
            sheet_row(
                paper("ismir2022-009", 2022, "Only in the Sheet", None),
                "none",
                None,
            ),
            sheet_row(
                paper("ismir2020-001", 2020, "Same Title Other Year", None),
                "none",
                None,
            ),
            sheet_row(
                paper(
                    "ismir2023-004",
                    2023,
                    "Jazz Generation with Long Titles: And Subtitles",
                    None,
                ),
                "full",
                Some((1, 250.0, 24.0)),
            ),
        ],
    );
    write_survey(
        dir.path(),
        "pdfs",
        &[
            pdf_row(
                paper("ismir2021-deep-drums", 2021, "Deep drums: a study", None),
                vec![pdf_run(1, Some(48.0), None, "one Tesla V100 for 48 hours")],
            ),
            // Matched by DOI although the title differs; the × 4 multiplier makes 192 h, plus
            // a small 2 h run on one GPU: counts [1, 4] agree with the reference's single 4.
            pdf_row(
                paper(
                    "ismir2021-piano",
                    2021,
                    "Piano models for everybody",
                    Some("https://doi.org/10.5281/ZENODO.111"),
                ),
                vec![
                    pdf_run(
                        4,
                        Some(48.0),
                        Some(4.0),
                        "each of the four models: 48 hours",
                    ),
                    pdf_run(1, Some(2.0), None, "fine-tuning took 2 hours"),
                ],
            ),
            pdf_row(
                paper("ismir2022-melody", 2022, "Melody Transformer", None),
                vec![pdf_run(2, None, None, "two V100 GPUs")],
            ),
            pdf_row(
                paper("ismir2021-same-title", 2021, "Same Title Other Year", None),
                Vec::new(),
            ),
            pdf_row(
                paper(
                    "ismir2023-jazz",
                    2023,
                    "Jazz Generation with Long Titles",
                    None,
                ),
                vec![pdf_run(1, Some(11.0), None, "trained for 11 hours")],
            ),
        ],
    );
    dir
}

fn rate(v: &Value, field: &str) -> (u64, u64) {
    let r = v["rates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["field"] == field)
        .unwrap_or_else(|| panic!("no rate {field}: {v}"));
    (
        r["numerator"].as_u64().unwrap(),
        r["denominator"].as_u64().unwrap(),
    )
}

#[test]
fn compare_json_matches_papers_and_counts_agreement_with_denominators() {
    let dir = project();
    let v = json(
        dir.path(),
        &["compare", "--survey", "pdfs", "--against", "sheet"],
    );
    assert_eq!(v["matched"], 4, "{v:#}");
    assert_eq!(
        v["matched_by"],
        json!({"doi": 1, "title": 2, "title-part": 1})
    );
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|u| u["id"].as_str().unwrap().to_string())
            .collect()
    };
    // Equal titles in different years are not the same paper.
    assert_eq!(ids("unmatched_survey"), vec!["ismir2021-same-title"]);
    assert_eq!(
        ids("unmatched_reference"),
        vec!["ismir2020-001", "ismir2022-009"]
    );

    // Rows sorted by reference id, both ids shown.
    let rows = v["rows"].as_array().unwrap();
    let pairs: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["reference"]["id"].as_str().unwrap(),
                r["survey"]["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        vec![
            ("ismir2021-010", "ismir2021-deep-drums"),
            ("ismir2021-020", "ismir2021-piano"),
            ("ismir2022-005", "ismir2022-melody"),
            ("ismir2023-004", "ismir2023-jazz"),
        ]
    );
    // The multiplier counts in the survey's total hours: 48 × 4 + 2.
    approx(&rows[1]["survey"]["hours"], 194.0, 1e-9);
    assert_eq!(rows[1]["survey"]["counts"], json!([1, 4]));
    assert_eq!(rows[1]["survey"]["hardware"], json!(["nvidia-v100"]));
    approx(&rows[1]["survey"]["kwh"], 192.5, 1e-9);
    assert_eq!(rows[1]["agreement"]["count"], true);

    assert_eq!(rate(&v, "disclosure"), (3, 4));
    assert_eq!(rate(&v, "hardware"), (0, 0));
    assert_eq!(rate(&v, "tdp"), (3, 3));
    assert_eq!(rate(&v, "count"), (3, 3));
    assert_eq!(rate(&v, "hours"), (2, 3));
    assert_eq!(rate(&v, "kwh"), (2, 3));

    let s = &v["sums"];
    assert_eq!(s["reference_estimable"], 3);
    assert_eq!(s["survey_estimated"], 3);
    approx(&s["reference_kwh"], 210.0, 1e-9);
    approx(&s["survey_kwh"], 207.25, 1e-9);
    approx(&s["ratio"], 0.9869, 1e-9);
    approx(&s["reference_median_kwh"], 12.0, 1e-9);
    approx(&s["all_matched"]["survey_kwh"], 207.25, 1e-9);

    let d = v["disagreements"].as_array().unwrap();
    let fields: Vec<(&str, Vec<&str>)> = d
        .iter()
        .map(|d| {
            (
                d["reference_id"].as_str().unwrap(),
                d["fields"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|f| f["field"].as_str().unwrap())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("ismir2022-005", vec!["disclosure"]),
            ("ismir2023-004", vec!["hours", "kwh"]),
        ]
    );
    let jazz = &d[1];
    assert_eq!(
        jazz["command"],
        "greenmir explain ismir2023-jazz --survey pdfs"
    );
    assert_eq!(jazz["fields"][0]["survey"], "11 h");
    assert_eq!(jazz["fields"][0]["reference"], "24 h");
    assert_eq!(
        jazz["fields"][0]["survey_evidence"],
        "p. 4: \"trained for 11 hours\""
    );
    assert!(jazz["fields"][0]["reference_evidence"]
        .as_str()
        .unwrap()
        .starts_with("imported from test sheet, column \"Training time\""));

    // The command the disagreement names works as printed.
    let text = ok(
        dir.path(),
        &["explain", "ismir2023-jazz", "--survey", "pdfs"],
    );
    assert!(text.contains("trained for 11 hours"), "{text}");
}

#[test]
fn compare_text_names_surveys_method_rates_and_disagreements() {
    let dir = project();
    let text = ok(
        dir.path(),
        &["compare", "--survey", "pdfs", "--against", "sheet"],
    );
    for want in [
        "compare survey pdfs (5 papers) with reference sheet (6 papers)",
        "method greenmir2024 version ",
        "· reference data ref-",
        "matched 4 (doi 1, title 2, title-part 1); unmatched: 1 of pdfs, 2 of sheet",
        "only in sheet: ismir2020-001, ismir2022-009",
        "  kWh               2 / 3    66.7%  papers the reference makes estimable (headline)",
        "the reference has one count\n  and the survey's largest count equals it",
        "  ratio of sums pdfs / sheet: 0.9869",
        "    hours: 11 h vs 24 h",
        "    → greenmir explain ismir2023-jazz --survey pdfs",
    ] {
        assert!(text.contains(want), "missing {want:?} in:\n{text}");
    }
    // --quiet prints nothing.
    let quiet = ok(
        dir.path(),
        &[
            "compare",
            "--survey",
            "pdfs",
            "--against",
            "sheet",
            "--quiet",
        ],
    );
    assert_eq!(quiet, "");
}

#[test]
fn compare_errors_name_the_missing_survey_or_method() {
    let dir = project();
    let err = fails(
        dir.path(),
        &["compare", "--survey", "pdfs", "--against", "nosuch"],
    );
    assert!(err.contains("corpus/nosuch/papers.jsonl"), "{err}");
    assert!(err.contains("\"nosuch\" has no records"), "{err}");
    let err = fails(
        dir.path(),
        &[
            "compare",
            "--survey",
            "pdfs",
            "--against",
            "sheet",
            "--method",
            "nosuch",
        ],
    );
    assert!(err.contains("nosuch"), "{err}");
    assert!(err.contains("greenmir2024"), "{err}");
}
