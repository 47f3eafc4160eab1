//! `greenmir eval --gold FILE [--docs DIR]`: extraction over the gold papers, scored as the
//! corpus README defines, then every miss.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{anyhow, Result};
use clap::Args;

use super::Context;
use crate::extract::batch::par_map;
use crate::extract::eval::{read_gold, read_manifest, score, Prf};
use crate::extract::{extract_path, Extraction};
use crate::text::TextCache;

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold file (gold.jsonl).
    #[arg(long)]
    pub gold: PathBuf,
    /// The papers folder (default: `papers/` beside the gold file).
    #[arg(long)]
    pub docs: Option<PathBuf>,
    /// The manifest naming each paper's main document (default: `manifest.csv` beside the
    /// gold file).
    #[arg(long)]
    pub manifest: Option<PathBuf>,
    /// Read every file again instead of using corpus/cache/text/.
    #[arg(long)]
    pub no_cache: bool,
}

fn line(name: &str, p: &Prf) -> String {
    format!(
        "{name:<9} P {:.3}  R {:.3}  F1 {:.3}   (tp {}, fp {}, fn {})",
        p.precision, p.recall, p.f1, p.tp, p.fp, p.fn_
    )
}

pub fn run(args: EvalArgs, ctx: &Context) -> Result<()> {
    let dir = args
        .gold
        .parent()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let docs = args.docs.unwrap_or_else(|| dir.join("papers"));
    let manifest_path = args.manifest.unwrap_or_else(|| dir.join("manifest.csv"));
    let gold = read_gold(&args.gold).map_err(|e| anyhow!(e))?;
    let manifest = read_manifest(&manifest_path).map_err(|e| anyhow!(e))?;
    let cache = (!args.no_cache).then(|| TextCache::new(ctx.global.root.join("corpus/cache/text")));
    let extractions: BTreeMap<String, Extraction> = par_map(&gold, |g| {
        let x = match manifest.get(&g.id) {
            Some(main) => extract_path(&docs.join(main), &ctx.reference, cache.as_ref()),
            None => Extraction::failed(&g.id, format!("{} is not in the manifest", g.id)),
        };
        (g.id.clone(), x)
    })
    .into_iter()
    .collect();
    let report = score(&gold, &extractions, &ctx.reference.hardware);
    if ctx.global.json {
        return ctx.print_json(&report);
    }
    let mut text = vec![
        format!(
            "papers: {} ({} could not be read)",
            report.papers, report.failed
        ),
        line("hardware", &report.hardware),
        line("count", &report.count),
        line("hours", &report.hours),
        format!("reported  accuracy {:.3}", report.reported_accuracy),
        format!(
            "non-training hardware reported as training: {}",
            report.non_training_as_training
        ),
    ];
    if !report.misses.is_empty() {
        text.push(String::new());
        text.push(format!("misses ({}):", report.misses.len()));
        for m in &report.misses {
            let ev = if m.evidence.is_empty() {
                String::new()
            } else {
                format!("\n    \"{}\"", m.evidence)
            };
            text.push(format!(
                "  {} {} {}: {}{ev}",
                m.paper, m.field, m.kind, m.value
            ));
        }
    }
    ctx.say(&text.join("\n"));
    Ok(())
}
