//! Bad input gives a clear error naming file, row and column — never a panic, never a
//! partially written file.

use super::common::*;

fn sheet_dir(edit: impl Fn(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("greenmir-sheets");
    for f in [
        "corpus1_automatic_music_generation.csv",
        "corpus2_computing_heavy_music_analysis.csv",
    ] {
        let text = std::fs::read_to_string(src.join(f)).unwrap();
        std::fs::write(dir.path().join(f), edit(text)).unwrap();
    }
    dir
}

#[test]
fn malformed_number_names_sheet_row_and_column_and_writes_nothing() {
    let sheets = sheet_dir(|t| t.replacen(",350,1,63,22.05,", ",350,1,sixty,22.05,", 1));
    let work = tempfile::tempdir().unwrap();
    let err = fails(
        work.path(),
        &["import", "greenmir-sheets", sheets.path().to_str().unwrap()],
    );
    assert!(
        err.contains("corpus1_automatic_music_generation.csv, row 3, column \"Training time (2)\""),
        "{err}"
    );
    assert!(err.contains("\"sixty\""), "{err}");
    assert!(!work.path().join("corpus").exists());
}

#[test]
fn negative_hours_and_misaligned_runs_are_refused() {
    let sheets = sheet_dir(|t| t.replacen(",350,1,63,22.05,", ",350,1,-63,22.05,", 1));
    let err = fails(
        tempfile::tempdir().unwrap().path(),
        &["import", "greenmir-sheets", sheets.path().to_str().unwrap()],
    );
    assert!(err.contains("training time must be positive"), "{err}");
    let sheets = sheet_dir(|t| t.replacen(",250;300,8;16,30;80,", ",250;300,8;16,30,80,", 1));
    let out = run_in(
        tempfile::tempdir().unwrap().path(),
        &["import", "greenmir-sheets", sheets.path().to_str().unwrap()],
    );
    // Either an explicit misalignment error or a column-count error, never a panic.
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn unknown_country_is_kept_and_flagged() {
    let sheets = sheet_dir(|t| t.replacen("\"UAE, Singapore, China\"", "\"UAE, Atlantis\"", 1));
    let work = tempfile::tempdir().unwrap();
    let o = run_in(
        work.path(),
        &["import", "greenmir-sheets", sheets.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("row 3, column \"Countries\": unknown country \"Atlantis\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_files_and_wrong_columns() {
    let work = tempfile::tempdir().unwrap();
    let err = fails(work.path(), &["audit", "no-such.csv"]);
    assert!(err.contains("cannot read no-such.csv"), "{err}");
    std::fs::write(work.path().join("t.csv"), "model,gpu,count\nX,V100,1\n").unwrap();
    let err = fails(work.path(), &["audit", "t.csv"]);
    assert!(err.contains("t.csv: missing column"), "{err}");
    std::fs::write(
        work.path().join("neg.csv"),
        "model,hardware,count,tdp_w,hours,energy_kwh\nX,V100,1,250,-3,1\n",
    )
    .unwrap();
    let err = fails(work.path(), &["audit", "neg.csv"]);
    assert!(err.contains("neg.csv, row 2, column \"hours\""), "{err}");
    let err = fails(work.path(), &["tables", "--survey", "nothing-here"]);
    assert!(err.contains("has no records"), "{err}");
    let err = fails(
        work.path(),
        &[
            "import",
            "greenmir-sheets",
            work.path().join("absent").to_str().unwrap(),
        ],
    );
    assert!(err.contains("cannot read"), "{err}");
}

#[test]
fn unknown_hardware_country_and_method_are_named() {
    let root = project_dir();
    let err = fails(
        &root,
        &["estimate", "--hardware", "Quantum 9000", "--hours", "3"],
    );
    assert!(
        err.contains("\"Quantum 9000\" is not in the catalog"),
        "{err}"
    );
    let err = fails(
        &root,
        &[
            "estimate",
            "--hardware",
            "V100",
            "--hours",
            "3",
            "--country",
            "Atlantis",
        ],
    );
    assert!(err.contains("unknown country \"Atlantis\""), "{err}");
    let err = fails(
        &root,
        &[
            "estimate",
            "--hardware",
            "V100",
            "--hours",
            "3",
            "--method",
            "nope",
        ],
    );
    assert!(err.contains("unknown method \"nope\""), "{err}");
    let err = fails(&root, &["estimate", "--hardware", "V100", "--hours=-2"]);
    assert!(err.contains("--hours must be a positive number"), "{err}");
}

#[test]
fn corrupt_records_file_names_its_line() {
    let work = tempfile::tempdir().unwrap();
    let dir = work.path().join("corpus/broken");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("papers.jsonl"),
        "{\"paper\":{\"id\":\"a\",\"title\":\"t\"}}\nnot json\n",
    )
    .unwrap();
    let err = fails(work.path(), &["tables", "--survey", "broken"]);
    assert!(err.contains("papers.jsonl, line 2"), "{err}");
}
