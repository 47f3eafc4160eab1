//! Hardware mentions in a sentence, matched against the catalog with the variants papers use
//! ("Tesla-V100-SXM2-32GB", "RTX 2070s", "K-80", "TPUv2"), plus generic "GPU"/"CPU"/"TPU".

use std::sync::LazyLock;

use regex::Regex;

use crate::reference::HardwareCatalog;

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
    /// `gpu`, `tpu`, `cpu`, `npu`, `soc`, `other`.
    pub kind: String,
    /// Only the kind of device is named ("GPUs", "a TPU").
    pub generic: bool,
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*").expect("token regex"));

static GENERIC_GPU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:GPUs?|[Gg]raphics (?:cards?|processing units?))\b").expect("gpu regex")
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
            && text[tokens[last].1..tokens[last + 1].0]
                .chars()
                .all(|c| c == ' ' || c == '~')
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
            if !plausible(&lower[i..=j], &r.key, &r.device.kind, next) {
                continue;
            }
            found = Some((j, s, e, r.device));
            break;
        }
        match found {
            Some((j, s, e, d)) => {
                out.push(Mention {
                    start: s,
                    end: e,
                    text: text[s..e].to_string(),
                    device_id: d.id.clone(),
                    name: d.name.clone(),
                    kind: d.kind.clone(),
                    generic: is_generic(&d.id),
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    // "GPU"/"GPUs" with no model: the catalog has no key for the bare word.
    let gpu = catalog.get("generic-gpu");
    for m in GENERIC_GPU.find_iter(text) {
        if out.iter().any(|o| m.start() < o.end && o.start < m.end()) {
            continue;
        }
        if GENERIC_NOT_DEVICE.is_match(&text[m.end()..]) {
            continue;
        }
        out.push(Mention {
            start: m.start(),
            end: m.end(),
            text: m.as_str().to_string(),
            device_id: "generic-gpu".into(),
            name: gpu
                .map(|d| d.name.clone())
                .unwrap_or_else(|| "GPU (unspecified)".into()),
            kind: "gpu".into(),
            generic: true,
        });
    }
    out.retain(|m| !(m.generic && GENERIC_NOT_DEVICE.is_match(&text[m.end..])));
    out.sort_by_key(|m| m.start);
    out
}

/// Short or numeric keys ("580", "t4", "l2") need a vendor word in the name or a device noun
/// after it; phones and boards need two words. Keeps "L2 loss" and "1080 samples" out.
fn plausible(window: &[String], key: &str, kind: &str, next: &str) -> bool {
    let has_vendor = window.iter().any(|w| VENDOR_WORDS.contains(&w.as_str()));
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
    if matches!(kind, "soc" | "other") {
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
