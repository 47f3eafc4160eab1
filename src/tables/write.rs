//! Writers for DataFrames: CSV, Parquet, Markdown and LaTeX (booktabs), all written atomically.

use std::path::Path;

use polars::prelude::*;

use crate::atomic::write_atomic;
use crate::error::Result;

/// Writes `df` as `<stem>.csv`, `.parquet`, `.md` and `.tex` in `dir`; returns the paths.
pub fn write_all(dir: &Path, stem: &str, df: &DataFrame, caption: &str) -> Result<Vec<String>> {
    let mut written = Vec::new();
    let mut put = |ext: &str, bytes: Vec<u8>| -> Result<()> {
        let p = dir.join(format!("{stem}.{ext}"));
        write_atomic(&p, &bytes)?;
        written.push(p.display().to_string());
        Ok(())
    };
    put("csv", to_csv(df)?)?;
    put("parquet", to_parquet(df)?)?;
    put("md", to_markdown(df).into_bytes())?;
    put("tex", to_latex(df, caption).into_bytes())?;
    Ok(written)
}

/// Writes `df` as `<stem>.csv` and `.parquet` in `dir` (tidy tables meant for scripts, too
/// long to read as Markdown or LaTeX); returns the paths.
pub fn write_data(dir: &Path, stem: &str, df: &DataFrame) -> Result<Vec<String>> {
    let mut written = Vec::new();
    for (ext, bytes) in [("csv", to_csv(df)?), ("parquet", to_parquet(df)?)] {
        let p = dir.join(format!("{stem}.{ext}"));
        write_atomic(&p, &bytes)?;
        written.push(p.display().to_string());
    }
    Ok(written)
}

pub fn to_csv(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = Vec::new();
    let mut df = df.clone();
    CsvWriter::new(&mut buf)
        .include_header(true)
        .finish(&mut df)?;
    Ok(buf)
}

pub fn to_parquet(df: &DataFrame) -> Result<Vec<u8>> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut df = df.clone();
    ParquetWriter::new(&mut buf).finish(&mut df)?;
    Ok(buf.into_inner())
}

/// A cell as people read it: floats with 2 decimals, nulls empty.
fn cell(v: &AnyValue) -> String {
    match v {
        AnyValue::Null => String::new(),
        AnyValue::Float64(x) => format!("{x:.2}"),
        AnyValue::Float32(x) => format!("{x:.2}"),
        AnyValue::String(s) => s.to_string(),
        AnyValue::StringOwned(s) => s.to_string(),
        other => other.to_string(),
    }
}

fn is_numeric(dtype: &DataType) -> bool {
    dtype.is_primitive_numeric()
}

fn grid(df: &DataFrame) -> Vec<Vec<String>> {
    (0..df.height())
        .map(|i| {
            df.columns()
                .iter()
                .map(|c| cell(&c.get(i).unwrap_or(AnyValue::Null)))
                .collect()
        })
        .collect()
}

/// A GitHub-flavoured Markdown table; numeric columns right-aligned.
pub fn to_markdown(df: &DataFrame) -> String {
    let cols = df.columns();
    let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    let mut out = String::new();
    out.push('|');
    for c in cols {
        out.push_str(&format!(" {} |", esc(c.name())));
    }
    out.push_str("\n|");
    for c in cols {
        out.push_str(if is_numeric(c.dtype()) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in grid(df) {
        out.push('|');
        for v in row {
            out.push_str(&format!(" {} |", esc(&v)));
        }
        out.push('\n');
    }
    out
}

/// An HTML `<table>`; every cell escaped. `link` turns a column's cells into links
/// (column name, URL prefix, URL suffix).
pub fn to_html(df: &DataFrame, link: Option<(&str, &str, &str)>) -> String {
    use crate::explain::html_escape;
    let cols = df.columns();
    let mut out = String::from("<table>\n<thead><tr>");
    for c in cols {
        out.push_str(&format!("<th>{}</th>", html_escape(c.name())));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let link_col =
        link.and_then(|(name, _, _)| cols.iter().position(|c| c.name().as_str() == name));
    for row in grid(df) {
        out.push_str("<tr>");
        for (i, v) in row.iter().enumerate() {
            let num = is_numeric(cols[i].dtype());
            let class = if num { " class=\"num\"" } else { "" };
            match (link_col, link) {
                (Some(lc), Some((_, pre, suf))) if lc == i && !v.is_empty() => {
                    out.push_str(&format!(
                        "<td{class}><a href=\"{}{}{}\">{}</a></td>",
                        html_escape(pre),
                        html_escape(v),
                        html_escape(suf),
                        html_escape(v)
                    ))
                }
                _ => out.push_str(&format!("<td{class}>{}</td>", html_escape(v))),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Escapes LaTeX's special characters.
pub fn latex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(ch);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\n' => out.push(' '),
            _ => out.push(ch),
        }
    }
    out
}

/// A booktabs `tabular` ready to `\input` (needs `\usepackage{booktabs}`).
pub fn to_latex(df: &DataFrame, caption: &str) -> String {
    let cols = df.columns();
    let spec: String = cols
        .iter()
        .map(|c| if is_numeric(c.dtype()) { 'r' } else { 'l' })
        .collect();
    let mut out = format!(
        "% {}\n% generated by greenmir; needs \\usepackage{{booktabs}}\n\\begin{{tabular}}{{{spec}}}\n\\toprule\n",
        latex_escape(caption)
    );
    let head: Vec<String> = cols.iter().map(|c| latex_escape(c.name())).collect();
    out.push_str(&head.join(" & "));
    out.push_str(" \\\\\n\\midrule\n");
    for row in grid(df) {
        let cells: Vec<String> = row.iter().map(|v| latex_escape(v)).collect();
        out.push_str(&cells.join(" & "));
        out.push_str(" \\\\\n");
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn df() -> DataFrame {
        DataFrame::new(
            2,
            vec![
                Column::new("name".into(), vec!["a_b & c", "50%"]),
                Column::new("kwh".into(), vec![Some(1.5f64), None]),
            ],
        )
        .unwrap()
    }

    #[test]
    fn latex_escapes_specials_and_aligns_numbers_right() {
        let t = to_latex(&df(), "test");
        assert!(t.contains("\\begin{tabular}{lr}"), "{t}");
        assert!(t.contains("a\\_b \\& c & 1.50 \\\\"), "{t}");
        assert!(t.contains("50\\% &  \\\\"), "{t}");
    }

    #[test]
    fn markdown_has_header_alignment_and_empty_nulls() {
        let m = to_markdown(&df());
        assert_eq!(
            m,
            "| name | kwh |\n| --- | ---: |\n| a_b & c | 1.50 |\n| 50% |  |\n"
        );
    }
}
