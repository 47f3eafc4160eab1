//! Property tests: any text, however mangled, goes through extraction without a panic, and
//! what comes out is well-formed.

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::extract::extract;
    use crate::reference::Reference;
    use crate::text::{DocKind, Document, Page};

    fn doc(text: String) -> Document {
        Document {
            source: "fuzz.txt".into(),
            kind: DocKind::Plain,
            main: None,
            extractor: "plain".into(),
            version: "test".into(),
            sha256: String::new(),
            pages: vec![Page { number: 1, text }],
            latex: None,
            warnings: Vec::new(),
        }
    }

    /// Fragments that exercise the rules, glued in random order with random noise.
    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("trained on 8 V100 GPUs".to_string()),
            Just("for 2–3 days".to_string()),
            Just("less than a day".to_string()),
            Just("each worker uses 4 GPUs".to_string()),
            Just("16 machines with".to_string()),
            Just("epoch took 30 s".to_string()),
            Just("(about 12 epochs)".to_string()),
            Just("5-fold cross-validation".to_string()),
            Just("Name | Time (s)\nA | 12\n".to_string()),
            Just("real time on a K40".to_string()),
            Just("1,202 CPUs".to_string()),
            Just(". ".to_string()),
            Just(", ".to_string()),
            "[ -~]{0,20}",
            "\\PC{0,12}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn random_text_never_panics(text in "\\PC{0,400}") {
            let r = Reference::embedded().unwrap();
            let x = extract(&doc(text), &r);
            prop_assert!(x.error.is_none());
        }

        #[test]
        fn mixed_statements_give_sane_runs(parts in proptest::collection::vec(fragment(), 0..30)) {
            let r = Reference::embedded().unwrap();
            let x = extract(&doc(parts.join(" ")), &r);
            for run in &x.runs {
                if let Some(h) = run.hours {
                    prop_assert!(h.is_finite() && h > 0.0);
                    let (lo, hi) = (run.hours_low.unwrap(), run.hours_high.unwrap());
                    prop_assert!(lo <= h + 1e-9 && h <= hi + 1e-9);
                }
                prop_assert!((0.0..=1.0).contains(&run.confidence));
                prop_assert!(run.count.is_none_or(|c| c > 0));
            }
            prop_assert_eq!(x.reported, x.runs.iter().any(|r| r.hardware.is_some() || r.hours.is_some()));
        }
    }
}
