//! `greenmir bench [DIR]`: throughput of text and text + extraction over every PDF of a
//! folder, next to `pdftotext` on the same files in the same run. A measurement, not a test.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use clap::Args;
use serde::Serialize;

use super::Context;
use crate::extract::extract;
use crate::text::read_document;

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Folder searched recursively for PDFs (default: $GREENMIR_SHARED/corpus/papers, else
    /// ../shared/corpus/papers).
    pub dir: Option<PathBuf>,
    /// Passes over the files; the best pass is reported.
    #[arg(long, default_value_t = 1)]
    pub passes: u32,
}

#[derive(Debug, Serialize)]
struct Row {
    what: String,
    files: usize,
    pages: usize,
    megabytes: f64,
    seconds: f64,
    pages_per_s: f64,
    mb_per_s: f64,
}

fn pdfs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pdfs(&p, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("pdf")) {
            out.push(p);
        }
    }
}

fn row(what: &str, files: usize, pages: usize, bytes: u64, t: Duration) -> Row {
    let s = t.as_secs_f64().max(1e-9);
    let mb = bytes as f64 / 1e6;
    Row {
        what: what.into(),
        files,
        pages,
        megabytes: (mb * 100.0).round() / 100.0,
        seconds: (s * 1000.0).round() / 1000.0,
        pages_per_s: (pages as f64 / s * 10.0).round() / 10.0,
        mb_per_s: (mb / s * 100.0).round() / 100.0,
    }
}

pub fn run(args: BenchArgs, ctx: &Context) -> Result<()> {
    let dir = args.dir.clone().unwrap_or_else(|| {
        std::env::var_os("GREENMIR_SHARED")
            .map(PathBuf::from)
            .unwrap_or_else(|| ctx.global.root.join("../shared"))
            .join("corpus/papers")
    });
    let mut files = Vec::new();
    pdfs(&dir, &mut files);
    if files.is_empty() {
        bail!("no PDFs under {}", dir.display());
    }
    let bytes: u64 = files
        .iter()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let (mut t_text, mut t_extract, mut t_poppler) = (Duration::MAX, Duration::MAX, Duration::MAX);
    let mut pages = 0;
    let mut read_ok = 0;
    for _ in 0..args.passes.max(1) {
        // Text only (no cache), one file at a time, as pdftotext runs below.
        let start = Instant::now();
        let docs: Vec<_> = files.iter().map(|f| read_document(f)).collect();
        t_text = t_text.min(start.elapsed());
        pages = docs.iter().flatten().map(|d| d.pages.len()).sum();
        read_ok = docs.iter().flatten().count();
        // Text and extraction.
        let start = Instant::now();
        for f in &files {
            if let Ok(d) = read_document(f) {
                std::hint::black_box(extract(&d, &ctx.reference));
            }
        }
        t_extract = t_extract.min(start.elapsed());
        // pdftotext -raw on the same files.
        let start = Instant::now();
        for f in &files {
            let out = Command::new("pdftotext")
                .args(["-raw", "-enc", "UTF-8"])
                .arg(f)
                .arg("-")
                .output();
            if out.is_err() {
                bail!("pdftotext is not installed (apt-get install poppler-utils)");
            }
        }
        t_poppler = t_poppler.min(start.elapsed());
    }
    let n = files.len();
    let rows = vec![
        row("greenmir text", n, pages, bytes, t_text),
        row("greenmir text + extract", n, pages, bytes, t_extract),
        row("pdftotext -raw (subprocess)", n, pages, bytes, t_poppler),
    ];
    if ctx.global.json {
        return ctx.print_json(&rows);
    }
    let profile = if cfg!(debug_assertions) {
        "debug build"
    } else {
        "release build"
    };
    let mut text = vec![format!(
        "{n} PDFs ({read_ok} read), {pages} pages, {:.2} MB, {}, one thread; best of {} pass(es)",
        bytes as f64 / 1e6,
        profile,
        args.passes.max(1)
    )];
    text.push(format!(
        "{:<30} {:>9} {:>9} {:>8}",
        "", "seconds", "pages/s", "MB/s"
    ));
    for r in &rows {
        text.push(format!(
            "{:<30} {:>9.3} {:>9.1} {:>8.2}",
            r.what, r.seconds, r.pages_per_s, r.mb_per_s
        ));
    }
    ctx.say(&text.join("\n"));
    Ok(())
}
