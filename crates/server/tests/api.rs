//! The JSON API, in-process: status codes, shapes, errors, caching.
#![allow(clippy::unwrap_used)]

mod support;

use axum::http::StatusCode;
use serde_json::Value;
use support::*;

fn error_shape(status: StatusCode, body: &Value, expected: u16) {
    assert_eq!(status.as_u16(), expected, "{body}");
    assert_eq!(body["status"], expected, "{body}");
    assert!(
        body["error"].as_str().is_some_and(|e| !e.is_empty()),
        "{body}"
    );
}

#[tokio::test]
async fn stats_count_what_was_stored() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/stats").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["documents"], 3);
    assert_eq!(body["events"], 6);
    assert_eq!(body["languages"][0]["language"], "nl");
    assert_eq!(body["first_date"], "2019-03-04");
}

#[tokio::test]
async fn documents_are_paginated_with_a_total() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/documents?limit=2").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["total"], 3);
    assert_eq!(body["items"].as_array().unwrap().len(), 2);
    let (_, next) = server.json("/api/v1/documents?limit=2&offset=2").await;
    assert_eq!(next["items"].as_array().unwrap().len(), 1);
    let (_, capped) = server.json("/api/v1/documents?limit=99999").await;
    assert_eq!(capped["limit"], 500);
    for bad in [
        "limit=0",
        "limit=-1",
        "limit=many",
        "offset=-5",
        "offset=1e3",
    ] {
        let (status, body) = server.json(&format!("/api/v1/documents?{bad}")).await;
        error_shape(status, &body, 400);
    }
}

#[tokio::test]
async fn a_document_comes_with_its_sentences_and_annotations() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/documents/energie-2019").await;
    assert_eq!(status, StatusCode::OK);
    let text = body["text"].as_str().unwrap();
    let sentences = body["sentences"].as_array().unwrap();
    assert_eq!(sentences.len(), 3);
    for s in sentences {
        let (start, end) = (
            s["span"]["start"].as_u64().unwrap() as usize,
            s["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], s["text"].as_str().unwrap());
    }
    assert!(
        body["mentions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["actor_id"] == "DEU" && m["text"] == "Duitsland")
    );
    assert_eq!(body["timexes"][0]["text"], "2019");
    let events = body["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(events[0]["category"], "AGREE");
    assert_eq!(events[0]["source"]["code"], "FRA");

    let (status, body) = server.json("/api/v1/documents/nothing-here").await;
    error_shape(status, &body, 404);
}

#[tokio::test]
async fn actors_list_and_profile() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/actors").await;
    assert_eq!(status, StatusCode::OK);
    let ids: Vec<&str> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"FRA") && ids.contains(&"DEU"), "{ids:?}");

    let (status, body) = server.json("/api/v1/actors/FRA").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["name"], "France");
    assert_eq!(body["aliases"][0]["name"], "Frankrijk");
    let relations = body["relations"].as_array().unwrap();
    let in_year = |year: &str| {
        relations
            .iter()
            .find(|r| r["year"] == year && r["other"] == "DEU")
            .cloned()
            .unwrap()
    };
    assert_eq!(in_year("2019")["cooperative"], 2);
    assert_eq!(in_year("2022")["conflictual"], 3);

    let (status, body) = server.json("/api/v1/actors/ATLANTIS").await;
    error_shape(status, &body, 404);
}

#[tokio::test]
async fn events_filter_like_the_store() {
    let server = TestServer::new(None);
    let count = |body: &Value| body["items"].as_array().unwrap().len();
    let (status, body) = server.json("/api/v1/events?a=FRA&b=DEU").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(count(&body), 5);
    let (_, body) = server
        .json("/api/v1/events?a=FRA&b=DEU&directed=true")
        .await;
    assert_eq!(count(&body), 3);
    let (_, body) = server
        .json("/api/v1/events?actor=FRA&category=accuse")
        .await;
    assert_eq!(count(&body), 2);
    let (_, body) = server.json("/api/v1/events?from=2022&to=2022-06").await;
    assert_eq!(count(&body), 2);
    let (_, body) = server.json("/api/v1/events?actor=NOR").await;
    assert_eq!(count(&body), 0, "negated events are left out by default");
    let (_, body) = server
        .json("/api/v1/events?actor=NOR&include_negated=true")
        .await;
    assert_eq!(body["items"][0]["negated"], true);
    let (_, body) = server.json("/api/v1/events?limit=1&offset=1").await;
    assert_eq!(count(&body), 1);

    for bad in [
        "a=FRA",
        "category=SHOUT",
        "from=2022-13",
        "to=next-week",
        "directed=perhaps",
        "limit=0",
        "a=FRA&b=",
    ] {
        let (status, body) = server.json(&format!("/api/v1/events?{bad}")).await;
        error_shape(status, &body, 400);
    }
}

#[tokio::test]
async fn timeline_has_periods_and_is_recomputed_after_an_ingest() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/timeline?a=FRA&b=DEU&by=year").await;
    assert_eq!(status, StatusCode::OK);
    let periods: Vec<&str> = body["periods"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["events"].as_u64().unwrap() > 0)
        .map(|p| p["period"].as_str().unwrap())
        .collect();
    assert_eq!(periods, ["2019", "2022"]);
    assert!(body["periods"][0]["score_mean"].as_f64().unwrap() > 0.0);
    assert!(body["shifts"].is_array());

    // The same query again is served from the cache with the same answer.
    let (_, again) = server.json("/api/v1/timeline?a=FRA&b=DEU&by=year").await;
    assert_eq!(again, body);

    // A new document changes the store, so the cached answer is dropped.
    fill(
        server.dir.path(),
        &[document(
            "later",
            "Nieuwe afspraken",
            "2024-01-15",
            vec![event_line(
                "Frankrijk en Duitsland sloten een akkoord over waterstof.",
                kroniek_model::Category::Agree,
                "FRA",
                "DEU",
                "sloten",
                "2024-01-15",
            )],
        )],
    );
    let (_, after) = server.json("/api/v1/timeline?a=FRA&b=DEU&by=year").await;
    let last = after["periods"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["period"], "2024");

    for bad in [
        "a=FRA",
        "b=DEU",
        "a=FRA&b=DEU&by=decade",
        "a=FRA&b=DEU&from=2019-02-30",
        "a=FRA&b=DEU&directed=2",
    ] {
        let (status, body) = server.json(&format!("/api/v1/timeline?{bad}")).await;
        error_shape(status, &body, 400);
    }
}

#[tokio::test]
async fn network_links_actors_and_respects_dates() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/network").await;
    assert_eq!(status, StatusCode::OK);
    let nodes: Vec<&str> = body["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        nodes,
        ["DEU", "FRA"],
        "the negated NOR-ISL event is not an edge"
    );
    let (_, early) = server.json("/api/v1/network?to=2019").await;
    let edges = early["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    assert!(edges.iter().all(|e| e["conflict"] == 0.0));
    let (status, body) = server.json("/api/v1/network?from=soon").await;
    error_shape(status, &body, 400);
}

#[tokio::test]
async fn search_finds_sentences() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/search?q=verdrag").await;
    assert_eq!(status, StatusCode::OK);
    let hits = body["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{body}");
    assert_eq!(hits[0]["doc_id"], "energie-2019");
    assert_eq!(hits[0]["sentence_index"], 0);
    let (status, body) = server.json("/api/v1/search").await;
    error_shape(status, &body, 400);
    let long = "a".repeat(600);
    let (status, body) = server.json(&format!("/api/v1/search?q={long}")).await;
    error_shape(status, &body, 400);
}

#[tokio::test]
async fn openapi_document_describes_every_endpoint() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body["openapi"].as_str().unwrap().starts_with("3."));
    let paths = body["paths"].as_object().unwrap();
    for path in [
        "/api/v1/stats",
        "/api/v1/documents",
        "/api/v1/documents/{id}",
        "/api/v1/actors",
        "/api/v1/actors/{id}",
        "/api/v1/events",
        "/api/v1/timeline",
        "/api/v1/network",
        "/api/v1/search",
    ] {
        assert!(paths.contains_key(path), "{path} missing");
    }
    let schemas = body["components"]["schemas"].as_object().unwrap();
    for schema in ["EventView", "TimelineView", "ErrorBody", "DocumentView"] {
        assert!(schemas.contains_key(schema), "{schema} missing");
    }
}

#[tokio::test]
async fn unknown_endpoints_are_json_404s() {
    let server = TestServer::new(None);
    let (status, body) = server.json("/api/v1/nothing").await;
    error_shape(status, &body, 404);
}

#[tokio::test]
async fn odd_input_never_causes_a_server_error() {
    let server = TestServer::new(None);
    let long = "x".repeat(5000);
    let uris = [
        "/api/v1/documents/%00".to_string(),
        "/api/v1/documents/%FF%FE".to_string(),
        format!("/api/v1/documents/{long}"),
        "/api/v1/actors/%E2%80%AE".to_string(),
        "/api/v1/actors/%0A".to_string(),
        "/api/v1/events?a=%00&b=%00".to_string(),
        "/api/v1/events?limit=1&limit=2".to_string(),
        "/api/v1/events?offset=18446744073709551615".to_string(),
        "/api/v1/events?from=0000&to=9999".to_string(),
        format!("/api/v1/timeline?a={long}&b=DEU"),
        "/api/v1/timeline?a=FRA&b=FRA".to_string(),
        "/api/v1/timeline?a=person:nobody&b=DEU&by=week".to_string(),
        "/api/v1/search?q=%22".to_string(),
        "/api/v1/search?q=-".to_string(),
        "/api/v1/search?q=OR".to_string(),
        "/api/v1/search?q=*".to_string(),
        "/api/v1/search?q=a%20OR%20OR%20%22b".to_string(),
        "/api/v1/network?from=2022&to=2019".to_string(),
        "/dyad/%00/DEU".to_string(),
        "/doc/%FF".to_string(),
        "/actor/%20".to_string(),
        "/search?q=%3Cscript%3E&category=x".to_string(),
        "/network?from=1".to_string(),
    ];
    for uri in &uris {
        let (status, _, body) = server.get(uri).await;
        assert!(
            status.is_success() || status.is_client_error(),
            "{uri}: {status} {body}"
        );
    }
}

#[tokio::test]
async fn undated_events_come_last_across_pages() {
    let server = TestServer::new(None);
    let mut undated = document(
        "zonder-datum",
        "Zonder datum",
        "2021-01-01",
        vec![event_line(
            "Duitsland prees Frankrijk om de snelle hulp.",
            kroniek_model::Category::Support,
            "DEU",
            "FRA",
            "prees",
            "2021",
        )],
    );
    undated.events[0].date = None;
    fill(server.dir.path(), &[undated]);
    let ids = |body: &Value| -> Vec<String> {
        body["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event_id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, all) = server.json("/api/v1/events?a=FRA&b=DEU").await;
    let all = ids(&all);
    assert_eq!(all.len(), 6);
    assert_eq!(all.last().unwrap(), "zonder-datum-e0");
    for offset in 0..all.len() {
        let (_, page) = server
            .json(&format!(
                "/api/v1/events?a=FRA&b=DEU&limit=2&offset={offset}"
            ))
            .await;
        let end = (offset + 2).min(all.len());
        assert_eq!(ids(&page), all[offset..end], "offset {offset}");
    }
    let (_, past) = server.json("/api/v1/events?limit=5&offset=50").await;
    assert!(ids(&past).is_empty());
}
