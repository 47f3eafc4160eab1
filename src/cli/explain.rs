//! `greenmir explain PAPER`: how a paper was scored, down to the quoted sentence.

use anyhow::{anyhow, Result};
use clap::{Args, ValueEnum};

use super::Context;
use crate::estimate::Method;
use crate::explain::{explain, find_paper, render_html, render_markdown, render_text};
use crate::survey::Survey;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Paper id, DOI, or words of its title.
    #[arg(required = true)]
    pub paper: Vec<String>,
    #[arg(long, default_value = "greenmir2024")]
    pub survey: String,
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(args: ExplainArgs, ctx: &Context) -> Result<()> {
    let survey = Survey::open(&ctx.global.root, &args.survey)?;
    let (records, issues) = survey.load_resolved(&ctx.reference)?;
    let method = Method::find(&args.method)?;
    let rec = find_paper(&records, &args.paper.join(" ")).map_err(|e| anyhow!(e))?;
    if ctx.global.json {
        let est = crate::estimate::Estimator::new(&method, &ctx.reference).estimate(rec);
        return ctx.print_json(&serde_json::json!({"record": rec, "estimate": est}));
    }
    let blocks = explain(rec, &survey.name, &method, &ctx.reference, &issues);
    let text = match args.format {
        Format::Text => render_text(&blocks),
        Format::Markdown => render_markdown(&blocks),
        Format::Html => render_html(&blocks),
    };
    ctx.say(text.trim_end());
    Ok(())
}
