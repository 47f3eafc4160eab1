//! Test helpers: locating ../shared, temp projects, running the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The shared data folder: `GREENMIR_SHARED`, else `../shared` beside the project. Missing
/// shared data is a hard failure, never a skip.
pub fn shared() -> PathBuf {
    let p = std::env::var_os("GREENMIR_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    assert!(
        p.join("data/greenmir").is_dir(),
        "shared data not found at {} (set GREENMIR_SHARED)",
        p.display()
    );
    p
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
