//! The built-in registry and user overrides.
mod common;

use kroniek_actors::{ActorKind, Registry, link};
use kroniek_model::MentionKind;

fn builtin() -> &'static Registry {
    Registry::builtin().expect("the built-in registry parses")
}

#[test]
fn builtin_has_every_un_member_and_the_historical_states() {
    let states: Vec<_> = builtin()
        .actors()
        .filter(|a| a.kind == ActorKind::State)
        .collect();
    assert!(states.len() >= 193 + 4, "only {} states", states.len());
    for code in [
        "ARM", "AZE", "RUS", "TUR", "USA", "TUV", "KIR", "SSD", "SUN", "YUG", "CSK", "DDR", "NKR",
    ] {
        let actor = builtin()
            .actor(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(actor.code.as_deref(), Some(code));
    }
    for state in &states {
        let code = state.code.as_deref().unwrap_or("");
        assert_eq!(code.len(), 3, "{} has code {code:?}", state.id);
    }
}

#[test]
fn every_office_and_person_points_at_a_known_state_or_organisation() {
    let registry = builtin();
    let people: Vec<_> = registry
        .actors()
        .filter(|a| a.kind == ActorKind::Person)
        .collect();
    assert!(people.len() >= 100, "only {} people", people.len());
    for person in people {
        assert!(!person.offices.is_empty(), "{} has no office", person.id);
        let code = person.code.as_deref().unwrap_or("");
        assert!(
            registry.actor(code).is_some(),
            "{} has unknown code {code}",
            person.id
        );
        for office in &person.offices {
            assert!(
                registry.actor(&office.code).is_some(),
                "{}: unknown office code {}",
                person.id,
                office.code
            );
            if let (Some(from), Some(to)) = (&office.from, &office.to) {
                assert!(
                    from <= to,
                    "{}: office {} ends before it starts",
                    person.id,
                    office.title
                );
            }
        }
    }
}

#[test]
fn organisations_have_codes_and_sectors() {
    for code in [
        "UN", "EU", "NATO", "OSCE", "CSTO", "EAEU", "ICC", "ICJ", "CIS", "IAEA", "WHO", "IMF",
        "WB", "ICRC", "AU", "ARL", "ASEAN", "G7", "G20", "OPEC", "COE", "UNHCR",
    ] {
        let org = builtin()
            .actor(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(org.kind, ActorKind::Organisation, "{code}");
        assert!(org.sector.is_some(), "{code} has no sector");
    }
}

#[test]
fn gazetteer_lists_names_by_kind() {
    let entries = builtin().gazetteer_entries();
    let has = |name: &str, kind: MentionKind| entries.iter().any(|(n, k)| n == name && *k == kind);
    assert!(has("Poetin", MentionKind::Per));
    assert!(has("Rusland", MentionKind::Loc));
    assert!(has("Moskou", MentionKind::Loc));
    assert!(has("NAVO", MentionKind::Org));
    assert!(has("Russische", MentionKind::Misc));
    assert!(has("Armeniërs", MentionKind::Misc));
    assert!(
        !entries.iter().any(|(n, _)| n == "premier"),
        "cue words are no names"
    );
}

#[test]
fn user_files_add_and_override() {
    let user = Registry::parse(&[(
        "actors.tsv",
        "# a new person, an extra spelling of a state, a new name for an existing person\n\
         person\tperson:jansen\tJan Jansen\tNLD\tJan Jansen|Jansen\n\
         office\tperson:jansen\tambassador\tNLD\tGOV\t2020\t-\n\
         alias\tARM\tHayastan\n\
         org\tNATO\tAtlantic Alliance\tAtlantisch Bondgenootschap\n",
    )])
    .expect("user file parses");
    assert!(
        user.actor("ARM").is_none(),
        "a bare alias line defines no actor"
    );
    let merged = builtin().with_overrides(&user);
    assert_eq!(
        merged.actor("person:jansen").map(|a| a.name.as_str()),
        Some("Jan Jansen")
    );
    let nato = merged.actor("NATO").expect("NATO kept");
    assert_eq!(nato.name, "Atlantic Alliance");
    assert!(
        nato.aliases.iter().any(|a| a == "NAVO"),
        "built-in aliases are kept"
    );
    assert!(
        merged
            .actor("ARM")
            .is_some_and(|a| a.aliases.iter().any(|x| x == "Hayastan"))
    );
    assert_eq!(
        builtin().actor("NATO").map(|a| a.name.as_str()),
        Some("North Atlantic Treaty Organization")
    );

    let mut doc =
        common::document("Jansen sprak in Hayastan met het Atlantisch Bondgenootschap en de NAVO.");
    link(&mut doc, &merged);
    let code_of = |phrase: &str| common::mention(&doc, phrase).and_then(|m| m.code.clone());
    assert_eq!(code_of("Jansen").as_deref(), Some("NLD"));
    assert_eq!(code_of("Hayastan").as_deref(), Some("ARM"));
    assert_eq!(
        code_of("Atlantisch Bondgenootschap").as_deref(),
        Some("NATO")
    );
    assert_eq!(code_of("NAVO").as_deref(), Some("NATO"));
}

#[test]
fn user_cue_words_extend_the_sectors() {
    let user = Registry::parse(&[("actors.tsv", "cue\tMIL\t-\tkozakken\n")]).expect("parses");
    let merged = builtin().with_overrides(&user);
    let mut doc = common::document("Russische kozakken patrouilleerden.");
    link(&mut doc, &merged);
    let m = common::mention(&doc, "Russische kozakken").expect("phrase");
    assert_eq!(
        (m.code.as_deref(), m.sector.as_deref()),
        (Some("RUS"), Some("MIL"))
    );
}

#[test]
fn errors_name_the_file_and_line() {
    let err = Registry::parse(&[(
        "actors.tsv",
        "country\tARM\tArmenia\nperson\tp\tP\tarm\tP\n",
    )])
    .err()
    .map(|e| e.to_string())
    .unwrap_or_default();
    assert!(err.contains("actors.tsv:2") && err.contains("arm"), "{err}");
}
