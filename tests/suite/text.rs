//! `greenmir text` and `greenmir extract` on LaTeX that used to lose text silently: the text
//! after the trouble survives, and text that is still lost is reported by section.

use super::common::*;

fn paper(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("main.tex"),
        format!("\\documentclass{{article}}\n\\begin{{document}}\n{body}\\end{{document}}\n"),
    )
    .unwrap();
    dir
}

const TRAINING: &str = "We trained the model on 4 NVIDIA V100 GPUs for 3 days.";

#[test]
fn an_open_interval_in_math_does_not_cut_the_paper() {
    let dir = paper(&format!(
        "\\section{{Method}}\nEach onset $t_i \\in [0,T)$ is a time.\n\n\\section{{Experiments}}\n{TRAINING}\n"
    ));
    let work = tempfile::tempdir().unwrap();
    let o = run_in(
        work.path(),
        &["text", "--no-cache", dir.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains(TRAINING), "{}", stdout(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let x = json(
        work.path(),
        &["extract", "--no-cache", dir.path().to_str().unwrap()],
    );
    assert_eq!(x["runs"][0]["count"], 4, "{x}");
    assert!(x.get("warnings").is_none(), "{x}");
}

#[test]
fn a_section_lost_to_broken_markup_is_named_with_its_line() {
    // A note whose `}` comes a section later: the note is dropped and the section with it.
    let dir = paper(&format!(
        "\\section{{Method}}\nWe use a CNN.\\todo{{check the figures\n\\section{{Experiments}}\n{TRAINING}\n}}\n\\section{{Conclusion}}\nDone.\n"
    ));
    let work = tempfile::tempdir().unwrap();
    let o = run_in(
        work.path(),
        &["text", "--no-cache", dir.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("main.tex:5: section \"Experiments\" missing from the text"),
        "{err}"
    );
    assert!(!err.contains("Conclusion"), "{err}");
    let x = json(
        work.path(),
        &["extract", "--no-cache", dir.path().to_str().unwrap()],
    );
    let w = &x["warnings"];
    assert_eq!(w.as_array().map(Vec::len), Some(1), "{x}");
    assert_eq!(w[0]["kind"], "section_missing");
    assert_eq!(w[0]["section"], "Experiments");
    assert!(
        w[0]["place"].as_str().unwrap().ends_with("main.tex:5"),
        "{x}"
    );
}
