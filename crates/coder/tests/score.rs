//! The Rust scorer must print exactly what the reference Python scorer prints.

use std::path::PathBuf;
use std::process::Command;

use kroniek_coder::{format_report, score};
use kroniek_model::{Category, Event, EventActor, Modality, Span};

fn actor(code: &str) -> Option<EventActor> {
    Some(EventActor {
        text: code.to_lowercase(),
        country: Some(code.to_string()),
        ..Default::default()
    })
}

fn event(
    doc: &str,
    sentence: &str,
    src: &str,
    tgt: Option<&str>,
    cat: Category,
    date: Option<&str>,
    negated: bool,
) -> Event {
    Event {
        event_id: format!("{doc}-{src}-{cat}-{}", sentence.len()),
        doc_id: doc.into(),
        sentence_index: 0,
        sentence: sentence.into(),
        span: Span::default(),
        trigger: "x".into(),
        trigger_span: Span::default(),
        date: date.map(String::from),
        date_precision: None,
        date_rule: String::new(),
        source: actor(src),
        target: tgt.and_then(actor),
        category: cat,
        mode: None,
        quad_class: cat.quad_class(),
        score: cat.score(),
        negated,
        modality: if negated {
            Modality::Negated
        } else {
            Modality::Asserted
        },
        attribution: None,
        confidence: 0.8,
        coder_version: "test".into(),
    }
}

const GOLD: &str = "# doc\thint\tsource\ttarget\tcategory\tdate\tflag\tnote
a01\tSpanje riep Marokko op\tESP\tMAR\tREQUEST\t2021-05\treq\tcall
a01\tPortugal sloot een akkoord\tPRT|ESP\tESP|PRT\tAGREE\t2019\treq\tdeal
a01\tniet aangevallen\tFRA\tBEL\tASSAULT\t-\tneg\tno attack
a01\tvergaderden lang\tBEL\tNLD\tCONSULT\t-\topt\tmeeting
a02\tIerland steunde Malta\tIRL\tMLT\tSUPPORT|AID\t-\treq\tsupport
a02\tniemand protesteerde\tMLT\tIRL\tPROTEST\t-\treq\tnever found
";

fn events() -> Vec<Event> {
    let long = "Spanje riep Marokko op om de grens te openen, zo   meldde de krant, en daarmee was de zaak voorlopig afgedaan voor iedereen die erbij betrokken was in de regio ‘Rif’.";
    vec![
        event(
            "a01_x",
            long,
            "ESP",
            Some("MAR"),
            Category::Request,
            Some("2021-05-03"),
            false,
        ),
        event(
            "a01_x",
            "Portugal sloot een\nakkoord met Spanje.",
            "PRT",
            Some("ESP"),
            Category::Agree,
            Some("2020"),
            false,
        ),
        event(
            "a01_x",
            "Frankrijk heeft België niet aangevallen.",
            "FRA",
            Some("BEL"),
            Category::Assault,
            None,
            true,
        ),
        event(
            "a01_x",
            "Frankrijk heeft België niet  aangevallen.",
            "FRA",
            Some("BEL"),
            Category::Assault,
            None,
            false,
        ),
        event(
            "a01_x",
            "België en Nederland vergaderden lang.",
            "BEL",
            Some("NLD"),
            Category::Consult,
            None,
            false,
        ),
        event(
            "a01_x",
            "Een ander zinnetje over Frankrijk.",
            "FRA",
            Some("DEU"),
            Category::Accuse,
            None,
            false,
        ),
        event(
            "a01_x",
            "Monadisch.",
            "FRA",
            None,
            Category::Accuse,
            None,
            false,
        ),
        event(
            "a02_y",
            "Ierland steunde Malta.",
            "IRL",
            Some("MLT"),
            Category::Aid,
            None,
            false,
        ),
        event(
            "zz9",
            "Ander document.",
            "IRL",
            Some("MLT"),
            Category::Aid,
            None,
            false,
        ),
    ]
}

#[test]
fn scores_by_hand() {
    let r = score(GOLD, &events()).expect("gold parses");
    assert_eq!(r.gold_required, 4);
    assert_eq!(r.found, 3);
    assert_eq!(r.system_events, 7);
    assert_eq!(r.unmatched, 1);
    assert_eq!(r.negation_errors, 1);
    assert_eq!((r.date_ok, r.date_n), (1, 2));
    // matched events: used 6 minus 1 negation error = 5; false positives 1 + 1.
    assert!((r.precision - 5.0 / 7.0).abs() < 1e-9);
    assert!((r.recall - 0.75).abs() < 1e-9);
    assert_eq!(r.missed.len(), 1);
    assert!(r.missed[0].starts_with("MISSED a02 never found: MLT->IRL PROTEST"));
}

#[test]
fn bad_gold_line_is_an_error() {
    let err = score("a\tb\tc\n", &[]).expect_err("short line");
    assert!(err.to_string().contains("line 1"));
}

#[test]
fn same_output_as_python_scorer() {
    let shared =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/score_events.py");
    if !shared.exists() || Command::new("python3").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").is_err(),
            "python3 or ../shared missing in CI"
        );
        eprintln!("skipping: python3 or {} missing", shared.display());
        return;
    }
    let dir = std::env::temp_dir().join(format!("kroniek-coder-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let gold_path = dir.join("gold.tsv");
    let events_path = dir.join("events.jsonl");
    std::fs::write(&gold_path, GOLD).expect("write gold");
    let jsonl: String = events()
        .iter()
        .map(|e| serde_json::to_string(e).expect("json") + "\n")
        .collect();
    std::fs::write(&events_path, jsonl).expect("write events");
    for verbose in [false, true] {
        let mut cmd = Command::new("python3");
        cmd.arg(&shared).arg(&gold_path).arg(&events_path);
        if verbose {
            cmd.arg("--verbose");
        }
        let out = cmd.output().expect("python runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let python = String::from_utf8(out.stdout).expect("utf-8");
        let ours = format_report(&score(GOLD, &events()).expect("score"), verbose);
        assert_eq!(ours, python);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
