//! Language identification with whatlang, restricted to languages that
//! plausibly occur in a news feed read by Dutch users. Short text gets an
//! even shorter list, so a headline never comes out as Tagalog.

use std::sync::OnceLock;

use kroniek_model::Language;
use whatlang::{Detector, Lang};

/// Below this many letters only the most common languages are considered.
const SHORT_TEXT_LETTERS: usize = 60;
/// Fewer letters than this say nothing.
const MIN_LETTERS: usize = 3;
/// whatlang works on a prefix; more text adds cost, not accuracy. About
/// 150 words: on 1,000 generated Dutch articles of 2.7 KB, 1 KB gave the
/// same language as 4 KB for every article at 60 % of the time (94 vs 161 µs
/// an article; about 40 µs of it is fixed cost per call).
const SAMPLE_BYTES: usize = 1024;

const WIDE: &[Lang] = &[
    Lang::Nld,
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Ita,
    Lang::Por,
    Lang::Dan,
    Lang::Swe,
    Lang::Nob,
    Lang::Fin,
    Lang::Pol,
    Lang::Ces,
    Lang::Hun,
    Lang::Ron,
    Lang::Tur,
    Lang::Rus,
    Lang::Ukr,
    Lang::Bul,
    Lang::Ell,
    Lang::Ara,
    Lang::Heb,
    Lang::Pes,
    Lang::Hin,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
    Lang::Hye,
    Lang::Kat,
];

/// Latin-script languages allowed for short text, plus every language that
/// is the only one of its script in `WIDE` (a script decides those).
const NARROW: &[Lang] = &[
    Lang::Nld,
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Spa,
    Lang::Ita,
    Lang::Rus,
    Lang::Ell,
    Lang::Ara,
    Lang::Heb,
    Lang::Hin,
    Lang::Cmn,
    Lang::Jpn,
    Lang::Kor,
    Lang::Hye,
    Lang::Kat,
];

fn detector(short: bool) -> &'static Detector {
    static WIDE_DETECTOR: OnceLock<Detector> = OnceLock::new();
    static NARROW_DETECTOR: OnceLock<Detector> = OnceLock::new();
    if short {
        NARROW_DETECTOR.get_or_init(|| Detector::with_allowlist(NARROW.to_vec()))
    } else {
        WIDE_DETECTOR.get_or_init(|| Detector::with_allowlist(WIDE.to_vec()))
    }
}

/// The language of `text` with whatlang's confidence (0..1), or `None` for
/// text with too few letters or a script outside the supported list.
pub fn identify_language(text: &str) -> Option<Language> {
    let sample = prefix(text, SAMPLE_BYTES);
    let letters = sample.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS {
        return None;
    }
    if plainly_dutch(sample) {
        return Some(Language {
            code: "nl".to_string(),
            confidence: 1.0,
        });
    }
    let info = detector(letters < SHORT_TEXT_LETTERS).detect(sample)?;
    Some(Language {
        code: iso_639_1(info.lang()).to_string(),
        confidence: info.confidence() as f32,
    })
}

/// Function words of Dutch that are no common word of the other
/// Latin-script languages of [`WIDE`] (`de`, `en`, `in`, `die`, `was`, `als`,
/// `er`, `om`, `kan`, `hun`, `na`, `nu`, `tot`, `te`, `ze` are left out for
/// that reason: German, Danish, Polish, Romanian... use them).
const DUTCH_FUNCTION_WORDS: &[&str] = &[
    "het", "een", "van", "niet", "zijn", "met", "voor", "ook", "bij", "naar", "wordt", "werd",
    "worden", "hij", "zij", "maar", "nog", "aan", "door", "uit", "heeft", "hebben", "waren",
    "deze", "dit", "zich", "geen", "wel", "dat", "op", "zou", "moet", "tegen", "meer", "wat",
    "waar", "haar", "onder", "tussen", "volgens",
];

/// Whether a sample is Dutch beyond doubt, so whatlang, which costs about
/// 100 µs an article (a tenth of the text stage at most; `BENCHMARKS.md`),
/// need not be asked: at least 40 words, and words of
/// [`DUTCH_FUNCTION_WORDS`] make at least a fifth of them. Ordinary Dutch
/// prose has about a third (`het`, `een`, `van`, `dat`, `op`...); English,
/// German, French and the rest share almost none of these words, and a
/// Dutch article quoting a sentence of English stays Dutch for whatlang too.
/// Checked against whatlang on the seeds and the 5 MB corpus of
/// `BENCHMARKS.md` (the same language for every document).
fn plainly_dutch(sample: &str) -> bool {
    let (mut words, mut dutch) = (0usize, 0usize);
    let mut lower = String::new();
    for word in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if word.len() <= 7 {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            dutch += usize::from(DUTCH_FUNCTION_WORDS.contains(&lower.as_str()));
        }
    }
    words >= PLAINLY_DUTCH_MIN_WORDS && dutch * 5 >= words
}

/// Fewer words than this always go to whatlang.
const PLAINLY_DUTCH_MIN_WORDS: usize = 40;

fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

fn iso_639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Nld => "nl",
        Lang::Eng => "en",
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Dan => "da",
        Lang::Swe => "sv",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Hun => "hu",
        Lang::Ron => "ro",
        Lang::Tur => "tr",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Bul => "bg",
        Lang::Ell => "el",
        Lang::Ara => "ar",
        Lang::Heb => "he",
        Lang::Pes => "fa",
        Lang::Hin => "hi",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Hye => "hy",
        Lang::Kat => "ka",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Option<String> {
        identify_language(text).map(|l| l.code)
    }

    #[test]
    fn common_languages() {
        assert_eq!(code("De regering in Den Haag wil de belastingen volgend jaar verlagen voor gezinnen met kinderen.").as_deref(), Some("nl"));
        assert_eq!(code("The government announced on Tuesday that taxes will be lowered for families next year.").as_deref(), Some("en"));
        assert_eq!(
            code("Die Regierung hat am Dienstag angekündigt, die Steuern für Familien zu senken.")
                .as_deref(),
            Some("de")
        );
        assert_eq!(
            code("Правительство объявило во вторник о снижении налогов.").as_deref(),
            Some("ru")
        );
    }

    #[test]
    fn short_headlines_stay_in_the_narrow_list() {
        for headline in [
            "Staking in de haven",
            "Kabinet valt",
            "Onrust op Sicilië",
            "Poetin en Erdogan praten",
        ] {
            let got = code(headline);
            assert!(
                got.as_deref()
                    .is_none_or(|c| ["nl", "en", "de", "fr", "es", "it"].contains(&c)),
                "{headline}: {got:?}"
            );
        }
    }

    /// About 60 words of news prose in each language, written for this test.
    const PROSE: [(&str, &str); 6] = [
        (
            "nl",
            "De minister van Buitenlandse Zaken heeft dinsdag in Brussel gezegd dat het kabinet \
                de steun aan het land niet zal verminderen. Volgens haar is er nog geen akkoord over \
                de nieuwe sancties, maar de gesprekken met de andere lidstaten gaan door. Ook de \
                oppositie wil dat er snel een besluit komt, omdat de situatie aan de grens elke dag \
                slechter wordt en de hulporganisaties om meer geld vragen.",
        ),
        (
            "en",
            "The foreign minister said in Brussels on Tuesday that the government will not reduce \
                its support for the country. According to her there is still no agreement on the new \
                sanctions, but the talks with the other member states continue. The opposition also \
                wants a quick decision, because the situation at the border gets worse every day and \
                aid organisations are asking for more money.",
        ),
        (
            "de",
            "Die Außenministerin sagte am Dienstag in Brüssel, dass die Regierung ihre Unterstützung \
                für das Land nicht verringern werde. Nach ihren Worten gibt es noch keine Einigung über \
                die neuen Sanktionen, aber die Gespräche mit den anderen Mitgliedstaaten gehen weiter. \
                Auch die Opposition will eine schnelle Entscheidung, weil sich die Lage an der Grenze \
                jeden Tag verschlechtert und die Hilfsorganisationen um mehr Geld bitten.",
        ),
        (
            "fr",
            "La ministre des Affaires étrangères a déclaré mardi à Bruxelles que le gouvernement ne \
                réduira pas son soutien au pays. Selon elle, il n'y a toujours pas d'accord sur les \
                nouvelles sanctions, mais les discussions avec les autres États membres se poursuivent. \
                L'opposition veut aussi une décision rapide, car la situation à la frontière s'aggrave \
                chaque jour et les organisations humanitaires demandent plus d'argent.",
        ),
        (
            "es",
            "La ministra de Asuntos Exteriores dijo el martes en Bruselas que el gobierno no reducirá \
                su apoyo al país. Según ella, todavía no hay acuerdo sobre las nuevas sanciones, pero las \
                conversaciones con los demás estados miembros continúan. La oposición también quiere una \
                decisión rápida, porque la situación en la frontera empeora cada día y las organizaciones \
                de ayuda piden más dinero.",
        ),
        (
            "it",
            "La ministra degli Esteri ha detto martedì a Bruxelles che il governo non ridurrà il suo \
                sostegno al paese. Secondo lei non c'è ancora un accordo sulle nuove sanzioni, ma i \
                colloqui con gli altri stati membri continuano. Anche l'opposizione vuole una decisione \
                rapida, perché la situazione al confine peggiora ogni giorno e le organizzazioni \
                umanitarie chiedono più soldi.",
        ),
    ];

    #[test]
    fn only_dutch_prose_skips_whatlang_and_it_agrees() {
        for (lang, text) in PROSE {
            assert_eq!(plainly_dutch(text), lang == "nl", "{lang}");
            let whatlang = detector(false).detect(text).map(|i| iso_639_1(i.lang()));
            assert_eq!(whatlang, Some(lang));
            assert_eq!(code(text).as_deref(), Some(lang));
        }
        // A Dutch article that quotes English stays Dutch; too few words go to whatlang.
        let (_, nl) = PROSE[0];
        let (_, en) = PROSE[1];
        let quoting = format!("{nl} Zij zei: \"{}\"", &en[..120]);
        assert!(plainly_dutch(&quoting));
        assert!(!plainly_dutch(
            "De minister van Buitenlandse Zaken zei dat het kabinet de steun niet vermindert."
        ));
    }

    #[test]
    fn nothing_to_identify() {
        assert_eq!(code(""), None);
        assert_eq!(code("12 34 !!"), None);
        let conf = identify_language(
            "Een lange Nederlandse zin over de regering en het parlement in Den Haag.",
        )
        .map(|l| l.confidence);
        assert!(conf.is_some_and(|c| (0.0..=1.0).contains(&c)));
    }
}
