//! Hardware mentions in a sentence, matched against the catalog with the variants papers use
//! ("Tesla-V100-SXM2-32GB", "RTX 2070s", "K-80", "TPUv2"), class names that stand for a device
//! ("Volta GPUs", "second-generation TPUs", "a MacBook Pro", "p3.8xlarge"; imputed, with the
//! alternatives), CPU models the catalog lacks, and generic "GPU"/"CPU"/"TPU".

use std::sync::LazyLock;

use regex::Regex;

use crate::reference::{Device, HardwareCatalog, HardwareKind};

/// One device named in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Byte offsets in the sentence.
    pub start: usize,
    pub end: usize,
    /// As written ("NVidia H100").
    pub text: String,
    /// Catalog id (`nvidia-h100`, `generic-gpu`).
    pub device_id: String,
    /// Catalog name ("NVIDIA H100", "GPU (unspecified)").
    pub name: String,
    pub kind: HardwareKind,
    /// Only the kind of device is named ("GPUs", "a TPU").
    pub generic: bool,
    /// Set when the device stands for a class name ("Volta GPUs" → V100): the rule applied.
    pub rule: Option<String>,
    /// Other catalog devices the class name may mean, for the estimate's interval.
    pub alternatives: Vec<String>,
    /// Devices in one named unit ("p3.8xlarge" holds 4 V100): a count of units times this.
    pub per_unit: Option<u32>,
    /// Counted units that make one device ("32 TPU v3 cores": 2 TensorCores a chip): a count
    /// of these is divided by it.
    pub units_per_device: Option<u32>,
    /// Named as one whole unit — a TPU slice by its size ("TPU v3-8"), a notebook platform
    /// ("on Google Colab"): with no count stated, one unit.
    pub one_unit: bool,
    /// Remarks on the count: a lower bound ("over 32"), cores that are not devices.
    pub notes: Vec<String>,
}

impl Mention {
    /// "GPU", "graphics card", "2 cards": a GPU with no model (the catalog's `generic-gpu`).
    fn generic_gpu(start: usize, end: usize, text: &str, gpu: Option<&Device>) -> Self {
        Mention {
            start,
            end,
            text: text[start..end].to_string(),
            device_id: "generic-gpu".into(),
            name: gpu.map_or_else(|| "GPU (unspecified)".into(), |d| d.name.clone()),
            kind: HardwareKind::Gpu,
            generic: true,
            rule: None,
            alternatives: Vec::new(),
            per_unit: None,
            units_per_device: None,
            one_unit: false,
            notes: Vec::new(),
        }
    }

    fn new(start: usize, end: usize, text: &str, device: &Device) -> Self {
        Mention {
            start,
            end,
            text: text[start..end].to_string(),
            device_id: device.id.clone(),
            name: device.name.clone(),
            kind: device.kind,
            generic: is_generic(&device.id),
            rule: None,
            alternatives: Vec::new(),
            per_unit: None,
            units_per_device: None,
            one_unit: false,
            notes: Vec::new(),
        }
    }

    /// Devices for a count read next to the mention: units times the devices in a unit, or
    /// cores over the cores of a device (at least one device).
    pub fn devices(&self, count: u32) -> u32 {
        let n = count.saturating_mul(self.per_unit.unwrap_or(1));
        match self.units_per_device {
            Some(k) if k > 1 => n.div_ceil(k).max(1),
            _ => n,
        }
    }
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*").expect("token regex"));

static GENERIC_GPU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:GPUs?|[Gg]raphics (?:cards?|processing units?))\b").expect("gpu regex")
});

/// A number of cards: "2 cards", "four such cards".
static COUNTED_CARDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:\d{1,3}|two|three|four|five|six|seven|eight|sixteen)\s+(?:such\s+|identical\s+|of\s+these\s+|of\s+the\s+)?(?P<cards>cards)\b")
        .expect("counted cards regex")
});

/// Words after "GPU" that make it an attribute, not a device ("GPU memory", "GPU hours").
static GENERIC_NOT_DEVICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s|-)*(?:memory|RAM|VRAM|hours?|days?|time|utili[sz]ation|usage|kernels?|acceleration|accelerated|support|programming|parallelization|parallelism|implementations?|compiler|math)\b")
        .expect("gpu attribute regex")
});

/// Tokens a hardware name can start with besides ones holding a digit.
const START_WORDS: &[&str] = &[
    "nvidia",
    "tesla",
    "geforce",
    "gtx",
    "rtx",
    "quadro",
    "titan",
    "radeon",
    "instinct",
    "intel",
    "core",
    "amd",
    "google",
    "cloud",
    "tpu",
    "tpus",
    "cpu",
    "cpus",
    "apple",
    "jetson",
    "tegra",
    "xeon",
    "ryzen",
    "gaudi",
    "habana",
    "aws",
    "amazon",
    "inferentia",
    "trainium",
    "ascend",
    "huawei",
    "arc",
];

/// Words that, inside the matched name, make a short or numeric model key unambiguous.
const VENDOR_WORDS: &[&str] = &[
    "nvidia", "tesla", "geforce", "gtx", "rtx", "quadro", "titan", "radeon", "amd", "intel",
    "apple", "google", "core", "rx",
];

/// Words right after a name that say it is a device ("V100 GPUs", "580 cards").
const DEVICE_NOUNS: &[&str] = &[
    "gpu",
    "gpus",
    "card",
    "cards",
    "graphics",
    "processor",
    "processors",
    "cpu",
    "cpus",
    "tpu",
    "tpus",
    "accelerator",
    "accelerators",
    "chip",
    "chips",
];

/// Short keys common enough in papers to stand alone ("on K80s").
const BARE_OK: &[&str] = &["k20", "k40", "k80", "k40c", "k40m"];

/// The words before a device in a sentence about running on it: "on an ", "using 4 ×".
static DEVICE_SLOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on|using|with|across)\s+(?:a|an|one|a single|single|\d{1,4}|two|three|four|six|eight|sixteen)\s*(?:x|×)?\s*$")
        .expect("device slot regex")
});

/// What may follow a short name in a device's slot: the end of the clause or a word that
/// goes on about the run ("on an A40 for 2 hours"), not a noun it qualifies ("an L1 loss").
const SLOT_END: &[&str] = &[
    "", "for", "and", "in", "within", "to", "which", "while", "gpu", "gpus", "card", "cards",
    "with", "over", "taking", "took", "at",
];

/// A short model name ("A40", "T4", "L4") that needs context to be hardware.
fn short(key: &str) -> bool {
    key.len() <= 3 && key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
}

fn is_generic(id: &str) -> bool {
    id.starts_with("generic-")
}

/// All hardware mentions in `text`, left to right, without overlaps.
pub fn find_mentions(text: &str, catalog: &HardwareCatalog) -> Vec<Mention> {
    let tokens: Vec<(usize, usize)> = TOKEN
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let lower: Vec<String> = tokens
        .iter()
        .map(|&(s, e)| text[s..e].to_lowercase())
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let first = &lower[i];
        let eligible =
            first.chars().any(|c| c.is_ascii_digit()) || START_WORDS.contains(&first.as_str());
        if !eligible {
            i += 1;
            continue;
        }
        // The longest window of up to six tokens separated only by spaces that resolves.
        let mut last = i;
        while last + 1 < tokens.len()
            && last + 1 < i + 6
            // Trademark signs sit between a brand's words ("NVIDIA® Tesla® V100").
            && text[tokens[last].1..tokens[last + 1].0]
                .chars()
                .all(|c| matches!(c, ' ' | '~' | '®' | '™' | '©'))
            && tokens[last].1 < tokens[last + 1].0
        {
            last += 1;
        }
        let mut found = None;
        for j in (i..=last).rev() {
            let (s, e) = (tokens[i].0, tokens[j].1);
            let name = &text[s..e];
            let Some(r) = catalog.resolve(name) else {
                continue;
            };
            let next = lower.get(j + 1).map(String::as_str).unwrap_or("");
            // "trained on an A40", "using 4 A10s": a device's slot in the sentence stands in
            // for the vendor word a short name otherwise needs.
            let slot = DEVICE_SLOT.is_match(&text[..s])
                && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
                && SLOT_END.contains(&next);
            let placed_short = slot && short(&r.key);
            if !(plausible(&lower[i..=j], &r.key, r.device.kind, next) || placed_short) {
                continue;
            }
            found = Some((j, s, e, r.device));
            break;
        }
        match found {
            Some((j, s, e, d)) => {
                out.push(Mention::new(s, e, text, d));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    class_mentions(text, catalog, &mut out);
    cpu_models(text, catalog, &mut out);
    // "GPU"/"GPUs" with no model: the catalog has no key for the bare word.
    let gpu = catalog.get("generic-gpu");
    for m in GENERIC_GPU.find_iter(text) {
        if out.iter().any(|o| m.start() < o.end && o.start < m.end()) {
            continue;
        }
        if GENERIC_NOT_DEVICE.is_match(&text[m.end()..]) {
            continue;
        }
        out.push(Mention::generic_gpu(m.start(), m.end(), text, gpu));
    }
    // "on Tesla P100 cards, with 2 cards running in parallel": "cards" counted in a
    // sentence that names a GPU model are that GPU.
    let named_gpu = out
        .iter()
        .any(|m| !m.generic && m.kind == HardwareKind::Gpu);
    if named_gpu {
        for c in COUNTED_CARDS.captures_iter(text) {
            let w = c.name("cards").expect("cards group");
            if out.iter().any(|o| w.start() < o.end && o.start < w.end()) {
                continue;
            }
            out.push(Mention::generic_gpu(w.start(), w.end(), text, gpu));
        }
    }
    out.retain(|m| !(m.generic && GENERIC_NOT_DEVICE.is_match(&text[m.end..])));
    out.sort_by_key(|m| m.start);
    for m in &mut out {
        m.notes = count_notes(text, m);
        // "RTX 3070 Laptop GPU": the catalog's figure is the desktop part's.
        if !m.generic && m.kind == HardwareKind::Gpu && LAPTOP_AFTER.is_match(&text[m.end..]) {
            m.notes.push(format!(
                "written as a laptop part (\"{}\" …): the TDP is the desktop part's, an upper bound",
                m.text
            ));
        }
        if m.kind == HardwareKind::Tpu {
            tpu_units(text, catalog, m);
        }
    }
    out
}

/// A Cloud TPU slice name: "v3-8", "TPUv3-32", "TPU v4-64", "v5litepod-16".
static TPU_SLICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:cloud\s+)?tpu\s*-?\s*)?v(2|3|4|5p|5e|5litepod|6e)-(\d{1,5})\b")
        .expect("tpu slice regex")
});

/// "TPU v3 cores", "TPU TensorCores": the count before is of cores.
static TPU_CORES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:tpu|tpus))?\s*(?:tensor\s*)?cores?\b|^(?:\s*(?:tpu|tpus))?\s*tensorcores?\b")
        .expect("tpu cores regex")
});

/// TensorCores in one chip of a TPU generation (the catalog's TDP is a chip's): two up to
/// v4 and in v5p, one in the v5e and v6e "lite" chips, whose slice names count chips.
fn tensor_cores_per_chip(generation: &str) -> u32 {
    match generation.to_ascii_lowercase().as_str() {
        "5e" | "5litepod" | "6e" => 1,
        _ => 2,
    }
}

/// TPU counts in chips, the unit the catalog's TDP is for: a slice ("a TPU v3-8" is 8
/// TensorCores, 4 chips) counts its chips; "32 TPU v3 cores" are 16 chips.
fn tpu_units(text: &str, catalog: &HardwareCatalog, m: &mut Mention) {
    let generation_of = |id: &str| {
        id.strip_prefix("google-tpu-v")
            .unwrap_or("3")
            .trim_start_matches(char::is_alphabetic)
            .to_string()
    };
    // A slice name in the mention or just before it ("a v3-32 TPU pod slice").
    let lo = text[..m.start]
        .char_indices()
        .rev()
        .nth(12)
        .map_or(0, |(i, _)| i);
    let hi = (m.end + 24).min(text.len());
    let hi = (hi..=text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    let slice = TPU_SLICE.captures_iter(&text[lo..hi]).find(|c| {
        let g = c.get(0).expect("whole match");
        let (a, b) = (lo + g.start(), lo + g.end());
        // Overlapping the mention, or next to it with only spaces between.
        let gap = |x: usize, y: usize| x <= y && text[x..y].trim().is_empty();
        (a <= m.end && b >= m.start) || gap(b, m.start) || gap(m.end, a)
    });
    if let Some(c) = slice {
        let g = c.get(0).expect("whole match");
        let generation = c[1].to_string();
        let Ok(size) = c[2].parse::<u32>() else {
            return;
        };
        let per_chip = tensor_cores_per_chip(&generation);
        let chips = (size / per_chip).max(1);
        m.start = m.start.min(lo + g.start());
        m.end = m.end.max(lo + g.end());
        m.text = text[m.start..m.end].to_string();
        // "a v3-32 TPU slice": the slice names the generation the bare "TPU" does not.
        if m.generic {
            if let Some(r) = catalog.resolve(&format!("TPU v{generation}")) {
                m.device_id = r.device.id.clone();
                m.name = r.device.name.clone();
                m.generic = false;
            }
        }
        m.per_unit = Some(chips);
        m.one_unit = true;
        m.notes.push(if per_chip > 1 {
            format!("a v{generation}-{size} slice has {size} TensorCores: {chips} chips ({per_chip} a chip)")
        } else {
            format!("a v{generation}-{size} slice has {chips} chips")
        });
        return;
    }
    if TPU_CORES_AFTER.is_match(&text[m.end..]) {
        let per_chip = tensor_cores_per_chip(&generation_of(&m.device_id));
        if per_chip > 1 {
            m.units_per_device = Some(per_chip);
            m.notes.push(format!(
                "the count is of TPU cores: {per_chip} cores a chip, counted in chips"
            ));
        }
    }
}

/// Words after a class name that make it hardware ("Volta GPUs", "Turing-based cards").
static CLASS_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:[\s-]+(?:architecture|based|class|generation|series|family))?(?:[\s-]+(?:gpus?|graphics\s+cards?|graphics\s+processing\s+units?|cards?|accelerators?|tpus?|chips?|devices?|boards?))?")
        .expect("class noun regex")
});

/// A laptop or mobile part right after a class name ("Blackwell (sm_120) laptop GPU").
static LAPTOP_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;,]{0,24}?\b(?:laptop|mobile|notebook|max-q)\b")
        .expect("laptop after regex")
});

/// The words before a place the work ran: "trained on ", "using the free tier of ".
static RAN_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:on|in|using|with|via|through|used)\s+(?:the\s+)?(?:free\s+(?:tier|version)\s+of\s+)?(?:a\s+)?$")
        .expect("ran on regex")
});

/// A vendor right before a class name ("NVIDIA Volta", "NVIDIA's Maxwell").
static CLASS_VENDOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:nvidia|google|apple|amazon|aws|azure|microsoft)(?:['’]s)?[\s-]*$")
        .expect("class vendor regex")
});

/// "Maxwell or Pascal": one device of either class.
static CLASS_OR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:or|and/or|/)\s*$").expect("class or regex"));

/// Only spaces and brackets between a class name and a model ("Volta V100", "P100 (Pascal)").
static CLASS_GAP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\s\-(),/:]*$").expect("class gap regex"));

/// The words between a system and the devices it is said to hold: " with 8 ", " (4× ".
static SYSTEM_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[\s(,]*(?:with|having|containing|equipped with|featuring|holding)?\s*(?:\S+\s+){0,3}?(?:\d+|two|four|eight|sixteen)?\s*(?:x|×)?\s*$")
        .expect("system with regex")
});

/// An Apple chip named beside a Mac ("M2 MacBook Air", "MacBook Pro (M1 Max)").
static APPLE_CHIP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bM[1-4](?:\s+(?:Pro|Max|Ultra))?\b").expect("apple chip regex"));

/// Class names ("Volta GPUs", "16 second-generation TPUs", "a Google Colab GPU", "MacBook
/// Pro", "p3.8xlarge") read as their representative device, the rule and the alternatives
/// recorded. A named model beside the class name ("Volta V100") wins; a generic mention inside
/// the class name ("TPUs" of "second-generation TPUs") gives way.
fn class_mentions(text: &str, catalog: &HardwareCatalog, out: &mut Vec<Mention>) {
    let hits = catalog.find_classes(text);
    let mut k = 0;
    while k < hits.len() {
        // "Maxwell or Pascal GPU": the disjunction is one mention.
        let mut last = k;
        while last + 1 < hits.len()
            && hits[last + 1].class.class == hits[k].class.class
            && CLASS_OR.is_match(&text[hits[last].end..hits[last + 1].start])
        {
            last += 1;
        }
        let group = &hits[k..=last];
        k = last + 1;
        let start = group[0].start;
        let named_end = group[group.len() - 1].end;
        let noun = CLASS_NOUN.find(&text[named_end..]).map_or(0, |m| m.len());
        let end = named_end + noun;
        let vendor = CLASS_VENDOR.is_match(&text[..start]);
        if group.iter().any(|h| h.class.needs_noun) && noun == 0 && !vendor {
            continue;
        }
        // "a Blackwell (sm_120) laptop GPU": the architecture's representative is a desktop or
        // data-centre part; a laptop's chip of it is only "a GPU".
        if group[0].class.class == "architecture" && LAPTOP_AFTER.is_match(&text[named_end..]) {
            continue;
        }
        // A notebook platform named alone ("Google Colab") is hardware only as the place the
        // work ran ("trained on Google Colab"), not in "a Colab demo is available".
        let platform_only = group[0].class.class == "cloud-notebook"
            && noun == 0
            && !text[start..named_end].to_lowercase().ends_with("pu");
        if platform_only && !RAN_ON.is_match(&text[..start]) {
            continue;
        }
        // "on Google Colab Pro with an NVIDIA P100 GPU": the named accelerator is what ran.
        if platform_only && out.iter().any(|m| !m.generic && m.kind.is_accelerator()) {
            continue;
        }
        // A system named with its model ("DGX A100") is the system: it says how many.
        let system = group[0].class.class == "system";
        if system {
            out.retain(|m| m.generic || !(m.start >= start && m.end <= end));
        }
        // A named model beside it is more precise ("Volta V100", "Tesla P100", "P100 (Pascal)",
        // "a DGX-1 with 8 V100 GPUs").
        let beside = out.iter().any(|m| {
            !m.generic
                && ((m.start < end && start < m.end)
                    || (m.start >= end && CLASS_GAP.is_match(&text[end..m.start]))
                    || (m.end <= start && CLASS_GAP.is_match(&text[m.end..start]))
                    || (system && m.start >= end && SYSTEM_WITH.is_match(&text[end..m.start])))
        });
        if beside {
            continue;
        }
        let first = group[0].class;
        let Some(mut device) = catalog.get(&first.device_id) else {
            continue;
        };
        let written = &text[start..end];
        let mut rule = Some(if group.len() > 1 {
            format!(
                "\"{written}\" → {} ({}: {}; the alternatives cover every class named)",
                device.name, first.id, first.reason
            )
        } else {
            format!(
                "\"{written}\" → {} ({}: {})",
                device.name, first.id, first.reason
            )
        });
        let mut alternatives: Vec<String> = Vec::new();
        for h in group {
            for id in std::iter::once(&h.class.device_id).chain(&h.class.alternatives) {
                if *id != device.id && !alternatives.contains(id) {
                    alternatives.push(id.clone());
                }
            }
        }
        // A Mac with its chip named ("M2 MacBook Air", "MacBook Pro (M1 Max)") is that chip.
        if first.class == "computer" {
            let near = |a: usize, b: usize| {
                let (a, b) = (floor_char(text, a), floor_char(text, b));
                APPLE_CHIP.find(&text[a..b]).map(|m| m.as_str().to_string())
            };
            let chip = near(end, (end + 24).min(text.len()))
                .or_else(|| near(start.saturating_sub(12), start));
            if let Some(r) = chip.and_then(|c| catalog.resolve(&format!("Apple {c}"))) {
                device = r.device;
                rule = None;
                alternatives.clear();
            }
        }
        out.retain(|m| !(m.generic && m.start < end && start < m.end));
        out.push(Mention {
            rule,
            alternatives,
            per_unit: first.devices_per_unit,
            units_per_device: None,
            // A notebook session holds one accelerator.
            one_unit: platform_only,
            ..Mention::new(start, end, text, device)
        });
    }
    out.sort_by_key(|m| m.start);
}

/// The largest char boundary at or below `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// CPU models the catalog does not list ("Intel Xeon E5-2680 v4", "AMD EPYC 7742", "Core
/// i9-10900K"): a CPU whose model is written, kept as the generic CPU with the name as written.
static CPU_MODEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?x)\b(?:(?:Intel|AMD)(?:\(R\)|®)?\s+)?
        (?:Xeon(?:\(R\)|®)?(?:\s+(?:CPU|Gold|Silver|Platinum|Bronze|Phi|W))?\s+(?:[A-Z]\d-|[A-Z]{1,2}-?)?\d{3,5}[A-Za-z]{0,2}(?:[\s-]?v\d)?
          |Core(?:\(TM\)|™)?\s+i[3579][\s-]\d{3,5}[A-Za-z]{0,3}
          |EPYC\s+\d{4}[A-Za-z]?
          |Ryzen(?:\s+Threadripper)?(?:\s+(?:PRO\s+)?\d)?\s+\d{4}[A-Za-z]{0,2}
          |Threadripper\s+(?:PRO\s+)?\d{4}[A-Za-z]{0,2})")
    .expect("cpu model regex")
});

static CPU_WORD_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+(?:CPUs?|processors?)\b").expect("cpu word regex"));

fn cpu_models(text: &str, catalog: &HardwareCatalog, out: &mut Vec<Mention>) {
    let Some(cpu) = catalog.get("generic-cpu") else {
        return;
    };
    for m in CPU_MODEL.find_iter(text) {
        if out
            .iter()
            .any(|o| !o.generic && m.start() < o.end && o.start < m.end())
        {
            continue;
        }
        // "an Intel Xeon E5-2680 v4 CPU": the model stands for the generic word after it.
        let mut end = m.end();
        if let Some(w) = CPU_WORD_AFTER.find(&text[end..]) {
            end += w.end();
        }
        out.retain(|o| !(o.generic && o.start < end && m.start() < o.end));
        out.push(Mention::new(m.start(), end, text, cpu));
    }
    out.sort_by_key(|m| m.start);
}

/// "over 32 P100s": the count is a lower bound. "(14 cores)", "a 32-core CPU", "64 CPU
/// cores": cores are not devices.
static LOWER_BOUND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(over|more than|at least|upwards of|in excess of|>|≥)\s*(\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)?)\s+(?:(?:nvidia|tesla|geforce|google|cloud|amd|intel)\s+)*$")
        .expect("lower bound regex")
});
static CORES_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(\d+)[\s-]cores?\s+(?:(?:intel|amd|xeon|epyc)\s+)*$").expect("cores regex")
});
static CORES_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:cpus?|processors?)?\s*\(?\s*(?:with\s+)?(\d+)\s+(?:physical\s+|logical\s+)?cores?\b(\s+each)?").expect("cores after regex")
});
static CORES_OF_CPU: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(\d{1,3}(?:,\d{3})+|\d+)\s*$").expect("cores of regex"));
static CPU_CORES_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^[\s-]+(?:cores?|threads?)\b").expect("cpu cores regex"));

fn count_notes(text: &str, m: &Mention) -> Vec<String> {
    let mut notes = Vec::new();
    let before = &text[..m.start];
    if let Some(c) = LOWER_BOUND.captures(before) {
        notes.push(format!(
            "the count is a lower bound (\"{} {}\")",
            &c[1], &c[2]
        ));
    }
    if m.kind == HardwareKind::Cpu {
        let after = &text[m.end..];
        if let Some(c) = CORES_BEFORE.captures(before) {
            notes.push(format!("{} cores per CPU (cores are not devices)", &c[1]));
        } else if let Some(c) = CORES_AFTER.captures(after) {
            let each = if c.get(2).is_some() { " each" } else { "" };
            notes.push(format!("{} cores{each} (cores are not devices)", &c[1]));
        } else if CPU_CORES_AFTER.is_match(after) {
            if let Some(c) = CORES_OF_CPU.captures(before) {
                notes.push(format!("{} CPU cores (cores are not devices)", &c[1]));
            }
        }
    }
    notes
}

/// Short or numeric keys ("580", "t4", "l2") need a vendor word in the name or a device noun
/// after it; phones and boards need two words. Keeps "L2 loss" and "1080 samples" out.
fn plausible(window: &[String], key: &str, kind: HardwareKind, next: &str) -> bool {
    // "RTX-3090" and "GTX1080" carry their brand inside the token.
    let has_vendor = window.iter().any(|w| {
        w.split('-').any(|part| {
            VENDOR_WORDS.contains(&part)
                || ["gtx", "rtx"].iter().any(|b| {
                    part.strip_prefix(b)
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                })
        })
    });
    let noun_after = DEVICE_NOUNS.contains(&next);
    let numeric = key
        .trim_end_matches("ti")
        .trim_end_matches("super")
        .chars()
        .all(|c| c.is_ascii_digit());
    if key.starts_with("generic") || key == "tpu" || key == "cpu" {
        return true;
    }
    if numeric && !key.ends_with("ti") {
        return has_vendor || noun_after;
    }
    if numeric {
        return has_vendor || noun_after || key.len() >= 5;
    }
    if matches!(kind, HardwareKind::Soc | HardwareKind::Other) {
        return window.len() >= 2;
    }
    if key.len() <= 3 && !BARE_OK.contains(&key) {
        return has_vendor || noun_after;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Reference;

    fn ids(text: &str) -> Vec<String> {
        let r = Reference::embedded().unwrap();
        find_mentions(text, &r.hardware)
            .into_iter()
            .map(|m| m.device_id)
            .collect()
    }

    #[test]
    fn names_as_papers_write_them() {
        assert_eq!(ids("on a Tesla-V100-SXM2-32GB"), ["nvidia-v100"]);
        assert_eq!(
            ids("using two NVIDIA GeForce RTX 2080 Ti cards"),
            ["nvidia-rtx-2080-ti"]
        );
        assert_eq!(ids("runs were done on RTX 3090s"), ["nvidia-rtx-3090"]);
        assert_eq!(ids("on 12 K-80 GPUs"), ["nvidia-tesla-k80"]);
        assert_eq!(ids("a pod of TPUv4 chips"), ["google-tpu-v4"]);
        assert_eq!(ids("on four Titan Black GPUs"), ["nvidia-titan-black"]);
        assert_eq!(ids("an A100 (40GB) card"), ["nvidia-a100"]);
        assert_eq!(ids("with a GTX 580 3GB card"), ["nvidia-gtx-580"]);
    }

    #[test]
    fn generic_devices() {
        assert_eq!(ids("trained on a GPU"), ["generic-gpu"]);
        assert_eq!(ids("with 40 CPU workers"), ["generic-cpu"]);
        assert_eq!(ids("on Cloud TPUs"), ["generic-tpu"]);
        assert!(ids("the GPU memory was 24 GB").is_empty());
        assert!(ids("it needs 100 GPU hours").is_empty());
    }

    fn one(text: &str) -> Mention {
        let r = Reference::embedded().unwrap();
        let ms = find_mentions(text, &r.hardware);
        assert_eq!(ms.len(), 1, "{text}: {ms:?}");
        ms.into_iter().next().unwrap()
    }

    #[test]
    fn architecture_names_stand_for_a_representative() {
        let m = one("we trained it on 2 Volta GPUs");
        assert_eq!(m.device_id, "nvidia-v100");
        assert_eq!(m.text, "Volta GPUs");
        assert!(!m.generic);
        let rule = m.rule.as_deref().unwrap();
        assert!(
            rule.contains("\"Volta GPUs\" → NVIDIA Tesla V100"),
            "{rule}"
        );
        for alt in ["nvidia-titan-v", "nvidia-quadro-gv100", "nvidia-v100s"] {
            assert!(m.alternatives.iter().any(|a| a == alt), "{alt}");
        }
        assert!(!m.alternatives.iter().any(|a| a == "nvidia-v100"));
        let m = one("on NVIDIA Turing cards");
        assert_eq!(m.device_id, "nvidia-rtx-2080-ti");
        assert!(m.alternatives.iter().any(|a| a == "nvidia-t4"));
        assert_eq!(one("an NVIDIA Ampere GPU").device_id, "nvidia-a100");
        assert_eq!(one("Hopper-based accelerators").device_id, "nvidia-h100");
        assert_eq!(one("an Ada Lovelace GPU").device_id, "nvidia-rtx-4090");
        assert_eq!(one("eight Kepler GPUs").device_id, "nvidia-tesla-k80");
    }

    #[test]
    fn a_laptop_part_says_its_tdp_is_the_desktop_parts() {
        let r = Reference::embedded().unwrap();
        let ms = find_mentions(
            "trained on an RTX 3070 Laptop GPU for 10 hours",
            &r.hardware,
        );
        let m = &ms[0];
        assert_eq!(m.device_id, "nvidia-rtx-3070");
        assert!(
            m.notes.iter().any(|n| n.contains("laptop part")),
            "{:?}",
            m.notes
        );
        assert!(one("trained on an RTX 3070 for 10 hours").notes.is_empty());
    }

    #[test]
    fn a_laptop_chip_of_an_architecture_is_a_gpu() {
        let m = one("training on a brand-new NVIDIA Blackwell (sm_120) laptop GPU");
        assert_eq!(m.device_id, "generic-gpu");
    }

    #[test]
    fn a_disjunction_of_architectures_is_one_device_with_both_classes_alternatives() {
        let m = one("conducted on NVIDIA’s Maxwell or Pascal GPU.");
        assert_eq!(m.device_id, "nvidia-titan-x");
        assert_eq!(m.text, "Maxwell or Pascal GPU");
        for alt in [
            "nvidia-tesla-m40",
            "nvidia-tesla-p100",
            "nvidia-gtx-1080-ti",
        ] {
            assert!(m.alternatives.iter().any(|a| a == alt), "{alt}");
        }
        assert!(m.rule.unwrap().contains("every class named"));
    }

    #[test]
    fn class_words_that_are_not_hardware_or_name_a_model_beside_them() {
        assert!(ids("they ran a Turing test with Pascal Vincent's code").is_empty());
        assert!(ids("Maxwell's equations and Ampere's law").is_empty());
        assert!(ids("the Tesla Model 3 dataset").is_empty());
        // A model written next to its architecture or brand is that model, not imputed.
        let m = one("on a Volta V100");
        assert_eq!(
            (m.device_id.as_str(), m.rule.is_none()),
            ("nvidia-v100", true)
        );
        let m = one("on four NVIDIA Tesla P100 GPUs");
        assert_eq!(
            (m.device_id.as_str(), m.rule.is_none()),
            ("nvidia-tesla-p100", true)
        );
        let m = one("a P100 (Pascal) card");
        assert_eq!(
            (m.device_id.as_str(), m.rule.is_none()),
            ("nvidia-tesla-p100", true)
        );
    }

    #[test]
    fn tesla_tpu_generations_colab_and_macs() {
        let m = one("using two Tesla GPUs");
        assert_eq!(m.device_id, "nvidia-tesla-p100");
        assert!(m.rule.as_deref().unwrap().contains("year is not known"));
        assert!(m.alternatives.iter().any(|a| a == "nvidia-tesla-k80"));
        assert!(m.alternatives.iter().any(|a| a == "nvidia-v100"));
        let m = one("on 16 second-generation TPUs");
        assert_eq!(
            (m.device_id.as_str(), m.kind.as_str()),
            ("google-tpu-v2", "tpu")
        );
        assert!(m.rule.is_some());
        assert_eq!(
            one("a third generation Cloud TPU").device_id,
            "google-tpu-v3"
        );
        assert_eq!(one("64 4th-gen TPUs").device_id, "google-tpu-v4");
        let m = one("in a Google Colab GPU");
        assert_eq!(m.device_id, "nvidia-t4");
        assert!(m.alternatives.iter().any(|a| a == "nvidia-tesla-k80"));
        let m = one("fine-tuned on a MacBook Pro");
        assert_eq!((m.device_id.as_str(), m.kind.as_str()), ("apple-m1", "soc"));
        assert!(m.rule.is_some());
        assert!(m.alternatives.iter().any(|a| a == "apple-m1-max"));
        assert_eq!(one("a 2021 MacBook Air").device_id, "apple-m1");
        // The chip written beside the computer is the device, nothing imputed.
        let m = one("on an M2 MacBook Air");
        assert_eq!((m.device_id.as_str(), m.rule.is_none()), ("apple-m2", true));
        let m = one("a MacBook Pro (M1 Max, 64 GB)");
        assert_eq!(m.device_id, "apple-m1-max");
        assert!(m.alternatives.is_empty());
    }

    #[test]
    fn short_names_in_a_devices_slot() {
        assert_eq!(
            one("which takes around 2 hours on an A40.").device_id,
            "nvidia-a40"
        );
        assert_eq!(
            one("trained using 4 A10 for 2 days").device_id,
            "nvidia-a10"
        );
        let r = Reference::embedded().unwrap();
        for text in [
            "using an L1 loss on the spectrogram",
            "we use an A4 page layout",
            "Table A4 lists the settings",
        ] {
            assert!(find_mentions(text, &r.hardware).is_empty(), "{text}");
        }
    }

    #[test]
    fn brands_glued_to_numbers_and_trademark_signs() {
        assert_eq!(
            one("on one RTX-3090 for 2 days").device_id,
            "nvidia-rtx-3090"
        );
        assert_eq!(one("5 h on a GTX1080.").device_id, "nvidia-gtx-1080");
        let m = one("on an NVIDIA® Tesla® V100 for 20 hours");
        assert_eq!(
            (m.device_id.as_str(), m.text.as_str()),
            ("nvidia-v100", "NVIDIA® Tesla® V100")
        );
        assert_eq!(one("on a GeForce RTX™ 3090").device_id, "nvidia-rtx-3090");
        // A number with no brand or device word is still not hardware.
        let r = Reference::embedded().unwrap();
        assert!(find_mentions("we used 3090 clips of audio", &r.hardware).is_empty());
    }

    #[test]
    fn a_notebook_platform_is_hardware_where_the_work_ran() {
        let m = one("The model was trained on Google Colab for 6 hours.");
        assert_eq!(m.device_id, "nvidia-t4");
        assert!(m.rule.as_deref().is_some_and(|r| r.contains("Colab")));
        assert_eq!(
            one("trained on a Google Colab TPU").device_id,
            "google-tpu-v2"
        );
        let r = Reference::embedded().unwrap();
        assert!(find_mentions("A Google Colab demo is available online.", &r.hardware).is_empty());
    }

    #[test]
    fn a_system_counts_the_devices_it_holds() {
        let m = one("We train on an NVIDIA DGX A100 for 6 hours.");
        assert_eq!((m.device_id.as_str(), m.devices(1)), ("nvidia-a100", 8));
        assert_eq!(one("on a DGX-2").devices(1), 16);
        // The devices named with it are what ran.
        let m = one("We used an NVIDIA DGX-1 with 8 V100 GPUs.");
        assert_eq!((m.device_id.as_str(), m.per_unit), ("nvidia-v100", None));
    }

    #[test]
    fn tpu_counts_are_chips() {
        let m = one("on a TPU v3-8 for 10 hours");
        assert_eq!((m.device_id.as_str(), m.devices(1)), ("google-tpu-v3", 4));
        let m = one("on a v3-32 TPU pod slice");
        assert_eq!((m.device_id.as_str(), m.devices(1)), ("google-tpu-v3", 16));
        assert_eq!(one("on a TPU v5litepod-16").devices(1), 16);
        let m = one("on 32 TPU v3 cores");
        assert_eq!((m.device_id.as_str(), m.devices(32)), ("google-tpu-v3", 16));
        assert_eq!(one("on 8 TPU v3 chips").devices(8), 8);
        assert!(one("on 8 TPU v3 chips").notes.is_empty());
    }

    #[test]
    fn cloud_instances_carry_devices_per_instance() {
        let m = one("on 2 p3.8xlarge instances");
        assert_eq!((m.device_id.as_str(), m.per_unit), ("nvidia-v100", Some(4)));
        assert_eq!(m.devices(2), 8);
        let m = one("an AWS g4dn.xlarge instance");
        assert_eq!((m.device_id.as_str(), m.per_unit), ("nvidia-t4", Some(1)));
        let m = one("an Azure Standard_NC6s_v3 VM");
        assert_eq!((m.device_id.as_str(), m.per_unit), ("nvidia-v100", Some(1)));
        let m = one("a2-highgpu-8g machines");
        assert_eq!((m.device_id.as_str(), m.per_unit), ("nvidia-a100", Some(8)));
        assert_eq!(one("one p2.16xlarge").devices(1), 16);
    }

    #[test]
    fn brand_after_the_number_and_other_spellings_of_the_2080_ti() {
        for t in [
            "4 Nvidia 2080 RTX Ti",
            "an RTX 2080Ti",
            "a GeForce 2080-Ti",
            "two RTX 2080 Ti cards",
        ] {
            assert_eq!(ids(t), ["nvidia-rtx-2080-ti"], "{t}");
        }
        assert_eq!(ids("a 2080 RTX card"), ["nvidia-rtx-2080"]);
        assert_eq!(ids("the Titan RTX"), ["nvidia-titan-rtx"]);
    }

    #[test]
    fn cpu_models_and_core_counts() {
        let m = one("an Intel Xeon E5-2680 v4 (14 cores)");
        assert_eq!(
            (m.device_id.as_str(), m.text.as_str()),
            ("generic-cpu", "Intel Xeon E5-2680 v4")
        );
        assert_eq!(m.notes, ["14 cores (cores are not devices)"]);
        let m = one("2 Intel Xeon Gold 6148 CPUs (20 cores each)");
        assert_eq!(m.text, "Intel Xeon Gold 6148 CPUs");
        assert_eq!(m.notes, ["20 cores each (cores are not devices)"]);
        assert_eq!(
            one("a 32-core CPU").notes,
            ["32 cores per CPU (cores are not devices)"]
        );
        assert_eq!(
            one("on 64 CPU cores").notes,
            ["64 CPU cores (cores are not devices)"]
        );
        assert_eq!(
            one("an AMD EPYC 7742 processor").text,
            "AMD EPYC 7742 processor"
        );
        // Catalogued CPUs keep their entry.
        assert_eq!(ids("an Intel Core i7-9700K"), ["intel-core-i7-9700k"]);
        assert!(one("2 CPUs").notes.is_empty());
    }

    #[test]
    fn a_count_that_is_a_lower_bound_is_noted() {
        let m = one("we trained on over 32 P100s");
        assert_eq!(m.device_id, "nvidia-tesla-p100");
        assert_eq!(m.notes, ["the count is a lower bound (\"over 32\")"]);
        assert_eq!(one("more than 8 NVIDIA V100 GPUs").notes.len(), 1);
        assert!(one("8 NVIDIA V100 GPUs").notes.is_empty());
    }

    #[test]
    fn numbers_and_words_that_are_not_hardware() {
        assert!(ids("we add an L2 penalty and use 1080 clips").is_empty());
        assert!(ids("pick thep100 results").is_empty());
        assert!(ids("section 580 of the code").is_empty());
        assert!(ids("the M1 and M2 conditions").is_empty());
        assert_eq!(ids("an NVIDIA T4"), ["nvidia-t4"]);
        assert_eq!(ids("a GTX 980 card"), ["nvidia-gtx-980"]);
    }
}
