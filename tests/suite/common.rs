//! Test helpers: the project's fixtures, ../shared for the corpus evaluation, running the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A file or folder of the shared data (`GREENMIR_SHARED`, else `../shared` beside the
/// project), for the corpus evaluation only (`tests/suite/corpus/`). A missing path is a hard
/// failure naming what is missing, never a skip; each test demands only what it reads.
pub fn shared(rel: &str) -> PathBuf {
    let root = std::env::var_os("GREENMIR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let p = root.join(rel);
    assert!(
        p.exists(),
        "corpus evaluation: {} not found (GREENMIR_SHARED={}; set it to the shared data folder)",
        p.display(),
        root.display()
    );
    p
}

/// A fixture written for the tests (`tests/fixtures/`).
pub fn fixture(rel: &str) -> PathBuf {
    project_dir().join("tests/fixtures").join(rel)
}

pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs greenmir with `args` in `cwd`.
pub fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_greenmir"))
        .args(args)
        .current_dir(cwd)
        .env_remove("GREENMIR_ROOT")
        .env_remove("GREENMIR_REFERENCE")
        .output()
        .expect("greenmir runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs and expects success, returning stdout.
pub fn ok(cwd: &Path, args: &[&str]) -> String {
    let o = run_in(cwd, args);
    assert!(
        o.status.success(),
        "greenmir {args:?} failed: {}\n{}",
        stderr(&o),
        stdout(&o)
    );
    stdout(&o)
}

/// Runs and expects failure (exit 1, no panic), returning stderr.
pub fn fails(cwd: &Path, args: &[&str]) -> String {
    let o = run_in(cwd, args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "greenmir {args:?}: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    err
}

pub fn json(cwd: &Path, args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.push("--json");
    let out = ok(cwd, &a);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

pub fn approx(v: &serde_json::Value, expected: f64, tol: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"));
    assert!(
        (got - expected).abs() <= tol,
        "expected {expected} ± {tol}, got {got}"
    );
}
