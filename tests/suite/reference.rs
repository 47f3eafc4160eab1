//! The shipped reference data: coverage, aliases, disagreements kept, vintages.

use std::collections::BTreeSet;

use greenmir::reference::{Fallback, Reference};

use super::common::*;

fn reference() -> Reference {
    Reference::embedded().expect("built-in reference data loads")
}

#[test]
fn catalog_covers_2012_to_2025_with_at_least_100_devices() {
    let r = reference();
    let devices = r.hardware.devices();
    assert!(devices.len() >= 100, "{} devices", devices.len());
    let years: BTreeSet<i32> = devices.iter().filter_map(|d| d.release_year).collect();
    for y in 2012..=2025 {
        assert!(years.contains(&y), "no device released in {y}");
    }
    for d in devices {
        assert!(!d.source.trim().is_empty(), "{} has no source", d.id);
        for t in &d.tdp {
            assert!(
                !t.source.trim().is_empty(),
                "{} TDP row has no source",
                d.id
            );
        }
    }
    let ids: Vec<&str> = devices.iter().map(|d| d.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted, "hardware.csv is sorted by id");
}

#[test]
fn names_as_papers_write_them_resolve() {
    let r = reference();
    for (q, family) in [
        ("2080ti", "2080ti"),
        ("RTX-A5000-24GB", "a5000"),
        ("Tesla-V100-SXM2-32GB", "v100"),
        ("TPUv4", "tpuv4"),
        ("Titan Xp", "titanxp"),
        ("K40c", "k40"),
        ("NVIDIA GeForce GTX 1080 Ti", "1080ti"),
        ("V100s", "v100"),
    ] {
        let hit = r
            .hardware
            .resolve(q)
            .unwrap_or_else(|| panic!("{q:?} does not resolve"));
        assert_eq!(hit.device.family, family, "{q:?} → {}", hit.device.id);
    }
    assert!(r.hardware.resolve("banana").is_none());
}

#[test]
fn disagreeing_tdp_sources_are_all_kept() {
    let r = reference();
    let tdps = |q: &str| -> BTreeSet<u32> {
        r.hardware
            .resolve(q)
            .unwrap()
            .device
            .tdp
            .iter()
            .map(|t| t.tdp_w as u32)
            .collect()
    };
    let v100 = tdps("V100");
    assert!(v100.contains(&250) && v100.contains(&300), "{v100:?}");
    let tpu = tdps("TPU v4");
    assert!(tpu.contains(&170) && tpu.contains(&192), "{tpu:?}");
    let a100 = tdps("A100");
    assert!(a100.contains(&250) && a100.contains(&400), "{a100:?}");
}

#[test]
fn intensity_has_two_vintages_and_falls_back_to_the_world() {
    let r = reference();
    let v: Vec<&str> = r.intensity.vintages().collect();
    assert!(v.contains(&"owid-ember-2025-12") && v.len() >= 2, "{v:?}");
    for year in [2000, 2012, 2024] {
        let fr = r
            .intensity
            .lookup("owid-ember-2025-12", Some("FR"), Some(year));
        assert_eq!(fr.fallback, Fallback::CountryYear, "FR {year}");
    }
    let far = r
        .intensity
        .lookup("owid-ember-2025-12", Some("FR"), Some(2030));
    assert_eq!(
        far.fallback,
        Fallback::NearestYear {
            asked: 2030,
            used: 2024
        }
    );
    let none = r.intensity.lookup("owid-ember-2025-12", None, Some(2022));
    assert_eq!((none.g_per_kwh, none.fallback), (475.0, Fallback::World));
    // Green MIR's "France vs Poland": a 20× spread is why the country matters.
    let fr = r
        .intensity
        .lookup("owid-ember-2025-12", Some("FR"), Some(2022))
        .g_per_kwh;
    let pl = r
        .intensity
        .lookup("owid-ember-2025-12", Some("PL"), Some(2022))
        .g_per_kwh;
    assert!(pl / fr > 5.0, "PL {pl} FR {fr}");
}

#[test]
fn pue_presets_of_the_methods_are_present() {
    let r = reference();
    let values: BTreeSet<String> = r.pue.iter().map(|p| format!("{}", p.pue)).collect();
    for v in ["1", "1.1", "1.25", "1.55", "1.56", "1.58", "1.67"] {
        assert!(values.contains(v), "PUE {v} missing: {values:?}");
    }
}

#[test]
fn country_names_as_sheets_write_them() {
    let r = reference();
    for (text, iso) in [
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("UK", "GB"),
        ("UAE", "AE"),
        ("South Korea", "KR"),
        ("Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("Taiwan", "TW"),
    ] {
        assert_eq!(
            r.countries.lookup(text).map(|c| c.iso2.as_str()),
            Some(iso),
            "{text}"
        );
    }
}

#[test]
fn reference_hardware_command_shows_sources_and_method_defaults() {
    let out = ok(
        &project_dir(),
        &["reference", "hardware", "Tesla-V100-SXM2-32GB"],
    );
    assert!(out.contains("NVIDIA Tesla V100"), "{out}");
    assert!(
        out.contains("variant named in the query: sxm2, 32gb"),
        "{out}"
    );
    assert!(out.contains("greenmir2024      250 W"), "{out}");
    assert!(out.contains("green-algorithms  300 W"), "{out}");
    let err = fails(&project_dir(), &["reference", "hardware", "RTX 9999 Hyper"]);
    assert!(err.contains("no catalog entry matches"), "{err}");
}
