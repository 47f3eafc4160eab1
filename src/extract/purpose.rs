//! What a sentence says hardware was used for: training, or not (inference, latency,
//! real-time factor, decoding, benchmarks, data generation), and sentences that report no run
//! of the paper's own (acknowledgements, related work, hypotheticals, reference entries).

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Purpose;

static TRAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:train|trains|trained|training|fitting|fitted|retrain\w*|pre-?train\w*|fine-?tun\w*|(?:is|are|was|were|been)\s+optimi[sz]ed\s+(?:on|with|using|by|via|in)\b|optimi[sz]ers?|converge[sd]?|convergence|epochs?|batch size|mini-?batch(?:es)?|gradient descent|sgd|adam|(?:experiments?|ablations?|ablation studies)\s+(?:were\s+|was\s+|are\s+|is\s+)?(?:run|ran|conducted|performed|carried out|done|used|lasted|took|takes?|lasts?|requires?|required|needs?|needed)|(?:experiment|search)\s+(?:ran|lasted|took|used)|evolv(?:e|ed|ing)\s+on|evolution\s+(?:ran|experiment)|(?:single|one|each|every|full|complete|whole)\s+(?:training\s+)?runs?\s+(?:takes?|took|lasts?|lasted|requires?|required|needs?|needed))\b|^\W*(?:compute|computing resources|compute resources|computational resources|hardware and (?:compute|run ?time))\s*:")
        .expect("training regex")
});

/// Uses that are never training, whatever else the clause says.
static INFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:inference|latency|latencies|real[- ]time|rtf|decod(?:e|ed|es|ing)|search threads|at test time|test[- ]time|prediction time|deploy\w*|on-device|tournament|game play|(?:generation|synthesis) speed|faster than|speed-?ups?|(?:generat|synthesi[sz])(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?(?:of\s+)?(?:audio|music|songs?|pieces?|clips?|minutes?|seconds?|waveforms?)|(?:transcrib(?:e|es|ing)|process(?:es|ing))\s+(?:\w+\s+){0,3}?(?:of\s+)?(?:audio|music|songs?|pieces?|clips?|waveforms?|recordings?|tracks?))\b")
        .expect("inference regex")
});

static BENCHMARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:benchmark\w*|measured|timings?|profil(?:e|ed|ing)|throughput|time to process|processing times?|runtime|run time|response time|compare\b[^.]{0,40}\bhardware|energy (?:consumption|efficiency))\b")
        .expect("benchmark regex")
});

static DATA_GENERATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:data generation|generat(?:e|ed|ing) (?:the )?(?:training )?(?:data|dataset|samples|examples)|render(?:ed|ing)? (?:the )?(?:audio|data)|self-play|feature extraction|(?:extract|comput)(?:e|es|ed|ing)? (?:the )?(?:[\w-]+ )?(?:features|embeddings|representations)|preprocess\w*|pre-process\w*)\b")
        .expect("data generation regex")
});

static ACKNOWLEDGEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:thank\w*|grateful\w*|gratitude|acknowledg\w*|donat\w*|gift|sponsor\w*|funded|funding|grants?|support of|supported by|courtesy)\b")
        .expect("ack regex")
});

static HYPOTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:would|could|might|estimates?|estimated|expect\w*|hypothetical\w*|(?:is|are|was|were|be)\s+projected|projected\s+to|if we were|as when|as if)\b")
        .expect("hypothetical regex")
});

static FIRST_PERSON: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:we|our|us)\b").expect("first person regex"));

static OTHERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bet al\b|\b(?:previous|prior|earlier|existing) (?:work|works|studies|approaches|methods)\b|\b(?:reported|proposed) (?:by|in)\b")
        .expect("others regex")
});

/// Words that put a part of a sentence on someone else's work ("Earlier work trained …;
/// we compare", "In contrast to X, which was trained on …, we", "The baseline of [7] needs …").
static OTHERS_PART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bet al\b|\b(?:previous|prior|earlier|existing) (?:work|works|studies|approaches|methods|models?|systems?)\b|\brelated works?\b|\boriginal authors\b|\b(?:reported|proposed) (?:by|in)\b|\b(?:unlike|in contrast to|as opposed to)\b|\btheir (?:own |original |released |published )?(?:model|models|system|systems|network|networks|approach|method|checkpoints?)\b|\b(?:baseline|model|system|method|approach|work|results?)s? (?:of|in|from|by) \[\d|^\W*[A-Z][^,;\[\]]{0,40}\[\d+[^\]]*\]\s+(?:was|were|is|are|has|had|trained|used|uses|required|requires|needed|needs|took|takes|reported|reports)\b")
        .expect("others part regex")
});

/// Where a sentence turns from one party to another: `;`, ", whereas", ", while", ", but",
/// ", we", ", our".
static PART_BREAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i);|,\s+(?:whereas|while|but|we|our|which|that|trained|pre-?trained|fine-?tuned)\b|\s+whereas\b")
        .expect("part break regex")
});

/// The part of `sentence` holding byte `at` is about someone else's work: an others cue and no
/// first person in that part.
pub fn in_others_part(sentence: &str, at: usize) -> bool {
    // "In our previous work [5], we trained …", "In [5], we trained …": the authors' earlier
    // paper, up to the first ";".
    if EARLIER_PAPER.is_match(sentence) && sentence.find(';').is_none_or(|k| at < k) {
        return true;
    }
    let mut start = 0;
    let mut prev = 0;
    let mut end = sentence.len();
    for m in PART_BREAK.find_iter(sentence) {
        if m.start() >= at {
            end = m.start();
            break;
        }
        prev = start;
        start = m.start();
    }
    // "The pre-trained weights were downloaded …; they were trained on 8 V100s": a pronoun
    // subject after a clause about a borrowed model is that model.
    let own_part = sentence[start..end].trim_start_matches([',', ';', ' ']);
    if start > 0
        && PRONOUN_SUBJECT.is_match(own_part)
        && BORROWED.is_match(&sentence[prev..start])
        && !FIRST_PERSON.is_match(&sentence[prev..start])
    {
        return true;
    }
    // A relative clause ("…, which was trained on …") belongs with what it is about; it ends
    // where the main clause resumes in the first person ("We fine-tune X, which was
    // pre-trained on 64 A100s [5], on our data on one A6000").
    let mut relative = RELATIVE.is_match(sentence[start..end].trim_start_matches([',', ';']));
    if relative {
        if let Some(r) = resumption(&sentence[start..end]).map(|r| start + r) {
            if at < r {
                end = r;
            } else {
                start = r;
                relative = false;
            }
        }
    }
    let own = &sentence[start..end];
    // "X was trained on 512 V100s, far beyond our budget; instead we train …": what the
    // sentence says was done instead is ours, the rest is not.
    if !FIRST_PERSON.is_match(own.trim_start_matches(|c: char| !c.is_alphanumeric()))
        && INSTEAD_WE.is_match(&sentence[end..])
    {
        return true;
    }
    if relative {
        start = prev;
    }
    let part = &sentence[start..end];
    // "We used the checkpoint, which was trained …": the relative clause's own words decide
    // whose run it is.
    let ours = FIRST_PERSON.is_match(own.trim_start_matches(|c: char| !c.is_alphanumeric()));
    if ours {
        return false;
    }
    if OTHERS_PART.is_match(part) {
        return true;
    }
    // "…, which was trained on 16 V100s": a relative clause on a checkpoint or released model.
    if relative && BORROWED.is_match(part) && !OWN_CHECKPOINT.is_match(part) {
        return true;
    }
    // A run statement that ends on its citation, or whose subject carries one ("The original
    // Music Transformer was trained on 8 TPUs for 3 days [4]"), reports the cited work; a
    // citation after a tool ("trained with Adam [12] on 4 GPUs") does not.
    // A clause closed by ";" stands alone ("X was trained on … [1]; our model …"); otherwise
    // "we" anywhere makes the citation a tool of ours ("Following [7], we train …").
    let alone = sentence[end..].starts_with(';') || sentence[start..].starts_with(';');
    let speaker = if alone { part } else { sentence };
    !FIRST_PERSON.is_match(speaker)
        && (CITATION_AT_END.is_match(part) || CITED_SUBJECT.is_match(part))
}

/// Where a relative clause gives way to the main clause again: the first ", " after which the
/// words up to the next comma speak in the first person.
fn resumption(clause: &str) -> Option<usize> {
    clause.match_indices(", ").map(|(i, _)| i).find(|&i| {
        let rest = &clause[i + 2..];
        let upto = rest.find(", ").unwrap_or(rest.len());
        FIRST_PERSON.is_match(&rest[..upto])
    })
}

/// "; instead we", ", so instead our": the first person did something else.
static INSTEAD_WE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.]*?[;,]\s*(?:so\s+|and\s+)?instead\s*,?\s+(?:we|our)\b")
        .expect("instead we regex")
});

/// A sentence framed as the authors' earlier paper.
static EARLIER_PAPER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:in|as in|as shown in|as reported in)\s+(?:our\s+(?:own\s+)?(?:previous|prior|earlier|past)\s+(?:work|paper|study|publication)s?(?:\s*\[[^\]]+\])?|\[[^\]]+\])\s*,?\s*(?:we|our)\b")
        .expect("earlier paper regex")
});

static PRONOUN_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:they|these|those|it|the latter|both)\s+(?:were|was|are|is|had been|have been|has been)\b")
        .expect("pronoun subject regex")
});

static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\W*(?:which|that|who|trained|pre-?trained|fine-?tuned)\b")
        .expect("relative regex")
});

/// Models the authors took rather than trained.
static BORROWED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:checkpoints?|pre-?trained|released|publicly available|off-the-shelf|open-source|provided by|downloaded|original (?:model|system|network|implementation))\b")
        .expect("borrowed regex")
});

static OWN_CHECKPOINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bour\s+(?:own\s+)?(?:\w+\s+)?(?:pre-?trained|checkpoints?|released)\b")
        .expect("own checkpoint regex")
});

static CITATION_AT_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[\d+(?:\s*[,–-]\s*\d+)*\]\W*$").expect("citation at end regex"));

/// "The MERT model [20] was …": a citation within the first few words.
static CITED_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\W*(?:\S+\s+){0,4}?\S*\[\d+(?:\s*[,–-]\s*\d+)*\]").expect("cited subject regex")
});

/// A reference-list entry: a year plus venue words.
static REFERENCE_ENTRY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:proceedings|proc\.|arxiv|conference on|journal of|transactions on|symposium|workshop on|vol\.|pp\.|preprint|in advances in)\b")
        .expect("reference regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:19[5-9]\d|20[0-4]\d)\b").expect("year regex"));

/// Why a sentence or clause is not about the paper's own training.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Use {
    Training,
    NotTraining(Purpose),
    /// Said of no run of this paper: acknowledgements, hypotheticals, others' work.
    Ignore,
    /// Nothing says what the hardware was for.
    Unknown,
}

/// The sentence speaks in the first person ("we", "our", "us").
pub fn speaks_of_us(text: &str) -> bool {
    FIRST_PERSON.is_match(text)
}

/// "training" as the name of data or of people's skill, not of a model's training: the
/// training set/split/data, a "Train | Val | Test" table row, musical training.
static NOT_MODEL_TRAINING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:train(?:ing)?|validation|val|test(?:ing)?)(?:(?:\s*[,/-]\s*|\s+)(?:and\s+|or\s+)?(?:validation|val|test(?:ing)?|dev)\b)*[- ](?:sets?|splits?|subsets?|data(?:set)?s?|portions?|partitions?|corpus|corpora|examples|samples|recordings|pieces|songs|files|excerpts|clips|material)\b|\b(?-i:Train|Training)\b\s+\d|\b(?:musical|music|formal|ear|vocal|classical|professional|instrumental|piano|years? of)\s+training\b|\b(?:the|a|an|our|their|its|this|these|those)\s+(?:[\w-]+\s+)?(?:pre-?trained|trained)\s+(?:[\w-]+\s+){0,2}?(?:models?|networks?|checkpoints?|weights|encoders?|embeddings?|representations?|features?)\b")
        .expect("not model training regex")
});

/// "It takes a full day for the losses to drop": the loss curve is the run.
static LOSS_CURVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bloss(?:es)?\b[^.;]{0,60}\b(?:drop|drops|dropped|decrease[sd]?|plateau\w*|stabili[sz]\w*|saturat\w*)\b")
        .expect("loss curve regex")
});

/// A statement about training a model, not about training data or people's training.
pub fn has_training_cue(text: &str) -> bool {
    if LOSS_CURVE.is_match(text) {
        return true;
    }
    if !TRAINING.is_match(text) {
        return false;
    }
    let rest = NOT_MODEL_TRAINING.replace_all(text, " ");
    TRAINING.is_match(&rest)
}

/// The sentence reports nothing of the paper's own runs.
pub fn sentence_is_ignored(sentence: &str) -> bool {
    ACKNOWLEDGEMENT.is_match(sentence)
        || is_reference_entry(sentence)
        || INFEASIBLE.is_match(sentence)
        || (OTHERS.is_match(sentence) && !FIRST_PERSON.is_match(sentence))
}

/// A plan judged too costly is not a run: "would require 36 days, which is not feasible".
static INFEASIBLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:not|nor|hardly|barely)\s+(?:\w+\s+)?(?:feasible|possible|practical|affordable|tractable|realistic)\b|\b(?:infeasible|unfeasible|impractical|prohibitive(?:ly)?|intractable|unaffordable)\b")
        .expect("infeasible regex")
});

/// "hundreds of V100s", "thousands of TPUs", "dozens of GPUs": a fleet too vague to be a
/// paper's own run.
static VAGUE_FLEET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:hundreds|thousands|dozens|tens|millions)\s+of\s+(?:\w+\s+){0,2}$|\b(?:a\s+(?:large|huge|vast)\s+(?:number|cluster|fleet)\s+of)\s+(?:\w+\s+){0,2}$")
        .expect("vague fleet regex")
});

/// The words before a hardware mention make it a vague fleet of others.
pub fn is_vague_fleet(before: &str) -> bool {
    VAGUE_FLEET.is_match(before)
}

/// "contains 1,024 TPU v3 chips", "a node has 8 GPUs": what a pod, node or cluster holds,
/// not what a run used.
static CAPACITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pods?|clusters?|nodes?|racks?|supercomputers?|slices?|systems?)\s+(?:can\s+)?(?:contain|contains|consist of|consists of|comprise|comprises|hold|holds|house|houses|have up to|has up to|scale to|scales to)\s+(?:up to\s+)?(?:\S+\s+){0,2}$")
        .expect("capacity regex")
});

/// The words before a hardware mention describe a machine's capacity.
pub fn is_capacity(before: &str) -> bool {
    CAPACITY.is_match(before)
}

/// "experiments were run on …", "the search took …": training words only when the paper
/// trains something elsewhere.
static EXPERIMENTS_RAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:experiments?|ablations?|ablation studies)\s+(?:were\s+|was\s+|are\s+|is\s+)?(?:run|ran|conducted|performed|carried out|done|used|lasted|took|takes?|lasts?|requires?|required|needs?|needed)\b|\b(?:experiment|search)\s+(?:ran|lasted|took|used)\b")
        .expect("experiments ran regex")
});

/// The sentence speaks of training a model (not of running experiments, training data or
/// people's training): a paper with no such sentence trains nothing, and its "experiments
/// were run on …" are evaluation runs.
pub fn trains_a_model(text: &str) -> bool {
    has_training_cue(&EXPERIMENTS_RAN.replace_all(text, " "))
}

/// People taking part in a study: an "experiment" among them is a listening test or a user
/// study, not a computation.
static HUMAN_STUDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:participants?|listeners?|respondents?|raters?|(?:test|human)\s+subjects|listening\s+(?:tests?|experiments?|stud(?:y|ies)|sessions?)|user\s+stud(?:y|ies)|questionnaires?|mean opinion scores?|interviews?|interviewees?)\b")
        .expect("human study regex")
});

/// A sentence whose only compute word is an "experiment" that ran or took some time, among
/// sentences about people taking part: the experiment is a listening test or user study
/// ("The whole experiment took about 45 minutes to complete").
pub fn is_human_study_time(sentence: &str, context: &str) -> bool {
    !trains_a_model(sentence) && HUMAN_STUDY.is_match(context)
}

pub fn is_reference_entry(sentence: &str) -> bool {
    let years = YEAR.find_iter(sentence).count();
    years >= 1 && REFERENCE_ENTRY.is_match(sentence)
}

pub fn is_hypothetical(clause: &str) -> bool {
    HYPOTHETICAL.is_match(clause)
}

/// What the hardware in `clause` (part of `sentence`) was used for.
pub fn classify(sentence: &str, clause: &str) -> Use {
    if sentence_is_ignored(sentence) || is_hypothetical(clause) {
        return Use::Ignore;
    }
    if let Some(at) = sentence.find(clause) {
        if in_others_part(sentence, at) {
            return Use::Ignore;
        }
    }
    if INFERENCE.is_match(clause) {
        return Use::NotTraining(Purpose::Inference);
    }
    if DATA_GENERATION.is_match(clause) && !has_training_cue(clause) {
        return Use::NotTraining(Purpose::DataGeneration);
    }
    if BENCHMARK.is_match(clause) && !has_training_cue(clause) {
        return Use::NotTraining(Purpose::Benchmark);
    }
    if has_training_cue(sentence) {
        // A non-training cue elsewhere in the sentence with no training cue in this clause
        // still decides ("trained on X, while inference ran on Y").
        if !has_training_cue(clause) && (INFERENCE.is_match(sentence)) {
            return Use::Unknown;
        }
        return Use::Training;
    }
    if INFERENCE.is_match(sentence) {
        return Use::NotTraining(Purpose::Inference);
    }
    if BENCHMARK.is_match(sentence) {
        return Use::NotTraining(Purpose::Benchmark);
    }
    Use::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn use_of(s: &str) -> Use {
        classify(s, s)
    }

    #[test]
    fn training_sentences() {
        assert_eq!(
            use_of("The network was fit with Adam on 2 A100s."),
            Use::Training
        );
        assert_eq!(
            use_of("All experiments were run on a Titan RTX."),
            Use::Training
        );
        assert_eq!(
            use_of("Each search experiment lasted 4 days."),
            Use::Training
        );
        assert_eq!(
            use_of("We set the batch size to 64 per GPU."),
            Use::Training
        );
    }

    #[test]
    fn a_borrowed_models_training_said_with_a_pronoun_is_others() {
        let s = "The pre-trained weights were downloaded from the authors' website; they were trained on 8 V100s for 2 weeks.";
        assert_eq!(
            classify(s, "they were trained on 8 V100s for 2 weeks."),
            Use::Ignore
        );
        let s = "We wrote our own model; it was trained on 8 V100s for 2 weeks.";
        assert_eq!(
            classify(s, "it was trained on 8 V100s for 2 weeks."),
            Use::Training
        );
        assert_eq!(
            use_of("Transcribing one hour of audio takes 4 minutes on a single A100."),
            Use::NotTraining(Purpose::Inference)
        );
    }

    #[test]
    fn training_on_transcribed_or_processed_data_is_training() {
        assert_eq!(
            use_of("We trained on transcribed recordings with 4 V100 GPUs."),
            Use::Training
        );
        assert_eq!(
            use_of("It was trained on a graphics processing unit within minutes."),
            Use::Training
        );
    }

    #[test]
    fn a_compute_label_states_the_runs_resources() {
        assert!(has_training_cue("Compute: 8×A100 80GB for ~3 days."));
        assert!(!has_training_cue(
            "We compute the mean over 3 days of audio."
        ));
    }

    #[test]
    fn training_data_and_skills_are_not_model_training() {
        assert!(!has_training_cue(
            "The training set is less than 100 hours of audio."
        ));
        assert!(!has_training_cue(
            "We split it into training, validation and test sets of 80, 10 and 10 hours."
        ));
        assert!(!has_training_cue("Train 409 11h 19m 1,220 K"));
        assert!(!has_training_cue(
            "54% had classical musical training and listened 5 days a week."
        ));
        assert!(has_training_cue(
            "Training on the training set took 3 days."
        ));
        assert!(has_training_cue(
            "It takes roughly a full day for the losses of the models to drop to 0.3."
        ));
    }

    #[test]
    fn non_training_uses() {
        assert_eq!(
            use_of("Synthesis runs 40 times faster than real time on one T4."),
            Use::NotTraining(Purpose::Inference)
        );
        assert_eq!(
            use_of("The RTF was measured on a laptop CPU."),
            Use::NotTraining(Purpose::Inference)
        );
        assert_eq!(
            use_of("Layer timings were measured on an i7 desktop."),
            Use::NotTraining(Purpose::Benchmark)
        );
        assert_eq!(
            use_of("Rendering the audio data took two days on 20 CPUs."),
            Use::NotTraining(Purpose::DataGeneration)
        );
    }

    #[test]
    fn sentences_about_no_run_of_ours() {
        assert_eq!(
            use_of("We thank NVIDIA for donating a Titan V."),
            Use::Ignore
        );
        assert_eq!(
            use_of("A rough guess is that it could be trained on few GPUs in a week."),
            Use::Ignore
        );
        assert_eq!(
            use_of("Smith et al. trained their model on 64 TPUs."),
            Use::Ignore
        );
        assert!(is_reference_entry(
            "J. Doe. Fast training on GPUs. In Proceedings of ICML, 2019."
        ));
    }

    #[test]
    fn others_work_in_a_sentence_that_also_speaks_of_ours() {
        let s = "Earlier work trained a music transformer on 32 TPU v3 cores for one week; we compare against their released checkpoints.";
        assert_eq!(
            classify(
                s,
                "Earlier work trained a music transformer on 32 TPU v3 cores for one week"
            ),
            Use::Ignore
        );
        let s = "Smith et al. [12] trained their model on 256 TPUs for two weeks, whereas we use far less compute.";
        assert_eq!(classify(s, s), Use::Ignore);
        let s = "In contrast to MusicLM, which was trained on TPU v4 pods, we trained on 2 A40 GPUs for 3 days.";
        assert_eq!(classify(s, "which was trained on TPU v4 pods"), Use::Ignore);
        assert_eq!(
            classify(s, "we trained on 2 A40 GPUs for 3 days."),
            Use::Training
        );
        assert_eq!(
            use_of("The baseline of [7] needs 3 days on 8 V100 GPUs to train."),
            Use::Ignore
        );
        assert_eq!(
            use_of("MusicGen [9] was trained on 64 A100 GPUs."),
            Use::Ignore
        );
        // Our own runs, with a citation or a comparison elsewhere, stay ours.
        assert_eq!(
            use_of("Following [7], we train our model on 8 V100 GPUs for 3 days."),
            Use::Training
        );
        assert_eq!(
            use_of("The model is trained with Adam [12] on 4 GPUs."),
            Use::Training
        );
    }

    #[test]
    fn borrowed_checkpoints_and_cited_runs_are_others() {
        let s =
            "We used the publicly available checkpoint, which was trained on 16 V100s for a week.";
        assert_eq!(
            classify(s, "which was trained on 16 V100s for a week."),
            Use::Ignore
        );
        let s = "We fine-tune our pretrained model, which was trained on 4 V100s for a week.";
        assert_eq!(
            classify(s, "which was trained on 4 V100s for a week."),
            Use::Training
        );
        let s =
            "In comparison, the original Music Transformer was trained on 8 TPUs for 3 days [4].";
        assert_eq!(classify(s, s), Use::Ignore);
        let s = "The pretrained MERT model [20] was trained on 64 A100 GPUs.";
        assert_eq!(classify(s, s), Use::Ignore);
        let s = "The model is trained with Adam [12] on 4 GPUs for 2 days.";
        assert_eq!(classify(s, s), Use::Training);
    }

    #[test]
    fn clause_decides_in_mixed_sentences() {
        let s = "Although not tuned for speed, the model decodes in real time on a K40.";
        assert_eq!(
            classify(s, "the model decodes in real time on a K40."),
            Use::NotTraining(Purpose::Inference)
        );
        let s = "We trained on a V100, and latency was tested on a phone.";
        assert_eq!(classify(s, "We trained on a V100"), Use::Training);
    }
}
