//! How many times a stated training time counts toward the paper's total: "all four models
//! are trained … 48 hours" (×4), "each training fold takes 11 hours" with 8 folds (×8),
//! "… 2 hours for both drum and synth loops" (×2). A time stated as a total ("in total",
//! "overall", "altogether") is never multiplied.
//!
//! Two shapes carry a multiplier:
//! - a counted subject: "all/the/our N models", "both models", "each of the N variants";
//! - a distributive "each"/"per" on a unit ("each fold", "per model", "every run") whose
//!   number the paper states nearby ("8-fold cross-validation", "three models").

use std::sync::LazyLock;

use regex::Regex;

use super::counts::parse_number;
use super::durations::{all_durations, folds};
use super::purpose::has_training_cue;
use super::runs::Sent;

/// Things a paper trains several of.
const UNITS: &str = r"models?|networks?|nets?|variants?|systems?|configurations?|versions?|architectures?|runs?|folds?|seeds?|settings?|conditions?|instruments?|tasks?|baselines?|blocks?|modules?|experts?|classifiers?|encoders?|decoders?|vaes?|gans?|transformers?|splits?|trials?|repetitions?|replicates?|iterations of the experiment";

const COUNT_WORD: &str =
    r"\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty";

/// "all four models", "the 3 variants", "our two networks", "each of the 5 seeds".
static COUNTED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:all|all of the|all of our|the|these|those|our|each of the|each of our|each of these)\s+(?P<n>{COUNT_WORD})\s+(?:[\w-]+\s+){{0,2}}?(?P<unit>{UNITS})\b"
    ))
    .expect("counted subject regex")
});

/// "for each of the remaining three stems", "each of our 4 target languages": a count of
/// anything the time is said of.
static EACH_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\beach of (?:the|our|these|those|its|their)\s+(?:[\w-]+\s+)?(?P<n>{COUNT_WORD})\s+(?:[\w-]+\s+)?(?P<unit>[a-z][\w-]*)"
    ))
    .expect("each of regex")
});

/// "per dataset", "for each language": a time said per thing.
static PER_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:per|for each|for every)\s+(?P<unit>[a-z][\w-]*)\b")
        .expect("per any regex")
});

/// Things a time is said per that are not runs: steps of one run, data items, time units,
/// devices.
static NOT_A_RUN_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:epoch|step|iteration|batch|mini-?batch|update|sample|example|song|track|piece|clip|file|frame|utterance|sentence|token|image|query|second|minute|hour|day|week|month|gpu|tpu|cpu|device|node|core|card|machine|worker|instance|chip|layer|user|participant|listener|the|a|an|one|each|every|of)$")
        .expect("not a run unit regex")
});

/// Devices are counted by the run's count, never as a multiplier.
static HARDWARE_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:gpus?|tpus?|cpus?|cards?|devices?|nodes?|machines?|cores?|chips?|workers?|instances?|servers?|hours?|days?|minutes?|epochs?|steps?|iterations?)$")
        .expect("hardware noun regex")
});

/// "both models", "both the encoder and the decoder", "for both drum and synth loops".
static BOTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:both|either of the two|each of the two)\b(?:\s+(?:the\s+)?(?P<what>[\w-]+\s+(?:and|&)\s+[\w-]+(?:\s+[\w-]+)?|[\w-]+))?")
        .expect("both regex")
});

/// "each fold", "per model", "every run", "for each seed", "all models" (the number stated
/// elsewhere).
static DISTRIBUTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:each|per|every|for each|for every|one|a single|all|all of the|all of our|all the|all our)\s+(?:[\w-]+\s+)?(?P<unit>{UNITS})\b"
    ))
    .expect("distributive regex")
});

/// The time is already the whole: nothing multiplies it.
static TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:in total|a total of|total training time|totall?ing|overall|altogether|combined|cumulative|summed over|in all)\b")
        .expect("total regex")
});

/// A count of things followed by "in total": "4 models in total".
static UNITS_IN_TOTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:{COUNT_WORD})\s+(?:[\w-]+\s+){{0,2}}?(?:{UNITS})\s+(?:in total|in all|overall|altogether)\b"
    ))
    .expect("units in total regex")
});

static FILLER_NOT_ADJECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:per|each|every|of|for|in|on|with|seconds?|minutes?|hours?|h|days?|weeks?|epochs?|steps?|gpus?|tpus?)\b")
        .expect("filler regex")
});

/// Repetitions stated beside a run's time: "we ran five random seeds", "repeated 3 times",
/// "averaged over 10 runs".
static REPEATS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:ran|run|runs|repeat(?:ed|ing)?|averaged over|over|across|with|using|used|use|uses)\s+(?:each\s+\w+\s+|it\s+|this\s+|them\s+|the\s+\w+\s+|all\s+(?:the\s+)?\w+\s+)?(?:(?:with|using|over|for|across)\s+)?(?P<n>{COUNT_WORD})\s+(?:different\s+|random\s+|independent\s+)*(?P<what>seeds|runs|times|repetitions|trials|restarts)\b"
    ))
    .expect("repeats regex")
});

/// Repetitions said of every experiment or run ("repeat each experiment", "all runs").
static EVERY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:each|every|all)\b").expect("every regex"));

/// A time said of one run of several: "a single training run", "each run", "one trial".
static ONE_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:a single|one|each|every|a)\s+(?:full\s+|complete\s+|training\s+)*(?:run|trial|repetition|experiment)\b")
        .expect("one run regex")
});

/// A time that depends on which model it is.
static PER_MODEL_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:depending on|varying with|varies with|according to|based on)\s+(?:the\s+)?(?:model|network)?\s*(?:size|sizes|capacity|configuration|variant|architecture|setting)s?\b")
        .expect("per-model range regex")
});

/// "we trained four versions of the model": a count of a unit in a sentence that trains.
fn trained_count(unit: &UnitCount, text: &str) -> Option<u32> {
    if !has_training_cue(text) {
        return None;
    }
    unit.count(text)
}

/// Finds counts of one unit: "three models", "5 random seeds", "10 runs".
struct UnitCount(Regex);

impl UnitCount {
    fn new(unit: &str) -> Option<Self> {
        Regex::new(&format!(
            r"(?i)\b(?P<n>{COUNT_WORD})\s+(?P<fill>(?:[\w-]+\s+){{0,2}}?){}s?\b",
            regex::escape(&singular(unit))
        ))
        .ok()
        .map(UnitCount)
    }

    fn count(&self, text: &str) -> Option<u32> {
        self.0
            .captures_iter(text)
            // "5 hours per model" counts hours, not models.
            .filter(|c| !FILLER_NOT_ADJECTIVE.is_match(&c["fill"]))
            .filter_map(|c| parse_number(&c["n"]))
            .find(|n| (2..=50).contains(n))
    }
}

fn singular(unit: &str) -> String {
    let u = unit.to_lowercase();
    u.strip_suffix('s').map(str::to_string).unwrap_or(u)
}

/// The multiplier of a time stated in sentence `i` (in the part `clause`; `own` is the words
/// of this time alone, up to the sentence's other times), with what it counts, looking for
/// the unit's number in the sentence, its neighbours, then the paper.
pub fn multiplier(sents: &[Sent], i: usize, clause: &str, own: &str) -> Option<(f64, String)> {
    let text = &sents[i].text;
    // "we trained 4 models in total" totals the models, not the time.
    if TOTAL.is_match(&UNITS_IN_TOTAL.replace_all(text, " ")) {
        return None;
    }
    // The subject may sit in another clause of the sentence ("All four models are trained on
    // single GPUs; training takes 48 hours"), or in the sentence before when that one says
    // what was trained and this one only how long.
    let before = i
        .checked_sub(1)
        .map(|j| sents[j].text.as_str())
        .filter(|t| has_training_cue(t) && all_durations(t) == 0);
    let subject = [Some(clause), Some(text.as_str()), before]
        .into_iter()
        .flatten()
        .find_map(|t| COUNTED_SUBJECT.captures(t));
    // "60 hours for each of the remaining three stems": whatever the things are, in the
    // time's own clause.
    let subject = subject.or_else(|| {
        EACH_OF
            .captures(own)
            .filter(|c| !HARDWARE_NOUN.is_match(&c["unit"]))
    });
    if let Some(c) = subject {
        let n = parse_number(&c["n"]).filter(|n| (2..=50).contains(n))?;
        return Some((f64::from(n), format!("{n} {}", c["unit"].to_lowercase())));
    }
    let distributive = [Some(clause), Some(text.as_str()), before]
        .into_iter()
        .flatten()
        .find_map(|t| DISTRIBUTIVE.captures(t));
    if let Some(c) = distributive {
        let unit = c["unit"].to_lowercase();
        let n = if singular(&unit) == "fold" {
            nearby(sents, i, |t| folds(t).map(|k| k as u32))
        } else {
            let counter = UnitCount::new(&unit)?;
            nearby(sents, i, |t| counter.count(t))
        };
        if let Some(n) = n {
            return Some((f64::from(n), format!("{n} {}s", singular(&unit))));
        }
    }
    // "Each run took 4 hours, and we ran five random seeds": the stated repetitions; for a
    // time said of one run ("a single training run takes …") also in the sentence before or
    // after ("Each experiment was repeated three times.").
    // "1 day per dataset … for the three datasets": any thing the time is said per, when
    // the sentence or the ones beside it count it.
    if let Some(c) = PER_ANY.captures(own) {
        let unit = c["unit"].to_lowercase();
        if !NOT_A_RUN_UNIT.is_match(&singular(&unit)) {
            if let Some(counter) = UnitCount::new(&unit) {
                let lo = i.saturating_sub(2);
                let hi = (i + 2).min(sents.len() - 1);
                if let Some(n) = (lo..=hi).find_map(|j| counter.count(&sents[j].text)) {
                    return Some((f64::from(n), format!("{n} {}s", singular(&unit))));
                }
            }
        }
    }
    // A neighbour that repeats every experiment ("We repeat each experiment with 5 seeds")
    // repeats this one too.
    let one_run = ONE_RUN.is_match(clause);
    let neighbours = [i.checked_sub(1), Some(i + 1)]
        .into_iter()
        .flatten()
        .filter_map(|j| sents.get(j).map(|s| s.text.as_str()));
    let own = std::iter::once((text.as_str(), true));
    for (t, is_own) in own.chain(neighbours.map(|t| (t, false))) {
        if let Some(c) = REPEATS.captures(t) {
            let every = EVERY.is_match(&c[0]);
            if !(is_own || one_run || every) {
                continue;
            }
            if let Some(n) = parse_number(&c["n"]).filter(|n| (2..=50).contains(n)) {
                return Some((f64::from(n), format!("{n} {}", c["what"].to_lowercase())));
            }
        }
    }
    // "Depending on model size, training took 44–134 hours": a time per model, for each of
    // the models the paper says it trained.
    if PER_MODEL_RANGE.is_match(text) {
        for unit in ["models", "versions", "variants", "configurations", "sizes"] {
            let Some(counter) = UnitCount::new(unit) else {
                continue;
            };
            if let Some(n) = nearby(sents, i, |t| trained_count(&counter, t)) {
                return Some((f64::from(n), format!("{n} {unit}")));
            }
        }
    }
    if let Some(c) = BOTH.captures(clause) {
        let what = c
            .name("what")
            .map(|m| m.as_str().trim().to_string())
            .unwrap_or_default();
        return Some((2.0, format!("both {what}").trim().to_string()));
    }
    None
}

/// The first answer of `f` in sentence `i`, then sentences at growing distance (up to 8),
/// then anywhere in the paper.
fn nearby(sents: &[Sent], i: usize, f: impl Fn(&str) -> Option<u32>) -> Option<u32> {
    if let Some(n) = f(&sents[i].text) {
        return Some(n);
    }
    for d in 1..=8 {
        for j in [i.checked_sub(d), Some(i + d)].into_iter().flatten() {
            if let Some(n) = sents.get(j).and_then(|s| f(&s.text)) {
                return Some(n);
            }
        }
    }
    sents.iter().find_map(|s| f(&s.text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<Sent> {
        Sent::all_of(text, crate::extract::sections::Zone::Body)
    }

    fn m(text: &str, i: usize) -> Option<(f64, String)> {
        let s = sents(text);
        let clause = s[i].text.clone();
        multiplier(&s, i, &clause, &clause)
    }

    #[test]
    fn counted_subjects() {
        assert_eq!(
            m(
                "All four models are trained on single GPUs for around 48 hours.",
                0
            ),
            Some((4.0, "4 models".into()))
        );
        assert_eq!(
            m("Both networks were trained for 2 days on one V100.", 0),
            Some((2.0, "both networks".into()))
        );
    }

    #[test]
    fn seeds_used_for_each_run() {
        assert_eq!(
            m(
                "Each run takes around 12 hours on 8 NVIDIA V100 GPUs, and we used 3 seeds.",
                0
            ),
            Some((3.0, "3 seeds".into()))
        );
    }

    #[test]
    fn repetitions_stated_beside_a_single_run() {
        assert_eq!(
            m("Each experiment was repeated three times. A single training run takes approximately 40 minutes on an RTX 3060.", 1),
            Some((3.0, "3 times".into()))
        );
        // Without "a single run" the time may be the whole experiment's.
        assert_eq!(
            m("Each experiment was repeated three times. Training takes approximately 40 minutes on an RTX 3060.", 1),
            None
        );
    }

    #[test]
    fn one_unit_with_the_count_of_units_in_total() {
        assert_eq!(
            m(
                "Training one model took approximately 9 hours, and we trained 4 models in total.",
                0
            ),
            Some((4.0, "4 models".into()))
        );
        // A time stated as the total is never multiplied.
        assert_eq!(
            m("We trained 4 models, which took 36 hours in total.", 0),
            None
        );
    }

    #[test]
    fn each_unit_with_its_number_elsewhere() {
        assert_eq!(
            m(
                "We use 8-fold cross-validation. Each training fold takes 11 hours on a Titan X.",
                1
            ),
            Some((8.0, "8 folds".into()))
        );
        assert_eq!(
            m(
                "We train three models with different seeds. Training takes 5 hours per model.",
                1
            ),
            Some((3.0, "3 models".into()))
        );
    }

    #[test]
    fn all_models_with_their_number_stated_elsewhere() {
        assert_eq!(
            m(
                "We compare four models: a baseline and three variants. All models are trained on single GPUs (GTX 1080) for 48 hours.",
                1
            ),
            Some((4.0, "4 models".into()))
        );
        // The subject in the sentence before the time.
        assert_eq!(
            m(
                "This results in four models. All models are trained on single GPUs (GTX 1080) until the decoder converges. This corresponds to around 400 epochs, or 48 hours.",
                2
            ),
            Some((4.0, "4 models".into()))
        );
        // No number of models anywhere: no multiplier.
        assert_eq!(
            m("All models are trained on a GTX 1080 for 48 hours.", 0),
            None
        );
    }

    #[test]
    fn each_of_a_counted_anything() {
        let t = "Training took 72 hours for the vocals model and 60 hours for each of the remaining three stems.";
        let own = &t[..t.find(" and 60").unwrap()];
        assert_eq!(multiplier(&sents(t), 0, t, own), None);
        let t = "Training took 72 hours for the vocals model and 60 hours for each of the remaining three stems.";
        let s = sents(t);
        let own = &t[t.find("60 hours").unwrap()..];
        assert_eq!(multiplier(&s, 0, t, own), Some((3.0, "3 stems".into())));
        let t = "We train one model for 12 hours on each of the 4 GPUs.";
        assert_eq!(multiplier(&sents(t), 0, t, t), None);
    }

    #[test]
    fn a_time_per_anything_counted_beside_it() {
        let t = "Our training takes about 1 day per dataset on 2 Titan RTX cards, for the three datasets considered.";
        assert_eq!(
            multiplier(&sents(t), 0, t, t),
            Some((3.0, "3 datasets".into()))
        );
        // Not a run: per epoch, per song; or nothing counts the thing.
        let t = "Training takes 2 hours per language.";
        assert_eq!(multiplier(&sents(t), 0, t, t), None);
        let t = "Inference takes 2 seconds per song for the 500 songs.";
        assert_eq!(multiplier(&sents(t), 0, t, t), None);
    }

    #[test]
    fn stated_repetitions_multiply_the_time() {
        assert_eq!(
            m(
                "Each experiment took about 4 hours on a single GPU, and we ran five random seeds.",
                0
            ),
            Some((5.0, "5 seeds".into()))
        );
        assert_eq!(
            m("Training takes 2 hours and was repeated 3 times.", 0),
            Some((3.0, "3 times".into()))
        );
        assert_eq!(
            m(
                "Training takes 2 hours. We repeat each experiment with 5 different random seeds.",
                0
            ),
            Some((5.0, "5 seeds".into()))
        );
    }

    #[test]
    fn a_time_per_model_size_counts_every_model() {
        assert_eq!(
            m(
                "We trained four versions of the synthesis model. Depending on model size, training took 44–134 hours.",
                1
            ),
            Some((4.0, "4 versions".into()))
        );
    }

    #[test]
    fn totals_and_single_runs_are_not_multiplied() {
        assert_eq!(
            m("All four models took 48 hours in total on one GPU.", 0),
            None
        );
        assert_eq!(m("The model was trained for 3 days on 4 GPUs.", 0), None);
        // "each" of devices is not a repetition of the run.
        assert_eq!(
            m("We used 16 machines with 8 GPUs each for 5 days.", 0),
            None
        );
    }
}
