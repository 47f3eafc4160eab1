//! Training statements written for this project in the ways papers phrase them (none copied
//! from a paper; tests/fixtures/training_statements.jsonl), each set in the experiments section
//! of a paper that trains with Adam: the runs extraction reads — device, count, hours and the
//! multiplier — against the ones a reader would record. All statements are checked and every
//! miss is listed, so one rule change shows all it breaks.

use greenmir::extract::extract;
use greenmir::reference::Reference;
use greenmir::text::{normalise, Document};

#[derive(serde::Deserialize)]
struct Case {
    text: String,
    runs: Vec<Expected>,
}

#[derive(serde::Deserialize, Debug, PartialEq, PartialOrd)]
struct Expected {
    hardware: Option<String>,
    count: Option<u32>,
    hours: Option<f64>,
    multiplier: f64,
}

fn read_cases() -> Vec<Case> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/training_statements.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the statements fixture");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}:{}: {e}", i + 1)))
        .collect()
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

#[test]
fn written_training_statements_are_read_as_a_reader_would() {
    let reference = Reference::embedded().unwrap();
    let cases = read_cases();
    assert!(cases.len() >= 100, "{} statements", cases.len());
    let mut misses = Vec::new();
    for case in &cases {
        let paper = format!(
            "A study of music models.\n\n3. EXPERIMENTS\n\nWe describe the setup of our experiments. \
             Our models are optimised with Adam. {}\n\n4. RESULTS\n\nThe results are shown in Table 2.\n",
            case.text
        );
        let doc = Document::from_text("statement.txt", &normalise(&paper));
        let mut got: Vec<Expected> = extract(&doc, &reference)
            .runs
            .iter()
            .map(|r| Expected {
                hardware: r.hardware_id.clone(),
                count: r.count,
                hours: r.hours.map(round2),
                multiplier: r.multiplier.unwrap_or(1.0),
            })
            .collect();
        let mut want: Vec<Expected> = case
            .runs
            .iter()
            .map(|r| Expected {
                hardware: r.hardware.clone(),
                count: r.count,
                hours: r.hours.map(round2),
                multiplier: r.multiplier,
            })
            .collect();
        got.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        want.sort_by(|a, b| a.partial_cmp(b).expect("no NaN"));
        if got != want {
            misses.push(format!(
                "{}\n  read   {got:?}\n  wanted {want:?}",
                case.text
            ));
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} statements misread:\n{}",
        misses.len(),
        cases.len(),
        misses.join("\n")
    );
}
