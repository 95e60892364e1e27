//! Timelines, networks and their renderings on small hand-made event sets.
#![allow(clippy::unwrap_used)] // tests and tools: a failed unwrap is a failed run
use kroniek_analysis::*;
use kroniek_model::{Category, Event, EventActor, Modality, Span};

fn actor(id: &str, code: &str, name: &str) -> EventActor {
    EventActor {
        id: Some(id.into()),
        name: Some(name.into()),
        text: name.into(),
        country: Some(code.into()),
        sector: None,
    }
}

fn event(
    id: &str,
    doc: &str,
    date: Option<&str>,
    source: EventActor,
    target: EventActor,
    category: Category,
) -> Event {
    Event {
        event_id: id.into(),
        doc_id: doc.into(),
        sentence_index: 0,
        sentence: format!("Zin bij gebeurtenis {id}."),
        span: Span { start: 0, end: 10 },
        trigger: "x".into(),
        trigger_span: Span { start: 0, end: 1 },
        date: date.map(String::from),
        date_precision: None,
        date_rule: String::new(),
        source: Some(source),
        target: Some(target),
        category,
        mode: None,
        quad_class: category.quad_class(),
        score: category.score(),
        negated: false,
        modality: Modality::Asserted,
        attribution: None,
        confidence: 0.9,
        coder_version: "test".into(),
    }
}

fn fra() -> EventActor {
    actor("FRA", "FRA", "France")
}
fn deu() -> EventActor {
    actor("DEU", "DEU", "Germany")
}
fn merz() -> EventActor {
    actor("person:merz", "DEU", "Friedrich Merz")
}
fn pol() -> EventActor {
    actor("POL", "POL", "Poland")
}

/// France and Germany cooperate through 2019, fall out in 2021.
fn story() -> Vec<Event> {
    use Category::*;
    let mut events = vec![
        event("e1", "d1", Some("2019-01-05"), fra(), deu(), Agree),
        event("e2", "d1", Some("2019-01-20"), deu(), fra(), Cooperate),
        event("e3", "d2", Some("2019-02"), merz(), fra(), Consult),
        event("e4", "d3", Some("2019-04-02"), fra(), merz(), Support),
        event("e5", "d4", Some("2021-03-03"), fra(), deu(), Accuse),
        event("e6", "d4", Some("2021-03-09"), deu(), fra(), Threaten),
        event("e7", "d5", Some("2021-04"), fra(), deu(), Sanction),
        event("e8", "d6", Some("2021-05-30"), deu(), fra(), Coerce),
        event("u1", "d7", None, fra(), deu(), Protest),
        event("y1", "d8", Some("2020"), fra(), deu(), Agree),
        event("p1", "d9", Some("2019-01-07"), fra(), pol(), Aid),
    ];
    let mut negated = event("n1", "d1", Some("2019-01-05"), deu(), fra(), Assault);
    negated.negated = true;
    events.push(negated);
    events
}

#[test]
fn monthly_timeline_counts_scores_and_evidence() {
    let t = timeline(&story(), "FRA", "DEU", &TimelineOptions::default());
    assert_eq!(t.periods.first().unwrap().period, "2019-01");
    assert_eq!(t.periods.last().unwrap().period, "2021-05");
    assert_eq!(
        t.periods.len(),
        29,
        "every month from the first to the last"
    );
    let jan = &t.periods[0];
    assert_eq!(jan.events, 2);
    assert_eq!(jan.docs, 1);
    assert_eq!(jan.by_quad["verbal_cooperation"], 1);
    assert_eq!(jan.by_quad["material_cooperation"], 1);
    assert_eq!(jan.by_quad["material_conflict"], 0);
    assert!((jan.score_sum - (4.2 + 6.8)).abs() < 1e-4);
    assert_eq!(jan.top_evidence[0].event_id, "e2", "highest |score| first");
    assert_eq!(jan.top_evidence[0].sentence, "Zin bij gebeurtenis e2.");
    let march = t.periods.iter().find(|p| p.period == "2019-03").unwrap();
    assert_eq!(march.events, 0);
    assert_eq!(march.score_mean, None, "an empty month has no mean, not 0");
    // Persons count for their country code.
    assert_eq!(t.periods[1].events, 1);
    assert_eq!(t.undated.event_ids, vec!["u1"]);
    assert_eq!(t.imprecise.event_ids, vec!["y1"]);
    assert_eq!(t.negated.event_ids, vec!["n1"]);
    let counted: u64 = t.periods.iter().map(|p| p.events).sum();
    assert_eq!(counted, 8, "the Poland event is not in this dyad");
}

#[test]
fn the_falling_out_is_a_shift_with_drivers() {
    let opts = TimelineOptions {
        by: PeriodUnit::Quarter,
        ..Default::default()
    };
    let t = timeline(&story(), "DEU", "FRA", &opts);
    assert_eq!(t.shifts.len(), 1, "{:?}", t.shifts);
    let shift = &t.shifts[0];
    assert_eq!(shift.period, "2021-Q1");
    assert!(
        shift.before_mean > 3.0 && shift.after_mean < -3.0,
        "{shift:?}"
    );
    assert!(!shift.drivers.is_empty());
    assert!(shift.drivers.iter().all(|d| d.starts_with('e')));
    // The year-precise event fits a yearly timeline.
    let yearly = timeline(
        &story(),
        "DEU",
        "FRA",
        &TimelineOptions {
            by: PeriodUnit::Year,
            ..Default::default()
        },
    );
    assert_eq!(yearly.imprecise.events, 0);
    assert_eq!(yearly.periods.len(), 3);
}

#[test]
fn directed_timelines_and_date_bounds() {
    let directed = TimelineOptions {
        directed: true,
        ..Default::default()
    };
    let t = timeline(&story(), "FRA", "DEU", &directed);
    let counted: u64 = t.periods.iter().map(|p| p.events).sum();
    assert_eq!(counted, 4, "e1, e4, e5, e7");
    let bounded = TimelineOptions {
        from: Some("2021".into()),
        to: Some("2021-04".into()),
        ..Default::default()
    };
    let t = timeline(&story(), "FRA", "DEU", &bounded);
    let periods: Vec<&str> = t.periods.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(periods, vec!["2021-03", "2021-04"]);
    assert_eq!(
        t.undated.events, 1,
        "undated events are listed whatever the bounds"
    );
}

#[test]
fn timeline_json_has_the_agreed_shape() {
    let t = timeline(&story(), "FRA", "DEU", &TimelineOptions::default());
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["a"], "FRA");
    assert_eq!(v["by"], "month");
    let p = &v["periods"][0];
    for key in [
        "period",
        "events",
        "docs",
        "by_quad",
        "score_sum",
        "score_mean",
        "top_evidence",
    ] {
        assert!(p.get(key).is_some(), "{key} missing in {p}");
    }
    for key in ["event_id", "doc_id", "date", "category", "sentence"] {
        assert!(p["top_evidence"][0].get(key).is_some(), "{key}");
    }
    assert_eq!(v["undated"]["events"], 1);
    assert!(v["shifts"].is_array());
}

#[test]
fn empty_input_gives_an_empty_timeline() {
    let t = timeline(&[], "A", "B", &TimelineOptions::default());
    assert!(t.periods.is_empty() && t.shifts.is_empty());
    assert!(timeline_svg(&t).contains("no dated events"));
}

#[test]
fn network_weights_degrees_and_undated() {
    let net = network(&story(), &NetworkOptions::default());
    let ids: Vec<&str> = net.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, vec!["DEU", "FRA", "POL"]);
    let fra_node = &net.nodes[1];
    assert_eq!(fra_node.degree, 2);
    assert_eq!(fra_node.name.as_deref(), Some("France"));
    let fra_deu = net
        .edges
        .iter()
        .find(|e| e.source == "FRA" && e.target == "DEU")
        .unwrap();
    // e1 (AGREE 4.2), e4 (SUPPORT 4.6, to a German), e5 (ACCUSE −2),
    // e7 (SANCTION −5.2), y1 (AGREE 4.2)
    assert_eq!(fra_deu.events, 5);
    assert!((fra_deu.cooperation - 13.0).abs() < 1e-4);
    assert!((fra_deu.conflict - 7.2).abs() < 1e-4);
    assert_eq!(net.undated.event_ids, vec!["u1"]);
    assert_eq!(net.negated.event_ids, vec!["n1"]);
    let top = top_actors_by_degree(&net, 1);
    assert_eq!(top[0].id, "FRA");

    let by_actor = network(
        &story(),
        &NetworkOptions {
            level: ActorLevel::Actor,
            from: Some("2019".into()),
            to: Some("2019".into()),
        },
    );
    let ids: Vec<&str> = by_actor.nodes.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(ids, vec!["DEU", "FRA", "POL", "person:merz"]);
    let edges: u64 = by_actor.edges.iter().map(|e| e.events).sum();
    assert_eq!(edges, 5);
}

#[test]
fn graph_formats_escape_and_carry_weights() {
    let mut builder = NetworkBuilder::new(&NetworkOptions::default());
    builder.add_edge("A&B", "<C>", 3, 6.0, 1.5);
    builder.name("A&B", "Alpha \"&\" Beta");
    let net = builder.finish();
    let graphml = to_graphml(&net);
    assert!(graphml.contains("<node id=\"A&amp;B\">"));
    assert!(graphml.contains("Alpha &quot;&amp;&quot; Beta"));
    assert!(graphml.contains("source=\"A&amp;B\" target=\"&lt;C&gt;\""));
    assert!(graphml.contains("<data key=\"cooperation\">6</data>"));
    let gexf = to_gexf(&net);
    assert!(gexf.contains("weight=\"3\""));
    assert!(gexf.contains("label=\"Alpha &quot;&amp;&quot; Beta\""));
    assert!(!gexf.contains("A&B"));
}

#[test]
fn svg_marks_periods_shifts_and_escapes_names() {
    let opts = TimelineOptions {
        by: PeriodUnit::Quarter,
        ..Default::default()
    };
    let mut t = timeline(&story(), "DEU", "FRA", &opts);
    t.b = "<F&R>".into();
    let svg = timeline_svg(&t);
    assert!(svg.starts_with("<svg"));
    assert!(svg.contains("&lt;F&amp;R&gt;"));
    assert!(!svg.contains("<F&R>"));
    assert!(svg.contains("shift 2021-Q1"));
    assert!(svg.contains(">2019-Q1</text>"));
    assert_eq!(
        svg.matches("<circle").count(),
        4,
        "one dot per non-empty quarter"
    );
    assert!(svg.contains("1 undated"));
}
