//! Training times in table rows: a table whose header has a time column with a unit,
//! introduced or captioned as training. LaTeX tables come flattened with cells separated by
//! ` | `; PDF tables come as lines of cells separated by tabs or runs of spaces (or single
//! spaces, when header and rows have the same number of tokens).

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
    /// The row's cell under a hardware column ("GPU", "Hardware": "8× V100"), when the table
    /// has one.
    pub hardware_cell: Option<String>,
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

/// A header cell naming a training time without its unit ("Training time"): the unit is in
/// each row's cell.
static TIME_HEADER_NO_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:total\s+|wall[-\s]?clock\s+)?(?:training|train\.?)\s+(?:time|duration)\s*$|^\s*time\s+to\s+train\s*$")
        .expect("time header without unit regex")
});

/// A cell holding a time with its unit: "12 h", "2 d", "~3 days", "90 min".
static CELL_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:~|≈|about\s+)?\s*(\d+(?:\.\d+)?)\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w)\s*$")
        .expect("cell time regex")
});

/// A cell's time in hours, with the header's unit when the cell has none.
fn cell_hours(cell: &str, unit: Option<f64>) -> Option<f64> {
    if let Some(c) = NUMBER.captures(cell) {
        return Some(c[1].parse::<f64>().ok()? * unit?);
    }
    let c = CELL_TIME.captures(cell)?;
    let v = c[1].parse::<f64>().ok()?;
    Some(v * unit_of(&c[2]))
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
                && cells(l)
                    .iter()
                    .skip(1)
                    .any(|c| NUMBER.is_match(c) || CELL_TIME.is_match(c))
                && !header.is_empty();
            if is_row {
                break;
            }
            header.push(' ');
            header.push_str(l);
            j += 1;
        }
        let header_cells: Vec<&str> = header.split('|').map(str::trim).collect();
        let col = header_cells.iter().position(|c| {
            (TIME_HEADER.is_match(c) || TIME_HEADER_NO_UNIT.is_match(c))
                && !NOT_TRAINING_HEADER.is_match(c)
        });
        let Some(col) = col else {
            i = j.max(i + 1);
            continue;
        };
        let unit = TIME_HEADER
            .captures(header_cells[col])
            .and_then(|c| c.get(1))
            .map(|m| unit_of(m.as_str()));
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
                if let Some(v) = row.get(col).and_then(|c| cell_hours(c, unit)) {
                    if v > 0.0 {
                        out.push(TableTime {
                            hours: Hours::stated(v),
                            row: lines[k].1.trim().to_string(),
                            header: header.split_whitespace().collect::<Vec<_>>().join(" "),
                            offset: lines[k].0,
                            hardware_cell: None,
                        });
                    }
                }
            }
            k += 1;
        }
        i = k.max(i + 1);
    }
    out.extend(column_tables(&lines));
    out.sort_by_key(|t| t.offset);
    out
}

/// A PDF table header cell that holds a wall-clock time: its unit in hours. Device-time
/// columns ("GPU-hours", "GPU days") are not wall-clock and are left out: `None`.
static COLUMN_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:(?:total\s+|wall[-\s]?clock\s+)?(?:training|train\.?)\s+)?
          (?:(?:time|duration)\s*(?:\(|\[|in\s+)?\s*(?P<u1>hours?|hrs?|h|days?|d|minutes|mins?|seconds|secs?|s)\s*[\)\]]?
            |(?P<u2>hours|hrs|days)(?:\s+to\s+train)?
            |(?:hours|days)\s*\((?P<u3>h|d)\)
            |(?P<bare>(?:time|duration)))$",
    )
    .expect("column time regex")
});

static DEVICE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:GPU|TPU|CPU|device|core|accelerator)s?[-\s]*(?:hours|hrs|h|days)\b")
        .expect("device time regex")
});

/// Said of the table, in its header or caption: it is about training compute.
static TRAINING_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:train(?:ed|ing)?|GPUs?|TPUs?|compute|computational\s+cost|converge\w*)\b")
        .expect("training cue regex")
});

/// A time column of a data set ("Duration (h)", "# hours of audio"), or a table of data sets.
static DATASET_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:#|\bduration\b|\blength\b|\bof\s+(?:audio|speech|music|data|recordings?)\b|\baudio\b|\brecord\w*|\bdataset\b|\bcorpus\b|\bdatabase\b)")
        .expect("dataset cue regex")
});

static FIRST_CELL_DATASET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:datasets?|corpus|corpora|database|collection|subset|split)$")
        .expect("first cell regex")
});

static HARDWARE_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:#\s*)?(?:GPUs?|TPUs?|hardware|devices?|accelerators?)$")
        .expect("hardware column regex")
});

static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*table\s+[0-9IVX]+\s*[.:]").expect("caption regex"));

/// A value cell: a number, optionally `~`/`≈`/`<` before it and a unit after it.
static VALUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[~≈]?\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(h|hrs?|hours?|d|days?|m|mins?)?$",
    )
    .expect("value regex")
});

#[derive(Debug, Clone, Copy, PartialEq)]
enum Split {
    Tabs,
    Spaces,
    Words,
}

/// The cells of a PDF table line.
fn split_cells(line: &str, how: Split) -> Vec<String> {
    match how {
        Split::Tabs => line
            .trim_end()
            .split('\t')
            .map(|c| c.trim().to_string())
            .collect(),
        Split::Spaces => {
            static RUN: LazyLock<Regex> =
                LazyLock::new(|| Regex::new(r"\s{2,}").expect("space run regex"));
            RUN.split(line.trim()).map(str::to_string).collect()
        }
        Split::Words => header_words(line),
    }
}

/// Single-space tokens, with a parenthesised unit joined to the word before ("Time (h)") and
/// "Training time"/"Train time" kept together.
fn header_words(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in line.split_whitespace() {
        let joins = w.starts_with('(') || w.starts_with('[');
        let after_train = out.last().is_some_and(|l| {
            let l = l.to_lowercase();
            (l == "training" || l == "train." || l == "train")
                && matches!(
                    w.to_lowercase().as_str(),
                    "time" | "hours" | "days" | "duration"
                )
        });
        match out.last_mut() {
            Some(last) if joins || after_train => {
                last.push(' ');
                last.push_str(w);
            }
            _ => out.push(w.to_string()),
        }
    }
    out
}

/// Hours per unit of a time header cell or a value cell's own unit.
/// A table's time unit in hours (hours when unnamed).
fn unit_of(u: &str) -> f64 {
    match u.to_lowercase().as_str() {
        "w" | "week" | "weeks" => 168.0,
        "d" | "day" | "days" => 24.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 1.0 / 60.0,
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 3600.0,
        _ => 1.0,
    }
}

/// The time column of a header's cells and its unit (`None`: "Training time", the unit is
/// in each cell).
fn time_column(cells: &[String]) -> Option<(usize, Option<f64>)> {
    cells.iter().enumerate().find_map(|(i, c)| {
        if DEVICE_TIME.is_match(c) || DATASET_CUE.is_match(c) || NOT_TRAINING_HEADER.is_match(c) {
            return None;
        }
        let caps = COLUMN_TIME.captures(c.trim())?;
        if caps.name("bare").is_some() {
            // A bare "Time" is a training time only when the header says so.
            return TRAIN.is_match(c).then_some((i, None));
        }
        let u = ["u1", "u2", "u3"]
            .iter()
            .find_map(|n| caps.name(n))
            .map_or("h", |m| m.as_str());
        Some((i, Some(unit_of(u))))
    })
}

/// Training times from tables in PDF text: a header line with a time column, rows below it
/// with the same number of cells, read at the time column's position, up to the first line
/// that is not a row. The header or the table's caption must speak of training (or GPUs,
/// compute); tables of data sets and of inference speed are not read.
fn column_tables(lines: &[(usize, &str)]) -> Vec<TableTime> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].1;
        if line.contains(" | ") || line.trim().is_empty() || line.len() > 200 {
            i += 1;
            continue;
        }
        let how = if line.trim().contains('\t') {
            Split::Tabs
        } else if line.trim().contains("  ") {
            Split::Spaces
        } else {
            Split::Words
        };
        let header = split_cells(line, how);
        // Single-space words: only a short line that is not a sentence.
        let prose = how == Split::Words
            && (header.len() > 8 || line.trim_end().ends_with(['.', ',', ':']) || line.len() > 80);
        if header.len() < 2 || header.len() > 12 || prose {
            i += 1;
            continue;
        }
        let Some((col, unit)) = time_column(&header) else {
            i += 1;
            continue;
        };
        // Rows: the same number of cells, a number somewhere after the first.
        let mut rows = Vec::new();
        let mut k = i + 1;
        while k < lines.len() && rows.len() < 60 {
            let cells = split_cells(lines[k].1, how);
            let numeric = if how == Split::Words {
                cells.get(col).is_some_and(|c| VALUE.is_match(c))
            } else {
                cells.iter().skip(1).any(|c| VALUE.is_match(c))
            };
            if cells.len() != header.len() || !numeric {
                break;
            }
            rows.push((k, cells));
            k += 1;
        }
        if rows.is_empty() {
            i += 1;
            continue;
        }
        let caption = table_caption(lines, i, k);
        let header_text = header.join(" ");
        let about_training = TRAINING_CUE.is_match(&header_text) || TRAINING_CUE.is_match(&caption);
        let about_data =
            FIRST_CELL_DATASET.is_match(&header[0]) && !TRAINING_CUE.is_match(&header_text);
        if !about_training
            || about_data
            || NOT_TRAINING_HEADER.is_match(&caption)
            || (DATASET_CUE.is_match(&caption) && !TRAIN.is_match(&caption))
        {
            i = k;
            continue;
        }
        let hw_col = header.iter().position(|c| HARDWARE_COLUMN.is_match(c));
        for (r, cells) in rows {
            let Some(caps) = VALUE.captures(&cells[col]) else {
                continue;
            };
            let Ok(v) = caps[1].replace(',', "").parse::<f64>() else {
                continue;
            };
            let Some(unit) = caps.get(2).map(|u| unit_of(u.as_str())).or(unit) else {
                continue;
            };
            if v <= 0.0 {
                continue;
            }
            out.push(TableTime {
                hours: Hours::stated(v * unit),
                row: lines[r].1.trim().to_string(),
                header: line.split_whitespace().collect::<Vec<_>>().join(" "),
                offset: lines[r].0,
                hardware_cell: hw_col
                    .and_then(|h| cells.get(h))
                    .filter(|c| !c.is_empty())
                    .cloned(),
            });
        }
        i = k;
    }
    out
}

/// The caption of a table spanning lines `[start, end)`: a "Table N." line within a few lines
/// above or below, else the nearest short line above.
fn table_caption(lines: &[(usize, &str)], start: usize, end: usize) -> String {
    let above = lines[start.saturating_sub(4)..start].iter().rev();
    let below = lines[end..lines.len().min(end + 6)].iter();
    if let Some((_, l)) = above
        .clone()
        .chain(below)
        .find(|(_, l)| CAPTION.is_match(l))
    {
        // A caption ends at its first sentence or so; a long line is the caption paragraph.
        return l.chars().take(300).collect();
    }
    above
        .map(|(_, l)| l.trim())
        .find(|l| !l.is_empty() && l.len() < 120)
        .unwrap_or("")
        .to_string()
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
    fn units_in_the_cells_of_a_training_time_column() {
        let page = "We train two models on one V100.\nModel | Params | Training time\n\nSmall | 10M | 12 h\nLarge | 40M | 2 d\nHuge | 1B | ~3 weeks\n";
        let hours: Vec<f64> = table_times(page).iter().map(|t| t.hours.value).collect();
        assert_eq!(hours, [12.0, 48.0, 504.0]);
        // A column of inference times with units is not read.
        let page = "We train two models.\nModel | Inference time\nSmall | 12 s\n";
        assert!(table_times(page).is_empty());
    }

    #[test]
    fn a_pdf_training_time_column_with_units_in_its_cells() {
        let page = "Table 3. Training on one V100.\nModel    Params    Training time\nSmall    10M    12 h\nLarge    40M    2 d\n";
        let hours: Vec<f64> = table_times(page).iter().map(|t| t.hours.value).collect();
        assert_eq!(hours, [12.0, 48.0]);
        // No unit in the header nor in the cells: not read.
        let page = "Table 3. Training on one V100.\nModel    Params    Training time\nSmall    10M    12\n";
        assert!(table_times(page).is_empty());
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

    fn hours(page: &str) -> Vec<f64> {
        table_times(page).iter().map(|t| t.hours.value).collect()
    }

    #[test]
    fn a_pdf_table_with_tab_separated_cells() {
        let page = "Some text before.\nModel\tParams\tGPU\tTraining time (h)\nSmall\t12M\t1× V100\t6\nLarge\t80M\t8× V100\t~40\n+ augmentation\t\t\t52.5\nTable 2. Models and their cost.\nThe next paragraph has 3 numbers 4 and 5.\n";
        let t = table_times(page);
        assert_eq!(
            t.iter().map(|x| x.hours.value).collect::<Vec<_>>(),
            [6.0, 40.0, 52.5]
        );
        assert_eq!(t[1].hardware_cell.as_deref(), Some("8× V100"));
        assert_eq!(t[2].hardware_cell, None);
        assert_eq!(t[0].row, "Small\t12M\t1× V100\t6");
        assert_eq!(t[0].header, "Model Params GPU Training time (h)");
        assert_eq!(&page[t[0].offset..t[0].offset + 5], "Small");
    }

    #[test]
    fn a_pdf_table_in_space_aligned_columns_with_the_caption_below() {
        let page = "Model        Params     Days\nBaseline     3M         2\nOurs (big)   120M       1,5\nOurs         40M        0.5\n\nTable 4: Time to train each model on four GPUs.\n";
        // "1,5" is not a number: that row has no value; the others are read in days.
        assert_eq!(hours(page), [48.0, 12.0]);
    }

    #[test]
    fn a_pdf_table_in_single_spaced_words() {
        let page = "Table 3. Compute used by each system.\nSystem GPUs Training time (h)\nA 4 12\nB 8 30h\nWe then compare the systems in detail.\n";
        assert_eq!(hours(page), [12.0, 30.0]);
        // A sentence with "hours" in it is not a header.
        assert!(table_times("We trained it for many hours\nA 4 12\n").is_empty());
    }

    #[test]
    fn pdf_tables_of_datasets_are_not_training_times() {
        // A data-set table: hours of music, no training cue.
        let page = "Dataset\tFormat\tHours\tSongs\nSet A [1]\tMIDI\t201.21\t1,282\nSet B [2]\tABC\t56.62\t9,034\nTable 1. Statistics of the datasets.\n";
        assert!(table_times(page).is_empty());
        // A training cue in the caption does not make a data set's duration a training time.
        let page = "Table 1. Training data.\nSubset\tDuration (h)\tFiles\ntrain\t96.3\t900\ntest\t10.1\t90\n";
        assert!(table_times(page).is_empty());
        let page = "Corpus\t# hours of audio\tSpeakers\nX\t960\t2,484\nTable 2. The corpora used to train the GPU models.\n";
        assert!(table_times(page).is_empty());
        let page = "Dataset\tHours\nA\t3\nB\t4\nTable 5. Training sets and their sizes.\n";
        assert!(table_times(page).is_empty());
    }

    #[test]
    fn pdf_tables_without_a_training_cue_or_of_inference_are_skipped() {
        assert!(table_times("Model\tHours\nA\t3\nB\t4\nTable 1. Listening test.\n").is_empty());
        assert!(
            table_times("Model\tGPU\tInference time (s)\nA\tV100\t3\nTable 1. Speed.\n").is_empty()
        );
        assert!(table_times(
            "Model\tGPU\tHours\nA\tV100\t3\nTable 1. Generation speed on a GPU.\n"
        )
        .is_empty());
        // Device time is not wall-clock time.
        assert!(table_times("Model\tGPU-hours\nA\t300\nTable 1. Training cost.\n").is_empty());
    }

    #[test]
    fn pdf_rows_end_at_the_first_line_that_is_not_a_row() {
        let page =
            "Model\tGPU\tHours\nA\t1\t3\nnot a row at all\nB\t2\t4\nTable 1. Training time.\n";
        assert_eq!(hours(page), [3.0]);
    }
}
