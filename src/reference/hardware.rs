//! The hardware catalog: accelerators as papers name them, each with every source's TDP.

use std::collections::HashMap;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::csv_rows::{parse_rows, split_list};
use crate::error::{Error, Result};

/// What kind of chip a device is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HardwareKind {
    Gpu,
    Tpu,
    Cpu,
    /// Other neural accelerators (Inferentia, Gaudi, Ascend…).
    Npu,
    /// A system on a chip (Apple M-series, Jetson).
    Soc,
    Other,
}

impl HardwareKind {
    pub fn as_str(self) -> &'static str {
        match self {
            HardwareKind::Gpu => "gpu",
            HardwareKind::Tpu => "tpu",
            HardwareKind::Cpu => "cpu",
            HardwareKind::Npu => "npu",
            HardwareKind::Soc => "soc",
            HardwareKind::Other => "other",
        }
    }

    /// GPUs and TPUs: what trains models in the papers surveyed.
    pub fn is_accelerator(self) -> bool {
        matches!(self, HardwareKind::Gpu | HardwareKind::Tpu)
    }
}

impl std::fmt::Display for HardwareKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Deserialize)]
struct DeviceRow {
    id: String,
    vendor: String,
    name: String,
    family: String,
    kind: HardwareKind,
    release_year: Option<i32>,
    memory_gb: Option<f64>,
    aliases: String,
    source: String,
}

#[derive(Debug, Deserialize)]
struct ClassRow {
    id: String,
    class: String,
    aliases: String,
    device_id: String,
    devices_per_unit: Option<u32>,
    alternatives: String,
    needs_noun: bool,
    reason: String,
    source: String,
}

#[derive(Debug, Deserialize)]
struct TdpRow {
    device_id: String,
    variant: String,
    tdp_w: f64,
    source_key: String,
    source: String,
    note: String,
}

/// One TDP figure for a device, as one source gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct TdpValue {
    /// Form factor or memory variant the figure is for (`pcie`, `sxm2`, …), empty if unsaid.
    pub variant: String,
    pub tdp_w: f64,
    /// Short source key that methods name in `tdp-sources` (`epoch`, `green-algorithms`, …).
    pub source_key: String,
    pub source: String,
    pub note: String,
}

impl TdpValue {
    /// "300 W (epoch, sxm2: Epoch AI …)"
    pub fn describe(&self) -> String {
        let variant = if self.variant.is_empty() {
            String::new()
        } else {
            format!(", {}", self.variant)
        };
        format!(
            "{} W ({}{}: {})",
            fmt_w(self.tdp_w),
            self.source_key,
            variant,
            self.source
        )
    }
}

fn fmt_w(w: f64) -> String {
    if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w}")
    }
}

/// A catalog entry: one chip model.
#[derive(Debug, Clone)]
pub struct Device {
    pub id: String,
    pub vendor: String,
    pub name: String,
    pub family: String,
    pub kind: HardwareKind,
    pub release_year: Option<i32>,
    pub memory_gb: Option<f64>,
    pub aliases: Vec<String>,
    pub source: String,
    pub tdp: Vec<TdpValue>,
}

/// How a query matched a catalog entry.
#[derive(Debug, Clone)]
pub struct Resolved<'a> {
    pub device: &'a Device,
    /// Form factor or memory variant named in the query (`sxm2`, `32gb`).
    pub variants: Vec<String>,
    /// The normalised key that matched.
    pub key: String,
}

/// The TDP a method picked for a device, with the figures it passed over.
#[derive(Debug, Clone, PartialEq)]
pub struct TdpChoice {
    pub chosen: TdpValue,
    /// Why this one: "first of the method's sources with a value" etc.
    pub rule: String,
    pub alternatives: Vec<TdpValue>,
}

/// A name papers write instead of a chip ("Volta GPUs", "second-generation TPUs", "a MacBook
/// Pro", "p3.8xlarge"): the device that stands for it and the others it may be.
#[derive(Debug, Clone, PartialEq)]
pub struct HardwareClass {
    pub id: String,
    /// `architecture`, `brand`, `tpu-generation`, `cloud-notebook`, `computer`, `cloud-instance`.
    pub class: String,
    /// As papers write them; matched case-insensitively, spaces also matching `-`, `_`, `.`.
    pub aliases: Vec<String>,
    /// The representative device (catalog id).
    pub device_id: String,
    /// Devices in one named unit (a cloud instance type); the count is in units.
    pub devices_per_unit: Option<u32>,
    /// The other devices the name may mean (catalog ids).
    pub alternatives: Vec<String>,
    /// The alias is also a common word ("Turing", "Pascal", "Tesla"): it names hardware only
    /// with a device noun after it ("Volta GPUs") or the vendor before it ("NVIDIA Volta").
    pub needs_noun: bool,
    /// Why this representative.
    pub reason: String,
    pub source: String,
}

#[derive(Debug, Clone, Default)]
pub struct HardwareCatalog {
    devices: Vec<Device>,
    by_key: HashMap<String, usize>,
    classes: Vec<HardwareClass>,
    /// All class aliases, longest first, as one pattern (built by `with_classes`).
    class_pattern: Option<Regex>,
    /// `alias_key` → index in `classes`.
    class_by_alias: HashMap<String, usize>,
}

/// A class alias found in a text (plural `s` included in the span).
#[derive(Debug, Clone)]
pub struct ClassHit<'a> {
    pub start: usize,
    pub end: usize,
    pub class: &'a HardwareClass,
}

const FORM_FACTORS: &[&str] = &["pcie", "sxm2", "sxm3", "sxm4", "sxm5", "sxm", "nvl", "dgxs"];

/// Words papers put around a model name that do not identify the chip.
const NOISE_WORDS: &[&str] = &[
    "nvidia",
    "geforce",
    "tesla",
    "google",
    "cloud",
    "amd",
    "radeon",
    "instinct",
    "intel",
    "quadro",
    "gpu",
    "gpus",
    "card",
    "cards",
    "chip",
    "chips",
    "graphics",
    "accelerator",
    "accelerators",
    "core",
    "processor",
    "tm",
    "r",
];

/// Splits a hardware name into (normalised key, variants named in it).
/// "NVIDIA Tesla-V100-SXM2-32GB" → ("v100", ["sxm2", "32gb"]).
pub fn normalise(name: &str) -> (String, Vec<String>) {
    let lower = name.trim().to_lowercase();
    let mut variants = Vec::new();
    let mut tokens = Vec::new();
    for raw in lower.split(|c: char| !c.is_alphanumeric()) {
        if raw.is_empty() {
            continue;
        }
        if NOISE_WORDS.contains(&raw) {
            continue;
        }
        // "2080 RTX Ti": the brand written after the number.
        if matches!(raw, "rtx" | "gtx")
            && tokens
                .last()
                .is_some_and(|t: &String| t.chars().all(|c| c.is_ascii_digit()))
        {
            continue;
        }
        if FORM_FACTORS.contains(&raw) {
            variants.push(raw.to_string());
            continue;
        }
        if let Some(num) = raw.strip_suffix("gb") {
            if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) {
                variants.push(raw.to_string());
                continue;
            }
        }
        // "v100sxm2" written as one token
        let mut token = raw.to_string();
        for ff in FORM_FACTORS {
            if token.len() > ff.len() && token.ends_with(ff) {
                token.truncate(token.len() - ff.len());
                variants.push(ff.to_string());
                break;
            }
        }
        tokens.push(token);
    }
    let mut key: String = tokens.concat();
    for prefix in ["rtx", "gtx"] {
        if key.len() > prefix.len() && key.starts_with(prefix) {
            key = key[prefix.len()..].to_string();
            break;
        }
    }
    (key, variants)
}

/// An alias compared without case and separators ("NC6s_v3" = "NC6s v3").
fn alias_key(alias: &str) -> String {
    alias
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '+')
        .flat_map(char::to_lowercase)
        .collect()
}

/// A regex for an alias: its words in order, any run of spaces, `-`, `_` or `.` between them
/// ("second generation TPU" matches "second-generation TPU", "NC6s v3" matches "NC6s_v3").
fn alias_pattern(alias: &str) -> String {
    alias
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '_' | '.'))
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect::<Vec<_>>()
        .join(r"[\s_.\-]*")
}

/// "V100s" / "TPUv4s" are plurals; "V100S" is a chip. A lowercase `s` right after a digit or a
/// capital letter is taken as a plural.
fn strip_plural(name: &str) -> &str {
    let mut chars = name.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('s'), Some(prev)) if prev.is_ascii_digit() || prev.is_ascii_uppercase() => {
            &name[..name.len() - 1]
        }
        _ => name,
    }
}

impl HardwareCatalog {
    pub fn parse(devices_csv: &str, tdp_csv: &str) -> Result<Self> {
        const DEV: &str = "hardware.csv";
        const TDP: &str = "hardware_tdp.csv";
        let rows: Vec<DeviceRow> = parse_rows(DEV, devices_csv)?;
        let tdps: Vec<TdpRow> = parse_rows(TDP, tdp_csv)?;
        let mut devices: Vec<Device> = rows
            .into_iter()
            .map(|r| Device {
                aliases: split_list(&r.aliases),
                id: r.id,
                vendor: r.vendor,
                name: r.name,
                family: r.family,
                kind: r.kind,
                release_year: r.release_year,
                memory_gb: r.memory_gb,
                source: r.source,
                tdp: Vec::new(),
            })
            .collect();
        let index: HashMap<String, usize> = devices
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i))
            .collect();
        if index.len() != devices.len() {
            return Err(Error::invalid(DEV, "device ids are not unique"));
        }
        for (line, t) in tdps.into_iter().enumerate() {
            let Some(&i) = index.get(&t.device_id) else {
                return Err(Error::Parse {
                    file: TDP.into(),
                    line: line + 2,
                    message: format!("device_id {:?} is not in hardware.csv", t.device_id),
                });
            };
            if !(t.tdp_w > 0.0 && t.tdp_w.is_finite()) {
                return Err(Error::Parse {
                    file: TDP.into(),
                    line: line + 2,
                    message: format!("tdp_w must be a positive number, got {}", t.tdp_w),
                });
            }
            devices[i].tdp.push(TdpValue {
                variant: t.variant,
                tdp_w: t.tdp_w,
                source_key: t.source_key,
                source: t.source,
                note: t.note,
            });
        }
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for (i, d) in devices.iter().enumerate() {
            let names = std::iter::once(&d.name)
                .chain(std::iter::once(&d.family))
                .chain(d.aliases.iter());
            for name in names {
                let (key, _) = normalise(name);
                if key.is_empty() {
                    continue;
                }
                if let Some(&j) = by_key.get(&key) {
                    if j != i {
                        return Err(Error::invalid(
                            DEV,
                            format!(
                                "alias {name:?} of {} normalises to {key:?}, already taken by {}",
                                d.id, devices[j].id
                            ),
                        ));
                    }
                }
                by_key.insert(key, i);
            }
        }
        Ok(HardwareCatalog {
            devices,
            by_key,
            classes: Vec::new(),
            class_pattern: None,
            class_by_alias: HashMap::new(),
        })
    }

    /// Adds the class table (`hardware_classes.csv`): every device id must be in the catalog,
    /// ids unique and sorted, no alias given to two classes or naming a catalog device.
    pub fn with_classes(mut self, classes_csv: &str) -> Result<Self> {
        const CLS: &str = "hardware_classes.csv";
        let rows: Vec<ClassRow> = parse_rows(CLS, classes_csv)?;
        let mut seen: HashMap<String, String> = HashMap::new();
        let mut classes = Vec::with_capacity(rows.len());
        for (n, r) in rows.into_iter().enumerate() {
            let line = n + 2;
            let bad = |message: String| Error::Parse {
                file: CLS.into(),
                line,
                message,
            };
            if r.source.trim().is_empty() || r.reason.trim().is_empty() {
                return Err(bad(format!(
                    "{}: every row needs a reason and a source",
                    r.id
                )));
            }
            if let Some(prev) = classes.last().map(|c: &HardwareClass| c.id.clone()) {
                if prev >= r.id {
                    return Err(bad(format!(
                        "ids must be unique and sorted: {prev} before {}",
                        r.id
                    )));
                }
            }
            let alternatives = split_list(&r.alternatives);
            for id in std::iter::once(&r.device_id).chain(alternatives.iter()) {
                if self.get(id).is_none() {
                    return Err(bad(format!(
                        "{}: device {id:?} is not in hardware.csv",
                        r.id
                    )));
                }
            }
            if r.devices_per_unit == Some(0) {
                return Err(bad(format!(
                    "{}: devices_per_unit must be at least 1",
                    r.id
                )));
            }
            let aliases = split_list(&r.aliases);
            if aliases.is_empty() {
                return Err(bad(format!("{}: no aliases", r.id)));
            }
            for a in &aliases {
                let key = alias_key(a);
                if let Some(other) = seen.insert(key.clone(), r.id.clone()) {
                    return Err(bad(format!("alias {a:?} of {} is also {other}'s", r.id)));
                }
                if let Some(d) = self.resolve(a) {
                    return Err(bad(format!(
                        "alias {a:?} of {} already names the device {}",
                        r.id, d.device.id
                    )));
                }
            }
            classes.push(HardwareClass {
                id: r.id,
                class: r.class,
                aliases,
                device_id: r.device_id,
                devices_per_unit: r.devices_per_unit,
                alternatives,
                needs_noun: r.needs_noun,
                reason: r.reason,
                source: r.source,
            });
        }
        let mut aliases: Vec<&str> = classes
            .iter()
            .flat_map(|c| c.aliases.iter().map(String::as_str))
            .collect();
        aliases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let alternation: Vec<String> = aliases.iter().map(|a| alias_pattern(a)).collect();
        let pattern = format!(
            r"(?i)(?:^|[^\p{{L}}\p{{N}}])(?P<name>{})(?P<plural>s|es)?(?:[^\p{{L}}\p{{N}}+]|$)",
            alternation.join("|")
        );
        self.class_pattern = if aliases.is_empty() {
            None
        } else {
            Some(Regex::new(&pattern).map_err(|e| Error::invalid(CLS, e.to_string()))?)
        };
        self.class_by_alias = classes
            .iter()
            .enumerate()
            .flat_map(|(i, c)| c.aliases.iter().map(move |a| (alias_key(a), i)))
            .collect();
        self.classes = classes;
        Ok(self)
    }

    /// Class aliases in `text`, left to right, without overlaps.
    pub fn find_classes(&self, text: &str) -> Vec<ClassHit<'_>> {
        let Some(re) = &self.class_pattern else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut at = 0;
        while at <= text.len() {
            let Some(c) = re.captures_at(text, at) else {
                break;
            };
            let name = c.name("name").expect("name group");
            let end = c.name("plural").map_or(name.end(), |p| p.end());
            // The trailing boundary character is not part of the hit: start the next search
            // at the end of the name.
            at = end.max(at + 1);
            while at < text.len() && !text.is_char_boundary(at) {
                at += 1;
            }
            if let Some(&i) = self.class_by_alias.get(&alias_key(name.as_str())) {
                out.push(ClassHit {
                    start: name.start(),
                    end,
                    class: &self.classes[i],
                });
            }
        }
        out
    }

    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    /// Class names (architectures, generations, computers, cloud instances).
    pub fn classes(&self) -> &[HardwareClass] {
        &self.classes
    }

    pub fn get(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }

    /// Resolves a name as a paper writes it ("2080ti", "Tesla-V100-SXM2-32GB", "TPUv4").
    pub fn resolve(&self, query: &str) -> Option<Resolved<'_>> {
        if let Some(d) = self.get(query.trim()) {
            return Some(Resolved {
                device: d,
                variants: Vec::new(),
                key: d.id.clone(),
            });
        }
        // "8 V100s" is a plural; try the singular first, then the name as written.
        let singular = strip_plural(query.trim());
        let mut tries = vec![normalise(singular)];
        if singular.len() != query.trim().len() {
            tries.push(normalise(query));
        }
        tries.into_iter().find_map(|(key, variants)| {
            let &i = self.by_key.get(&key)?;
            Some(Resolved {
                device: &self.devices[i],
                variants,
                key,
            })
        })
    }

    /// Catalog entries whose keys share the query's key as a prefix or contain it, for
    /// "did you mean" lists.
    pub fn suggest(&self, query: &str, max: usize) -> Vec<&Device> {
        let (key, _) = normalise(query);
        if key.len() < 2 {
            return Vec::new();
        }
        let mut hits: Vec<(usize, &str)> = self
            .by_key
            .iter()
            .filter(|(k, _)| k.contains(key.as_str()) || key.contains(k.as_str()))
            .map(|(k, &i)| (i, k.as_str()))
            .collect();
        hits.sort_by(|a, b| a.1.len().cmp(&b.1.len()).then(a.1.cmp(b.1)));
        let mut out: Vec<&Device> = Vec::new();
        for (i, _) in hits {
            let d = &self.devices[i];
            if !out.iter().any(|o| o.id == d.id) {
                out.push(d);
            }
            if out.len() == max {
                break;
            }
        }
        out
    }

    /// Picks a TDP for `device` following the method's source preference: the first source
    /// that has a value; within it the value for the variant named in the paper, else the one
    /// with no variant, else the lowest. Every other value is returned as an alternative.
    pub fn choose_tdp(
        &self,
        device: &Device,
        variants: &[String],
        preference: &[String],
    ) -> Option<TdpChoice> {
        let pick = |vals: Vec<&TdpValue>| -> Option<(TdpValue, &'static str)> {
            if vals.is_empty() {
                return None;
            }
            if let Some(v) = vals
                .iter()
                .find(|v| !v.variant.is_empty() && variants.contains(&v.variant))
            {
                return Some(((*v).clone(), "the variant the paper names"));
            }
            if let Some(v) = vals.iter().find(|v| v.variant.is_empty()) {
                return Some(((*v).clone(), "the source's value for the unspecified model"));
            }
            let v = vals
                .iter()
                .min_by(|a, b| a.tdp_w.total_cmp(&b.tdp_w))
                .expect("non-empty");
            Some(((*v).clone(), "the lowest of the source's variants"))
        };
        let mut choice = None;
        for key in preference {
            let vals: Vec<&TdpValue> = device.tdp.iter().filter(|t| &t.source_key == key).collect();
            if let Some((v, why)) = pick(vals) {
                choice = Some((v, format!("method prefers source {key:?}; {why}")));
                break;
            }
        }
        if choice.is_none() {
            if let Some((v, why)) = pick(device.tdp.iter().collect()) {
                choice = Some((
                    v,
                    format!("none of the method's sources has this device; {why}"),
                ));
            }
        }
        let (chosen, rule) = choice?;
        let alternatives = device
            .tdp
            .iter()
            .filter(|t| **t != chosen)
            .cloned()
            .collect();
        Some(TdpChoice {
            chosen,
            rule,
            alternatives,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalise_drops_vendor_words_memory_and_form_factor() {
        assert_eq!(
            normalise("Tesla-V100-SXM2-32GB"),
            (
                "v100".to_string(),
                vec!["sxm2".to_string(), "32gb".to_string()]
            )
        );
        assert_eq!(normalise("NVIDIA GeForce RTX 2080 Ti").0, "2080ti");
        assert_eq!(normalise("2080ti").0, "2080ti");
        assert_eq!(normalise("Geforce-2080Ti-12GB").0, "2080ti");
        assert_eq!(normalise("RTX-A5000-24GB").0, "a5000");
        assert_eq!(normalise("Titan RTX").0, "titanrtx");
        assert_eq!(normalise("GTX Titan X").0, "titanx");
        assert_eq!(normalise("TPUv4").0, "tpuv4");
        assert_eq!(normalise("TPU v4").0, "tpuv4");
    }

    fn embedded() -> HardwareCatalog {
        crate::reference::Reference::embedded().unwrap().hardware
    }

    #[test]
    fn class_table_parses_with_a_source_per_row_and_known_devices() {
        let c = embedded();
        assert!(c.classes().len() >= 60, "{}", c.classes().len());
        for k in c.classes() {
            assert!(!k.source.is_empty() && !k.reason.is_empty(), "{}", k.id);
            assert!(c.get(&k.device_id).is_some(), "{}", k.id);
            assert!(
                k.alternatives.iter().all(|a| c.get(a).is_some()),
                "{}",
                k.id
            );
            assert!(!k.alternatives.contains(&k.device_id), "{}", k.id);
        }
        let ids: Vec<&str> = c.classes().iter().map(|k| k.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(ids, sorted);
        for arch in [
            "kepler",
            "maxwell",
            "pascal",
            "volta",
            "turing",
            "ampere",
            "ada",
            "hopper",
            "blackwell",
        ] {
            assert!(ids.contains(&format!("nvidia-{arch}").as_str()), "{arch}");
        }
    }

    #[test]
    fn class_table_errors_name_the_line() {
        let c = embedded();
        let header =
            "id,class,aliases,device_id,devices_per_unit,alternatives,needs_noun,reason,source\n";
        let bad_device = format!("{header}x,architecture,Foo,nvidia-nope,,,true,r,s\n");
        let e = HardwareCatalog::clone(&c)
            .with_classes(&bad_device)
            .unwrap_err();
        assert!(e.to_string().contains("nvidia-nope"), "{e}");
        let no_source = format!("{header}x,architecture,Foo,nvidia-v100,,,true,r,\n");
        assert!(c.clone().with_classes(&no_source).is_err());
        let device_alias = format!("{header}x,architecture,V100,nvidia-v100,,,true,r,s\n");
        assert!(c.clone().with_classes(&device_alias).is_err());
        let unsorted =
            format!("{header}b,a,Foo,nvidia-v100,,,true,r,s\na,a,Bar,nvidia-v100,,,true,r,s\n");
        assert!(c.clone().with_classes(&unsorted).is_err());
    }

    #[test]
    fn class_aliases_match_with_any_separator_and_plurals() {
        let c = embedded();
        let hit = |t: &str| {
            c.find_classes(t)
                .into_iter()
                .map(|h| (h.class.id.clone(), t[h.start..h.end].to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            hit("on Standard_NC24rs_v3 VMs"),
            [("azure-ncv3-4".to_string(), "NC24rs_v3".to_string())]
        );
        assert_eq!(
            hit("16 second generation TPUs"),
            [(
                "google-tpu-gen2".to_string(),
                "second generation TPUs".to_string()
            )]
        );
        assert_eq!(hit("a MacBook Pro")[0].0, "apple-macbook-pro");
        assert!(hit("the iMacros tool and a Volta-like name")
            .iter()
            .all(|h| h.0 != "apple-imac"));
        assert!(hit("the p3 8xlargest").is_empty());
    }

    #[test]
    fn plural_s_after_digit_is_dropped_but_chip_suffix_kept() {
        assert_eq!(strip_plural("V100s"), "V100");
        assert_eq!(strip_plural("TPUv4s"), "TPUv4");
        assert_eq!(strip_plural("V100S"), "V100S");
        assert_eq!(strip_plural("Tesla"), "Tesla");
    }
}
