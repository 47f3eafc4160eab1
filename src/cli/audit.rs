//! `greenmir audit TABLE.csv`: recompute a published table.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::audit::{audit, read_table};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// CSV with model, hardware, count, tdp_w, hours, energy_kwh, co2_kg columns (and
    /// optionally stated_pue, stated_kgco2_per_kwh).
    pub table: PathBuf,
}

pub fn run(args: AuditArgs, ctx: &Context) -> Result<()> {
    let (rows, stated) = read_table(&args.table)?;
    let report = audit(
        &args.table.display().to_string(),
        &rows,
        stated,
        &ctx.reference,
    );
    if ctx.global.json {
        return ctx.print_json(&report);
    }
    ctx.say(report.render().trim_end());
    Ok(())
}
