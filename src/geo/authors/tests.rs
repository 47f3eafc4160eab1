//! Author blocks written for these tests (PDF-like text and LaTeX macros), not taken from the
//! dev corpus.

use std::sync::OnceLock;

use super::*;
use crate::reference::Reference;
use crate::text::{DocKind, Page};

fn g() -> &'static Gazetteer {
    static R: OnceLock<Reference> = OnceLock::new();
    &R.get_or_init(|| Reference::embedded().expect("reference data"))
        .gazetteer
}

fn doc(kind: DocKind, text: &str, latex: Option<&str>) -> Document {
    Document {
        source: "test".into(),
        kind,
        main: None,
        extractor: "test".into(),
        version: "test".into(),
        sha256: String::new(),
        pages: vec![Page {
            number: 1,
            text: text.into(),
        }],
        latex: latex.map(String::from),
        warnings: Vec::new(),
    }
}

fn pdf(text: &str) -> Document {
    doc(DocKind::Pdf, text, None)
}

fn tex(flat: &str) -> Document {
    doc(
        DocKind::Latex,
        &crate::text::document_text(flat),
        Some(flat),
    )
}

fn texts(d: &Document) -> Vec<String> {
    affiliations_from(d, g())
        .into_iter()
        .map(|(a, _)| a.text)
        .collect()
}

#[track_caller]
fn countries(d: &Document, expected: &[&str]) {
    let found = affiliations_from(d, g());
    let mut got = paper_countries(&found);
    got.sort();
    assert_eq!(got, expected, "{found:#?}");
}

#[test]
fn ismir_pdf_block_with_numbered_affiliations_on_one_line() {
    let d = pdf("A NEW DATASET OF PIANO PEDALLING\n\
        Ana Pérez1 Bo Li2 Carl Smith1,2\n\
        1 Music Technology Group, Universitat Pompeu Fabra, Barcelona, Spain 2 Graduate School of Culture Technology, KAIST, Daejeon, South Korea\n\
        {ana.perez,carl.smith}@upf.edu, boli@kaist.ac.kr\n\
        ABSTRACT\n\
        We present a dataset recorded in Paris, France and Tokyo, Japan.\n");
    countries(&d, &["ES", "KR"]);
    let t = texts(&d);
    assert_eq!(t.len(), 2, "{t:?}");
    assert!(t[0].starts_with("Music Technology Group"), "{t:?}");
    assert!(t.iter().all(|a| !a.contains('@')), "{t:?}");
}

#[test]
fn three_columns_merged_on_one_line_are_taken_apart() {
    let d = pdf("Learning to Listen\n\
        Alice Martin Bob Chen Carol Diaz\n\
        Queen Mary University of London Tsinghua University McGill University\n\
        Abstract\n\
        Text.\n");
    countries(&d, &["CA", "CN", "GB"]);
    let t = texts(&d);
    assert_eq!(t[0], "Queen Mary University of London", "{t:?}");
}

#[test]
fn names_in_front_of_an_affiliation_are_trimmed_but_field_words_kept() {
    let d = pdf("Some Title\n\
        Maria Rossi Jan Novak Computer Science Department, Stanford University, Stanford, CA 94305\n\
        Abstract\n");
    assert_eq!(
        texts(&d),
        ["Computer Science Department, Stanford University, Stanford, CA 94305"]
    );
    countries(&d, &["US"]);
}

#[test]
fn now_at_and_currently_at_footnotes_are_not_affiliations() {
    let d = pdf("Timbre Transfer Revisited\n\
        Dana Scott∗ Eve Adams†\n\
        Sony CSL Paris\n\
        ∗ Now at Google, Mountain View, CA, USA † Currently at Spotify, Stockholm, Sweden\n\
        Abstract\n\
        We study timbre.\n\
        1 Introduction\n\
        1 Work done while at Apple, Cupertino, CA, USA.\n");
    countries(&d, &["FR"]);
    assert_eq!(texts(&d), ["Sony CSL Paris"]);
}

#[test]
fn wrapped_address_lines_are_one_affiliation() {
    let d = pdf("Chord Recognition\n\
        John Doe\n\
        Centre for Digital Music\n\
        Queen Mary University of London\n\
        Mile End Road, London, UK\n\
        Jane Roe\n\
        Department of Music, University of\n\
        Oslo, Norway\n\
        ABSTRACT\n");
    assert_eq!(
        texts(&d),
        [
            "Centre for Digital Music, Queen Mary University of London, Mile End Road, London, UK",
            "Department of Music, University of Oslo, Norway"
        ]
    );
    countries(&d, &["GB", "NO"]);
}

#[test]
fn icml_style_footnote_after_the_abstract_counts_but_the_venue_does_not() {
    let d = pdf("Scaling Audio Models\n\
        Ana Silva 1 Ben Ode 2\n\
        Abstract\n\
        We scale models.\n\
        1. Introduction\n\
        Large models are trained on many GPUs in data centres.\n\
        1Department of Music, University of Oslo, Norway 2Sony AI. Correspondence to: Ana Silva <ana@uio.no>.\n\
        Proceedings of the 40th International Conference on Machine Learning, Honolulu, Hawaii, USA. PMLR 202, 2023.\n\
        2The model was trained at the Barcelona Supercomputing Center.\n");
    countries(&d, &["NO"]);
    let t = texts(&d);
    assert!(t.contains(&"Sony AI".to_string()), "{t:?}");
}

#[test]
fn venue_lines_and_the_title_are_not_read() {
    let d = pdf(
        "Detection and Classification of Acoustic Scenes and Events 2021\n\
        15–19 November 2021, Barcelona, Spain\n\
        SOUND EVENTS OF JAPAN\n\
        Ken Sato\n\
        University of Tokyo\n\
        ABSTRACT\n",
    );
    countries(&d, &["JP"]);
}

#[test]
fn emails_alone_are_not_affiliations() {
    let d = pdf("A Paper\nAnn Lee, Bo Kim\nann@uni-heidelberg.de, bo@snu.ac.kr\nAbstract\nText.\n");
    countries(&d, &[]);
    assert!(texts(&d).is_empty());
}

#[test]
fn ismir_threeauthors_macro() {
    let d = tex(r"\documentclass{article}
\title{A Title}
\threeauthors
  {Ana Lopes} {IRCAM, Paris, France \\ {\tt ana@ircam.fr}}
  {Bo Wang\thanks{Now at Google.}} {Johannes Kepler University Linz \\ {\tt bo@jku.at}}
  {Cy Park} {Sony CSL \\ {\tt cy@sony.com}}
\begin{document}
\maketitle
\begin{abstract} We study music. \end{abstract}
\end{document}");
    countries(&d, &["AT", "FR"]);
    let t = texts(&d);
    assert_eq!(
        t,
        [
            "IRCAM, Paris, France",
            "Johannes Kepler University Linz",
            "Sony CSL"
        ]
    );
}

#[test]
fn ismir_multauthor_with_markers_and_columns() {
    let d = tex(r"\multauthor
{Ana Lopes$^1$ \hspace{1cm} Bo Wang$^{2}$ \hspace{1cm} Cy Park$^\dagger$}
{$^1$ Universidade de São Paulo, Brazil \hspace{0.5cm} $^2$ Delft University of Technology, The Netherlands\\
$^\dagger$ Work done while at Deezer Research, Paris, France\\
{\tt\small ana@usp.br}}
\begin{document}\maketitle\begin{abstract}x\end{abstract}\end{document}");
    countries(&d, &["BR", "NL"]);
}

#[test]
fn ieee_name_and_address_with_numbered_lines() {
    let d = tex(
        r"\name{Ana Lopes$^{1}$, Bo Wang$^{2}$\thanks{Thanks to the ERC for grant 12345.}}
\address{$^1$Aalto University, Espoo, Finland\\
  $^2$NTNU, Trondheim, Norway}
\begin{document}\maketitle\end{document}",
    );
    countries(&d, &["FI", "NO"]);
}

#[test]
fn ieee_address_lines_without_markers_are_one_address() {
    let d = tex(r"\name{Ana Lopes and Bo Wang}
\address{Audio Lab\\ Tampere University\\ Tampere, Finland}
\begin{document}\maketitle\end{document}");
    assert_eq!(
        texts(&d),
        ["Audio Lab, Tampere University, Tampere, Finland"]
    );
}

#[test]
fn author_with_and_separators_thanks_and_acm_affiliation() {
    let d = tex(
        r"\author{Ana Lopes\thanks{Now at DeepMind.} \\ Department of Computer Science \\ University of Toronto \\ \texttt{ana@cs.toronto.edu}
\And Bo Wang \\ Seoul National University \\ \texttt{bo@snu.ac.kr}}
\author{Cy Park}
\affiliation{\institution{Universität Wien}\city{Vienna}\country{Austria}}
\author{Di Tran}
\thanks{D. Tran is with the School of EEE, Nanyang Technological University, Singapore.}
\begin{document}\maketitle\end{document}",
    );
    countries(&d, &["AT", "CA", "KR", "SG"]);
    let t = texts(&d);
    assert!(
        t.contains(&"Department of Computer Science, University of Toronto".to_string()),
        "{t:?}"
    );
}

#[test]
fn icml_affiliation_macro() {
    let d = tex(
        r"\begin{icmlauthorlist}\icmlauthor{Ana Lopes}{uoe}\end{icmlauthorlist}
\icmlaffiliation{uoe}{School of Informatics, University of Edinburgh, UK}
\begin{document}\end{document}",
    );
    countries(&d, &["GB"]);
}

#[test]
fn latex_without_an_author_block_falls_back_to_the_text() {
    let d = tex(r"\title{T}\author{Ana Lopes and Bo Wang}
\begin{document}\maketitle
Ana Lopes, Bo Wang

Department of Music, University of Oslo, Norway

\begin{abstract}x\end{abstract}\end{document}");
    countries(&d, &["NO"]);
}

#[test]
fn anonymous_submissions_have_no_affiliations() {
    let d = tex(
        r"\oneauthor{Anonymous Authors}{Anonymous Affiliations\\\texttt{anonymous@domain}}
\begin{document}\maketitle\end{document}",
    );
    assert!(texts(&d).is_empty());
}

#[test]
fn multinationals_without_a_site_stay_unknown_but_are_listed() {
    let d = pdf("Title\nA B1 C D2\n1 Spotify 2 University of Melbourne\nAbstract\n");
    let found = affiliations_from(&d, g());
    assert_eq!(paper_countries(&found), ["AU"]);
    assert_eq!(found[0].0.text, "Spotify");
    assert_eq!(found[0].0.country, None);
}

#[test]
fn countries_keep_author_order_for_the_first_country_policy() {
    let d = pdf("SOME TITLE\n\
        Anne Durand1 Zoe Smith2\n\
        1 IRCAM, Paris, France 2 Stanford University, USA\n\
        ABSTRACT\n\
        We train a model.\n");
    let found = affiliations_from(&d, g());
    // France first (the first author's), not alphabetical (FR < US happens to agree, so the
    // reverse order is checked too).
    assert_eq!(paper_countries(&found), ["FR", "US"], "{found:#?}");
    let d = pdf("SOME TITLE\n\
        Zoe Smith1 Anne Durand2\n\
        1 Stanford University, USA 2 IRCAM, Paris, France\n\
        ABSTRACT\n\
        We train a model.\n");
    let found = affiliations_from(&d, g());
    assert_eq!(paper_countries(&found), ["US", "FR"], "{found:#?}");
}
