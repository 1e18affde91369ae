//! Mixtures and data given by hand: the `truth` and `start` options, and the data edits of a click.

use gmm_core::data::hand::DataEdit;
use gmm_core::data::sample::fingerprint;
use gmm_core::format::with_digits;
use gmm_core::run::components::{components_flat, components_text, parse_components, START_BOUNDS, TRUTH_BOUNDS};
use gmm_core::run::config::DataSource;
use gmm_core::run::options::{check_option, config_from_options, OptionValue};
use gmm_core::{FitSession, Mixture, CLASSIC};
use proptest::prelude::*;

fn opts(pairs: &[(&str, OptionValue)]) -> Vec<(String, OptionValue)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
}
fn text(t: &str) -> OptionValue {
    OptionValue::Text(t.into())
}
fn session(pairs: &[(&str, OptionValue)]) -> Result<FitSession, String> {
    config_from_options(&opts(pairs))
        .and_then(FitSession::new)
        .map_err(|e| e.to_string())
}

#[test]
fn a_truth_as_text_or_numbers_is_the_same_mixture_and_its_data_are_reproducible() {
    let as_text = session(&[("truth", text("1:-2:0.5, 3:2:1"))]).unwrap();
    let as_numbers = session(&[("truth", OptionValue::Numbers(vec![0.25, -2.0, 0.5, 0.75, 2.0, 1.0]))]).unwrap();
    let truth = as_text.truth().unwrap();
    assert_eq!(truth.k(), 2);
    // Weights 1 and 3 are renormalised to 1/4 and 3/4.
    let w = truth.weights();
    assert!((w[0] - 0.25).abs() < 1e-15 && (w[1] - 0.75).abs() < 1e-15, "{w:?}");
    assert_eq!(as_text.data().len(), CLASSIC.n, "the preset's N and data seed stay");
    // Logits differ by a constant (ln 1 against ln 0.25); the weights, means and sigmas agree.
    let close = |a: &Mixture, b: &Mixture| {
        let parts = |m: &Mixture| [m.weights(), m.means().to_vec(), m.sigmas()].concat();
        parts(a).iter().zip(parts(b)).all(|(x, y)| (x - y).abs() < 1e-12)
    };
    assert!(close(truth, as_numbers.truth().unwrap()));
    // The same truth and seed give the same data; another seed other data; the preset's truth other data.
    let again = session(&[("truth", text("1:-2:0.5,3:2:1"))]).unwrap();
    assert_eq!(fingerprint(again.data()), fingerprint(as_text.data()));
    let other_seed = session(&[("truth", text("1:-2:0.5,3:2:1")), ("dataSeed", text("2"))]).unwrap();
    assert_ne!(fingerprint(other_seed.data()), fingerprint(as_text.data()));
    assert_ne!(fingerprint(session(&[]).unwrap().data()), fingerprint(as_text.data()));
    // The data follow the truth: about a quarter of the points lie below 0.
    let below = as_text.data().iter().filter(|&&x| x < 0.0).count() as f64 / CLASSIC.n as f64;
    assert!((below - 0.25).abs() < 0.03, "{below}");
}

#[test]
fn given_data_replace_the_truth() {
    let s = session(&[
        ("truth", text("1:0:1")),
        ("data", OptionValue::Numbers(vec![1.0, 2.0, 3.0])),
        ("k", text("2")),
    ])
    .unwrap();
    assert!(s.truth().is_none());
    assert_eq!(s.data(), &[1.0, 2.0, 3.0]);
}

#[test]
fn refused_truths_name_the_component_and_the_rule() {
    let e = |v: &str| session(&[("truth", text(v))]).unwrap_err();
    assert_eq!(
        e("1:0:-1"),
        format!(
            "truth = \"1:0:-1\" (component 1: sigma -1) is not allowed: truth must be {}",
            TRUTH_BOUNDS.allowed()
        )
    );
    assert!(
        e("1:0:1,0:1:1").contains("(component 2: weight 0)"),
        "{}",
        e("1:0:1,0:1:1")
    );
    assert!(e("1:2e6:1").contains("(component 1: mean 2e+6)"), "{}", e("1:2e6:1"));
    assert!(e("1:0:NaN").contains("(component 1: sigma NaN)"), "{}", e("1:0:NaN"));
    assert!(
        e("1:0").contains("component 1 is \"1:0\", not weight:mean:sigma"),
        "{}",
        e("1:0")
    );
    assert!(e("").contains("(0 components)"), "{}", e(""));
    assert!(e(&["1:0:1"; 11].join(",")).contains("(11 components)"));
    let e = session(&[("truth", OptionValue::Numbers(vec![1.0, 0.0]))]).unwrap_err();
    assert!(e.contains("a list of 2 numbers (2 is not a multiple of 3)"), "{e}");
    assert!(TRUTH_BOUNDS
        .allowed()
        .starts_with("1 to 10 components weight:mean:sigma"));
}

#[test]
fn a_start_by_hand_is_both_methods_start_and_must_have_k_components() {
    let s = session(&[("start", text("1:-1:0.5,1:1:0.5")), ("k", text("2"))]).unwrap();
    let start = s.initial().clone();
    assert_eq!(start.means(), &[-1.0, 1.0]);
    assert_eq!(s.direct().model(), &start);
    assert_eq!(s.em().model(), &start);
    // The init rule and seed are not used.
    let other = session(&[
        ("start", text("1:-1:0.5,1:1:0.5")),
        ("k", text("2")),
        ("initSeed", text("9")),
    ])
    .unwrap();
    assert_eq!(other.initial(), &start);
    let e = session(&[("start", text("1:-1:0.5,1:1:0.5"))]).unwrap_err();
    assert_eq!(
        e,
        "start = 2 components is not allowed: start must be 5 components, as many as k (or set k to 2)"
    );
    // Stepping from the start: EM moves both means toward the data.
    let mut s = s;
    s.advance(5);
    assert_ne!(s.em().model().means(), start.means());
}

#[test]
fn components_written_as_text_read_back_to_the_same_mixture() {
    let truth = CLASSIC.truth();
    let read = parse_components("truth", &text(&components_text(&truth)), &TRUTH_BOUNDS).unwrap();
    for (a, b) in read.flat().iter().zip(truth.flat()) {
        assert!((a - b).abs() <= 1e-15 * b.abs().max(1.0), "{a} vs {b}");
    }
    let flat = parse_components("start", &OptionValue::Numbers(components_flat(&truth)), &START_BOUNDS).unwrap();
    assert_eq!(flat.means(), truth.means());
}

#[test]
fn data_edits_give_data_the_session_takes() {
    let base = session(&[]).unwrap();
    let (added, _) = DataEdit::AddCluster { x: 6.0, spread: 0.1 }.apply(base.data()).unwrap();
    let edited = session(&[("data", OptionValue::Numbers(added.clone()))]).unwrap();
    assert!(edited.truth().is_none() && edited.data() == added.as_slice());
    let (fewer, removed) = DataEdit::RemoveNearest { x: 6.0 }.apply(&added).unwrap();
    assert_eq!(fewer.len(), added.len() - 1);
    assert!((removed[0] - 6.0).abs() < 0.5, "{removed:?}");
}

fn truth_text() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        -3.0..3.0f64,
        Just(0.0),
        Just(-1.0),
        Just(1e-7),
        Just(1e7),
        Just(-2e6),
        Just(f64::NAN),
        Just(f64::INFINITY),
        0.0..2e-6f64,
    ];
    prop::collection::vec((number.clone(), number.clone(), number), 0..12).prop_map(|rows| {
        rows.iter()
            .map(|(w, m, s)| format!("{w}:{m}:{s}"))
            .collect::<Vec<_>>()
            .join(",")
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// The truth editor checks a truth with `check_option`; a session is built from the same truth with
    /// the other settings at their defaults (N = 5000, K = 5). One refuses exactly what the other does.
    #[test]
    fn the_truth_editor_refuses_what_the_session_refuses(truth in truth_text()) {
        let checked = check_option("truth", &text(&truth));
        let built = session(&[("truth", text(&truth))]);
        prop_assert_eq!(checked.is_err(), built.is_err(), "{} : {:?} / {:?}", truth, checked, built.as_ref().err());
        if let (Err(a), Err(b)) = (checked, built) {
            prop_assert_eq!(a.to_string(), b);
        }
        if let Ok(s) = session(&[("truth", text(&truth))]) {
            let sampled = matches!(s.config().data, DataSource::Sample { .. });
            prop_assert!(sampled);
        }
    }
}

#[test]
fn a_start_checked_on_its_own_is_not_held_to_the_default_k() {
    assert!(check_option("start", &text("1:-1:0.5,1:1:0.5")).is_ok());
    let e = check_option("start", &text("1:-1:0")).unwrap_err().to_string();
    assert!(
        e.starts_with("start = \"1:-1:0\" (component 1: sigma 0) is not allowed"),
        "{e}"
    );
}

/// The classic preset's challenge, read off the verdict: from the homework's near-zero start gradient
/// descent wins; from narrow components at the true means (a start by hand) EM does.
#[test]
fn the_start_challenge_is_read_off_the_verdict() {
    use gmm_core::run::best_fit::BestFitSearch;
    use gmm_core::teach::start_challenge::start_challenge_result;
    use gmm_core::teach::verdict::{verdict, Which};
    let finished = |pairs: &[(&str, OptionValue)]| {
        let mut s = session(pairs).unwrap();
        let mut search = BestFitSearch::new(s.data().to_vec(), s.config().k, s.config().variance_floor);
        search.advance(usize::MAX);
        s.set_reference(search.best().unwrap().clone());
        assert!(
            start_challenge_result(&verdict(&s)).is_none(),
            "no answer before the run ends"
        );
        s.advance(3000);
        s
    };
    let homework = finished(&[]);
    let v = verdict(&homework);
    let answer = start_challenge_result(&v).unwrap();
    assert!(!answer.solved && v.winner == Some(Which::Direct));
    assert!(
        answer.sentence.starts_with("Not yet: gradient descent ended lower"),
        "{}",
        answer.sentence
    );
    let narrow = finished(&[("start", text("1:-2:0.05,1:-0.5:0.05,1:0.5:0.05,1:1:0.05,1:3:0.05"))]);
    let v = verdict(&narrow);
    let answer = start_challenge_result(&v).unwrap();
    assert!(answer.solved && v.winner == Some(Which::Em), "{}", answer.sentence);
    let em = with_digits(narrow.em_track().current_loss(), 6);
    assert!(
        answer
            .sentence
            .starts_with(&format!("Solved: from this start EM ended at {em}")),
        "{}",
        answer.sentence
    );
    // With the panels swapped (EM first), the same start still solves it.
    let swapped = finished(&[
        ("start", text("1:-2:0.05,1:-0.5:0.05,1:0.5:0.05,1:1:0.05,1:3:0.05")),
        ("optimizer", text("em")),
        ("secondMethod", text("adam")),
    ]);
    assert!(start_challenge_result(&verdict(&swapped)).unwrap().solved);
    // Two EMs do not race EM against gradient descent.
    let both_em = finished(&[("optimizer", text("em"))]);
    assert!(start_challenge_result(&verdict(&both_em)).is_none());
}
