//! `greenmir crawl`: list a survey's papers from its sources and fetch the PDFs politely.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::{Context as _, Result};
use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Context;
use crate::crawl::{self, CrawlOptions, CrawlReport, Event, SurveyConfig};

#[derive(Debug, Args)]
pub struct CrawlArgs {
    /// Survey config (TOML): sources, contact, politeness settings. The default is the
    /// built-in sample; the real survey is `corpus/surveys/ismir-2017-2024.toml`.
    #[arg(long, default_value = crate::sample::CONFIG)]
    pub config: PathBuf,
    /// Use the cache only; nothing is requested.
    #[arg(long)]
    pub offline: bool,
    /// Survey name (default: the config's `survey`).
    #[arg(long)]
    pub survey: Option<String>,
}

pub fn run(args: CrawlArgs, ctx: &Context) -> Result<()> {
    if args.config == std::path::Path::new(crate::sample::CONFIG) {
        crate::sample::write(&ctx.global.root).context("writing the sample corpus")?;
    }
    let report = run_crawl(&args.config, args.offline, args.survey.clone(), ctx)?;
    if ctx.global.json {
        return ctx.print_json(&report);
    }
    ctx.say(&report.render());
    if report.failed > 0 {
        // A batch with failures is still a finished crawl: re-running retries only those.
        ctx.say(&format!(
            "{} PDFs failed; re-run `greenmir crawl` to retry them (cached PDFs are not fetched again)",
            report.failed
        ));
    }
    Ok(())
}

/// The crawl stage with progress bars (hidden under `--quiet`, `--json` or without a TTY).
pub fn run_crawl(
    config: &std::path::Path,
    offline: bool,
    survey: Option<String>,
    ctx: &Context,
) -> Result<CrawlReport> {
    let path = ctx.global.root.join(config);
    let cfg = SurveyConfig::load(&path)
        .with_context(|| format!("reading the survey config {}", path.display()))?;
    let (opts, bar) = options(offline, survey, ctx);
    let report = crawl::crawl(&ctx.global.root, &cfg, &opts);
    bar.finish_and_clear();
    report.with_context(|| format!("crawling {}", path.display()))
}

/// Crawl options with a progress bar fed by the crawl's events.
pub fn options(
    offline: bool,
    survey: Option<String>,
    ctx: &Context,
) -> (CrawlOptions, ProgressBar) {
    let bar = ProgressBar::with_draw_target(
        None,
        if ctx.global.quiet || ctx.global.json {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        },
    );
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} {elapsed}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let shared = Arc::new(Mutex::new(bar.clone()));
    let on_event = move |e: Event| {
        let bar = shared.lock().expect("lock");
        match e {
            Event::Listed { source, papers } => {
                bar.set_message(format!("listed {papers} papers from {source}"));
                bar.tick();
            }
            Event::Downloading { total } => {
                bar.set_length(total as u64);
                bar.set_message("PDFs");
            }
            Event::Downloaded { .. } => bar.inc(1),
        }
    };
    let opts = CrawlOptions {
        offline,
        survey,
        on_event: Some(Box::new(on_event)),
    };
    (opts, bar)
}
