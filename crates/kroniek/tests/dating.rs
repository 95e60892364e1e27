//! `kroniek dates` on articles written for this test: two dated topics and
//! undated articles that belong to one, to neither, or to both.
#![allow(clippy::unwrap_used)]

mod common;

use common::{kroniek, stderr};

fn article(id: &str, date: Option<&str>, text: &str) -> String {
    let mut v = serde_json::json!({"id": id, "text": text});
    if let Some(d) = date {
        v["date"] = serde_json::Value::from(d);
    }
    v.to_string()
}

#[test]
fn undated_articles_get_the_period_of_the_story_they_share() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("feed.jsonl");
    let lines = [
        article(
            "flood-1",
            Some("2021-11-04"),
            "De rivier overstroomde dinsdag bij Venlo. Honderden bewoners werden geëvacueerd terwijl de dijken het water nauwelijks konden houden. De regering beloofde noodhulp voor de getroffen dorpen.",
        ),
        article(
            "flood-2",
            Some("2021-11-09"),
            "Na de overstroming in Limburg begon het herstel van de dijken. Waterschappen schatten de schade aan huizen en akkers op miljoenen. Evacuees keerden terug naar hun dorpen.",
        ),
        article(
            "vote-1",
            Some("2019-05-20"),
            "De campagne voor de verkiezingen ging het laatste weekend in. Kandidaten debatteerden op televisie over belastingen en zorg. Peilingen voorspellen winst voor de oppositie.",
        ),
        article(
            "vote-2",
            Some("2019-05-24"),
            "Kiezers brachten hun stem uit bij de stembus. De verkiezingen leverden een versplinterd parlement op, en de coalitie verloor haar meerderheid na een felle campagne.",
        ),
        article(
            "undated-flood",
            None,
            "Bewoners van de dorpen langs de rivier vrezen een nieuwe overstroming. De dijken zijn na de evacuatie nog altijd niet hersteld en het waterschap vraagt om noodhulp.",
        ),
    ];
    std::fs::write(&feed, lines.join("\n")).unwrap();
    let store = dir.path().join("store");
    let out = kroniek(&store, &["ingest", feed.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = kroniek(&store, &["dates", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let est: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let est = est.as_array().unwrap();
    assert_eq!(est.len(), 1, "only the undated article: {est:?}");
    assert_eq!(est[0]["doc_id"], "undated-flood");
    assert_eq!(est[0]["period"], "2021-11", "{:?}", est[0]);
    let basis: Vec<&str> = est[0]["basis"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|b| b.as_str())
        .collect();
    assert_eq!(basis, ["flood-1", "flood-2"]);

    // The estimate is never written as a document date.
    let docs = common::docs_json(&store);
    let undated = docs
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "undated-flood")
        .unwrap();
    assert!(undated["date"].is_null(), "{undated}");
}
