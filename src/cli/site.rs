//! `greenmir site`: a static HTML site of a survey — tables, plots and one explanation page
//! per paper — that a research group can publish next to their paper.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Context;
use crate::atomic::write_atomic;
use crate::estimate::{CountryCounting, Method};
use crate::explain::{explain, html_escape, render_html};
use crate::survey::Survey;
use crate::tables::{disclosure_per_year, energy_per_paper, to_html};

#[derive(Debug, Args)]
pub struct SiteArgs {
    #[arg(long, default_value = "greenmir2024")]
    pub survey: String,
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
    /// Output folder (default: tables/<survey>/site/).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Count countries as the source spells them.
    #[arg(long)]
    pub exact: bool,
}

const STYLE: &str = "body{font-family:sans-serif;max-width:75em;margin:2em auto;line-height:1.4}\
table{border-collapse:collapse;font-size:.9em}td,th{border-bottom:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}\
td.num{text-align:right}pre{background:#f4f4f4;padding:.6em}";

pub fn run(args: SiteArgs, ctx: &Context) -> Result<()> {
    let survey = Survey::open_existing(&ctx.global.root, &args.survey)?;
    let (records, issues) = survey.load_resolved(&ctx.reference)?;
    let method = Method::find(&args.method)?;
    let counting = if args.exact {
        CountryCounting::AsWritten
    } else {
        CountryCounting::Iso
    };
    let tables = crate::tables::build(&survey.name, &records, &method, &ctx.reference, counting)?;
    let out = args.out.unwrap_or_else(|| {
        ctx.global
            .root
            .join("tables")
            .join(&survey.name)
            .join("site")
    });
    let s = &tables.summary;
    let years: Vec<(i32, [u32; 3])> = s.disclosure_by_year.iter().map(|(y, c)| (*y, *c)).collect();
    write_atomic(
        &out.join("energy_per_paper.svg"),
        energy_per_paper(
            &format!("Training energy per paper ({})", s.method),
            &tables.bars,
        )
        .as_bytes(),
    )?;
    write_atomic(
        &out.join("disclosure_per_year.svg"),
        disclosure_per_year("Compute disclosure per year", &years).as_bytes(),
    )?;
    let headline = s.render();
    let index = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>\
         <style>{STYLE}</style></head><body>\n<h1>{title}</h1>\n<pre>{headline}</pre>\n\
         <p><img src=\"energy_per_paper.svg\" alt=\"energy per paper\"> \
         <img src=\"disclosure_per_year.svg\" alt=\"disclosure per year\"></p>\n\
         <h2>Per year</h2>\n{years}<h2>Per country</h2>\n{countries}<h2>Per paper</h2>\n\
         <p>Each paper links to how it was scored.</p>\n{papers}</body></html>\n",
        title = html_escape(&format!(
            "Footprint survey {} ({} v{})",
            s.survey, s.method, s.method_version
        )),
        headline = html_escape(&headline),
        years = to_html(&tables.per_year, None),
        countries = to_html(&tables.per_country, None),
        papers = to_html(&tables.per_paper, Some(("paper_id", "papers/", ".html"))),
    );
    write_atomic(&out.join("index.html"), index.as_bytes())?;
    for rec in &records {
        let blocks = explain(rec, &survey.name, &method, &ctx.reference, &issues);
        let page = render_html(&blocks).replace(
            "<body>\n",
            "<body>\n<p><a href=\"../index.html\">← survey</a></p>\n",
        );
        write_atomic(
            &out.join("papers").join(format!("{}.html", rec.paper.id)),
            page.as_bytes(),
        )?;
    }
    ctx.say(&format!(
        "wrote {} with {} paper pages",
        out.join("index.html").display(),
        records.len()
    ));
    Ok(())
}
