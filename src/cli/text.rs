//! `greenmir text FILE`: a paper's text with page numbers.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::text::{read_document, TextCache};

#[derive(Debug, Args)]
pub struct TextArgs {
    /// A PDF, a .tex (its \input files are followed), a .txt, or a LaTeX paper's folder.
    pub file: PathBuf,
    /// Read the file again instead of using corpus/cache/text/.
    #[arg(long)]
    pub no_cache: bool,
}

pub fn run(args: TextArgs, ctx: &Context) -> Result<()> {
    let doc = if args.no_cache {
        read_document(&args.file)
    } else {
        TextCache::new(ctx.global.root.join("corpus/cache/text")).read(&args.file)
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    // Warnings go to stderr (and are in the JSON document): the text is usable but may lack
    // the named parts.
    for w in &doc.warnings {
        eprintln!("warning: {w}");
    }
    if ctx.global.json {
        return ctx.print_json(&doc);
    }
    let mut out = String::new();
    for p in &doc.pages {
        out.push_str(&format!("=== page {} ===\n", p.number));
        out.push_str(p.text.trim_end());
        out.push('\n');
    }
    ctx.say(out.trim_end());
    Ok(())
}
