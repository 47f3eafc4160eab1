//! Property tests: any text, however mangled, goes through extraction without a panic; and on
//! papers composed from training statements, every run is backed by its evidence — quotes are
//! in the document, counts and stated hours are written in the quotes, intervals are ordered.

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::sync::OnceLock;

    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestCaseError, TestRunner};

    use crate::extract::counts::parse_number;
    use crate::extract::durations::find_durations;
    use crate::extract::{extract, ExtractedRun, Extraction, Quote};
    use crate::reference::Reference;
    use crate::text::{DocKind, Document, Page};

    fn reference() -> &'static Reference {
        static R: OnceLock<Reference> = OnceLock::new();
        R.get_or_init(|| Reference::embedded().expect("reference data"))
    }

    fn doc(pages: Vec<String>) -> Document {
        Document {
            source: "fuzz.txt".into(),
            kind: DocKind::Plain,
            main: None,
            extractor: "plain".into(),
            version: "test".into(),
            sha256: String::new(),
            pages: pages
                .into_iter()
                .enumerate()
                .map(|(i, text)| Page {
                    number: i as u32 + 1,
                    text,
                })
                .collect(),
            latex: None,
            warnings: Vec::new(),
        }
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Separates a table's header from its row in a table quote (see `extract`).
    const TABLE_JOIN: &str = " … ";

    /// The parts of a quote that must each be in its page: a sentence, or a table's header
    /// and row.
    fn quote_parts(q: &Quote, page: &str) -> Vec<String> {
        let whole = squash(&q.text);
        if page.contains(&whole) {
            return vec![whole];
        }
        q.text.split(TABLE_JOIN).map(squash).collect()
    }

    const WORDS: &[(&str, u32)] = &[
        ("one", 1),
        ("single", 1),
        ("two", 2),
        ("dual", 2),
        ("pair", 2),
        ("three", 3),
        ("four", 4),
        ("quad", 4),
        ("five", 5),
        ("six", 6),
        ("seven", 7),
        ("eight", 8),
        ("nine", 9),
        ("ten", 10),
        ("twelve", 12),
        ("sixteen", 16),
        ("twenty", 20),
        ("thirty-two", 32),
        ("sixty-four", 64),
    ];

    /// The numbers a text writes, in digits ("8", "1,202", "x8") or words ("eight").
    fn numbers_in(text: &str) -> Vec<u32> {
        let lower = text.to_lowercase();
        let mut out: Vec<u32> = lower
            .split(|c: char| !(c.is_ascii_digit() || c == ','))
            .filter_map(|t| parse_number(t.trim_matches(',')))
            .collect();
        for w in lower.split(|c: char| !(c.is_alphabetic() || c == '-')) {
            if let Some((_, n)) = WORDS.iter().find(|(x, _)| *x == w) {
                out.push(*n);
            }
            if matches!(w, "a" | "an") {
                out.push(1);
            }
        }
        out
    }

    /// The count is written in `text`, or is the product of two numbers there ("16 machines
    /// with 4 GPUs each").
    fn count_in(count: u32, text: &str) -> bool {
        let ns = numbers_in(text);
        ns.contains(&count)
            || ns
                .iter()
                .any(|a| ns.iter().any(|b| a.checked_mul(*b) == Some(count)))
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-3 * a.abs().max(b.abs()).max(1.0)
    }

    /// Some duration in the quotes is the run's hours (its value or an end of its range), or a
    /// table row holds the number in hours, days, minutes or seconds.
    fn hours_in(run: &ExtractedRun, quotes: &[Quote]) -> bool {
        let h = run.hours.expect("hours");
        let targets = [h, run.hours_low.unwrap_or(h), run.hours_high.unwrap_or(h)];
        quotes.iter().any(|q| {
            let spoken = find_durations(&q.text).iter().any(|d| {
                [d.hours.value, d.hours.low, d.hours.high]
                    .iter()
                    .any(|v| targets.iter().any(|t| close(*v, *t)))
            });
            let tabled = q.text.contains(TABLE_JOIN)
                && q.text
                    .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .filter_map(|t| t.parse::<f64>().ok())
                    .any(|v| {
                        [1.0, 24.0, 1.0 / 60.0, 1.0 / 3600.0]
                            .iter()
                            .any(|u| close(v * u, h))
                    });
            spoken || tabled
        })
    }

    /// What a well-formed extraction of `d` satisfies. Returns how many runs had a count that
    /// only the rest of the document (not the run's own quotes) supports.
    fn check(d: &Document, x: &Extraction) -> Result<usize, TestCaseError> {
        let pages: Vec<(u32, String)> = d
            .pages
            .iter()
            .map(|p| (p.number, squash(&p.text)))
            .collect();
        let all = pages
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        prop_assert!(x.error.is_none());
        let mut inferred = 0;
        let quotes = x
            .runs
            .iter()
            .flat_map(|r| r.evidence.iter())
            .chain(x.non_training.iter().flat_map(|n| n.evidence.iter()));
        for q in quotes {
            let page = q.page.and_then(|n| pages.iter().find(|(p, _)| *p == n));
            prop_assert!(page.is_some(), "quote on a page that does not exist: {q:?}");
            let (_, text) = page.expect("page");
            for part in quote_parts(q, text) {
                prop_assert!(text.contains(&part), "quote not in its page: {part:?}");
            }
        }
        for run in &x.runs {
            prop_assert!((0.0..=1.0).contains(&run.confidence), "{run:?}");
            prop_assert!(!run.evidence.is_empty(), "a run without evidence: {run:?}");
            if let Some(c) = run.count {
                prop_assert!(c >= 1, "{run:?}");
                // A rule that turns units into devices ("a v3-8 slice has … 4 chips") states
                // its factor in the run's notes: the count is backed by the quote and the rule.
                let notes = run.hardware_notes.join(" ");
                let own = run
                    .evidence
                    .iter()
                    .any(|q| count_in(c, &format!("{} {notes}", q.text)));
                if !own {
                    // Filled from the paper's only training device (see `tidy`): the count
                    // must still be written somewhere.
                    prop_assert!(
                        count_in(c, &format!("{all} {notes}")),
                        "count {c} written nowhere: {run:?}"
                    );
                    inferred += 1;
                }
            }
            if let Some(h) = run.hours {
                let (lo, hi) = (run.hours_low.expect("low"), run.hours_high.expect("high"));
                prop_assert!(h.is_finite() && h > 0.0, "{run:?}");
                prop_assert!(lo <= h + 1e-9 && h <= hi + 1e-9, "{run:?}");
                if run.hours_basis != Some(crate::model::HoursBasis::Derived) {
                    prop_assert!(
                        hours_in(run, &run.evidence),
                        "hours {h} not in the evidence: {run:?}"
                    );
                }
            }
            if let Some(dh) = run.device_hours {
                prop_assert!(dh.is_finite() && dh > 0.0, "{run:?}");
            }
            if let Some(m) = run.multiplier {
                prop_assert!(m.is_finite() && m >= 1.0, "{run:?}");
            }
        }
        prop_assert_eq!(
            x.reported,
            x.runs
                .iter()
                .any(|r| r.hardware.is_some() || r.hours.is_some() || r.device_hours.is_some())
        );
        Ok(inferred)
    }

    /// Device names as papers write them: catalog names and aliases.
    fn device_names() -> &'static Vec<String> {
        static N: OnceLock<Vec<String>> = OnceLock::new();
        N.get_or_init(|| {
            let mut v: Vec<String> = reference()
                .hardware
                .devices()
                .iter()
                .filter(|d| d.kind.is_accelerator())
                .flat_map(|d| std::iter::once(d.name.clone()).chain(d.aliases.iter().cloned()))
                .filter(|n| !n.is_empty())
                .collect();
            v.sort();
            v.dedup();
            v
        })
    }

    const COUNTS: &[&str] = &[
        "8",
        "eight",
        "4",
        "four",
        "two",
        "a single",
        "16",
        "2",
        "32",
        "one",
        "3",
        "64",
        "8×",
        "2 x",
        "1,024",
        "16 machines with 4",
    ];

    const DURATIONS: &[&str] = &[
        "3 days",
        "about 12 hours",
        "2–3 days",
        "less than a day",
        "48 h",
        "one week",
        "36 hours",
        "90 minutes",
        "2.5 days",
        "roughly two weeks",
        "five to six days",
        "a day",
        "half a day",
        "10 h",
        "1.5 hours",
        "under 2 weeks",
    ];

    const FILLER: &[&str] = &[
        "The results are shown in Table 3.",
        "We use the Adam optimizer with a learning rate of 0.001.",
        "The dataset contains 960 hours of speech.",
        "Each song lasts 3 minutes on average.",
        "Our code is available online.",
        "We thank NVIDIA for the donation of a Titan X GPU.",
        "The model has 12 layers and 8 attention heads.",
        "Evaluation uses 5-fold cross-validation.",
        "Inference runs in real time on a laptop CPU.",
    ];

    /// One statement of a composed paper: a template filled with a device, a count, a
    /// duration and a number.
    fn statement(t: usize, dev: &str, count: &str, dur: &str, n: u32) -> String {
        match t % 12 {
            0 => format!("We trained the model on {count} {dev} GPUs for {dur}."),
            1 => format!("Training took {dur} on {count} {dev}."),
            2 => format!("The network was trained for {dur} using {count} {dev}."),
            3 => format!("We used {count} {dev} and training converged after {dur}."),
            4 => format!("Each model was trained on a single {dev} for {dur}."),
            5 => format!("Inference runs in real time on a {dev}."),
            6 => format!("All experiments were run on {count} {dev}."),
            7 => format!("Training the full model takes {dur}."),
            8 => format!("Table 2. Training time of each model.\nModel\tGPU\tHours\nSmall\t{dev}\t{n}\nLarge\t{dev}\t{}\n", n * 3),
            9 => format!("We trained all models as below.\nModel | Params | Time (h)\nA | 3M | {n}\nB | 9M | {}\n", n + 5),
            10 => format!("Training required {} GPU hours on {dev}.", n * 10),
            _ => format!("An epoch took {n} minutes on {count} {dev}, and we trained for 20 epochs."),
        }
    }

    /// A composed paper: statements and filler sentences, sometimes over two pages.
    fn paper() -> impl Strategy<Value = Vec<String>> {
        let part = (
            0usize..16,
            any::<prop::sample::Index>(),
            0..COUNTS.len(),
            0..DURATIONS.len(),
            1u32..200,
        );
        (proptest::collection::vec(part, 1..6), any::<bool>()).prop_map(|(parts, split)| {
            let names = device_names();
            let texts: Vec<String> = parts
                .iter()
                .map(|&(t, dev, c, d, n)| {
                    if t >= 12 {
                        FILLER[(t + n as usize) % FILLER.len()].to_string()
                    } else {
                        {
                            let name: &String = dev.get(names);
                            statement(t, name, COUNTS[c], DURATIONS[d], n)
                        }
                    }
                })
                .collect();
            if split && texts.len() > 1 {
                let (a, b) = texts.split_at(texts.len() / 2);
                vec![a.join(" "), b.join("\n\n")]
            } else {
                vec![texts.join(" ")]
            }
        })
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
            Just("Model\tGPU\tTraining time (h)\nA\tV100\t12\n".to_string()),
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
            let d = doc(vec![text]);
            let x = extract(&d, reference());
            check(&d, &x)?;
        }

        #[test]
        fn mixed_fragments_give_well_formed_runs(parts in proptest::collection::vec(fragment(), 0..30)) {
            let d = doc(vec![parts.join(" ")]);
            let x = extract(&d, reference());
            check(&d, &x)?;
        }
    }

    #[test]
    fn composed_papers_give_runs_backed_by_their_evidence() {
        let mut runner = TestRunner::new(Config {
            // `FUZZ_CASES=5000` for a longer hunt.
            cases: std::env::var("FUZZ_CASES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(96),
            ..Config::default()
        });
        let docs = Cell::new(0usize);
        let with_runs = Cell::new(0usize);
        let with_count_and_hours = Cell::new(0usize);
        let result = runner.run(&paper(), |pages| {
            let d = doc(pages);
            let x = extract(&d, reference());
            check(&d, &x)?;
            docs.set(docs.get() + 1);
            if !x.runs.is_empty() {
                with_runs.set(with_runs.get() + 1);
            }
            if x.runs
                .iter()
                .any(|r| r.count.is_some() && r.hours.is_some())
            {
                with_count_and_hours.set(with_count_and_hours.get() + 1);
            }
            Ok(())
        });
        if let Err(e) = result {
            panic!("{e}");
        }
        let (docs, with_runs, with_count_and_hours) =
            (docs.get(), with_runs.get(), with_count_and_hours.get());
        // The properties must have been exercised, not passed vacuously.
        assert!(
            with_runs * 2 >= docs,
            "{with_runs} of {docs} papers gave runs"
        );
        assert!(
            with_count_and_hours * 5 >= docs,
            "{with_count_and_hours} of {docs} papers gave a run with count and hours"
        );
    }

    #[test]
    fn the_checks_catch_runs_their_evidence_does_not_back() {
        let d = doc(vec![
            "Intro. We trained the model on 4 NVIDIA A100 GPUs for 2 days. Done.".into(),
            "Model\tGPU\tHours\nA\tV100\t12\nTable 1. Training time.\n".into(),
        ]);
        let x = extract(&d, reference());
        // The table run takes its device from the row's own cell (V100), so every count is
        // backed by its run's quote.
        assert_eq!(check(&d, &x).map_err(|e| e.to_string()), Ok(0), "{x:#?}");
        assert_eq!(x.runs.len(), 2, "{x:?}");
        assert!(x.runs[1].evidence[0].text.contains(TABLE_JOIN), "{x:?}");
        let tamper = |f: &dyn Fn(&mut Extraction)| {
            let mut y = x.clone();
            f(&mut y);
            check(&d, &y).is_err()
        };
        assert!(tamper(&|y| y.runs[0].count = Some(7)));
        assert!(tamper(&|y| y.runs[0].hours = Some(47.0)));
        assert!(tamper(&|y| y.runs[1].hours = Some(13.0)));
        assert!(tamper(&|y| y.runs[0].hours_low = Some(50.0)));
        assert!(tamper(&|y| y.runs[0].confidence = 1.5));
        assert!(tamper(&|y| y.runs[0].evidence[0].page = Some(3)));
        assert!(tamper(&|y| y.runs[0].evidence[0]
            .text
            .push_str(" on 8 GPUs")));
        assert!(tamper(&|y| y.runs[1].evidence[0].text.push('9')));
        assert!(tamper(&|y| y.reported = false));
        // A derived time need not be written.
        assert!(!tamper(&|y| {
            y.runs[0].hours = Some(47.0);
            y.runs[0].hours_low = Some(47.0);
            y.runs[0].hours_high = Some(47.0);
            y.runs[0].hours_basis = Some(crate::model::HoursBasis::Derived);
        }));
    }
}
