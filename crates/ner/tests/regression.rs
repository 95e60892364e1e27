//! The shipped model must keep its accuracy on CoNLL-2002 Dutch testa
//! (development data; needs ../shared).

use kroniek_ner::{Gazetteer, NerModel, evaluate, format_conlleval};

/// F1 the committed model reaches on testa, minus a margin for retraining noise.
const TESTA_F1_FLOOR: f64 = 0.81;

#[test]
fn testa_f1_stays_above_floor() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/conll2002-nl/ned.testa"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!("{path} not found: skipping the NER regression test");
        assert!(std::env::var_os("CI").is_none(), "{path} is required in CI");
        return;
    };
    let model = NerModel::builtin().expect("built-in model");
    let scores = evaluate(model, &text, &Gazetteer::empty()).expect("testa parses");
    eprintln!("{}", format_conlleval(&scores));
    assert!(
        scores.overall.f1 >= TESTA_F1_FLOOR,
        "testa F1 {:.4} below {TESTA_F1_FLOOR}",
        scores.overall.f1
    );
    for (kind, s) in &scores.per_type {
        assert!(s.f1 > 0.6, "{kind} F1 {:.4}", s.f1);
    }
}
