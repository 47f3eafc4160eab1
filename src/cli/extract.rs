//! `greenmir extract PATH…`: training runs, non-training hardware and evidence per document,
//! in parallel, one JSON object per line (or a table), sorted by source.

use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{Args, ValueEnum};

use super::Context;
use crate::extract::batch::extract_many;
use crate::extract::Extraction;
use crate::text::TextCache;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Jsonl,
    Table,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// PDFs, .tex or .txt files, LaTeX paper folders, or folders of those.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// `jsonl`: one object per document; `table`: one line per run. `--json` means jsonl.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: Format,
    /// Read every file again instead of using corpus/cache/text/.
    #[arg(long)]
    pub no_cache: bool,
}

/// The documents under `path`: a file; a folder that is one paper (a main .tex at its top, or
/// exactly one PDF there); else every paper in it, recursively.
pub fn documents(path: &Path) -> Vec<PathBuf> {
    if !path.is_dir() {
        return vec![path.to_path_buf()];
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(rd) => rd.flatten().map(|e| e.path()).collect(),
        // An unreadable folder is reported as that document's error.
        Err(_) => return vec![path.to_path_buf()],
    };
    entries.sort();
    let ext = |p: &Path| {
        p.extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default()
    };
    let has_main_tex = entries.iter().any(|p| {
        p.is_file()
            && ext(p) == "tex"
            && std::fs::read_to_string(p)
                .is_ok_and(|t| crate::text::strip_comments(&t).contains("\\documentclass"))
    });
    if has_main_tex {
        return vec![path.to_path_buf()];
    }
    let pdfs: Vec<&PathBuf> = entries
        .iter()
        .filter(|p| p.is_file() && ext(p) == "pdf")
        .collect();
    if pdfs.len() == 1 {
        return vec![pdfs[0].clone()];
    }
    let mut out = Vec::new();
    for p in &entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            out.extend(documents(p));
        } else if matches!(ext(p).as_str(), "pdf" | "txt") {
            out.push(p.clone());
        }
    }
    out
}

fn table_line(x: &Extraction) -> Vec<String> {
    if let Some(e) = &x.error {
        return vec![format!("{}\terror: {e}", x.source)];
    }
    if x.runs.is_empty() {
        return vec![format!("{}\tnot reported", x.source)];
    }
    x.runs
        .iter()
        .map(|r| {
            let hours = match (r.hours, r.hours_basis) {
                (Some(h), Some(b)) => format!("{h} h ({})", b.as_str()),
                (Some(h), None) => format!("{h} h"),
                _ => "-".into(),
            };
            format!(
                "{}\t{}\t{}\t{}\t{:.2}",
                x.source,
                r.hardware.as_deref().unwrap_or("-"),
                r.count.map(|c| c.to_string()).unwrap_or_else(|| "-".into()),
                hours,
                r.confidence
            )
        })
        .collect()
}

pub fn run(args: ExtractArgs, ctx: &Context) -> Result<()> {
    let paths: Vec<PathBuf> = args.paths.iter().flat_map(|p| documents(p)).collect();
    if paths.is_empty() {
        bail!("no documents under {:?}", args.paths);
    }
    let cache = (!args.no_cache).then(|| TextCache::new(ctx.global.root.join("corpus/cache/text")));
    let results = extract_many(&paths, &ctx.reference, cache.as_ref());
    let failed = results.iter().filter(|x| x.error.is_some()).count();
    let jsonl = ctx.global.json || args.format == Format::Jsonl;
    if jsonl {
        for x in &results {
            super::out(&serde_json::to_string(x)?);
        }
    } else {
        super::out("source\thardware\tcount\thours\tconfidence");
        for x in &results {
            for l in table_line(x) {
                super::out(&l);
            }
        }
    }
    for x in &results {
        for w in &x.warnings {
            if !ctx.global.quiet {
                eprintln!("warning: {}: {w}", x.source);
            }
        }
    }
    for x in results.iter().filter(|x| x.error.is_some()) {
        if !ctx.global.quiet {
            eprintln!(
                "warning: {}: {}",
                x.source,
                x.error.as_deref().unwrap_or_default()
            );
        }
    }
    if failed == results.len() {
        bail!("none of the {} documents could be read", results.len());
    }
    if failed > 0 && !ctx.global.quiet {
        eprintln!("{failed} of {} documents could not be read", results.len());
    }
    Ok(())
}
