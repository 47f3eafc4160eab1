//! `greenmir reference …`: look up what the tool knows, with sources.

use anyhow::{bail, Result};
use clap::Subcommand;
use serde_json::json;

use super::Context;
use crate::estimate::{fmt_num, Method};

#[derive(Debug, Subcommand)]
pub enum ReferenceCommand {
    /// Resolve a hardware name as papers write it ("2080ti", "Tesla-V100-SXM2-32GB").
    Hardware {
        /// The name; several words are joined.
        #[arg(required = true)]
        query: Vec<String>,
    },
    /// Carbon intensity of a country in a year, with the fallback used.
    Intensity {
        /// Country: ISO code or name ("FR", "France", "USA").
        country: String,
        /// Year (default: the latest the vintage has).
        year: Option<i32>,
        #[arg(long, default_value = "owid-ember-2025-12")]
        vintage: String,
    },
    /// PUE presets and their sources.
    Pue,
    /// The built-in estimation methods.
    Methods,
    /// Check the reference data and print its version and sizes.
    Check,
}

pub fn run(cmd: ReferenceCommand, ctx: &Context) -> Result<()> {
    let r = &ctx.reference;
    match cmd {
        ReferenceCommand::Hardware { query } => {
            let q = query.join(" ");
            let Some(hit) = r.hardware.resolve(&q) else {
                let sugg: Vec<String> = r
                    .hardware
                    .suggest(&q, 5)
                    .iter()
                    .map(|d| format!("{} ({})", d.name, d.id))
                    .collect();
                let hint = if sugg.is_empty() {
                    String::new()
                } else {
                    format!("; did you mean: {}", sugg.join(", "))
                };
                bail!("no catalog entry matches {q:?}{hint}");
            };
            let d = hit.device;
            if ctx.global.json {
                let tdp: Vec<_> = d
                    .tdp
                    .iter()
                    .map(|t| {
                        json!({"tdp_w": t.tdp_w, "variant": t.variant, "source_key": t.source_key,
                               "source": t.source, "note": t.note})
                    })
                    .collect();
                let defaults: Vec<_> = Method::builtin()
                    .iter()
                    .filter_map(|m| {
                        r.hardware
                            .choose_tdp(d, &hit.variants, &m.energy.tdp_sources)
                            .map(|c| json!({"method": m.id, "tdp_w": c.chosen.tdp_w, "rule": c.rule}))
                    })
                    .collect();
                return ctx.print_json(&json!({
                    "query": q, "id": d.id, "name": d.name, "vendor": d.vendor, "family": d.family,
                    "kind": d.kind, "release_year": d.release_year, "memory_gb": d.memory_gb,
                    "variants_in_query": hit.variants, "aliases": d.aliases, "source": d.source,
                    "tdp": tdp, "method_defaults": defaults,
                    "reference_version": r.version,
                }));
            }
            let mut out = format!(
                "{q:?} → {} ({})\n  vendor {}, kind {}, family {}, released {}, memory {}\n  source: {}\n",
                d.name,
                d.id,
                d.vendor,
                d.kind,
                d.family,
                d.release_year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
                d.memory_gb.map(|m| format!("{} GB", fmt_num(m))).unwrap_or_else(|| "?".into()),
                d.source
            );
            if !hit.variants.is_empty() {
                out.push_str(&format!(
                    "  variant named in the query: {}\n",
                    hit.variants.join(", ")
                ));
            }
            out.push_str("  TDP by source:\n");
            for t in &d.tdp {
                out.push_str(&format!("    {}", t.describe()));
                if !t.note.is_empty() {
                    out.push_str(&format!(" — {}", t.note));
                }
                out.push('\n');
            }
            out.push_str("  default per method:\n");
            for m in Method::builtin() {
                match r
                    .hardware
                    .choose_tdp(d, &hit.variants, &m.energy.tdp_sources)
                {
                    Some(c) => out.push_str(&format!(
                        "    {:<17} {} W ({})\n",
                        m.id,
                        fmt_num(c.chosen.tdp_w),
                        c.rule
                    )),
                    None => out.push_str(&format!("    {:<17} no TDP known\n", m.id)),
                }
            }
            out.push_str(&format!("  reference data {}", r.version));
            ctx.say(&out);
        }
        ReferenceCommand::Intensity {
            country,
            year,
            vintage,
        } => {
            if !r.intensity.has_vintage(&vintage) {
                bail!(
                    "unknown vintage {vintage:?} (have: {})",
                    r.intensity.vintages().collect::<Vec<_>>().join(", ")
                );
            }
            let Some(c) = r.countries.lookup(&country) else {
                bail!("unknown country {country:?}: give an ISO code or an English name");
            };
            let l = r.intensity.lookup(&vintage, Some(&c.iso2), year);
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "country": c.iso2, "name": c.name, "year": l.year, "asked_year": year,
                    "g_per_kwh": l.g_per_kwh, "vintage": l.vintage,
                    "fallback": l.fallback.to_string(), "source": l.source,
                    "reference_version": r.version,
                }));
            }
            ctx.say(&format!(
                "{} ({}) {}: {} gCO2e/kWh — vintage {}, {}; source: {}",
                c.name,
                c.iso2,
                l.year.map(|y| y.to_string()).unwrap_or_else(|| "?".into()),
                fmt_num(l.g_per_kwh),
                l.vintage,
                l.fallback,
                l.source
            ));
        }
        ReferenceCommand::Pue => {
            if ctx.global.json {
                let rows: Vec<_> = r
                    .pue
                    .iter()
                    .map(
                        |p| json!({"id": p.id, "pue": p.pue, "label": p.label, "source": p.source}),
                    )
                    .collect();
                return ctx.print_json(&rows);
            }
            for p in &r.pue {
                ctx.say(&format!(
                    "{:<22} {:<6} {} — {}",
                    p.id,
                    fmt_num(p.pue),
                    p.label,
                    p.source
                ));
            }
        }
        ReferenceCommand::Methods => {
            let ms = Method::builtin();
            if ctx.global.json {
                return ctx.print_json(&ms);
            }
            for m in ms {
                ctx.say(&format!(
                    "{} v{} — {}\n  source: {}\n  {}\n",
                    m.id,
                    m.version,
                    m.name,
                    m.source,
                    m.description.trim().replace('\n', "\n  ")
                ));
            }
        }
        ReferenceCommand::Check => {
            let gpus = r
                .hardware
                .devices()
                .iter()
                .filter(|d| d.kind != crate::reference::HardwareKind::Cpu)
                .count();
            let v: Vec<&str> = r.intensity.vintages().collect();
            let gz = r.gazetteer.sizes();
            if ctx.global.json {
                return ctx.print_json(&json!({
                    "reference_version": r.version, "devices": r.hardware.devices().len(),
                    "accelerators": gpus, "countries": r.countries.all().len(),
                    "intensity_vintages": v, "pue_presets": r.pue.len(),
                    "gazetteer": gz,
                }));
            }
            ctx.say(&format!(
                "reference data {}: {} devices ({} accelerators), {} countries, intensity vintages {}, {} PUE presets",
                r.version,
                r.hardware.devices().len(),
                gpus,
                r.countries.all().len(),
                v.join(", "),
                r.pue.len()
            ));
            ctx.say(&format!(
                "gazetteer: {} institutions ({} multinational), {} cities, {} subdivisions, {} regions, {} demonyms, {} domain rules, {} institution domains",
                gz.institutions,
                gz.multinationals,
                gz.cities,
                gz.subdivisions,
                gz.regions,
                gz.demonyms,
                gz.domain_rules,
                gz.institution_domains
            ));
        }
    }
    Ok(())
}
