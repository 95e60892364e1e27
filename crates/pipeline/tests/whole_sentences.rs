//! Sentences written for these tests, through the real models (tagger,
//! lemmatiser, parser, NER, linker, coder): each lexicon row or rule added
//! for general news wording must fire on a sentence it was not written from.

use kroniek_model::{Category, Document, Event};
use kroniek_pipeline::{Depth, Pipeline, PipelineOptions};

fn events(text: &str) -> Vec<Event> {
    static PIPELINE: std::sync::OnceLock<Pipeline> = std::sync::OnceLock::new();
    let pipeline = PIPELINE.get_or_init(|| {
        Pipeline::new(Depth::Events, &PipelineOptions::default()).expect("builtin models")
    });
    let mut doc = Document {
        id: "t".to_string(),
        raw: format!("date 2023-06-01\n\n{text}\n"),
        ..Document::default()
    };
    pipeline.process(&mut doc);
    doc.events
}

/// (source country, target country or "-", category, negated) of each event.
fn coded(text: &str) -> Vec<(String, String, Category, bool)> {
    let country = |a: &Option<kroniek_model::EventActor>| {
        a.as_ref()
            .and_then(|a| a.country.clone())
            .unwrap_or_else(|| "-".to_string())
    };
    let mut out: Vec<_> = events(text)
        .iter()
        .map(|e| {
            (
                country(&e.source),
                country(&e.target),
                e.category,
                e.negated,
            )
        })
        .collect();
    out.sort();
    out
}

/// [`coded`], only the events of one category.
fn coded_as(text: &str, category: Category) -> Vec<(String, String, Category, bool)> {
    coded(text)
        .into_iter()
        .filter(|(_, _, c, _)| *c == category)
        .collect()
}

fn e(s: &str, t: &str, c: Category) -> (String, String, Category, bool) {
    (s.to_string(), t.to_string(), c, false)
}

#[test]
fn aid_sent_as_goods_is_aid() {
    assert_eq!(
        coded("België stuurt hulpgoederen naar Marokko."),
        [e("BEL", "MAR", Category::Aid)]
    );
}

#[test]
fn tariffs_imposed_are_sanctions() {
    assert_eq!(
        coded("Canada heeft nieuwe tarieven op Amerikaanse producten ingesteld."),
        [e("CAN", "USA", Category::Sanction)]
    );
}

#[test]
fn restored_relations_are_cooperation_both_ways() {
    assert_eq!(
        coded("Egypte en Turkije hebben hun betrekkingen hersteld."),
        [
            e("EGY", "TUR", Category::Cooperate),
            e("TUR", "EGY", Category::Cooperate)
        ]
    );
}

#[test]
fn shooting_down_and_sinking_are_assaults() {
    assert_eq!(
        coded("Syrië heeft een Israëlische drone neergehaald."),
        [e("SYR", "ISR", Category::Assault)]
    );
    assert_eq!(
        coded("Een Oekraïense drone heeft een Russisch oorlogsschip tot zinken gebracht."),
        [e("UKR", "RUS", Category::Assault)]
    );
}

#[test]
fn a_called_off_meeting_halts_talks_and_is_no_meeting() {
    for text in [
        "Japan zegde de top met China af.",
        "Noord-Korea annuleerde de ontmoeting met Zuid-Korea.",
    ] {
        let coded = coded(text);
        assert_eq!(coded.len(), 1, "{text}: {coded:?}");
        assert_eq!(coded[0].2, Category::Sanction, "{text}");
        assert!(coded.iter().all(|c| c.2 != Category::Consult), "{text}");
    }
}

#[test]
fn suspended_talks_and_stopped_aid_reduce_relations() {
    assert_eq!(
        coded("Rusland schortte de gesprekken met Japan op."),
        [e("RUS", "JPN", Category::Sanction)]
    );
    assert_eq!(
        coded("Duitsland heeft de hulp aan Niger stopgezet."),
        [e("DEU", "NER", Category::Sanction)]
    );
}

#[test]
fn an_expulsion_written_as_a_participle_with_its_particle() {
    // `uitgewezen`: the treebank reads `gewezen` as `zijn` (`de gewezen
    // minister`); the lemma must still be `uitwijzen`.
    assert_eq!(
        coded("Noorwegen heeft vijftien Russische diplomaten uitgewezen."),
        [e("NOR", "RUS", Category::Sanction)]
    );
}

#[test]
fn a_verb_particle_is_no_preposition_for_the_noun_before_it() {
    // `uit` of `sprak ... uit` must not make `voor X` the source of `steun`.
    assert_eq!(
        coded("De Braziliaanse president sprak zijn steun uit voor Venezuela."),
        [e("BRA", "VEN", Category::Support)]
    );
}

#[test]
fn what_is_refused_after_an_object_is_negated() {
    let coded = coded("Servië weigert de onafhankelijkheid van Kosovo te erkennen.");
    assert!(
        coded.iter().any(|c| c.2 == Category::Reject && !c.3),
        "{coded:?}"
    );
    assert!(
        coded
            .iter()
            .filter(|c| c.2 == Category::Support)
            .all(|c| c.3),
        "the refused recognition is negated: {coded:?}"
    );
}

#[test]
fn closing_and_opening_borders() {
    assert_eq!(
        coded("Finland heeft de grens met Rusland gesloten."),
        [e("FIN", "RUS", Category::Coerce)]
    );
    assert_eq!(
        coded("Jordanië opende de grensovergang met Syrië."),
        [e("JOR", "SYR", Category::Retreat)]
    );
}

#[test]
fn a_condemned_attack_accuses_the_attacker_not_the_attacked() {
    let victim = coded("Nederland veroordeelde de raketaanval op Oekraïne.");
    assert!(
        !victim.contains(&e("NLD", "UKR", Category::Accuse)),
        "{victim:?}"
    );
    let attacker = coded("België heeft de aanval van Rusland op Oekraïne veroordeeld.");
    assert!(
        attacker.contains(&e("BEL", "RUS", Category::Accuse)),
        "{attacker:?}"
    );
    assert!(
        attacker.contains(&e("RUS", "UKR", Category::Assault)),
        "{attacker:?}"
    );
}

#[test]
fn captures_reprimands_and_police_missions() {
    assert_eq!(
        coded("Rusland heeft Oekraïense soldaten gevangengenomen."),
        [e("RUS", "UKR", Category::Coerce)]
    );
    assert_eq!(
        coded("Georgië heeft de Russische ambassadeur op het matje geroepen."),
        [e("GEO", "RUS", Category::Accuse)]
    );
    assert_eq!(
        coded("Italië gaat politieagenten naar Albanië sturen."),
        [e("ITA", "ALB", Category::Mobilize)]
    );
}

#[test]
fn participles_of_unknown_particle_verbs_find_their_verb() {
    // `aangeknoopt`, `afgevuurd`: neither verb is in the treebank; a suffix
    // rule over the whole form made `aangeknopen` and `asturen`.
    assert_eq!(
        coded("Bahrein en Israël hebben diplomatieke betrekkingen aangeknoopt."),
        [
            e("BHR", "ISR", Category::Cooperate),
            e("ISR", "BHR", Category::Cooperate)
        ]
    );
    assert_eq!(
        coded("Noord-Korea heeft opnieuw raketten afgevuurd op Japan."),
        [e("PRK", "JPN", Category::Assault)]
    );
}

#[test]
fn summoned_envoys_seizures_and_scorn() {
    assert_eq!(
        coded("De Belgische minister ontbood de Russische ambassadeur."),
        [e("BEL", "RUS", Category::Accuse)]
    );
    // `in beslag genomen` is no capture of territory (`innemen`).
    assert_eq!(
        coded("Iran heeft een Brits tankschip in beslag genomen."),
        [e("IRN", "GBR", Category::Coerce)]
    );
    assert_eq!(
        coded("De Armeense regering noemde de Russische vredesmacht ineffectief."),
        [e("ARM", "RUS", Category::Accuse)]
    );
}

#[test]
fn military_operations_reproaches_and_angry_reactions() {
    assert_eq!(
        coded("Turkije heeft een militaire operatie gelanceerd tegen Syrië."),
        [e("TUR", "SYR", Category::Assault)]
    );
    // `verweet` is `verwijten`, not `ver_weten`.
    assert!(
        coded("De Poolse premier verweet Berlijn dat het te weinig deed.").contains(&e(
            "POL",
            "DEU",
            Category::Accuse
        ))
    );
    // The phrase hangs under the predicative `boos`.
    let angry = coded("Peking reageerde boos op het bezoek van de Amerikaanse minister.");
    assert!(
        angry.contains(&e("CHN", "USA", Category::Accuse)),
        "{angry:?}"
    );
}

#[test]
fn warrants_apologies_withheld_aid_dispersals_and_levies() {
    assert_eq!(
        coded("Het Strafhof vaardigde een arrestatiebevel uit tegen de Israëlische premier."),
        [e("ICC", "ISR", Category::Accuse)]
    );
    assert_eq!(
        coded("Japan maakte excuses aan Zuid-Korea."),
        [e("JPN", "KOR", Category::Concede)]
    );
    assert_eq!(
        coded("De Nederlandse regering heeft excuses aangeboden aan Indonesië."),
        [e("NLD", "IDN", Category::Concede)]
    );
    assert_eq!(
        coded("De Europese Unie onthoudt Hongarije steun uit de coronafondsen."),
        [e("EU", "HUN", Category::Sanction)]
    );
    assert_eq!(
        coded("De Georgische politie heeft Russische demonstranten uiteengedreven."),
        [e("GEO", "RUS", Category::Coerce)]
    );
    assert_eq!(
        coded("Rusland heeft Georgische wijn met heffingen getroffen."),
        [e("RUS", "GEO", Category::Sanction)]
    );
    // `Ests` beside `Estisch`.
    assert_eq!(
        coded("De Russische geheime dienst heeft een Estse diplomaat aangehouden."),
        [e("RUS", "EST", Category::Coerce)]
    );
}

#[test]
fn coming_to_help_considering_sanctions_and_neither_nor() {
    assert_eq!(
        coded("Frankrijk kwam Libanon te hulp na de explosie."),
        [e("FRA", "LBN", Category::Aid)]
    );
    assert_eq!(
        coded("De Europese Unie overweegt strafmaatregelen tegen Iran."),
        [e("EU", "IRN", Category::Threaten)]
    );
    let neither = coded("Noch Hongarije noch Slowakije heeft Rusland veroordeeld.");
    let negated = |s: &str| (s.to_string(), "RUS".to_string(), Category::Accuse, true);
    assert_eq!(neither, [negated("HUN"), negated("SVK")]);
}

#[test]
fn an_agreement_named_before_its_relative_clause_is_the_clause_object() {
    // The parser takes `dat` for a complementiser and `vorig jaar` for the
    // object; the noun is still what was concluded.
    for (text, a, b) in [
        (
            "Het vredesakkoord dat Egypte en Israël in 1979 sloten, houdt nog altijd stand.",
            "EGY",
            "ISR",
        ),
        (
            "Het bestand dat Rusland en Oekraïne vorig jaar sloten, werd vaak geschonden.",
            "RUS",
            "UKR",
        ),
    ] {
        assert_eq!(
            coded(text),
            [e(a, b, Category::Agree), e(b, a, Category::Agree)],
            "{text}"
        );
    }
}

#[test]
fn a_shocked_reaction_is_no_accusation() {
    assert_eq!(
        coded("Italië reageerde geschokt op het nieuws uit Libië."),
        []
    );
}

#[test]
fn shows_of_force_alerts_arrangements_street_protests_and_strikes() {
    assert_eq!(
        coded("Noord-Korea heeft zijn leger in staat van paraatheid gebracht."),
        [e("PRK", "-", Category::Mobilize)]
    );
    // Exercises around a country, not with one, are a show of force.
    assert_eq!(
        coded("Rusland hield grote militaire oefeningen rond Moldavië."),
        [e("RUS", "MDA", Category::Mobilize)]
    );
    assert_eq!(
        coded("Polen en Litouwen hebben afspraken gemaakt over de grensbewaking."),
        [
            e("LTU", "POL", Category::Agree),
            e("POL", "LTU", Category::Agree)
        ]
    );
    assert_eq!(
        coded("Duizenden Serviërs gingen de straat op tegen de regering."),
        [e("SRB", "-", Category::Protest)]
    );
    assert_eq!(
        coded("Franse vakbonden staakten tegen de pensioenhervorming."),
        [e("FRA", "-", Category::Protest)]
    );
    assert_eq!(
        coded("Georgië heeft het voorstel van de EU overgenomen."),
        [e("GEO", "EU", Category::Agree)]
    );
}

#[test]
fn stopping_something_is_no_strike() {
    assert_eq!(
        coded("Rusland staakte de gesprekken met Japan."),
        [e("RUS", "JPN", Category::Sanction)]
    );
}

#[test]
fn a_fronted_time_phrase_is_no_subject() {
    let events = events("Vorige maand heeft Polen twee Russische diplomaten uitgewezen.");
    let found: Vec<_> = events
        .iter()
        .map(|e| {
            (
                e.source.as_ref().and_then(|a| a.country.clone()),
                e.target.as_ref().and_then(|a| a.country.clone()),
                e.category,
                e.date.clone(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [(
            Some("POL".to_string()),
            Some("RUS".to_string()),
            Category::Sanction,
            Some("2023-05".to_string())
        )]
    );
}

#[test]
fn a_state_named_after_an_adjective_subject_is_the_object() {
    // After a fronted phrase the parser hangs the object on the subject as
    // an apposition; `de Russische minister Frankrijk` names no one.
    assert_eq!(
        coded("Op de top beschuldigde de Turkse president Griekenland van provocaties."),
        [e("TUR", "GRC", Category::Accuse)]
    );
    assert_eq!(
        coded("Daarna bekritiseerde de Chinese regering Japan scherp."),
        [e("CHN", "JPN", Category::Accuse)]
    );
    // A real apposition stays one actor.
    assert_eq!(
        coded("Daarna bekritiseerde de Russische president Poetin de NAVO."),
        [e("RUS", "NATO", Category::Accuse)]
    );
}

#[test]
fn declaring_war_names_both_sides() {
    assert_eq!(
        coded("In 1914 verklaarde Frankrijk Duitsland de oorlog."),
        [e("FRA", "DEU", Category::Assault)]
    );
    // The words before a noun's determiner are another phrase: `de Duitsers`
    // is not who wages `de oorlog`.
    assert_eq!(
        coded("Italië had de Oostenrijkers de oorlog verklaard."),
        [e("ITA", "AUT", Category::Assault)]
    );
}

#[test]
fn an_adjective_heading_its_phrase_is_an_event_noun() {
    // The tagger reads `offensief` after `een` as an adjective.
    assert_eq!(
        coded("Israël is vorige maand een offensief begonnen in Libanon."),
        [e("ISR", "LBN", Category::Assault)]
    );
}

#[test]
fn joint_strikes_condemned_offensives_halted_trade_and_lawsuits() {
    // Two attackers of a third are no attack on each other.
    let strikes = coded("Frankrijk en Italië voerden luchtaanvallen uit op Libië.");
    assert!(
        strikes.contains(&e("FRA", "LBY", Category::Assault)),
        "{strikes:?}"
    );
    assert!(
        !strikes.contains(&e("FRA", "ITA", Category::Assault)),
        "{strikes:?}"
    );
    assert!(
        coded("Spanje veroordeelde het Russische offensief.").contains(&e(
            "ESP",
            "RUS",
            Category::Accuse
        ))
    );
    assert_eq!(
        coded("China heeft de handel met Litouwen stopgezet."),
        [e("CHN", "LTU", Category::Sanction)]
    );
    assert_eq!(
        coded("Oekraïne heeft Rusland voor het Internationaal Gerechtshof gedaagd."),
        [e("UKR", "RUS", Category::Accuse)]
    );
}

#[test]
fn loans_admissions_detentions_deployments_disputes_and_clashes() {
    assert_eq!(
        coded("Japan verleent Indonesië een lening van twee miljard yen."),
        [e("JPN", "IDN", Category::Aid)]
    );
    // Refused admission: the event is there, negated.
    assert_eq!(
        coded("Moldavië zal geen Russische soldaten op zijn grondgebied toelaten."),
        [(
            "MDA".to_string(),
            "RUS".to_string(),
            Category::Retreat,
            true
        )]
    );
    assert_eq!(
        coded("Iran heeft een Franse toerist vastgezet."),
        [e("IRN", "FRA", Category::Coerce)]
    );
    assert_eq!(
        coded("Rusland heeft raketten in Kaliningrad geplaatst."),
        [e("RUS", "-", Category::Mobilize)]
    );
    assert_eq!(
        coded("Servië heeft ruzie met Kosovo over de grens."),
        [e("SRB", "XKX", Category::Accuse)]
    );
    assert_eq!(
        coded("Armeense soldaten raakten slaags met Azerbeidzjaanse troepen."),
        [e("ARM", "AZE", Category::Assault)]
    );
}

#[test]
fn agreement_reached_and_status_granted() {
    assert_eq!(
        coded("Spanje en Marokko hebben overeenstemming bereikt over de visserij."),
        [
            e("ESP", "MAR", Category::Agree),
            e("MAR", "ESP", Category::Agree)
        ]
    );
    assert_eq!(
        coded("De Europese Unie heeft Moldavië de status van kandidaat-lidstaat verleend."),
        [e("EU", "MDA", Category::Support)]
    );
}

#[test]
fn exchanges_rammings_revoked_papers_appeals_paratroopers_and_arms_sales() {
    assert_eq!(
        coded("Rusland en Oekraïne hebben krijgsgevangenen uitgewisseld."),
        [
            e("RUS", "UKR", Category::Concede),
            e("UKR", "RUS", Category::Concede)
        ]
    );
    assert_eq!(
        coded("Een Chinees schip heeft een Vietnamese vissersboot geramd."),
        [e("CHN", "VNM", Category::Assault)]
    );
    assert_eq!(
        coded("De Russische regering heeft de Britse journalisten hun accreditatie ontnomen."),
        [e("RUS", "GBR", Category::Sanction)]
    );
    assert_eq!(
        coded("Armenië heeft de hulp van Frankrijk ingeroepen."),
        [e("ARM", "FRA", Category::Request)]
    );
    assert_eq!(
        coded("Frankrijk stuurde parachutisten naar Mali."),
        [e("FRA", "MLI", Category::Mobilize)]
    );
    assert_eq!(
        coded("Duitsland heeft Saoedi-Arabië wapens verkocht."),
        [e("DEU", "SAU", Category::Aid)]
    );
}

#[test]
fn a_trailing_speech_verb_or_aldus_names_the_reporter() {
    for (text, source, target, category, reporter) in [
        (
            "Turkije levert Azerbeidzjan drones, zeggen Armeense functionarissen.",
            "TUR",
            "AZE",
            Category::Aid,
            "ARM",
        ),
        (
            "China steunt Rusland militair, aldus de Amerikaanse regering.",
            "CHN",
            "RUS",
            Category::Support,
            "USA",
        ),
    ] {
        let found = events(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let event = &found[0];
        let country =
            |a: &Option<kroniek_model::EventActor>| a.as_ref().and_then(|a| a.country.clone());
        assert_eq!(country(&event.source).as_deref(), Some(source), "{text}");
        assert_eq!(country(&event.target).as_deref(), Some(target), "{text}");
        assert_eq!(event.category, category, "{text}");
        assert_eq!(
            country(&event.attribution).as_deref(),
            Some(reporter),
            "{text}"
        );
        assert_eq!(event.modality, kroniek_model::Modality::Reported, "{text}");
    }
}

#[test]
fn embassies_blame_reinforcements_boycotts_and_indian_adjectives() {
    // `Indiase` inflects `Indiaas`.
    assert_eq!(
        coded("Pakistan heeft de Indiase ambassadeur uitgewezen."),
        [e("PAK", "IND", Category::Sanction)]
    );
    // Participles the lemmatiser misses: `heropend`, `geboycot`.
    assert_eq!(
        coded("Canada heeft zijn ambassade in Caracas heropend."),
        [e("CAN", "VEN", Category::Cooperate)]
    );
    assert_eq!(
        coded("Canada heeft zijn ambassade in Teheran gesloten."),
        [e("CAN", "IRN", Category::Sanction)]
    );
    assert_eq!(
        coded("Rusland heeft Georgische producten geboycot."),
        [e("RUS", "GEO", Category::Protest)]
    );
    assert_eq!(
        coded("Rusland heeft de explosie toegeschreven aan Oekraïne."),
        [e("RUS", "UKR", Category::Accuse)]
    );
    assert_eq!(
        coded("De NAVO gaat haar troepen in Polen versterken."),
        [e("NATO", "-", Category::Mobilize)]
    );
}

#[test]
fn visits_boycotted_summits_joint_drills_blacklists_and_asylum() {
    assert_eq!(
        coded("De Chinese minister van Buitenlandse Zaken reisde naar Pakistan."),
        [e("CHN", "PAK", Category::Consult)]
    );
    // `heeft ... geboycot` with the participle tagged as a past form.
    assert_eq!(
        coded("De Georgische premier heeft de EU-top in Brussel geboycot."),
        [e("GEO", "EU", Category::Protest)]
    );
    assert_eq!(
        coded("India en Frankrijk voerden een gezamenlijke luchtmachtoefening uit."),
        [
            e("FRA", "IND", Category::Cooperate),
            e("IND", "FRA", Category::Cooperate)
        ]
    );
    assert_eq!(
        coded("Rusland heeft Britse journalisten op een zwarte lijst gezet."),
        [e("RUS", "GBR", Category::Sanction)]
    );
    assert_eq!(
        coded("Armenië heeft Russische dienstplichtigen opgevangen."),
        [e("ARM", "RUS", Category::Aid)]
    );
}

#[test]
fn frozen_funds_are_sanctions() {
    // `bevroren` is the irregular participle of `bevriezen`.
    assert_eq!(
        coded("De Verenigde Staten hebben de Afghaanse staatsgelden bevroren."),
        [e("USA", "AFG", Category::Sanction)]
    );
}

#[test]
fn a_withdrawn_veto_is_a_concession_to_the_state_it_blocked() {
    assert_eq!(
        coded("Bulgarije trok gisteren zijn veto in tegen de kandidatuur van Albanië."),
        [e("BGR", "ALB", Category::Concede)]
    );
}

#[test]
fn suspended_exports_to_a_state_are_sanctions() {
    assert_eq!(
        coded("België heeft de uitvoer van munitie naar Rusland opgeschort."),
        [e("BEL", "RUS", Category::Sanction)]
    );
}

#[test]
fn an_als_phrase_without_a_verb_is_no_condition() {
    let found = events("Mexico heeft Taiwan erkend als zelfstandig land.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].category, Category::Support);
    assert_eq!(found[0].modality, kroniek_model::Modality::Asserted);
}

#[test]
fn an_act_only_considered_or_proposed_is_not_asserted() {
    let considered = events("Wit-Rusland overweegt zijn lidmaatschap van de OVSE op te zeggen.");
    assert_eq!(considered.len(), 1, "{considered:?}");
    assert_eq!(considered[0].modality, kroniek_model::Modality::Future);
    let proposed =
        events("Frankrijk stelde voor om de uitvoer van wapens naar Rusland te verbieden.");
    assert_eq!(proposed.len(), 1, "{proposed:?}");
    assert_eq!(proposed[0].category, Category::Sanction);
    assert_eq!(proposed[0].modality, kroniek_model::Modality::Hypothetical);
}

#[test]
fn coming_to_terms_is_agreement_both_ways() {
    assert_eq!(
        coded("Peru en Chili zijn het eens geworden over het verloop van de grens."),
        [
            e("CHL", "PER", Category::Agree),
            e("PER", "CHL", Category::Agree)
        ]
    );
}

#[test]
fn a_blocked_loan_is_a_veto_and_imposed_restrictions_a_sanction() {
    assert_eq!(
        coded("Polen blokkeerde de lening aan Wit-Rusland."),
        [e("POL", "BLR", Category::Reject)]
    );
    assert_eq!(
        coded("Rusland heeft exportbeperkingen opgelegd aan Kazachstan."),
        [e("RUS", "KAZ", Category::Sanction)]
    );
}

#[test]
fn an_act_someone_helped_with_happened() {
    let found = events("Turkije hielp Azerbeidzjan in 2020 de Armeense troepen te verdrijven.");
    let expelled: Vec<_> = found
        .iter()
        .filter(|e| e.category == Category::Coerce)
        .collect();
    assert_eq!(expelled.len(), 1, "{found:?}");
    assert_eq!(expelled[0].modality, kroniek_model::Modality::Asserted);
}

#[test]
fn a_weapon_that_hits_is_an_assault_and_a_measure_that_hits_is_not() {
    assert_eq!(
        coded("Russische drones troffen vannacht een energiecentrale in Oekraïne."),
        [e("RUS", "UKR", Category::Assault)]
    );
    assert_eq!(
        coded("De maatregelen troffen vooral Duitse bedrijven in China."),
        []
    );
}

#[test]
fn the_agent_of_a_passive_verb_is_not_the_agent_of_its_subject_noun() {
    assert_eq!(
        coded("De inval van Turkije in Irak werd door de Arabische Liga veroordeeld."),
        [
            e("ARL", "TUR", Category::Accuse),
            e("TUR", "IRQ", Category::Assault)
        ]
    );
}

#[test]
fn rejecting_out_of_hand_permission_renewal_and_contributions() {
    assert_eq!(
        coded("Moskou wees het Amerikaanse voorstel van de hand."),
        [e("RUS", "USA", Category::Reject)]
    );
    assert_eq!(
        coded("Griekenland verleende Turkije toestemming voor de doortocht."),
        [e("GRC", "TUR", Category::Concede)]
    );
    assert_eq!(
        coded("Rusland en Oekraïne verlengden het akkoord over de gevangenenruil."),
        [
            e("RUS", "UKR", Category::Agree),
            e("UKR", "RUS", Category::Agree)
        ]
    );
    assert_eq!(
        coded("Noorwegen droeg 300 miljoen euro bij aan de wederopbouw van Syrië."),
        [e("NOR", "SYR", Category::Aid)]
    );
    // Contributing to something is no aid without money.
    assert_eq!(
        coded("De sancties tegen Rusland dragen bij aan de instabiliteit."),
        []
    );
}

#[test]
fn admitting_a_member_endorses_it() {
    assert_eq!(
        coded("De Afrikaanse Unie heeft Niger weer als lid toegelaten."),
        [e("AU", "NER", Category::Support)]
    );
}

#[test]
fn aid_received_comes_from_the_giver() {
    assert_eq!(
        coded("Moldavië kreeg van Roemenië een lening van honderd miljoen euro."),
        [e("ROU", "MDA", Category::Aid)]
    );
    assert_eq!(
        coded("Oekraïne heeft tanks ontvangen van Polen."),
        [e("POL", "UKR", Category::Aid)]
    );
}

#[test]
fn normalised_relations_and_exchanged_ambassadors_are_cooperation() {
    assert_eq!(
        coded("Marokko en Israël normaliseerden hun betrekkingen."),
        [
            e("ISR", "MAR", Category::Cooperate),
            e("MAR", "ISR", Category::Cooperate)
        ]
    );
    assert_eq!(
        coded("Egypte en Turkije wisselen na tien jaar weer ambassadeurs uit."),
        [
            e("EGY", "TUR", Category::Cooperate),
            e("TUR", "EGY", Category::Cooperate)
        ]
    );
}

#[test]
fn goods_no_longer_let_in_are_an_embargo_and_an_aid_package_is_aid() {
    assert_eq!(
        coded("Hongarije laat geen Oekraïense landbouwproducten meer toe."),
        [e("HUN", "UKR", Category::Sanction)]
    );
    assert_eq!(coded("Hongarije laat Oekraïense vrachtwagens toe."), []);
    assert_eq!(
        coded("De Franse president kondigde een hulppakket voor Libanon aan."),
        [e("FRA", "LBN", Category::Aid)]
    );
}

#[test]
fn a_relative_pronoun_the_plural_verb_agrees_with_is_the_subject() {
    assert_eq!(
        coded_as(
            "Washington noemde drie Turkse banken die Iran zouden financieren.",
            Category::Aid
        ),
        [e("TUR", "IRN", Category::Aid)]
    );
}

#[test]
fn a_place_glued_to_an_office_subject_is_the_object() {
    assert_eq!(
        coded("Vrijdag bezocht de Franse minister van Buitenlandse Zaken Kiev."),
        [e("FRA", "UKR", Category::Consult)]
    );
    assert_eq!(
        coded("Op woensdag bezocht de Turkse minister van Defensie Bagdad."),
        [e("TUR", "IRQ", Category::Consult)]
    );
}

#[test]
fn het_before_a_plural_is_the_subject_and_stands_for_the_speaker() {
    assert_eq!(
        coded_as(
            "Syrië ontkende dat het Turkse dorpen had beschoten.",
            Category::Assault
        ),
        [e("SYR", "TUR", Category::Assault)]
    );
}

#[test]
fn persona_non_grata_intercepted_ships_and_custody() {
    assert_eq!(
        coded("Polen heeft een Wit-Russische diplomaat tot persona non grata verklaard."),
        [e("POL", "BLR", Category::Sanction)]
    );
    assert_eq!(
        coded("De Griekse kustwacht onderschepte een Turks vrachtschip."),
        [e("GRC", "TUR", Category::Coerce)]
    );
    // Intercepted missiles are defence, not coercion.
    assert_eq!(
        coded("Israël onderschepte Iraanse raketten boven Jordanië."),
        []
    );
    assert_eq!(
        coded("Iran nam twee Franse toeristen in hechtenis."),
        [e("IRN", "FRA", Category::Coerce)]
    );
}

#[test]
fn naar_verluidt_makes_an_act_reported() {
    let found = events("Naar verluidt heeft Noord-Korea granaten aan Rusland geleverd.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].modality, kroniek_model::Modality::Reported);
}

#[test]
fn a_bare_noun_phrase_before_the_verb_is_its_object() {
    assert_eq!(
        coded("Oekraïense troepen zijn de Russische regio Belgorod binnengetrokken."),
        [e("UKR", "RUS", Category::Assault)]
    );
    // After the final participle it is no object.
    assert_eq!(
        coded("Spanje heeft opgeroepen tot kalmte, net zoals ook Portugal."),
        [e("ESP", "-", Category::Request)]
    );
}

#[test]
fn extended_sanctions_voiced_concern_and_rescue_workers_sent() {
    assert_eq!(
        coded("Groot-Brittannië verlengde de sancties tegen Iran."),
        [e("GBR", "IRN", Category::Sanction)]
    );
    assert_eq!(
        coded("Australië sprak zijn bezorgdheid uit over de Chinese oefeningen."),
        [e("AUS", "CHN", Category::Accuse)]
    );
    assert_eq!(
        coded("Rusland stuurde reddingswerkers naar Turkije."),
        [e("RUS", "TUR", Category::Aid)]
    );
}

#[test]
fn a_preposition_opening_its_own_phrase_is_no_particle() {
    let no_assault = |text: &str| {
        let found = events(text);
        assert!(
            !found.iter().any(|e| e.category == Category::Assault),
            "{text}: {found:?}"
        );
    };
    no_assault(
        "De Algemene Vergadering nam een verklaring aan waarin een wapenstilstand in Soedan wordt gevraagd.",
    );
    no_assault("Nederland wil het voortouw nemen in de gesprekken over Syrië.");
    // Particles that stand where particles stand still count.
    assert_eq!(
        coded("Servië zegt het vertrouwen op in de Europese Unie."),
        [e("SRB", "EU", Category::Reject)]
    );
    assert_eq!(
        coded("Estland riep Rusland op zijn troepen uit Transnistrië terug te trekken."),
        [e("EST", "RUS", Category::Request)]
    );
}

#[test]
fn a_loan_granted_is_aid() {
    assert_eq!(
        coded("Japan kende Vietnam een lening toe van twee miljard yen."),
        [e("JPN", "VNM", Category::Aid)]
    );
}

#[test]
fn a_verbless_relative_clause_ends_in_its_verb() {
    assert_eq!(
        coded("Het gaat om een wapenstilstand die Israël en Hamas in november 2023 sloten."),
        [
            e("ISR", "PSE", Category::Agree),
            e("PSE", "ISR", Category::Agree)
        ]
    );
}

#[test]
fn a_clause_of_time_is_no_content_of_an_agreement() {
    assert_eq!(
        coded(
            "Lima en Santiago sloten in 1929 een akkoord, nadat Peru en Chili een lange oorlog uitvochten."
        ),
        [
            e("CHL", "PER", Category::Agree),
            e("CHL", "PER", Category::Assault),
            e("PER", "CHL", Category::Agree),
            e("PER", "CHL", Category::Assault)
        ]
    );
}

#[test]
fn closed_and_reinforced_borders_hijacked_ships_and_expelled_spies() {
    assert_eq!(
        coded("Litouwen heeft de Russische grens gesloten voor toeristen."),
        [e("LTU", "RUS", Category::Coerce)]
    );
    assert_eq!(
        coded("Finland heeft de grens met Rusland versterkt."),
        [e("FIN", "RUS", Category::Mobilize)]
    );
    assert_eq!(
        coded("Iran kaapte een Brits schip."),
        [e("IRN", "GBR", Category::Coerce)]
    );
    assert_eq!(
        coded("Duitsland heeft een Chinese spion uitgezet."),
        [e("DEU", "CHN", Category::Sanction)]
    );
}

#[test]
fn a_demand_addresses_the_subject_of_the_clause_it_asks_for() {
    assert_eq!(
        coded("Armenië eist dat Azerbeidzjan zijn troepen terugtrekt."),
        [e("ARM", "AZE", Category::Request)]
    );
}

#[test]
fn naming_someone_a_terrorist_dismissing_and_joining_sanctions() {
    assert_eq!(
        coded("De Iraanse president heeft de Amerikaanse president Trump een terrorist genoemd."),
        [e("IRN", "USA", Category::Accuse)]
    );
    assert_eq!(
        coded("Moskou heeft de Finse voorstellen afgedaan als propaganda."),
        [e("RUS", "FIN", Category::Reject)]
    );
    assert_eq!(
        coded("Ook Zwitserland heeft zich aangesloten bij de sancties tegen Wit-Rusland."),
        [e("CHE", "BLR", Category::Sanction)]
    );
}

#[test]
fn arms_received_from_a_state_and_fire_exchanged() {
    assert_eq!(
        coded("Polen heeft de eerste tanks uit Zuid-Korea ontvangen."),
        [e("KOR", "POL", Category::Aid)]
    );
    assert_eq!(
        coded("Armenië en Azerbeidzjan wisselden opnieuw vuur uit aan de grens."),
        [
            e("ARM", "AZE", Category::Assault),
            e("AZE", "ARM", Category::Assault)
        ]
    );
}

#[test]
fn a_fronted_time_phrase_taken_for_the_subject_gives_way() {
    assert_eq!(
        coded("Eind vorig jaar legde de Afrikaanse Unie nieuwe sancties op aan Niger."),
        [e("AU", "NER", Category::Sanction)]
    );
}

#[test]
fn a_present_tense_dated_after_the_document_is_future() {
    // The document is dated 2023-06-01 (see `events`).
    let found = events("Volgende maand bezoekt de Italiaanse premier India.");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].modality, kroniek_model::Modality::Future);
    let past = events("Vorige maand bezocht de Italiaanse premier India.");
    assert_eq!(past.len(), 1, "{past:?}");
    assert_eq!(past[0].modality, kroniek_model::Modality::Asserted);
}

#[test]
fn storming_an_embassy_is_an_assault_on_its_state() {
    assert_eq!(
        coded("Ecuadoraanse agenten hebben de Mexicaanse ambassade in Quito bestormd."),
        [e("ECU", "MEX", Category::Assault)]
    );
}
