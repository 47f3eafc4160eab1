//! Device counts around a hardware mention: "8 ×", "x8", "eight", "a single", "two NVIDIA …",
//! "8-GPU node", "16 machines with 4 GPUs each" (= 64), "4 GPUs/node" on "32 nodes" (= 128),
//! "a TPU device with 32 cores" (= 1), spec tables ("GPUs: 4"); CPU cores are never devices.

use std::sync::LazyLock;

use regex::Regex;

/// A number written in digits ("1,202", "8") or words ("eight", "a single").
pub fn parse_number(word: &str) -> Option<u32> {
    let w = word.trim().to_lowercase();
    let digits: String = w.chars().filter(|c| *c != ',').collect();
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
        // "1,202" is a thousands separator only when groups of three follow.
        if w.contains(',') && !w.split(',').skip(1).all(|g| g.len() == 3) {
            return None;
        }
        return digits.parse().ok();
    }
    let n = match w.as_str() {
        "a" | "an" | "one" | "single" | "a single" | "one single" | "an individual" => 1,
        "two" | "dual" | "a pair of" | "pair of" => 2,
        "three" => 3,
        "four" | "quad" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "twenty" => 20,
        "twenty-four" => 24,
        "thirty" => 30,
        "thirty-two" => 32,
        "forty" => 40,
        "fifty" => 50,
        "sixty-four" => 64,
        "hundred" | "a hundred" | "one hundred" => 100,
        _ => return None,
    };
    Some(n)
}

/// Number words and digit groups that can stand before a device name.
const NUM: &str = r"(\d{1,3}(?:,\d{3})+|\d+|a single|one single|a pair of|a|an|one|single|dual|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|twenty-four|twenty|thirty-two|thirty|forty|fifty|sixty-four|one hundred|a hundred)";

/// Words allowed between a count and the device name ("four NVIDIA …", "two high-end …").
const FILLER: &str = r"(?:(?:\b\d{1,3}\s*-?\s*gb|nvidia|nvidia's|amd|google|cloud|intel|tesla|geforce|aws|amazon|ec2|azure|gcp|high-end|dedicated|identical|separate|modern|consumer|consumer-grade|commodity|local|additional|standard|same|laptop|desktop|personal|mobile|workstation|server-grade|off-the-shelf|x|×|\*)\s+)*";

static BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w.,])({NUM})\s*(?:x|×|\*|-)?\s*{FILLER}$"
    ))
    .expect("count regex")
});

static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:gpus?|tpus?|cards?)?\s*\(?\s*(?:x|×)\s*(\d+)\b").expect("after regex")
});

/// A spec table's cell after a device word: "GPU | 1", "GPUs: 4", "GPU count = 2".
static AFTER_CELL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:count|number|quantity)?\s*[|:=]\s*(\d{1,3})([^\n]{0,6})")
        .expect("cell regex")
});

/// What may follow the number of a spec cell when it is a model, not a count ("GPU: 1080 Ti").
static CELL_MODEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\w.]|\s*(?:ti|super|gb|mb|w|x|×|ghz|mhz)\b)").expect("cell model regex")
});

/// "4 P100 GPUs/node", "8 GPUs per machine", "2 GPUs on each server": devices per unit.
static PER_UNIT_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\w\s-]{0,40}?(?:/\s*|\bper\s+|\b(?:on|in)\s+each\s+|\beach\s+)(?:node|machine|server|host|instance|worker|computer)\b")
        .expect("per unit after regex")
});

/// "64 CPU cores", "32 CPU threads": cores are not devices.
static CORES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:cpus?|processors?)[\s-]+(?:cores?|threads?)\b").expect("cores regex")
});

/// "a 32-core CPU", "two 16-core Xeon": the article or number before the core count.
static CORES_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:^|[^\w.,])({NUM})\s+(?:(?:intel|amd)\s+)?\d+[- ]cores?\s+(?:(?:intel|amd|xeon|epyc)\s+)*$"
    ))
    .expect("cores before regex")
});

static UNITS_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{NUM}\s+(?:\w+\s+)?(?:machines|nodes|servers|hosts|workers|computers|instances)\s*,?\s*(?:each\s+)?(?:with|having|containing|equipped with|of)\s+(?:\w+\s+)?$"
    ))
    .expect("units regex")
});

/// The first factor of "8 × 8 A100": a number and a multiplication sign right before the
/// count.
static PRODUCT_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\w.,])(\d{1,3})\s*[×x\*]\s*$").expect("product regex"));

static EACH_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\beach\s+(?:worker|machine|node|server|host|computer|instance)\s+(?:uses|used|has|had|with|contains|is equipped with|runs on|ran on)\s+$")
        .expect("each regex")
});

static UNIT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{NUM}\s+(?:\w+\s+)?(?:workers|machines|nodes|servers|hosts|computers|instances)\b"
    ))
    .expect("unit count regex")
});

/// A count found for a mention, and whether it came from a multiplication.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub value: u32,
    /// "16 machines with 4 GPUs" or "each worker uses 8 GPUs" (times the workers elsewhere).
    pub multiplied: bool,
    /// "each worker uses 8 GPUs": the caller multiplies by a unit count it finds nearby.
    pub per_unit: bool,
}

/// The count written right before a mention that starts at byte `start` of `text`.
pub fn count_before(text: &str, start: usize) -> Option<Count> {
    let prefix = &text[..start];
    let after = &text[start..];
    // "64 CPU cores": a count of cores, not of processors.
    if CORES_AFTER.is_match(after) {
        return None;
    }
    if let Some(c) = CORES_BEFORE.captures(prefix) {
        return c
            .get(1)
            .and_then(|m| parse_number(m.as_str()))
            .map(|value| Count {
                value,
                multiplied: false,
                per_unit: false,
            });
    }
    let caps = BEFORE.captures(prefix)?;
    let m = caps.get(1)?;
    let value = parse_number(m.as_str())?;
    // A year or a model number is not a device count.
    if value == 0 || (m.as_str().len() == 4 && (1900..=2100).contains(&value)) {
        return None;
    }
    let before_num = &prefix[..m.start()];
    // "3.8 GHz", "2.5" — a decimal point before the digits means this is not a count.
    if before_num.ends_with('.') && m.as_str().chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // "8 × 8 A100 GPUs": nodes times devices per node.
    if let Some(n) = PRODUCT_BEFORE
        .captures(before_num)
        .and_then(|c| c.get(1))
        .and_then(|u| parse_number(u.as_str()))
    {
        return Some(Count {
            value: n.saturating_mul(value),
            multiplied: true,
            per_unit: false,
        });
    }
    if let Some(units) = UNITS_WITH.captures(before_num) {
        if let Some(n) = units.get(1).and_then(|u| parse_number(u.as_str())) {
            return Some(Count {
                value: n.saturating_mul(value),
                multiplied: true,
                per_unit: false,
            });
        }
    }
    let per_unit = EACH_UNIT.is_match(before_num);
    // "4 GPUs/node … on 32 nodes": times the units this sentence counts; when it counts none,
    // the caller looks for them nearby.
    if !per_unit && PER_UNIT_AFTER.is_match(after) {
        let units = unit_count(prefix).or_else(|| unit_count(after));
        return Some(match units {
            Some(u) => Count {
                value: u.saturating_mul(value),
                multiplied: true,
                per_unit: false,
            },
            None => Count {
                value,
                multiplied: false,
                per_unit: true,
            },
        });
    }
    Some(Count {
        value,
        multiplied: false,
        per_unit,
    })
}

/// "V100 ×8", "GPUs (x 4)": a count written after the mention ending at byte `end`.
pub fn count_after(text: &str, end: usize) -> Option<u32> {
    let rest = &text[end..];
    if let Some(caps) = AFTER.captures(rest) {
        return caps.get(1)?.as_str().parse().ok().filter(|n| *n > 0);
    }
    // "GPU | 1" in a spec table, unless the number is a model ("GPU: 1080 Ti").
    let caps = AFTER_CELL.captures(rest)?;
    if CELL_MODEL.is_match(caps.get(2).map_or("", |m| m.as_str())) {
        return None;
    }
    caps.get(1)?.as_str().parse().ok().filter(|n| *n > 0)
}

/// "12 workers", "16 machines": how many units a text names (for "each worker uses 8 GPUs").
pub fn unit_count(text: &str) -> Option<u32> {
    UNIT_COUNT
        .captures_iter(text)
        .filter_map(|c| c.get(1).and_then(|m| parse_number(m.as_str())))
        .find(|n| *n > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(text: &str, name: &str) -> Option<u32> {
        let at = text.find(name).unwrap();
        count_before(text, at).map(|c| c.value)
    }

    #[test]
    fn memory_sizes_between_a_count_and_its_device() {
        assert_eq!(before("on two 32 GB NVIDIA V100 GPUs", "V100"), Some(2));
        assert_eq!(before("on 4 24GB RTX 3090s", "RTX"), Some(4));
        assert_eq!(before("on a 32 GB V100", "V100"), Some(1));
        assert_eq!(before("with 32 GB V100 cards", "V100"), None);
    }

    #[test]
    fn nodes_times_devices_written_as_a_product() {
        let text = "Pre-training required 2 weeks on 8 × 8 A100 GPUs.";
        let at = text.find("A100").unwrap();
        assert_eq!(count_before(text, at).map(|c| c.value), Some(64));
        let text = "on 2 × A100 GPUs";
        assert_eq!(
            count_before(text, text.find("A100").unwrap()).map(|c| c.value),
            Some(2)
        );
    }

    #[test]
    fn digits_words_and_articles() {
        assert_eq!(before("we ran it on 8 A100 cards", "A100"), Some(8));
        assert_eq!(before("using eight RTX 3090 boards", "RTX"), Some(8));
        assert_eq!(before("on a single Titan Xp", "Titan"), Some(1));
        assert_eq!(before("on a Quadro P6000", "Quadro"), Some(1));
        assert_eq!(before("with two NVIDIA A40 GPUs", "A40"), Some(2));
        assert_eq!(before("spread over 1,024 TPU chips", "TPU"), Some(1024));
        assert_eq!(before("the model was fit on 4× H100", "H100"), Some(4));
        assert_eq!(before("on our 8-GPU server", "GPU"), Some(8));
        assert_eq!(before("on NVIDIA RTX 4090s", "RTX"), None);
        assert_eq!(before("on the V100", "V100"), None);
    }

    #[test]
    fn numbers_that_are_not_counts() {
        assert_eq!(before("a 3.2 GHz 4 core CPU", "CPU"), None);
        assert_eq!(before("released in 2017 V100 boards", "V100"), None);
        assert_eq!(before("we used 2.5 GPU", "GPU"), None);
    }

    #[test]
    fn machines_times_devices() {
        assert_eq!(
            before("fitting ran on 32 nodes with 8 GPUs each", "GPUs"),
            Some(256)
        );
        assert_eq!(
            before("training used 4 servers, each with 2 A6000", "A6000"),
            Some(8)
        );
        let text = "each worker uses 4 GPUs";
        let c = count_before(text, text.find("GPUs").unwrap()).unwrap();
        assert!(c.per_unit);
        assert_eq!(unit_count("We launch 6 workers and one server."), Some(6));
    }

    #[test]
    fn devices_per_node_times_the_nodes() {
        let t = "We used 4 Tesla P100 GPUs/node on 32 nodes.";
        let c = count_before(t, t.find("Tesla").unwrap()).unwrap();
        assert_eq!((c.value, c.multiplied), (128, true));
        let t = "on 16 nodes, with 8 V100 GPUs per node";
        assert_eq!(before(t, "V100"), Some(128));
        // The nodes are counted elsewhere: the caller multiplies.
        let t = "each job used 8 A100 GPUs per node";
        let c = count_before(t, t.find("A100").unwrap()).unwrap();
        assert_eq!((c.value, c.per_unit), (8, true));
        // Not a per-unit count.
        let t = "with 4 V100 GPUs and a batch of 32 per GPU";
        let c = count_before(t, t.find("V100").unwrap()).unwrap();
        assert_eq!((c.value, c.per_unit, c.multiplied), (4, false, false));
    }

    #[test]
    fn cores_are_not_devices() {
        assert_eq!(before("trained on 64 CPU cores", "CPU"), None);
        assert_eq!(before("on 32 CPU threads", "CPU"), None);
        assert_eq!(before("a 32-core CPU", "CPU"), Some(1));
        assert_eq!(before("with two 16-core Xeon CPUs", "CPUs"), Some(2));
        assert_eq!(before("on 2 CPUs", "CPUs"), Some(2));
        assert_eq!(before("on an AWS p3.8xlarge", "p3"), Some(1));
    }

    #[test]
    fn spec_table_cells() {
        let after = |t: &str, w: &str| count_after(t, t.find(w).unwrap() + w.len());
        assert_eq!(
            after("Machine type n1-standard-8 | GPU | 1 | Disk", "GPU"),
            Some(1)
        );
        assert_eq!(after("GPUs: 4, RAM: 64 GB", "GPUs"), Some(4));
        assert_eq!(after("GPU count = 2", "GPU"), Some(2));
        assert_eq!(after("GPU: 1080 Ti, CPU: i7", "GPU"), None);
        assert_eq!(after("GPU: 24 GB", "GPU"), None);
        assert_eq!(after("GPU | 2.5 GHz", "GPU"), None);
    }

    #[test]
    fn count_written_after() {
        let t = "trained on A100 x8 for a day";
        assert_eq!(count_after(t, t.find("A100").unwrap() + 4), Some(8));
        let t = "on V100 GPUs (×4)";
        assert_eq!(count_after(t, t.find("V100").unwrap() + 4), Some(4));
    }

    #[test]
    fn number_words() {
        assert_eq!(parse_number("sixteen"), Some(16));
        assert_eq!(parse_number("1,202"), Some(1202));
        assert_eq!(parse_number("1,5"), None);
        assert_eq!(parse_number("many"), None);
    }
}
