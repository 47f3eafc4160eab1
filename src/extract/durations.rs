//! Durations in a sentence: "5 hours", "~1 week", "2–3 days", "five to six days", "less than a
//! day", "23 s per epoch"; and what is not a run's duration ("960 hours of speech", "after 36
//! hours", "every 2 hours", "10-second clips").

use std::sync::LazyLock;

use regex::Regex;

use super::counts::parse_number;
use crate::model::{Hours, HoursBasis};

/// A duration found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Duration {
    /// Byte offsets in the sentence.
    pub start: usize,
    pub end: usize,
    pub hours: Hours,
    /// "9 hours to train a single epoch", "epoch time was 23 s".
    pub per_epoch: bool,
}

const NUMW: &str = r"\d+(?:[.,]\d+)?|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|half an?|a half|a full|one full";

const UNIT: &str = r"seconds?|secs?|s|minutes?|mins?|min|hours?|hrs?|h|days?|d|weeks?|wks?|months?";

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?P<pre>\b(?:less than|fewer than|under|within|at most|no more than|up to|about|approximately|approx\.?|around|roughly|nearly|almost|some|circa|ca\.|~|≈)\s*)?(?P<btw>between\s+)?\b(?P<a>{NUMW})(?P<sp>\s*)(?:(?P<join>-|–|—|to|and|or)\s*(?P<b>{NUMW})\s*)?(?:(?:consecutive|full|straight|whole|entire)\s+)?(?P<unit>{UNIT})\b"
    ))
    .expect("duration regex")
});

/// "…of speech", "…of audio": the duration is a dataset size.
static OF_DATA: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:of|worth of)\b").expect("of-data regex"));

static OF_TRAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*of\s+(?:\w+\s+)?(?:training|computation|compute|wall[- ]clock|fine-?tuning|pre-?training|gpu|tpu|cpu|machine|cluster|experiments?|search|evolution|optimi[sz]ation)\b(?:\s+(?:data|set|examples|samples|audio|material|recordings))?")
        .expect("of-training regex")
});

/// A duration used as an adjective ("10-second clips", "550-hour corpus").
static ADJECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^-?\s*(?:long\b|clips?|segments?|excerpts?|windows?|snippets?|chunks?|frames?|recordings?|dataset|data(?:\s|[,.;:)\]]|$)|corpus|subset|set\b|collection|audio|speech|music|tracks?|songs?|files?|samples?|sessions?|pieces?)")
        .expect("adjective regex")
});

/// Words before a duration that make it a checkpoint, period, length or data amount.
static NOT_RUN_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:\bafter|\bevery|\beach|\bper|\blength of|\bduration of|\blasting|\bcontains?|\bcontaining|\bconsists? of|\bconsisting of|\bcomprising|\btotal(?:ing|ling)? of|\btotall?ing|\btotal|\bdataset of|\bcorpus of|\bwindows? of|\bclips? of|\bsegments? of|\bhop of|\bspan of|\bfirst|\blast|\bextra)\s+(?:\w+\s+)?$")
        .expect("not-run regex")
});

/// "5 days a week", "8 hours per day": a frequency, not a run's length.
static RATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:a|an|per|each|every|/)\s*(?:day|week|month|year)\b")
        .expect("rate regex")
});

/// The "a week" of "5 days a week".
static RATE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:days?|hours?|times|nights?)\s+$").expect("rate before regex")
});

/// "(46 hours vs. 172 hours)": sizes set side by side, not a run of the paper's.
static VERSUS_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*\)?\s*(?:vs\.?|versus)\s").expect("versus regex"));

static VERSUS_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:vs\.?|versus)\s*$").expect("versus before regex"));

/// "16 machines with 8 GPUs each for 5 days": "each" distributes the devices, not the time.
static EACH_DEVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\beach\s+for\s+(?:\w+\s+)?$|\beach\s+(?:(?:one|model|run|network|fold)\s+)?(?:takes?|took|requires?|required|lasts?|lasted|needs?|needed|ran|runs|trains?|trained)\s+(?:for\s+|in\s+)?(?:about\s+|around\s+|approximately\s+|roughly\s+)?$")
        .expect("each regex")
});

/// "training converged after 36 hours": the run's end, not a checkpoint.
static ENDED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:converged?|converges|finished|finishes|completed|completes|stopped|terminated|ended|ends|halted|done)\s+(?:\w+\s+){0,2}after\s+(?:\w+\s+)?$")
        .expect("ended-after regex")
});

/// "for a total of 20 hours", "took in total 3 days": a run's whole time, not a data size.
static RUN_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:for|took|takes|taking|lasted|lasts|required|requires|needed|needs|ran)\s+(?:a\s+|in\s+)?total(?:\s+of)?\s+(?:\w+\s+)?$")
        .expect("run total regex")
});

/// "1,200 GPU hours", "12 GPU-hours", "about 300 TPU-days": device time, summed over devices.
static DEVICE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(?P<k>k\b)?\s*(?:[a-z]{1,6}-?\d{2,4}[a-z]*\s+)?(?:gpu|tpu|accelerator|device|chip|core|card)[- ]?(?P<unit>hours?|hrs?|h|days?)\b")
        .expect("device time regex")
});

/// A total of device time ("1,200 GPU hours"): byte span and the device-hours.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceTime {
    pub start: usize,
    pub end: usize,
    pub device_hours: f64,
}

/// Device time totals in `text` ("48 GPU-hours", "2k GPU hours", "300 TPU-days").
pub fn device_times(text: &str) -> Vec<DeviceTime> {
    DEVICE_TIME
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let n: f64 = c.name("n")?.as_str().replace(',', "").parse().ok()?;
            let k = if c.name("k").is_some() { 1000.0 } else { 1.0 };
            let per = unit_hours(c.name("unit")?.as_str())?;
            let v = n * k * per;
            (v > 0.0 && v.is_finite()).then_some(DeviceTime {
                start: whole.start(),
                end: whole.end(),
                device_hours: v,
            })
        })
        .collect()
}

/// "its test split (8 hours, …)": a parenthesised data size.
static DATA_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:split|set|subset|partition|portion|corpus|dataset|data)\s*\(\s*$")
        .expect("data paren regex")
});

/// A count of data items: "100 tracks", "1,200 songs", "50k utterances".
static DATA_ITEMS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b\d[\d,.]*\s*[kKM]?\s+(?:\w+\s+)?(?:tracks|songs|files|recordings|clips|pieces|excerpts|utterances|speakers|samples|items|examples|sentences|segments|performances|albums|scores|melodies|stems|mixtures|videos|sessions)\b")
        .expect("data items regex")
});

/// The time sits in parentheses with a count of data items ("a training set (100 tracks,
/// 6.5 h)"): it measures the data.
fn counts_data_beside(text: &str, start: usize, end: usize) -> bool {
    let Some(open) = text[..start].rfind('(') else {
        return false;
    };
    if text[open..start].contains(')') {
        return false;
    }
    let close = text[end..].find(')').map_or(text.len(), |k| end + k);
    DATA_ITEMS.is_match(&text[open..close])
}

/// "2h30": hours glued to two digits of minutes.
static HOURS_MINUTES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3})h([0-5]\d)\b").expect("hours minutes regex"));

/// A number listed right before another: "10, " of "10, 20 and 40 hours".
static LISTED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.,-])(\d+(?:\.\d+)?),\s*$").expect("listed before regex")
});

static PER_EPOCH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:per|each|an|one|a single|every|single)\s+(?:training\s+)?epoch\b|\bepoch\s+(?:processing\s+|training\s+|run\s+)?time|/\s*epoch\b|\bper-epoch\b")
        .expect("per-epoch regex")
});

static PER_STEP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:per|/|each|for each|for one|for a single)\s*(?:training\s+)?(?:step|iteration|batch|mini-?batch|update|sample|example|image|file|song|track|frame|query|second|sentence|utterance)\b|^\s*to (?:process|generate|synthesi[sz]e|decode|transcribe|compute)\b")
        .expect("per-step regex")
});

/// "trained for 3 d", "2 d and 4 h": a lower-case `d` after a space, not a figure panel.
fn is_spaced_day(text: &str, c: &regex::Captures) -> bool {
    static FIGURE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)\b(?:fig\.?|figure|figs\.?|table|tab\.?|eq\.?|equation|section|sec\.?)\s*$",
        )
        .expect("figure regex")
    });
    let unit = c.name("unit").expect("unit");
    let spaced = text[..unit.start()].ends_with(char::is_whitespace);
    // "~2d", "about 2d": a glued d after an approximation is days too.
    let number_at = c.name("a").map_or(unit.start(), |m| m.start());
    let approximated =
        c.name("pre").is_some() || text[..number_at].trim_end().ends_with(['~', '≈']);
    let after = &text[unit.end()..];
    (spaced || approximated)
        && unit.as_str() == "d"
        && !after.starts_with(['-', '\'', '’'])
        && !FIGURE_BEFORE.is_match(&text[..c.get(0).expect("match").start()])
}

fn unit_hours(unit: &str) -> Option<f64> {
    let u = unit.to_lowercase();
    Some(match u.as_str() {
        "s" | "sec" | "secs" | "second" | "seconds" => 1.0 / 3600.0,
        "min" | "mins" | "minute" | "minutes" => 1.0 / 60.0,
        "h" | "hr" | "hrs" | "hour" | "hours" => 1.0,
        "d" | "day" | "days" => 24.0,
        "week" | "weeks" | "wk" | "wks" => 168.0,
        "month" | "months" => 730.0,
        _ => return None,
    })
}

fn amount(word: &str) -> Option<f64> {
    let w = word.trim().to_lowercase();
    match w.as_str() {
        "half a" | "half an" | "a half" => return Some(0.5),
        "a full" | "one full" => return Some(1.0),
        "a couple of" => return Some(2.0),
        _ => {}
    }
    if w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        // "1,5" is a European decimal; "1,000" a thousands separator.
        let v = match w.split_once(',') {
            Some((a, b)) if b.len() == 3 => format!("{a}{b}"),
            Some((a, b)) => format!("{a}.{b}"),
            None => w.clone(),
        };
        return v.parse().ok();
    }
    parse_number(&w).map(f64::from)
}

/// How many number-and-unit durations `text` holds, run times or not.
pub fn all_durations(text: &str) -> usize {
    DURATION
        .captures_iter(text)
        .filter(|c| is_time_phrase(text, c))
        .count()
}

/// The match is a number and a time unit at all: not "a h", "and" (a + d) or "2D".
fn is_time_phrase(text: &str, c: &regex::Captures) -> bool {
    let unit = c.name("unit").map(|m| m.as_str()).unwrap_or("");
    let a_word = c.name("a").map(|m| m.as_str()).unwrap_or("");
    let a_is_article = matches!(a_word.to_lowercase().as_str(), "a" | "an");
    let abbreviated = matches!(
        unit.to_lowercase().as_str(),
        "s" | "h" | "d" | "min" | "mins" | "hr" | "hrs" | "sec" | "secs" | "wk" | "wks"
    );
    // A bare "a"/"an" needs a word unit ("a day"), never "a s" or "a h"; single-letter units
    // only right after digits ("23 s", "48h"); "3 d" is days only spaced and in lower case.
    let after_digit = a_word.chars().last().is_some_and(|ch| ch.is_ascii_digit());
    let article_abbreviation = a_is_article && abbreviated;
    let letter_after_word = unit.len() == 1 && !after_digit;
    let unspaced_day = unit.eq_ignore_ascii_case("d") && !is_spaced_day(text, c);
    !(article_abbreviation || letter_after_word || unspaced_day)
}

/// Every duration in `text` that could be a run's wall-clock time.
pub fn find_durations(text: &str) -> Vec<Duration> {
    let mut out = Vec::new();
    for c in DURATION.captures_iter(text) {
        let whole = c.get(0).expect("match");
        let unit = c.name("unit").map(|m| m.as_str()).unwrap_or("");
        let Some(per) = unit_hours(unit) else {
            continue;
        };
        if !is_time_phrase(text, &c) {
            continue;
        }
        let a_word = c.name("a").map(|m| m.as_str()).unwrap_or("");
        let a_is_article = matches!(a_word.to_lowercase().as_str(), "a" | "an");
        let Some(mut a) = amount(a_word) else {
            continue;
        };
        let mut b = c.name("b").and_then(|m| amount(m.as_str()));
        // "5 and 48 hours" is a range only after "between": otherwise two times, or the
        // tail of a name and a time ("MAEST-5 and 48 hours").
        let mut first_of_pair = None;
        let joined_by_and = c
            .name("join")
            .is_some_and(|j| j.as_str().eq_ignore_ascii_case("and"));
        // "three and a half days" is one time.
        let and_a_half = joined_by_and
            && c.name("b").is_some_and(|m| {
                matches!(
                    m.as_str().to_lowercase().as_str(),
                    "a half" | "half a" | "half an"
                )
            });
        if and_a_half {
            a += 0.5;
            b = None;
        }
        // An article is no time of its own: "for A and 48 hours" is 48 hours.
        if joined_by_and && !and_a_half && a_is_article {
            if let Some(bv) = b {
                a = bv;
                b = None;
            }
        }
        let and_pair = joined_by_and && !and_a_half && !a_is_article && c.name("btw").is_none();
        if let (true, Some(bv), Some(am)) = (and_pair, b, c.name("a")) {
            let glued = text[..am.start()]
                .chars()
                .next_back()
                .is_some_and(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_');
            if !glued {
                first_of_pair = Some((am.start(), am.end(), a));
            }
            a = bv;
            b = None;
        }
        // "23 s" and "48h", but not "2080s" (a plural) or "5s" alone.
        let spaced = c.name("sp").is_some_and(|m| !m.as_str().is_empty());
        if unit.len() == 1 && !spaced && !unit.eq_ignore_ascii_case("h") && unit != "d" {
            continue;
        }
        let after = &text[whole.end()..];
        let before = &text[..whole.start()];
        if OF_DATA.is_match(after) && !OF_TRAINING.is_match(after) {
            continue;
        }
        if OF_TRAINING.is_match(after) {
            let m = OF_TRAINING.find(after).expect("matched");
            let tail = m.as_str().to_lowercase();
            if tail.ends_with("data")
                || tail.ends_with("set")
                || tail.ends_with("examples")
                || tail.ends_with("samples")
                || tail.ends_with("audio")
                || tail.ends_with("material")
                || tail.ends_with("recordings")
            {
                continue;
            }
        }
        if ADJECTIVE.is_match(after.trim_start()) {
            continue;
        }
        if RATE_AFTER.is_match(after)
            || RATE_BEFORE.is_match(before)
            || VERSUS_AFTER.is_match(after)
            || VERSUS_BEFORE.is_match(before)
        {
            continue;
        }
        let run_anyway = EACH_DEVICE.is_match(before)
            || ENDED_AFTER.is_match(before)
            || RUN_TOTAL.is_match(before);
        if (NOT_RUN_BEFORE.is_match(before) && !run_anyway)
            || DATA_PAREN.is_match(before)
            || counts_data_beside(text, whole.start(), whole.end())
        {
            continue;
        }
        if PER_STEP.is_match(after) {
            continue;
        }
        // "3.2±3.4 minutes", "12 h ± 2": a mean and its spread describe data or measured
        // timings, never one run's length.
        let spread = |t: &str| t.starts_with('±') || t.starts_with("+/-") || t.starts_with("+-");
        let tail_before: String = before
            .trim_end()
            .chars()
            .rev()
            .take(3)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if ["±", "+/-", "+-"].iter().any(|m| tail_before.ends_with(m)) || spread(after.trim_start())
        {
            continue;
        }
        // "10 ms" is never a training run; "2.5 s" only per epoch (checked by the caller).
        let pre = c
            .name("pre")
            .map(|m| m.as_str().trim().to_lowercase())
            .unwrap_or_default();
        let upper = matches!(
            pre.as_str(),
            "less than" | "fewer than" | "under" | "within" | "at most" | "no more than" | "up to"
        );
        let hours = match b {
            Some(b) if b > a => Hours::range(a * per, b * per),
            _ => {
                let v = a * per;
                if upper {
                    Hours {
                        value: v,
                        low: 0.0,
                        high: v,
                        basis: HoursBasis::UpperBound,
                    }
                } else {
                    Hours::stated(v)
                }
            }
        };
        if !(hours.value > 0.0 && hours.value.is_finite()) {
            continue;
        }
        if let Some((s0, e0, v)) = first_of_pair {
            // "10, 20 and 40 hours": the numbers listed before the pair share its unit.
            let mut listed = Vec::new();
            let mut at = s0;
            while let Some(c) = LISTED_BEFORE.captures(&text[..at]) {
                let m = c.get(1).expect("number");
                let Ok(x) = m.as_str().parse::<f64>() else {
                    break;
                };
                listed.push((m.start(), m.end(), x));
                at = m.start();
            }
            for (ls, le, x) in listed.into_iter().rev() {
                out.push(Duration {
                    start: ls,
                    end: le,
                    hours: Hours::stated(x * per),
                    per_epoch: false,
                });
            }
            out.push(Duration {
                start: s0,
                end: e0,
                hours: Hours::stated(v * per),
                per_epoch: false,
            });
        }
        out.push(Duration {
            start: whole.start(),
            end: whole.end(),
            hours,
            per_epoch: false,
        });
    }
    join_compound(text, &mut out);
    // "2h30": hours and minutes, the minutes' unit left out.
    for c in HOURS_MINUTES.captures_iter(text) {
        let whole = c.get(0).expect("match");
        if out
            .iter()
            .any(|d| d.start < whole.end() && whole.start() < d.end)
        {
            continue;
        }
        let (Ok(h), Ok(m)) = (c[1].parse::<f64>(), c[2].parse::<f64>()) else {
            continue;
        };
        if m < 60.0 && NOT_RUN_BEFORE.find(&text[..whole.start()]).is_none() {
            out.push(Duration {
                start: whole.start(),
                end: whole.end(),
                hours: Hours::stated(h + m / 60.0),
                per_epoch: false,
            });
        }
    }
    out.sort_by_key(|d| d.start);
    // Per-epoch: the clause says "per epoch", "to train a single epoch", "epoch time".
    for d in &mut out {
        let clause = clause_around(text, d.start, d.end);
        d.per_epoch = PER_EPOCH.is_match(clause);
    }
    out
}

/// The smaller unit after a time: "1h 30m", "2 hours and 30 minutes", "2 days 4 hours".
static COMPOUND_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:and\s+)?(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>minutes?|mins?|min|m|hours?|hrs?|h|seconds?|secs?|s)\b")
        .expect("compound tail regex")
});

/// Folds a smaller unit written after a time into it ("1h 30m" = 1.5 h), and drops the
/// tail when it was also read as a time of its own.
fn join_compound(text: &str, out: &mut Vec<Duration>) {
    let mut k = 0;
    while k < out.len() {
        let d = &out[k];
        let head_unit = text[d.start..d.end]
            .trim_end()
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .and_then(unit_hours);
        let tail = COMPOUND_TAIL.captures(&text[d.end..]);
        let joined = match (head_unit, tail) {
            (Some(head), Some(c)) if d.hours.basis != HoursBasis::Range => {
                let unit = c["unit"].to_lowercase();
                // "m" is minutes only in this shape.
                let per = if unit == "m" {
                    Some(1.0 / 60.0)
                } else {
                    unit_hours(&unit)
                };
                let n: Option<f64> = c["n"].parse().ok();
                match (per, n) {
                    (Some(per), Some(n)) if per < head => {
                        Some((n * per, d.end + c.get(0).expect("match").end()))
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let Some((extra, end)) = joined {
            let d = &mut out[k];
            d.hours.value += extra;
            d.hours.high += extra;
            if d.hours.basis != HoursBasis::UpperBound {
                d.hours.low += extra;
            }
            let start = d.end;
            d.end = end;
            out.retain(|o| !(o.start >= start && o.start < end));
        }
        k += 1;
    }
}

/// The clause (between `;`, `(`…`)` edges or sentence ends, and ", " boundaries) holding
/// the span. A comma before "and"/"which" does not end the clause.
pub fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let bytes = text.as_bytes();
    let mut s = start;
    while s > 0 {
        let c = bytes[s - 1];
        if c == b';' || (c == b',' && bytes.get(s) == Some(&b' ')) {
            break;
        }
        s -= 1;
    }
    let mut e = end;
    while e < bytes.len() {
        let c = bytes[e];
        if c == b';' || (c == b',' && bytes.get(e + 1) == Some(&b' ')) {
            break;
        }
        e += 1;
    }
    // Stay on char boundaries.
    while !text.is_char_boundary(s) {
        s += 1;
    }
    while !text.is_char_boundary(e) {
        e -= 1;
    }
    &text[s..e.max(s)]
}

static EPOCHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:\b(?:for|about|approximately|around|roughly|~|total of|maximum of|max\.?|up to|within|trained|train|converge[sd]?\s+(?:in|after|within))\s+(?P<a>{NUMW})\s+(?:training\s+)?epochs\b|\b(?P<b>\d+)\s+training\s+epochs\b|\((?:about|approximately|~|roughly)?\s*(?P<c>\d+)\s+epochs\))"
    ))
    .expect("epochs regex")
});

/// The number of training epochs a sentence states ("for 500 epochs", "(about 13 epochs)").
pub fn epochs(text: &str) -> Option<f64> {
    let c = EPOCHS.captures(text)?;
    let m = c.name("a").or(c.name("b")).or(c.name("c"))?;
    amount(m.as_str()).filter(|n| *n >= 1.0)
}

static FOLDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d+|three|four|five|six|eight|ten)(?:\s+|-)folds?\b(?:\s+(?:for\s+)?(?:comparable\s+)?cross[- ]?validation)?|\bcross[- ]?validation (?:with|over|on) (\d+|three|four|five|ten) folds\b")
        .expect("folds regex")
});

/// k of a k-fold cross-validation the text describes (every fold is a training run).
pub fn folds(text: &str) -> Option<f64> {
    let c = FOLDS.captures(text)?;
    let m = c.get(1).or(c.get(2))?;
    let k = amount(m.as_str())?;
    (2.0..=20.0).contains(&k).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<(f64, HoursBasis, bool)> {
        find_durations(text)
            .into_iter()
            .map(|d| (d.hours.value, d.hours.basis, d.per_epoch))
            .collect()
    }

    #[test]
    fn days_written_d() {
        let hours = |t: &str| {
            find_durations(t)
                .iter()
                .map(|d| d.hours.value)
                .collect::<Vec<_>>()
        };
        assert_eq!(hours("The model was trained for 3 d on one GPU."), [72.0]);
        assert_eq!(hours("Training took 2-3 d."), [60.0]);
        assert_eq!(hours("It ran for three consecutive days."), [72.0]);
        assert_eq!(hours("Training takes ~2d."), [48.0]);
        assert_eq!(hours("Training takes 2h30 on one GPU."), [2.5]);
        assert_eq!(hours("Training took a couple of days."), [48.0]);
        assert_eq!(
            hours("Training took 10, 20 and 40 hours."),
            [10.0, 20.0, 40.0]
        );
        assert_eq!(hours("Trained on 8 GPUs, 20 and 40 hours."), [20.0, 40.0]);
        assert_eq!(
            hours("We train a model per instrument; each takes about 10 hours."),
            [10.0]
        );
        assert!(hours(
            "It is split into a training (100 tracks, 6.5 h) and a test set (50 tracks, 3.5 h)."
        )
        .is_empty());
        assert_eq!(hours("Training took 3 days (200 epochs, 4 GPUs)."), [72.0]);
        for not in [
            "We use 2D convolutions for 3 epochs.",
            "a 1d conv",
            "see Fig. 3 d",
            "3 d-vectors",
        ] {
            assert!(hours(not).is_empty(), "{not}");
        }
    }

    #[test]
    fn an_amount_of_data_is_not_a_run() {
        let d =
            find_durations("(b) Resource-limited [3min data, 3h training]: a rather extreme case");
        assert_eq!(d.iter().map(|d| d.hours.value).collect::<Vec<_>>(), [3.0]);
        // "data-parallel" is a way of training, not data.
        assert_eq!(
            find_durations("training took 5 hours data-parallel on 4 GPUs").len(),
            1
        );
    }

    #[test]
    fn a_mean_and_its_spread_is_not_a_run() {
        assert!(
            find_durations("3 recordings per singer (3.2±3.4 minutes) for training").is_empty()
        );
        assert!(find_durations("training took 12 h ± 2 across seeds").is_empty());
        assert_eq!(find_durations("training took 12 h on one GPU").len(), 1);
    }

    #[test]
    fn compound_times_are_one_time() {
        let hours = |t: &str| -> Vec<f64> {
            find_durations(t)
                .iter()
                .map(|d| (d.hours.value * 1000.0).round() / 1000.0)
                .collect()
        };
        assert_eq!(hours("Training took about three and a half days."), [84.0]);
        assert_eq!(hours("Training took one and a half hours."), [1.5]);
        assert_eq!(hours("Training took 1h 30m on a GTX 1660."), [1.5]);
        assert_eq!(hours("Training took 2 hours and 30 minutes."), [2.5]);
        assert_eq!(hours("It ran for 2 days 4 hours."), [52.0]);
        // Two times of the same unit stay two ("31 hours for A and 48 hours for B").
        assert_eq!(
            hours("It took 31 hours for A and 48 hours for B."),
            [31.0, 48.0]
        );
    }

    #[test]
    fn units_from_minutes_to_months() {
        assert_eq!(
            values("fitting took 90 minutes"),
            [(1.5, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("it ran for ~1 week"),
            [(168.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("took 36h on one card"),
            [(36.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("about two months"),
            [(1460.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("roughly a full day"),
            [(24.0, HoursBasis::Stated, false)]
        );
        assert_eq!(values("in 1,5 h"), [(1.5, HoursBasis::Stated, false)]);
    }

    #[test]
    fn alternatives_are_one_interval() {
        assert_eq!(
            values("training takes 2 or 3 days"),
            [(60.0, HoursBasis::Range, false)]
        );
    }

    #[test]
    fn frequencies_and_comparisons_are_not_runs() {
        assert!(values("they listened more than 5 days a week").is_empty());
        assert!(values("practising 2 hours per day").is_empty());
        assert!(values("smaller than MAESTRO (46 hours vs. 172 hours)").is_empty());
        assert_eq!(
            values("trained for 3 days"),
            [(72.0, HoursBasis::Stated, false)]
        );
    }

    #[test]
    fn ranges_and_bounds() {
        let r = find_durations("the model needs 2–3 days to converge");
        assert_eq!(
            (r[0].hours.low, r[0].hours.high, r[0].hours.value),
            (48.0, 72.0, 60.0)
        );
        let r = find_durations("between four and five weeks");
        assert_eq!(r[0].hours.value, 756.0);
        let r = find_durations("it takes 10-30 hours");
        assert_eq!(r[0].hours.basis, HoursBasis::Range);
        assert_eq!(
            values("it trains in less than a day"),
            [(24.0, HoursBasis::UpperBound, false)]
        );
        assert_eq!(
            values("finished within 12 hours"),
            [(12.0, HoursBasis::UpperBound, false)]
        );
    }

    #[test]
    fn per_epoch_times() {
        assert_eq!(
            values("one pass took some 40 minutes to train one epoch"),
            [(40.0 / 60.0, HoursBasis::Stated, true)]
        );
        assert!(values("the epoch time was 31 s on our card")[0].2);
        assert!(!values("it took 14 hours (for 200 epochs)")[0].2);
        assert_eq!(
            epochs("We stopped after training for 120 epochs."),
            Some(120.0)
        );
        assert_eq!(epochs("the net saw 5M items (about 9 epochs)."), Some(9.0));
        assert_eq!(epochs("a moving average over 20 epochs"), None);
        assert_eq!(epochs("Training converges within 30 epochs."), Some(30.0));
        assert_eq!(epochs("The model converged after 12 epochs."), Some(12.0));
        assert_eq!(folds("We use 5-fold cross-validation."), Some(5.0));
        assert_eq!(
            folds("split into 10 folds for cross validation"),
            Some(10.0)
        );
    }

    #[test]
    fn distributive_each_and_runs_that_end_after() {
        assert_eq!(
            values("on 16 machines with 8 GPUs each for 5 days"),
            [(120.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("four nodes, each for about 2 days"),
            [(48.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("training converged after 36 hours"),
            [(36.0, HoursBasis::Stated, false)]
        );
        assert_eq!(
            values("32 nodes with 4 GPUs each, for a total of 20 hours"),
            [(20.0, HoursBasis::Stated, false)]
        );
        assert!(values("three sets, in total 75 minutes of drums").is_empty());
        assert_eq!(
            values("the search was stopped after roughly 3 days"),
            [(72.0, HoursBasis::Stated, false)]
        );
    }

    #[test]
    fn device_time_totals() {
        let d = |t: &str| {
            device_times(t)
                .iter()
                .map(|x| x.device_hours)
                .collect::<Vec<_>>()
        };
        assert_eq!(d("a total of 1,200 GPU hours on A100s"), [1200.0]);
        assert_eq!(d("Training takes 12 GPU-hours on V100s"), [12.0]);
        assert_eq!(d("roughly 30 TPU-days"), [720.0]);
        assert_eq!(d("about 2k GPU hours"), [2000.0]);
        assert_eq!(d("approximately 2,500 A100 GPU-hours"), [2500.0]);
        assert!(d("GPU memory of 24 GB").is_empty());
        // Device time is not wall-clock time.
        assert!(values("12 GPU-hours").is_empty());
    }

    #[test]
    fn data_sizes_checkpoints_and_lengths_are_not_runs() {
        assert!(values("we use 1000 hours of read speech").is_empty());
        assert!(values("a 300-hour corpus of lectures").is_empty());
        assert!(values("10-second clips").is_empty());
        assert!(values("checkpoints saved every 2 hours").is_empty());
        assert!(values("the score after 48 hours of training").is_empty());
        assert!(values("tracks have a length of 30 seconds").is_empty());
        assert!(values("it needs 3 seconds per step").is_empty());
        assert!(values("the set contains 80 hours").is_empty());
        assert!(values("three sets, in total 75 minutes of drums").is_empty());
        assert!(values("we test on its dev split (5 hours, 2K clips)").is_empty());
        assert!(values("epoch time was 40 s on a card")[0].2);
        assert!(values("we use the checkpoint after 36 hours").is_empty());
        assert!(values("it is evaluated each 5 hours").is_empty());
        assert_eq!(
            values("after all, 3 days of training"),
            [(72.0, HoursBasis::Stated, false)]
        );
    }
}
