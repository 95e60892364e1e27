use super::*;

fn text(raw: &str) -> String {
    clean(raw).text
}

#[test]
fn blank_separated_wrapped_lines_form_paragraphs() {
    let raw = "Boeren blokkeren snelwegen uit protest tegen\n\nnieuwe stikstofregels\n De boeren trokken maandag met hun trekkers naar de\n\nhoofdstad. Ze eisen overleg met de minister van\n\nLandbouw.\n\nDe politie greep niet in.\n";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "Boeren blokkeren snelwegen uit protest tegen nieuwe stikstofregels\n\nDe boeren trokken maandag met hun trekkers naar de hoofdstad. Ze eisen overleg met de minister van Landbouw.\n\nDe politie greep niet in."
    );
    assert_eq!(
        c.title.as_deref(),
        Some("Boeren blokkeren snelwegen uit protest tegen nieuwe stikstofregels")
    );
}

#[test]
fn header_line_is_removed_and_dated() {
    let c = clean(" date 2021-06 De regering viel dinsdag.\n\nEr komen verkiezingen.");
    assert_eq!(c.header_date.as_deref(), Some("2021-06"));
    assert_eq!(
        c.text,
        "De regering viel dinsdag.\n\nEr komen verkiezingen."
    );
    assert_eq!(c.furniture[0].kind, "header");
    assert_eq!(c.title, None);
}

#[test]
fn pdf_hyphenation_and_hard_wraps() {
    let raw = "De landen riepen op tot een staakt-\nhet-vuren en tot een duurzame oplos-\nsing voor het conflict in Nagorno-\nKarabach. Ook de olie-\nen gasprijzen stegen.\n";
    assert_eq!(
        text(raw),
        "De landen riepen op tot een staakt-het-vuren en tot een duurzame oplossing voor het conflict in Nagorno-Karabach. Ook de olie- en gasprijzen stegen."
    );
}

#[test]
fn subheads_get_their_own_paragraph() {
    let raw = "De onderhandelingen duurden de hele nacht en leverden weinig op.\n\nOnenigheid\n\nDe delegaties konden het niet eens worden over de grens.\n";
    assert_eq!(
        text(raw),
        "De onderhandelingen duurden de hele nacht en leverden weinig op.\n\nOnenigheid\n\nDe delegaties konden het niet eens worden over de grens."
    );
    let pdf = "Het bleef onrustig in de hoofdstad, zo meldden verschillende persbureaus vandaag.\nReacties\nVeel landen reageerden geschokt op het nieuws uit de regio.\n";
    assert_eq!(
        text(pdf),
        "Het bleef onrustig in de hoofdstad, zo meldden verschillende persbureaus vandaag.\n\nReacties\n\nVeel landen reageerden geschokt op het nieuws uit de regio."
    );
}

#[test]
fn lowercase_subhead_between_paragraphs() {
    let raw = "De wapenleveranties gingen door, zo bleek uit documenten die de krant inzag.\n\nsancties\n\nVoor Europa is de maat vol, zeggen diplomaten in de Belgische hoofdstad.\n";
    assert_eq!(
        text(raw),
        "De wapenleveranties gingen door, zo bleek uit documenten die de krant inzag.\n\nsancties\n\nVoor Europa is de maat vol, zeggen diplomaten in de Belgische hoofdstad."
    );
}

#[test]
fn glued_subhead_is_split_off() {
    let raw = "Het parlement vergaderde tot diep in de nacht over de begroting.\n\n12 miljard Het tekort loopt volgend jaar verder op, zegt het planbureau.\n";
    assert_eq!(
        text(raw),
        "Het parlement vergaderde tot diep in de nacht over de begroting.\n\n12 miljard\n\nHet tekort loopt volgend jaar verder op, zegt het planbureau."
    );
    assert_eq!(
        text("Lezers van De Telegraaf Het Parool en andere kranten lazen het."),
        "Lezers van De Telegraaf Het Parool en andere kranten lazen het."
    );
}

#[test]
fn furniture_is_removed_and_kept() {
    let raw = "Kabinet wil snel nieuwe wet\n\nDe minister bij de persconferentie.foto anp / Piet Jansen\n\nDEN HAAG\n\nHet kabinet wil nog dit jaar een nieuwe wet indienen over\n\nhttps://www.krant.nl/auteur/an-smit-12\n\nde opvang van asielzoekers.\n\nhttps://www.krant.nl/nieuws/politiek/98765/kabinet-wil-\n\nsnel-wet#/reader\n\nLEES OOK\n\nWaarom de opvang vastloopt\n";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "Kabinet wil snel nieuwe wet\n\nHet kabinet wil nog dit jaar een nieuwe wet indienen over de opvang van asielzoekers."
    );
    let kinds: Vec<&str> = c.furniture.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "caption", "credit", "dateline", "author", "url", "url", "teaser", "teaser"
        ]
    );
    for f in &c.furniture {
        assert_eq!(f.raw_span.slice(raw), f.text);
    }
}

#[test]
fn inline_dateline_is_removed() {
    let c = clean("MOSKOU (AFP) - De Russische regering ontkent alles.");
    assert_eq!(c.text, "De Russische regering ontkent alles.");
    assert_eq!(c.furniture[0].text, "MOSKOU (AFP)");
}

#[test]
fn offsets_point_back_into_the_raw_text() {
    let raw = "Een\u{a0}titel  met\truimte\n\nDe tekst van het stuk, die\n\nverder gaat.";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "Een titel met ruimte\n\nDe tekst van het stuk, die verder gaat."
    );
    let at = c.text.find("verder").unwrap_or(0);
    assert_eq!(
        &raw[c.offsets.to_raw(at)..c.offsets.to_raw(at) + 6],
        "verder"
    );
    let tekst = c.text.find("tekst").unwrap_or(0);
    let span = c.offsets.span_to_raw(Span::new(tekst, tekst + 5));
    assert_eq!(span.slice(raw), "tekst");
}

#[test]
fn odd_inputs_do_not_panic() {
    for raw in [
        "",
        "\n\n\n",
        "-",
        "date",
        " date 2020-01",
        "\u{ad}\u{ad}",
        "a-\n",
        "-\n-\n",
        "É\u{301}\n\u{301}",
        "1.\n2.",
        "http://\nx/",
    ] {
        let c = clean(raw);
        assert!(
            !c.text.starts_with(char::is_whitespace) && !c.text.ends_with(char::is_whitespace),
            "{raw:?} -> {:?}",
            c.text
        );
    }
}

#[test]
fn title_before_a_lead_that_opens_with_a_name() {
    let raw = "Premier belooft hulp aan getroffen boeren na overstromingen\n\nNederland stuurt volgende week extra pompen en zandzakken naar de getroffen gebieden in het zuiden.\n\nDe waterschappen vragen om meer geld voor dijkversterking, zeggen bestuurders in een brief.\n";
    let c = clean(raw);
    assert_eq!(
        c.title.as_deref(),
        Some("Premier belooft hulp aan getroffen boeren na overstromingen")
    );
}

#[test]
fn pdf_page_furniture_is_removed_between_wrapped_lines() {
    let raw = "De regering heeft besloten om de steun aan de getroffen regio\n- 2 -\nte verhogen. Dat meldde de minister.\n";
    let c = clean(raw);
    assert_eq!(
        c.text,
        "De regering heeft besloten om de steun aan de getroffen regio te verhogen. Dat meldde de minister."
    );
    assert_eq!(c.furniture[0].kind, "page");
}

#[test]
fn kicker_above_the_headline() {
    let c = clean(
        "Analyse\n\nWaarom de coalitie toch overeind blijft\n\nDe partijen zijn het over weinig eens, maar niemand wil verkiezingen.\n",
    );
    assert_eq!(
        c.title.as_deref(),
        Some("Waarom de coalitie toch overeind blijft")
    );
    let single = clean("Verkiezingen\n\nDe partijen zijn het over weinig eens.\n");
    assert_eq!(single.title.as_deref(), Some("Verkiezingen"));
    assert_eq!(clean("Eén alinea zonder titel.").title, None);
}
