//! `greenmir survey`: crawl → text → extract → locate → estimate → tables in one command.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::compare::{compare, render_brief, Comparison};
use crate::crawl::SurveyConfig;
use crate::estimate::Method;
use crate::pipeline::{run_survey, SurveyOptions};
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct SurveyArgs {
    /// Survey config (TOML). The default is the built-in sample corpus (no network).
    #[arg(long, default_value = crate::sample::CONFIG)]
    pub config: PathBuf,
    /// Use the cache only; nothing is requested.
    #[arg(long)]
    pub offline: bool,
    /// Survey name (default: the config's `survey`).
    #[arg(long)]
    pub survey: Option<String>,
    /// Estimation method: a built-in id or a TOML profile.
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
    /// Tables folder (default: tables/<survey>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

pub fn run(args: SurveyArgs, ctx: &Context) -> Result<()> {
    let root = &ctx.global.root;
    let sample = args.config == std::path::Path::new(crate::sample::CONFIG);
    if sample {
        // The sample corpus is typeset by the tool itself: (re)write it if missing.
        crate::sample::write(root).context("writing the sample corpus")?;
    }
    let path = root.join(&args.config);
    let cfg = SurveyConfig::load(&path)
        .with_context(|| format!("reading the survey config {}", path.display()))?;
    let (crawl, bar) = super::crawl::options(args.offline, args.survey, ctx);
    let opts = SurveyOptions {
        crawl,
        method: Some(args.method.clone()),
        out: args.out,
    };
    let report = run_survey(root, &cfg, opts, &ctx.reference);
    bar.finish_and_clear();
    let report = report.with_context(|| format!("survey {}", path.display()))?;
    // The built-in sample knows what a careful reader finds in it: say how close we came.
    let check = if sample {
        Some(against_expected(&report.survey, &args.method, ctx)?)
    } else {
        None
    };
    if ctx.global.json {
        let mut v = serde_json::to_value(&report)?;
        if let (Some(c), Some(o)) = (&check, v.as_object_mut()) {
            o.insert("expected".into(), serde_json::to_value(c)?);
        }
        return ctx.print_json(&v);
    }
    ctx.say(&report.render());
    if let Some(c) = &check {
        ctx.say(render_brief(c).trim_end());
    }
    Ok(())
}

/// The survey holding the sample's expected readings (`corpus/sample/papers.toml`).
pub const EXPECTED_SURVEY: &str = "sample-expected";

/// The sample survey's records compared with the sample's expected readings, as
/// `greenmir compare` compares two surveys.
fn against_expected(survey: &str, method: &str, ctx: &Context) -> Result<Comparison> {
    let method = Method::find(method)?;
    let (records, _) = Survey::open_existing(&ctx.global.root, survey)?
        .load_resolved(&ctx.reference)
        .with_context(|| format!("loading survey {survey}"))?;
    let expected = crate::sample::expected_records(&ctx.reference)?;
    // Kept as a survey of its own, so `greenmir compare --survey sample --against
    // sample-expected` and the notebooks can read it like any reference survey.
    Survey::open(&ctx.global.root, EXPECTED_SURVEY)?
        .save(&expected)
        .with_context(|| format!("writing survey {EXPECTED_SURVEY}"))?;
    Ok(compare(
        (survey, &records),
        (EXPECTED_SURVEY, &expected),
        &method,
        &ctx.reference,
    ))
}
