//! Training times in table rows: a table (cells separated by ` | `, as LaTeX tables are
//! flattened) whose header has a time column with a unit, introduced or captioned as training.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Hours;

/// One row's training time.
#[derive(Debug, Clone, PartialEq)]
pub struct TableTime {
    pub hours: Hours,
    /// The row as printed, and the header line of its table.
    pub row: String,
    pub header: String,
    /// Byte offset of the row in the page text.
    pub offset: usize,
}

static TIME_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:training\s+|train\s+)?time\b[^|]*?(?:\(|\[|in\s+)?\s*(seconds|secs?|s|minutes|mins?|hours|hrs?|h|days?)\b")
        .expect("time header regex")
});

static NOT_TRAINING_HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:inference|prediction|test|testing|decod\w*|latency|per (?:image|sample|frame|song|file)|generation|synthesis)\b")
        .expect("not training header regex")
});

static TRAIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\btrain(?:ed|ing)?\b").expect("train regex"));

static NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*~?\s*(\d+(?:\.\d+)?)\s*$").expect("number regex"));

fn unit_hours(unit: &str) -> f64 {
    match unit.to_lowercase().as_str() {
        "seconds" | "sec" | "secs" | "s" => 1.0 / 3600.0,
        "minutes" | "min" | "mins" => 1.0 / 60.0,
        "days" | "day" => 24.0,
        _ => 1.0,
    }
}

fn cells(line: &str) -> Vec<&str> {
    line.split(" | ").map(str::trim).collect()
}

/// Training times from the tables of a page. `context` is how many lines before a table are
/// read for a caption or an introducing sentence that says "train".
pub fn table_times(page: &str) -> Vec<TableTime> {
    let lines: Vec<(usize, &str)> = {
        let mut offset = 0;
        page.split('\n')
            .map(|l| {
                let o = offset;
                offset += l.len() + 1;
                (o, l)
            })
            .collect()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].1.contains(" | ") {
            i += 1;
            continue;
        }
        // A header: this line plus following lines until the first row of numbers, joined
        // (nested tabulars split a header cell over lines: "Time\n(seconds)").
        let start = i;
        let mut header = String::new();
        let mut j = i;
        while j < lines.len() && j < i + 8 {
            let l = lines[j].1;
            let is_row = l.contains(" | ")
                && cells(l).iter().skip(1).any(|c| NUMBER.is_match(c))
                && !header.is_empty();
            if is_row {
                break;
            }
            header.push(' ');
            header.push_str(l);
            j += 1;
        }
        let header_cells: Vec<&str> = header.split('|').map(str::trim).collect();
        let col = header_cells
            .iter()
            .position(|c| TIME_HEADER.is_match(c) && !NOT_TRAINING_HEADER.is_match(c));
        let Some(col) = col else {
            i = j.max(i + 1);
            continue;
        };
        let unit = TIME_HEADER
            .captures(header_cells[col])
            .and_then(|c| c.get(1))
            .map(|m| unit_hours(m.as_str()))
            .unwrap_or(1.0);
        // The table must be said to be about training: header, caption or the lines before.
        let before: String = lines[start.saturating_sub(12)..start]
            .iter()
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join(" ");
        // The caption: the nearest short line above the table.
        let caption = lines[start.saturating_sub(4)..start]
            .iter()
            .rev()
            .map(|(_, l)| l.trim())
            .find(|l| !l.is_empty() && l.len() < 120)
            .unwrap_or("");
        let about_training = TRAIN.is_match(&header) || TRAIN.is_match(&before);
        if !about_training || NOT_TRAINING_HEADER.is_match(caption) {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < lines.len() && lines[k].1.contains(" | ") {
            let row = cells(lines[k].1);
            if row.len() == header_cells.len() {
                if let Some(v) = row
                    .get(col)
                    .and_then(|c| NUMBER.captures(c))
                    .and_then(|c| c[1].parse::<f64>().ok())
                {
                    if v > 0.0 {
                        out.push(TableTime {
                            hours: Hours::stated(v * unit),
                            row: lines[k].1.trim().to_string(),
                            header: header.split_whitespace().collect::<Vec<_>>().join(" "),
                            offset: lines[k].0,
                        });
                    }
                }
            }
            k += 1;
        }
        i = k.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_training_time_table_in_seconds() {
        let page = "Table 2 lists how long each model took to train.\nResults\nModel | Acc. | Time (s)\nSmallNet | 0.91 | 120\nBigNet | 0.95 | 7200\n\nNext paragraph.";
        let t = table_times(page);
        assert_eq!(t.len(), 2);
        assert!((t[0].hours.value - 120.0 / 3600.0).abs() < 1e-9);
        assert_eq!(t[1].hours.value, 2.0);
        assert_eq!(t[1].row, "BigNet | 0.95 | 7200");
    }

    #[test]
    fn header_split_over_lines() {
        let page = "These models were used for full training.\nName | Score |\nTime\n(minutes)\nA | 1 | 30\nB | 2 | 90\n";
        let t = table_times(page);
        assert_eq!(
            t.iter().map(|x| x.hours.value).collect::<Vec<_>>(),
            [0.5, 1.5]
        );
    }

    #[test]
    fn inference_tables_and_tables_without_training_are_skipped() {
        assert!(table_times("We trained it.\nModel | Inference time (ms)\nA | 12\n").is_empty());
        assert!(table_times("Speed of the tools.\nTool | Time (s)\nA | 12\nB | 3\n").is_empty());
        assert!(
            table_times("All were trained.\nInference speed\nTool | Time (s)\nA | 12\n").is_empty()
        );
    }
}
