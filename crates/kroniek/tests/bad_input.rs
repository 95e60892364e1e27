//! Bad input never stops a batch, never panics and never loses what is stored.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
mod common;

use std::fs;
use std::io::Write;

use common::*;

fn ids(store: &std::path::Path) -> Vec<String> {
    docs_json(store)
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn bad_files_get_clear_errors_and_the_rest_goes_in() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();

    // Something good stored first, which must survive everything below.
    fs::write(
        input.join("goed.txt"),
        "De regering van Chili opende dinsdag een nieuw ministerie.\n",
    )
    .unwrap();
    let first = kroniek(&store, &["ingest", input.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));

    let bad = dir.path().join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(bad.join("leeg.txt"), "").unwrap();
    fs::write(bad.join("spaties.txt"), "   \n\n  ").unwrap();
    fs::write(
        bad.join("binair.txt"),
        (0..5000u32)
            .map(|i| (i * 31 % 256) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    fs::write(bad.join("pdf.txt"), b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap();
    fs::write(
        bad.join("nul.txt"),
        b"Vrede\0\0\0\0\0\0\0\0\0\0\0\0\0\0 en oorlog\0\0\0\0\0\0\0\0\0\0\0\0\0",
    )
    .unwrap();
    // Windows-1252: é = 0xE9, curly quotes 0x93/0x94.
    fs::write(
        bad.join("cp1252.txt"),
        b"De Franse minister sprak in het caf\xE9 over \x93vrede\x94 en veiligheid in Europa.\n",
    )
    .unwrap();
    // 200 MB, sparse: refused by size before anything is read.
    fs::File::create(bad.join("groot.txt"))
        .unwrap()
        .set_len(200 << 20)
        .unwrap();
    // One 50 MB line.
    {
        let mut f = fs::File::create(bad.join("lange-regel.txt")).unwrap();
        let chunk = "woord ".repeat(10_000);
        for _ in 0..(50 << 20) / chunk.len() + 1 {
            f.write_all(chunk.as_bytes()).unwrap();
        }
    }
    // Unreadable: a dangling symlink (permissions do not stop root).
    #[cfg(unix)]
    std::os::unix::fs::symlink(bad.join("bestaat-niet.txt"), bad.join("kapot.txt")).unwrap();
    fs::write(
        bad.join("goed2.txt"),
        "Het parlement van Peru stemde woensdag over de begroting.\n",
    )
    .unwrap();

    let out = kroniek(&store, &["ingest", bad.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "some inputs failed: {err}");
    for (file, reason) in [
        ("leeg.txt", "empty"),
        ("spaties.txt", "empty"),
        ("binair.txt", "binary"),
        ("pdf.txt", "PDF"),
        ("nul.txt", "NUL"),
        ("groot.txt", "limit"),
        ("lange-regel.txt", "limit"),
        ("kapot.txt", "cannot read"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(file) && l.contains(reason)),
            "no clear error for {file} ({reason}) in:\n{err}"
        );
    }
    assert!(!err.contains("panicked"), "{err}");
    let stored = ids(&store);
    assert_eq!(stored, vec!["cp1252", "goed", "goed2"], "{err}");

    let show = kroniek(&store, &["show", "cp1252", "--json"]);
    let doc: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert!(doc["text"].as_str().unwrap().contains("café"));
    assert_eq!(doc["meta"]["encoding"], "windows-1252");
    assert_eq!(doc["meta"]["encoding_detected"], "true");

    let check = kroniek(&store, &["check"]);
    assert!(check.status.success(), "{}", stdout(&check));
}

#[test]
fn jsonl_with_bad_lines_keeps_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let file = dir.path().join("feed.jsonl");
    fs::write(
        &file,
        concat!(
            "{\"id\": \"n1\", \"text\": \"De premier van Japan bezocht maandag Seoul.\", \"date\": \"2019-07-01\"}\n",
            "{\"id\": \"n2\", \"text\": [\"geen\", \"string\"]}\n",
            "{kapot\n",
            "{\"id\": \"n1\", \"text\": \"Dubbel id.\"}\n",
            "{\"id\": \"n3\", \"text\": \"Het leger van Mali trok zich terug uit de stad.\", \"date\": 20190101}\n",
            "{\"id\": \"n4\", \"text\": \"De minister van Kenia sprak in Nairobi met zijn collega.\"}\n",
        ),
    )
    .unwrap();
    let out = kroniek(&store, &["ingest", file.to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("feed.jsonl:2") && err.contains("\"text\" must be a string"),
        "{err}"
    );
    assert!(
        err.contains("feed.jsonl:3") && err.contains("invalid JSON"),
        "{err}"
    );
    assert!(
        err.contains("feed.jsonl:4") && err.contains("duplicate id"),
        "{err}"
    );
    assert!(
        err.contains("feed.jsonl:5") && err.contains("\"date\" must be a string"),
        "{err}"
    );
    assert_eq!(ids(&store), vec!["n1", "n4"]);
    let docs = docs_json(&store);
    assert_eq!(docs[0]["date"], "2019-07-01");
}

#[test]
fn ten_thousand_small_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let input = dir.path().join("veel");
    for i in 0..10_000 {
        let sub = input.join(format!("{:02}", i % 100));
        fs::create_dir_all(&sub).unwrap();
        fs::write(
            sub.join(format!("bericht-{i:05}.txt")),
            format!("Bericht {i}: de raad vergaderde over punt {i}.\n"),
        )
        .unwrap();
    }
    let out = kroniek(&store, &["ingest", input.to_str().unwrap(), "--text-only"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stats = kroniek(&store, &["stats", "--json"]);
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["documents"], 10_000);
}

/// More workers than cores, each finishing tiny documents faster than the
/// reader hands them out: workers wait on each other's lock on the work
/// queue while the writer waits for documents they finished (a deadlock
/// here once).
#[test]
fn many_workers_on_tiny_files_finish() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("klein");
    fs::create_dir_all(&input).unwrap();
    for i in 0..3_000 {
        fs::write(
            input.join(format!("kort-{i:05}.txt")),
            format!("Kort bericht {i}: het comité koos een nieuwe voorzitter.\n"),
        )
        .unwrap();
    }
    for jobs in ["4", "7"] {
        let store = dir.path().join(format!("store-{jobs}"));
        let out = kroniek(
            &store,
            &[
                "ingest",
                input.to_str().unwrap(),
                "--text-only",
                "--jobs",
                jobs,
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let stats = kroniek(&store, &["stats", "--json"]);
        let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
        assert_eq!(stats["documents"], 3_000, "{jobs} workers");
    }
}

#[test]
fn reingest_is_a_noop_changes_replace_and_copies_are_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).unwrap();
    let story = "De ministers van Buitenlandse Zaken van Ghana en Togo kwamen dinsdag in Accra bijeen voor overleg \
        over de grens. Na zes uur praten beloofden zij de afspraken over de handel te respecteren en volgende \
        maand opnieuw te vergaderen onder leiding van een bemiddelaar van de Afrikaanse Unie. Waarnemers noemen \
        het akkoord broos maar hoopgevend, omdat beide regeringen eerder al douaneposten hadden heropend.";
    fs::write(input.join("a.txt"), story).unwrap();
    fs::write(input.join("b.txt"), story).unwrap();
    fs::write(input.join("c.txt"), format!("{story} Bron: persbureau.")).unwrap();
    let run = |args: &[&str]| {
        let out = kroniek(&store, args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let first = run(&["ingest", input.to_str().unwrap(), "--json"]);
    assert_eq!(first["added"], 2);
    assert_eq!(first["duplicates"], 1);
    let docs = docs_json(&store);
    let c = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "c")
        .unwrap();
    assert!(
        c["near_duplicates"]
            .as_array()
            .is_some_and(|n| !n.is_empty()),
        "the re-published copy is linked: {c}"
    );
    let again = run(&["ingest", input.to_str().unwrap(), "--json"]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["unchanged"], 2);
    assert_eq!(again["duplicates"], 1);
    fs::write(
        input.join("a.txt"),
        format!("{story} Later aangevuld met een reactie van de regering."),
    )
    .unwrap();
    let changed = run(&["ingest", input.join("a.txt").to_str().unwrap(), "--json"]);
    assert_eq!(changed["replaced"], 1);
}
