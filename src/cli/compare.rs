//! `greenmir compare --survey A --against B`: a survey against a reference survey (e.g.
//! read from PDFs vs. annotated by hand): matched papers, agreement rates, disagreements.

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::compare::{compare, render_text};
use crate::estimate::Method;
use crate::model::PaperRecord;
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The survey to judge (corpus/<survey>/papers.jsonl), e.g. one read from PDFs.
    #[arg(long)]
    pub survey: String,
    /// The reference survey, e.g. `greenmir2024` from `greenmir import greenmir-sheets`.
    /// (Not `--reference`: that global flag names a reference-data folder.)
    #[arg(long, value_name = "SURVEY")]
    pub against: String,
    /// Method both sides are estimated with: a built-in id or a TOML profile.
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
}

pub fn run(args: CompareArgs, ctx: &Context) -> Result<()> {
    let method = Method::find(&args.method)?;
    let survey = load(ctx, &args.survey)?;
    let reference = load(ctx, &args.against)?;
    let c = compare(
        (&args.survey, &survey),
        (&args.against, &reference),
        &method,
        &ctx.reference,
    );
    if ctx.global.json {
        return ctx.print_json(&c);
    }
    ctx.say(render_text(&c).trim_end());
    Ok(())
}

/// A survey's records with its corrections applied; corrections that no longer apply are
/// warned about, not fatal.
fn load(ctx: &Context, name: &str) -> Result<Vec<PaperRecord>> {
    let survey = Survey::open_existing(&ctx.global.root, name)?;
    let (records, issues) = survey
        .load_resolved(&ctx.reference)
        .with_context(|| format!("loading survey {name}"))?;
    for i in &issues {
        eprintln!(
            "warning: survey {name}: correction {} {} by {} ({}): {} — {}",
            i.paper, i.field, i.by, i.at, i.kind, i.detail
        );
    }
    Ok(records)
}
