//! `greenmir estimate`: one run's footprint from its numbers, with every assumption shown.

use anyhow::{bail, Result};
use clap::Args;

use super::Context;

fn given<T>(v: T) -> Field<T> {
    Field::new(
        v,
        Origin::Annotated {
            by: "command line".into(),
            at: String::new(),
            reason: "given to greenmir estimate".into(),
        },
    )
}
use crate::estimate::{fmt_num, Estimator, Method};
use crate::model::{
    CountryRef, EstimateStatus, Field, Hours, Origin, Paper, PaperRecord, Purpose, Run,
};

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// Hardware as a paper names it ("V100", "2080ti").
    #[arg(long)]
    pub hardware: Option<String>,
    /// TDP in W, overriding the catalog.
    #[arg(long)]
    pub tdp: Option<f64>,
    #[arg(long, default_value_t = 1)]
    pub count: u32,
    /// Wall-clock training hours.
    #[arg(long)]
    pub hours: f64,
    /// Memory in GB (counted by methods with a memory term).
    #[arg(long)]
    pub memory_gb: Option<f64>,
    /// Country (ISO code or name) for the carbon intensity.
    #[arg(long)]
    pub country: Option<String>,
    /// Year for the carbon intensity (methods that use the paper's year).
    #[arg(long)]
    pub year: Option<i32>,
    #[arg(long, default_value = "greenmir2024")]
    pub method: String,
}

pub fn run(args: EstimateArgs, ctx: &Context) -> Result<()> {
    if !(args.hours > 0.0 && args.hours.is_finite()) {
        bail!("--hours must be a positive number, got {}", args.hours);
    }
    if args.count == 0 {
        bail!("--count must be at least 1");
    }
    if args.hardware.is_none() && args.tdp.is_none() {
        bail!("give --hardware NAME or --tdp WATTS");
    }
    let method = Method::find(&args.method)?;
    let mut hardware_id = None;
    if let Some(h) = &args.hardware {
        match ctx.reference.hardware.resolve(h) {
            Some(r) => hardware_id = Some(given(r.device.id.clone())),
            None if args.tdp.is_none() => bail!("hardware {h:?} is not in the catalog; give --tdp"),
            None => {}
        }
    }
    let mut rec = PaperRecord::new(Paper {
        id: "command-line".into(),
        venue: None,
        year: args.year,
        title: "greenmir estimate".into(),
        authors: vec![],
        doi: None,
        pdf_url: None,
        sha256: None,
    });
    rec.runs.push(Run {
        hardware: args.hardware.clone().map(given),
        hardware_id,
        count: Some(given(args.count)),
        hours: Some(given(Hours::stated(args.hours))),
        tdp_w: args.tdp.map(given),
        memory_gb: args.memory_gb.map(given),
        purpose: Purpose::Training,
        ..Run::default()
    });
    if let Some(c) = &args.country {
        let Some(country) = ctx.reference.countries.lookup(c) else {
            bail!("unknown country {c:?}: give an ISO code or an English name");
        };
        rec.countries.push(given(CountryRef {
            text: c.clone(),
            iso2: Some(country.iso2.clone()),
        }));
    }
    let est = Estimator::new(&method, &ctx.reference).estimate(&rec);
    if ctx.global.json {
        return ctx.print_json(&est);
    }
    let f = match &est.status {
        EstimateStatus::Estimated(f) => f,
        EstimateStatus::Insufficient { missing } => {
            bail!("cannot estimate: missing {}", missing.join(", "))
        }
    };
    let (e, c, i) = (f.energy_kwh, f.co2e_kg, &f.intensity);
    let Some(r) = f.runs.first() else {
        bail!("no run was counted");
    };
    let mut s = format!(
        "method {} v{} ({}), reference data {}\n",
        method.id, method.version, method.source, est.reference_version
    );
    let mem = args.memory_gb.unwrap_or(0.0) * method.energy.memory_w_per_gb;
    s.push_str(&format!(
        "energy = {} h × PUE {} × ({} × {} W × usage {}{}) / 1000 = {:.2} kWh  [{:.2} – {:.2}]\n",
        fmt_num(r.hours),
        fmt_num(method.energy.pue),
        r.count,
        fmt_num(r.tdp_w),
        fmt_num(method.energy.usage),
        if mem > 0.0 {
            format!(" + {} W memory", fmt_num(mem))
        } else {
            String::new()
        },
        e.point,
        e.low,
        e.high
    ));
    s.push_str(&format!(
        "CO2e = {:.2} kWh × {} g/kWh = {:.2} kg  [{:.2} – {:.2}]\n",
        e.point,
        fmt_num(i.g_per_kwh),
        c.point,
        c.low,
        c.high
    ));
    for a in &est.assumptions {
        s.push_str(&format!("  {}: {} — {}\n", a.name, a.value, a.source));
    }
    for (w, src) in &r.tdp_alternatives {
        s.push_str(&format!("  alternative TDP {} W: {}\n", fmt_num(*w), src));
    }
    ctx.say(s.trim_end());
    Ok(())
}
