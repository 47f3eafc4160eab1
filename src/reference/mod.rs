//! Reference data shipped with the tool: hardware catalog, carbon intensity, PUE presets,
//! countries, and the gazetteer for affiliations. Embedded from `corpus/reference/`, overridable by a folder; versioned by hash.
//!
//! Data only: the modules that use these tables (geo locating affiliations, extract reading
//! hardware) depend on this one, never the other way round.

mod countries;
pub(crate) mod csv_rows;
pub mod gazetteer;
mod hardware;
mod intensity;
pub mod names;
mod pue;

use std::path::Path;

use sha2::{Digest, Sha256};

pub use countries::{name_key, Countries, Country};
pub use gazetteer::{Gazetteer, GazetteerSizes};
pub use hardware::{
    normalise, Device, HardwareCatalog, HardwareClass, HardwareKind, Resolved, TdpChoice, TdpValue,
};
pub use intensity::{Fallback, Intensity, IntensityTable, WORLD_IEA_2019, WORLD_IEA_2019_SOURCE};
pub use pue::PuePreset;

use crate::error::{Error, Result};

/// The files of a reference-data set, by name, with their embedded defaults.
const FILES: &[(&str, &str)] = &[
    (
        "hardware.csv",
        include_str!("../../corpus/reference/hardware.csv"),
    ),
    (
        "hardware_tdp.csv",
        include_str!("../../corpus/reference/hardware_tdp.csv"),
    ),
    (
        "hardware_classes.csv",
        include_str!("../../corpus/reference/hardware_classes.csv"),
    ),
    (
        "carbon_intensity.csv",
        include_str!("../../corpus/reference/carbon_intensity.csv"),
    ),
    ("pue.csv", include_str!("../../corpus/reference/pue.csv")),
    (
        "countries.csv",
        include_str!("../../corpus/reference/countries.csv"),
    ),
    (
        "institutions.csv",
        include_str!("../../corpus/reference/institutions.csv"),
    ),
    (
        "places.csv",
        include_str!("../../corpus/reference/places.csv"),
    ),
    (
        "email_domains.csv",
        include_str!("../../corpus/reference/email_domains.csv"),
    ),
];

/// All reference data, loaded and checked once.
#[derive(Debug, Clone)]
pub struct Reference {
    pub hardware: HardwareCatalog,
    pub intensity: IntensityTable,
    pub pue: Vec<PuePreset>,
    pub countries: Countries,
    /// Institutions, places and email domains for locating affiliations (the geo module).
    pub gazetteer: Gazetteer,
    /// `ref-` + the first 12 hex digits of the SHA-256 over all files: printed with every
    /// number so a table names the data it came from.
    pub version: String,
}

impl Reference {
    /// The data built into the binary.
    pub fn embedded() -> Result<Self> {
        Self::from_texts(FILES.iter().map(|(n, t)| (*n, t.to_string())).collect())
    }

    /// The data in `dir`, file by file; a file missing there is taken from the built-in set.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let mut texts = Vec::new();
        for (name, builtin) in FILES {
            let p = dir.join(name);
            let text = if p.exists() {
                std::fs::read_to_string(&p).map_err(|e| Error::read(&p, e))?
            } else {
                builtin.to_string()
            };
            texts.push((*name, text));
        }
        Self::from_texts(texts)
    }

    /// `from_dir` when a folder is given, else the built-in data.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        match dir {
            Some(d) => Self::from_dir(d),
            None => Self::embedded(),
        }
    }

    fn from_texts(texts: Vec<(&str, String)>) -> Result<Self> {
        let get = |name: &str| {
            texts
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.as_str())
                .unwrap_or("")
        };
        let mut hasher = Sha256::new();
        for (name, text) in &texts {
            hasher.update(name.as_bytes());
            hasher.update([0]);
            hasher.update(text.as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
        let countries = Countries::parse(get("countries.csv"))?;
        let gazetteer = Gazetteer::parse(
            get("institutions.csv"),
            get("places.csv"),
            get("email_domains.csv"),
            &countries,
        )?;
        Ok(Reference {
            hardware: HardwareCatalog::parse(get("hardware.csv"), get("hardware_tdp.csv"))?
                .with_classes(get("hardware_classes.csv"))?,
            intensity: IntensityTable::parse(get("carbon_intensity.csv"))?,
            pue: pue::parse(get("pue.csv"))?,
            countries,
            gazetteer,
            version: format!("ref-{hex}"),
        })
    }
}
