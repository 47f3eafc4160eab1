//! The survey tables as polars DataFrames: per paper, per year, per country.

use polars::prelude::*;

use super::rows::PaperRow;
use crate::error::Result;

/// A column of `name` read from each row with `get`: the tidy tables build every column so.
pub(super) fn column<R, T>(name: &str, rows: &[&R], get: impl Fn(&R) -> T) -> Column
where
    Series: NamedFrom<Vec<T>, [T]>,
{
    Column::new(name.into(), rows.iter().map(|r| get(r)).collect::<Vec<T>>())
}

fn s(name: &str, v: Vec<String>) -> Column {
    Column::new(name.into(), v)
}

fn f(name: &str, v: Vec<Option<f64>>) -> Column {
    Column::new(name.into(), v)
}

/// The per-paper table, sorted by paper id.
pub fn per_paper(rows: &[PaperRow]) -> Result<DataFrame> {
    let mut rows: Vec<&PaperRow> = rows.iter().collect();
    rows.sort_by(|a, b| a.paper_id.cmp(&b.paper_id));
    let col_s = |name: &str, g: fn(&PaperRow) -> &String| {
        s(name, rows.iter().map(|r| g(r).clone()).collect())
    };
    let col_f =
        |name: &str, g: fn(&PaperRow) -> Option<f64>| f(name, rows.iter().map(|r| g(r)).collect());
    let cols = vec![
        col_s("paper_id", |r| &r.paper_id),
        Column::new(
            "year".into(),
            rows.iter().map(|r| r.year).collect::<Vec<_>>(),
        ),
        col_s("title", |r| &r.title),
        col_s("disclosure", |r| &r.disclosure),
        col_s("hardware", |r| &r.hardware),
        col_s("count", |r| &r.count),
        col_s("tdp_w", |r| &r.tdp_w),
        col_s("hours", |r| &r.hours),
        col_s("status", |r| &r.status),
        col_s("missing", |r| &r.missing),
        col_f("kwh_device", |r| r.kwh_device),
        col_f("pue", |r| r.pue),
        col_f("kwh", |r| r.kwh),
        col_f("kwh_low", |r| r.kwh_low),
        col_f("kwh_high", |r| r.kwh_high),
        col_f("kgco2e", |r| r.kgco2e),
        col_f("kgco2e_low", |r| r.kgco2e_low),
        col_f("kgco2e_high", |r| r.kgco2e_high),
        col_s("countries", |r| &r.countries),
        col_f("intensity_g_per_kwh", |r| r.intensity_g_per_kwh),
        col_s("intensity_basis", |r| &r.intensity_basis),
        col_f("stated_kwh", |r| r.stated_kwh),
        col_s("check", |r| &r.check),
        col_s("method", |r| &r.method),
        col_s("reference_version", |r| &r.reference_version),
        col_s("origins", |r| &r.origins),
    ];
    Ok(DataFrame::new(rows.len(), cols)?)
}

fn count_of(column: &str, value: &str) -> Expr {
    col(column).eq(lit(value)).cast(DataType::UInt32).sum()
}

/// Rounds a float expression to 4 decimals (stable text in CSV/Markdown).
fn r4(e: Expr) -> Expr {
    (e * lit(1e4)).round(0, RoundMode::HalfAwayFromZero) / lit(1e4)
}

/// Papers, disclosure counts and energy statistics per publication year.
pub fn per_year(papers: &DataFrame) -> Result<DataFrame> {
    let est = col("status").eq(lit("estimated"));
    let kwh = col("kwh").filter(est.clone());
    let out = papers
        .clone()
        .lazy()
        .group_by([col("year")])
        .agg([
            col("paper_id").count().alias("papers"),
            count_of("disclosure", "full").alias("full"),
            count_of("disclosure", "partial").alias("partial"),
            count_of("disclosure", "none").alias("none"),
            est.cast(DataType::UInt32).sum().alias("estimated"),
            r4(kwh.clone().sum()).alias("kwh_sum"),
            r4(kwh.clone().mean()).alias("kwh_mean"),
            r4(kwh.median()).alias("kwh_median"),
        ])
        .sort(["year"], SortMultipleOptions::default())
        .collect()?;
    Ok(out)
}

/// One line per (paper, country) pair, for the per-country table.
pub struct PaperCountry {
    pub paper_id: String,
    pub label: String,
    pub iso2: Option<String>,
}

/// Papers, estimated papers and their energy per country. A paper with authors in two
/// countries counts once for each.
pub fn per_country(papers: &DataFrame, links: &[PaperCountry]) -> Result<DataFrame> {
    let link_df = DataFrame::new(
        links.len(),
        vec![
            s(
                "paper_id",
                links.iter().map(|l| l.paper_id.clone()).collect(),
            ),
            s("country", links.iter().map(|l| l.label.clone()).collect()),
            Column::new(
                "iso2".into(),
                links.iter().map(|l| l.iso2.clone()).collect::<Vec<_>>(),
            ),
        ],
    )?;
    let est = col("status").eq(lit("estimated"));
    let out = link_df
        .lazy()
        .left_join(
            papers.clone().lazy().select([
                col("paper_id"),
                col("status"),
                col("kwh"),
                col("kgco2e"),
            ]),
            col("paper_id"),
            col("paper_id"),
        )
        .group_by([col("country"), col("iso2")])
        .agg([
            col("paper_id").n_unique().alias("papers"),
            est.clone().cast(DataType::UInt32).sum().alias("estimated"),
            r4(col("kwh").filter(est.clone()).sum()).alias("kwh_sum"),
            r4(col("kgco2e").filter(est).sum()).alias("kgco2e_sum"),
        ])
        .sort_by_exprs(
            [col("papers"), col("country")],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()?;
    Ok(out)
}
