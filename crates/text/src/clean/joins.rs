//! Decides, for each line break between two body lines, whether the text
//! runs on (a wrapped line, a word hyphenated across the break) or a new
//! paragraph starts (after a title, a subhead, the end of a paragraph).
//!
//! Extraction output has blank lines both between paragraphs and between
//! the wrapped lines of one paragraph, so blank lines alone decide little;
//! the words on both sides of the break and the line's length do.

use super::lines::Line;
use crate::chars::{is_closing_quote, is_opening_quote, is_space, is_terminal};
use crate::lexicon::{is_abbreviation, is_capitalised_opener, is_function_word, is_never_final};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Same paragraph: one space.
    Space,
    /// New paragraph.
    Paragraph,
    /// A word broken at a hyphen: drop the hyphen and join (`oplos-`/`sing`).
    DropHyphen,
    /// A hyphenated word broken at its hyphen: keep it and join (`Nagorno-`/`Karabach`).
    KeepHyphen,
    /// A word broken at a soft hyphen, which the trimmed line no longer shows.
    Join,
}

/// A line shorter than this share of the usual line width cannot be a
/// wrapped line: it ends a paragraph, or it is a title or a subhead.
const SHORT_LINE: f32 = 0.6;
/// Below this share a line followed by a capitalised sentence opener is a
/// title or subhead rather than a wrapped line.
const OPENER_SHORT_LINE: f32 = 0.75;
/// Titles are at most this long; longer first paragraphs are body text.
const MAX_TITLE_BYTES: usize = 200;
/// Prefixes that keep their hyphen before a lowercase word (`ex-minister`).
const HYPHEN_PREFIXES: &[&str] = &["ex", "oud", "niet", "vice", "non"];

/// One decision per pair of consecutive lines (`lines.len() - 1` of them).
pub(crate) fn decide_all(raw: &str, lines: &[Line]) -> Vec<Gap> {
    let width = usual_width(lines);
    let mut gaps = Vec::with_capacity(lines.len().saturating_sub(1));
    let mut in_title_zone = true;
    let mut paragraph_len = 0usize;
    for pair in lines.windows(2) {
        let (prev, next) = (pair[0].text(raw), pair[1].text(raw));
        paragraph_len += prev.len();
        let title_zone = in_title_zone && paragraph_len <= MAX_TITLE_BYTES && !ends_sentence(prev);
        let soft_hyphen_after = raw[pair[0].end..].starts_with('\u{ad}');
        let gap = decide(
            prev,
            next,
            pair[1].gap_lines,
            width,
            title_zone,
            soft_hyphen_after,
        );
        if gap == Gap::Paragraph {
            in_title_zone = false;
            paragraph_len = 0;
        }
        if ends_sentence(prev) {
            in_title_zone = false;
        }
        gaps.push(gap);
    }
    isolate_subheads(raw, lines, &mut gaps, width);
    gaps
}

/// The width that wrapped lines reach: the 80th percentile of line lengths.
fn usual_width(lines: &[Line]) -> usize {
    let mut lengths: Vec<usize> = lines.iter().map(|l| l.end - l.start).collect();
    if lengths.is_empty() {
        return 0;
    }
    let k = (lengths.len() * 4 / 5).min(lengths.len() - 1);
    let (_, nth, _) = lengths.select_nth_unstable(k);
    *nth
}

fn is_short(line: &str, width: usize, share: f32) -> bool {
    (line.len() as f32) < share * width as f32
}

fn decide(
    prev: &str,
    next: &str,
    blank_lines: u32,
    width: usize,
    title_zone: bool,
    soft_hyphen: bool,
) -> Gap {
    let prev_word = last_word(prev);
    let next_word = first_word(next);
    let opener_word = next_word.trim_start_matches(is_opening_quote);
    let next_opens_sentence = || is_capitalised_opener(opener_word);
    // A headline may end in an auxiliary, a pronoun or a verb particle
    // (`Leger valt enclave binnen`); in running text those words continue.
    let runs_on = || {
        prev.ends_with([',', ';', '(', '/', '&', '–', '—'])
            || prev
                .strip_suffix('-')
                .is_some_and(|p| p.ends_with(is_space))
            || (prev.ends_with('.') && !ends_sentence(prev))
            || is_never_final(prev_word)
            || (is_function_word(prev_word) && !title_zone && !next_opens_sentence())
    };
    if is_list_item(next) || next.starts_with('*') {
        return if runs_on() {
            Gap::Space
        } else {
            Gap::Paragraph
        };
    }
    if soft_hyphen {
        return Gap::Join;
    }
    if let Some(stem) = prev_word.strip_suffix('-')
        && stem.ends_with(char::is_alphanumeric)
    {
        return hyphen_join(stem, next);
    }
    let next_first = next.chars().next().unwrap_or(' ');
    if next_first.is_lowercase() {
        return Gap::Space;
    }
    if ends_sentence(prev) {
        return if blank_lines > 0 {
            Gap::Paragraph
        } else {
            Gap::Space
        };
    }
    if runs_on() || prev.ends_with(':') {
        return Gap::Space;
    }
    if next_opens_sentence() {
        return if title_zone || is_short(prev, width, OPENER_SHORT_LINE) {
            Gap::Paragraph
        } else {
            Gap::Space
        };
    }
    // A headline is rarely as wide as the wrapped lines of the body, but
    // may be wider than a subhead.
    let share = if title_zone {
        OPENER_SHORT_LINE
    } else {
        SHORT_LINE
    };
    if is_short(prev, width, share) {
        Gap::Paragraph
    } else {
        Gap::Space
    }
}

/// `prev` ended in `stem-`; join it with the first word of `next`.
fn hyphen_join(stem: &str, next: &str) -> Gap {
    let next_word = first_word(next).trim_end_matches(|c: char| !c.is_alphanumeric());
    if matches!(
        next_word,
        "en" | "of" | "tot" | "noch" | "and" | "or" | "en/of"
    ) {
        return Gap::Space; // `olie- en gasleidingen`
    }
    let Some(next_first) = next_word.chars().next() else {
        return Gap::KeepHyphen;
    };
    if !next_first.is_lowercase() || next_word.contains('-') {
        return Gap::KeepHyphen;
    }
    let stem_part = stem.rsplit('-').next().unwrap_or(stem);
    let acronym = stem_part.chars().count() >= 2
        && stem_part
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit());
    let prefix = HYPHEN_PREFIXES.iter().any(|p| stem.eq_ignore_ascii_case(p));
    let last = stem.chars().last().unwrap_or(' ');
    if acronym || prefix || last.is_ascii_digit() || vowels_collide(last, next_first) {
        Gap::KeepHyphen
    } else {
        Gap::DropHyphen
    }
}

/// Dutch keeps the hyphen where joined vowels would read as one sound
/// (`zee-egel`, `auto-ongeluk`, `anti-inflatie`).
fn vowels_collide(left: char, right: char) -> bool {
    let pair = [left.to_ascii_lowercase(), right.to_ascii_lowercase()];
    matches!(
        pair,
        ['a', 'a' | 'e' | 'i' | 'u']
            | ['e', 'e' | 'i' | 'u']
            | ['i', 'e' | 'i']
            | ['o', 'o' | 'e' | 'i' | 'u']
            | ['u', 'i' | 'u']
    )
}

/// Whether `line` ends with sentence-final punctuation, possibly inside
/// closing quotes, and not with an abbreviation or an initial.
pub(crate) fn ends_sentence(line: &str) -> bool {
    let body = line.trim_end_matches(|c: char| is_closing_quote(c) || c == '\'' || c == '"');
    let Some(last) = body.chars().last() else {
        return false;
    };
    if !is_terminal(last) {
        return false;
    }
    if last == '.' {
        let word = last_word(body).trim_start_matches(|c: char| !c.is_alphanumeric());
        let stem = &word[..word.len().saturating_sub(1)];
        let initial = stem.chars().count() == 1 && stem.chars().all(char::is_uppercase);
        if initial
            || is_abbreviation(stem)
            || (stem.contains('.') && stem.split('.').all(|s| s.chars().count() <= 2))
        {
            return false;
        }
    }
    true
}

/// `1. `, `12) `, `a) `, `• `: the start of a numbered or bulleted item.
pub(crate) fn is_list_item(line: &str) -> bool {
    if line.starts_with(['•', '·', '▪', '◦', '►']) {
        return true;
    }
    let b = line.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let marker_len = if (1..=2).contains(&digits) {
        digits
    } else if b.first().is_some_and(u8::is_ascii_lowercase) && b.get(1) == Some(&b')') {
        1
    } else {
        return false;
    };
    matches!(b.get(marker_len), Some(b'.' | b')')) && line[marker_len + 1..].starts_with(is_space)
}

pub(crate) fn last_word(line: &str) -> &str {
    line.rsplit(char::is_whitespace).next().unwrap_or("")
}

pub(crate) fn first_word(line: &str) -> &str {
    line.split(char::is_whitespace).next().unwrap_or("")
}

/// A short line without final punctuation that ends up alone before a new
/// paragraph is a subhead: give it a paragraph of its own on both sides.
fn isolate_subheads(raw: &str, lines: &[Line], gaps: &mut [Gap], width: usize) {
    for i in 1..lines.len().saturating_sub(1) {
        let line = lines[i].text(raw);
        let subhead = gaps[i] == Gap::Paragraph
            && gaps[i - 1] == Gap::Space
            && !ends_sentence(line)
            && is_short(line, width, SHORT_LINE)
            && ends_sentence(lines[i - 1].text(raw));
        if subhead {
            gaps[i - 1] = Gap::Paragraph;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(prev: &str, next: &str, blank: u32) -> Gap {
        decide(prev, next, blank, 80, false, false)
    }

    #[test]
    fn wrapped_sentences_run_on() {
        assert_eq!(
            gap(
                "De kritiek op de minister groeit snel, zeker in",
                "Brussel en Parijs.",
                1
            ),
            Gap::Space
        );
        assert_eq!(
            gap(
                "Volgens de krant heeft het kabinet de beslissing genomen",
                "zonder overleg.",
                1
            ),
            Gap::Space
        );
        assert_eq!(
            gap(
                "De gesprekken tussen de Europese Commissie en de Verenigde",
                "Staten liepen vast.",
                1
            ),
            Gap::Space
        );
    }

    #[test]
    fn headlines_ending_in_a_particle_or_auxiliary() {
        assert_eq!(
            decide(
                "Spanning tussen de buurlanden loopt op",
                "De regering ...",
                0,
                80,
                true,
                false
            ),
            Gap::Paragraph
        );
        assert_eq!(
            decide(
                "Wat de premier nu nog wil",
                "Hij zei dat ...",
                1,
                80,
                false,
                false
            ),
            Gap::Paragraph
        );
        assert_eq!(
            gap(
                "De vredesmacht greep volgens de regering van Armenië niet in",
                "Het leger ...",
                1
            ),
            Gap::Space
        );
        assert_eq!(
            gap("De spanning tussen Jerevan en", "Moskou loopt op.", 1),
            Gap::Space
        );
    }

    #[test]
    fn short_lines_before_openers_are_titles() {
        assert_eq!(
            gap("Onrust in de haven", "De stakers eisen meer loon.", 1),
            Gap::Paragraph
        );
        assert_eq!(
            gap("Stakingen", "Vakbonden dreigen met acties.", 1),
            Gap::Paragraph
        );
        assert_eq!(
            decide(
                "Stakers leggen haven van Antwerpen plat na mislukt overleg met",
                "Werkgevers ...",
                0,
                60,
                true,
                false
            ),
            Gap::Space
        );
        assert_eq!(
            decide(
                "Vakbond en werkgevers botsen over pensioen",
                "De onderhandelingen liepen vast.",
                0,
                40,
                true,
                false
            ),
            Gap::Paragraph
        );
    }

    #[test]
    fn sentence_ends_and_blank_lines_make_paragraphs() {
        assert_eq!(
            gap(
                "Dat bleek maandag uit een rondgang langs de partijen.",
                "Ook de oppositie was kritisch.",
                1
            ),
            Gap::Paragraph
        );
        assert_eq!(
            gap(
                "Dat bleek maandag uit een rondgang langs de partijen.",
                "Ook de oppositie was kritisch.",
                0
            ),
            Gap::Space
        );
        assert_eq!(
            gap(
                "Ze vertrok met o.a.",
                "Jansen naar de top van de Europese leiders in Brussel.",
                1
            ),
            Gap::Space
        );
        assert_eq!(
            gap(
                "Wat wilde hij precies?",
                "2. Welke stappen zet de regering nu?",
                0
            ),
            Gap::Paragraph
        );
        assert_eq!(
            gap(
                "Het akkoord werd getekend.",
                "*Zie de bijlage bij dit verslag.",
                1
            ),
            Gap::Paragraph
        );
    }

    #[test]
    fn hyphens_across_lines() {
        assert_eq!(
            gap("De partijen kwamen een wapen-", "stilstand overeen.", 0),
            Gap::DropHyphen
        );
        assert_eq!(
            gap("De partijen eisten een staakt-", "het-vuren.", 0),
            Gap::KeepHyphen
        );
        assert_eq!(
            gap("De strijd om Nagorno-", "Karabach duurt voort.", 0),
            Gap::KeepHyphen
        );
        assert_eq!(gap("De NAVO-", "top begint.", 0), Gap::KeepHyphen);
        assert_eq!(gap("De olie-", "en gasprijzen stegen.", 0), Gap::Space);
        assert_eq!(
            gap("Bij een zware auto-", "ongeluk vielen doden.", 0),
            Gap::KeepHyphen
        );
        assert_eq!(gap("Hij sprak met de ex-", "minister.", 0), Gap::KeepHyphen);
        assert_eq!(gap("Rusland -", "dat de regio domineert.", 0), Gap::Space);
    }

    #[test]
    fn end_of_sentence_detection() {
        assert!(ends_sentence("Hij zei ‘nee’."));
        assert!(ends_sentence("Was het ‘een fout?’"));
        assert!(!ends_sentence("Het volk in verdrukking’"));
        assert!(!ends_sentence("met J."));
        assert!(!ends_sentence("volgens dhr."));
        assert!(!ends_sentence("d.w.z."));
        assert!(ends_sentence("in 1991."));
    }

    #[test]
    fn list_items() {
        assert!(is_list_item("1. Wat is er gebeurd?"));
        assert!(is_list_item("12) Antwoord"));
        assert!(!is_list_item("1921 was een jaar"));
        assert!(!is_list_item("3.5 procent"));
        assert!(is_list_item("• Rusland stuurt troepen"));
    }
}
