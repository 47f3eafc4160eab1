//! `greenmir tables`: estimate a survey under a method and write tables, plots and a summary.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::estimate::{CountryCounting, Method};
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct TablesArgs {
    /// Survey to tabulate (corpus/<survey>/papers.jsonl).
    #[arg(long, default_value = "greenmir2024")]
    pub survey: String,
    /// Method: a built-in id (greenmir2024, douwes, green-algorithms) or a TOML profile.
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
    /// Output folder (default: tables/<survey>/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Exact reproduction: count countries as the source spells them (no merging).
    #[arg(long)]
    pub exact: bool,
}

pub fn run(args: TablesArgs, ctx: &Context) -> Result<()> {
    let survey = Survey::open_existing(&ctx.global.root, &args.survey)?;
    let (records, issues) = survey.load_resolved(&ctx.reference)?;
    for i in &issues {
        eprintln!(
            "warning: correction {} {} by {} ({}): {} — {}",
            i.paper, i.field, i.by, i.at, i.kind, i.detail
        );
    }
    let method = Method::find(&args.method)?;
    let counting = if args.exact {
        CountryCounting::AsWritten
    } else {
        CountryCounting::Iso
    };
    let mut tables =
        crate::tables::build(&survey.name, &records, &method, &ctx.reference, counting)?;
    let out = args
        .out
        .unwrap_or_else(|| ctx.global.root.join("tables").join(&survey.name));
    let files = tables.write(&out)?;
    if ctx.global.json {
        return ctx.print_json(&tables.summary);
    }
    ctx.say(&tables.summary.render());
    ctx.say(&format!("wrote {} files to {}", files.len(), out.display()));
    Ok(())
}
