//! Same seed, same data and same fits; different seeds, different data. The data fingerprint is also
//! checked in the browser (tests/web.rs), which is what makes "the same on every platform" a test.

use gmm_core::data::sample::fingerprint;
use gmm_core::{sample, DataSource, FitConfig, FitSession, InitStrategy, CLASSIC};

/// Fingerprint of `sample(CLASSIC.truth(), 5000, 1)`, recorded from a native run. tests/web.rs asserts
/// the same value under WebAssembly.
const CLASSIC_SEED_1_FINGERPRINT: u64 = 0x8d1e_99c5_bba8_2c24;

#[test]
fn the_same_seed_gives_the_same_samples() {
    let a = sample(&CLASSIC.truth(), 5000, 1);
    let b = sample(&CLASSIC.truth(), 5000, 1);
    assert_eq!(a, b);
    assert_ne!(a, sample(&CLASSIC.truth(), 5000, 2));
    println!("fingerprint {:#x}", fingerprint(&a));
    assert_eq!(fingerprint(&a), CLASSIC_SEED_1_FINGERPRINT);
}

#[test]
fn the_same_seeds_give_identical_fits() {
    let run = |init| {
        let config = FitConfig {
            init,
            ..FitConfig::default()
        };
        let mut s = FitSession::new(config).unwrap();
        s.advance(150);
        (
            s.direct_track().losses().to_vec(),
            s.em_track().losses().to_vec(),
            s.direct().model().clone(),
            s.em().model().clone(),
        )
    };
    for init in InitStrategy::ALL {
        assert_eq!(run(init), run(init), "{}", init.name());
    }
}

#[test]
fn the_init_seed_changes_the_start_but_not_the_data() {
    let session = |init_seed| {
        FitSession::new(FitConfig {
            init_seed,
            ..FitConfig::default()
        })
        .unwrap()
    };
    let (a, b) = (session(1), session(2));
    assert_eq!(a.data(), b.data());
    assert_ne!(a.initial(), b.initial());
    let c = FitSession::new(FitConfig {
        data: DataSource::Sample {
            truth: CLASSIC.truth(),
            n: 5000,
            seed: 9,
        },
        ..FitConfig::default()
    })
    .unwrap();
    assert_ne!(a.data(), c.data());
}

/// Fingerprint of both loss histories after 20 steps of the default (classic) session, recorded from a
/// native run; tests/web.rs asserts the same value under WebAssembly (the math uses `libm` everywhere).
const CLASSIC_FIT_20_STEPS_FINGERPRINT: u64 = 0xe90e_e09f_8563_bc09;

#[test]
fn the_classic_fit_matches_its_recorded_fingerprint() {
    let mut s = FitSession::new(FitConfig::default()).unwrap();
    s.advance(20);
    let losses: Vec<f64> = s
        .direct_track()
        .losses()
        .iter()
        .chain(s.em_track().losses())
        .copied()
        .collect();
    println!("fit fingerprint {:#x}", fingerprint(&losses));
    assert_eq!(fingerprint(&losses), CLASSIC_FIT_20_STEPS_FINGERPRINT);
}

#[test]
fn each_method_stepped_alone_gives_the_bits_of_the_lock_step() {
    use gmm_core::run::session::Panel;
    let mut both = FitSession::new(FitConfig::default()).unwrap();
    both.advance(120);
    let mut halves = FitSession::new(FitConfig::default()).unwrap();
    // EM first and in two pieces: neither order nor slicing may matter.
    halves.advance_panel(Panel::Em, 50);
    halves.advance_panel(Panel::Direct, 120);
    halves.advance_panel(Panel::Em, 70);
    assert_eq!(halves.direct_track().losses(), both.direct_track().losses());
    assert_eq!(halves.em_track().losses(), both.em_track().losses());
    assert_eq!(halves.direct().model(), both.direct().model());
    assert_eq!(halves.em().model(), both.em().model());
    let mut direct_only = FitSession::new(FitConfig::default()).unwrap();
    direct_only.advance_panel(Panel::Direct, 10);
    assert_eq!(direct_only.em_track().steps(), 0);
}
