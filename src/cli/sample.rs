//! `greenmir sample`: write the embedded sample corpus as PDFs.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::sample::write_sample;

#[derive(Debug, Args)]
pub struct SampleArgs {
    /// Folder to write the PDFs to.
    #[arg(long, default_value = "corpus/sample/pdf")]
    pub out: PathBuf,
}

pub fn run(args: SampleArgs, ctx: &Context) -> Result<()> {
    let dir = if args.out.is_absolute() {
        args.out.clone()
    } else {
        ctx.global.root.join(&args.out)
    };
    let files = write_sample(&dir)?;
    if ctx.global.json {
        return ctx.print_json(&files);
    }
    ctx.say(&format!(
        "wrote {} sample papers to {}",
        files.len(),
        dir.display()
    ));
    Ok(())
}
