//! The one-run calculator under each method.

use super::common::*;

#[test]
fn green_algorithms_v100_72h() {
    let e = json(
        &project_dir(),
        &[
            "estimate",
            "--hardware",
            "V100",
            "--hours",
            "72",
            "--method",
            "green-algorithms",
        ],
    );
    assert_eq!(e["runs"][0]["tdp_w"], 300.0);
    approx(&e["energy_kwh"]["point"], 33.696, 1e-6);
    approx(&e["co2e_kg"]["point"], 16.0056, 1e-4);
    assert_eq!(e["intensity"]["g_per_kwh"], 475.0);
    assert!(e["intensity"]["fallback"]
        .as_str()
        .unwrap()
        .starts_with("world"));
    // The interval spans the catalog's other V100 figures (250 W PCIe).
    approx(&e["energy_kwh"]["low"], 250.0 * 72.0 * 1.56 / 1000.0, 1e-6);
}

#[test]
fn greenmir_uses_the_sheets_tdp_and_country_intensity() {
    let e = json(
        &project_dir(),
        &[
            "estimate",
            "--hardware",
            "Tesla-V100-SXM2-32GB",
            "--count",
            "4",
            "--hours",
            "48",
            "--country",
            "France",
        ],
    );
    // Green MIR counted every V100 at 250 W, whatever the form factor.
    assert_eq!(e["runs"][0]["tdp_w"], 250.0);
    approx(&e["energy_kwh"]["point"], 48.0, 1e-9);
    assert_eq!(e["intensity"]["countries"][0], "FR");
    assert_eq!(e["intensity"]["year"], 2022);
    assert!(e["intensity"]["fallback"]
        .as_str()
        .unwrap()
        .contains("country-year"));
}

#[test]
fn text_output_shows_the_arithmetic_and_sources() {
    let out = ok(
        &project_dir(),
        &[
            "estimate",
            "--hardware",
            "V100",
            "--hours",
            "72",
            "--method",
            "green-algorithms",
        ],
    );
    assert!(out.contains("= 33.70 kWh"), "{out}");
    assert!(out.contains("= 16.01 kg"), "{out}");
    assert!(out.contains("alternative TDP 250 W"), "{out}");
}
