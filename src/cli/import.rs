//! `greenmir import …`: other surveys' data into a survey's records.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use clap::Subcommand;
use serde_json::json;

use super::Context;
use crate::import::import_greenmir_sheets;
use crate::survey::Survey;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The Green MIR study's two CSV sheets (corpus 1 and 2) from DIR.
    GreenmirSheets {
        dir: PathBuf,
        /// Survey to write (corpus/<survey>/papers.jsonl).
        #[arg(long, default_value = "greenmir2024")]
        survey: String,
    },
}

pub fn run(cmd: ImportCommand, ctx: &Context) -> Result<()> {
    match cmd {
        ImportCommand::GreenmirSheets { dir, survey } => {
            let survey = Survey::open(&ctx.global.root, &survey)?;
            let report = import_greenmir_sheets(&dir, &ctx.reference)
                .with_context(|| format!("importing Green MIR sheets from {}", dir.display()))?;
            survey.save(&report.records)?;
            let with_runs = report.records.iter().filter(|r| !r.runs.is_empty()).count();
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "survey": survey.name, "file": survey.papers_path(),
                    "sheets": report.sheets, "papers": report.records.len(),
                    "papers_with_runs": with_runs, "warnings": report.warnings,
                }));
            }
            for w in &report.warnings {
                eprintln!("warning: {w}");
            }
            ctx.say(&format!(
                "imported {} papers ({} with compute figures) from {} sheets into {}",
                report.records.len(),
                with_runs,
                report.sheets.len(),
                survey.papers_path().display()
            ));
        }
    }
    Ok(())
}
