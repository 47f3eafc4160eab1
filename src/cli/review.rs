//! `greenmir review`: the local review web UI.

use anyhow::{bail, Result};
use clap::Args;

use super::Context;
use crate::estimate::Method;
use crate::review::{new_token, serve, App};
use crate::survey::Survey;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[arg(long, default_value = "greenmir2024")]
    pub survey: String,
    /// The method each run's kWh is shown under.
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
    /// Who is reviewing (written into every correction).
    #[arg(long)]
    pub by: String,
    /// Port on 127.0.0.1 (0 = any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
}

pub fn run(args: ReviewArgs, ctx: &Context) -> Result<()> {
    if args.by.trim().is_empty() {
        bail!("say who you are: --by NAME");
    }
    let survey = Survey::open_existing(&ctx.global.root, &args.survey)?;
    let app = App {
        survey,
        reference: ctx.reference.clone(),
        by: args.by.clone(),
        token: new_token(),
        text_cache: ctx.global.root.join("corpus/cache/text"),
        pdf_cache: ctx.global.root.join("corpus/cache/pdf"),
        page_cache: ctx.global.root.join("corpus/cache/pages"),
        method: Method::find(&args.method)?,
        port: std::sync::OnceLock::new(),
        write_lock: tokio::sync::Mutex::new(()),
    };
    serve(app, args.port, |addr, token| {
        // Always printed (even with --quiet): the URL is the only way in.
        super::out(&format!(
            "review at http://{addr}/?token={token}  (Ctrl-C to stop)"
        ));
    })?;
    Ok(())
}
