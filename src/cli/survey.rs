//! `greenmir survey`: crawl → text → extract → locate → estimate → tables in one command.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Args;

use super::Context;
use crate::crawl::SurveyConfig;
use crate::pipeline::{run_survey, SurveyOptions};

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
    if args.config == std::path::Path::new(crate::sample::CONFIG) {
        // The sample corpus is typeset by the tool itself: (re)write it if missing.
        crate::sample::write(root).context("writing the sample corpus")?;
    }
    let path = root.join(&args.config);
    let cfg = SurveyConfig::load(&path)
        .with_context(|| format!("reading the survey config {}", path.display()))?;
    let (crawl, bar) = super::crawl::options(args.offline, args.survey, ctx);
    let opts = SurveyOptions {
        crawl,
        method: Some(args.method),
        out: args.out,
    };
    let report = run_survey(root, &cfg, opts, &ctx.reference);
    bar.finish_and_clear();
    let report = report.with_context(|| format!("survey {}", path.display()))?;
    if ctx.global.json {
        return ctx.print_json(&report);
    }
    ctx.say(&report.render());
    Ok(())
}
