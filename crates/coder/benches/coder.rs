//! Coder throughput over a parsed, actor-linked document (hand-written parses,
//! so the figure measures the coder alone).

#[path = "../tests/common/conll.rs"]
mod conll;

use kroniek_coder::{Lexicon, cluster_stories, code};
use kroniek_model::Document;

const SENTENCES: &str = "
Frankrijk Frankrijk PROPN 6 nsubj M=FRA
, , PUNCT 3 punct
Duitsland Duitsland PROPN 1 conj M=DEU
en en CCONJ 5 cc
Italië Italië PROPN 1 conj M=ITA
riepen roepen VERB 0 root
Iran Iran PROPN 6 obj M=IRN
op op ADP 6 compound:prt
de de DET 10 det
gesprekken gesprek NOUN 12 obj
te te ADP 12 mark
hervatten hervatten VERB 6 xcomp
. . PUNCT 6 punct

Washington Washington PROPN 2 nsubj M=USA
zei zeggen VERB 0 root
dat dat SCONJ 7 mark
Moskou Moskou PROPN 7 nsubj M=RUS
Georgië Georgië PROPN 7 obj M=GEO
had hebben AUX 7 aux
aangevallen aanvallen VERB 2 ccomp
. . PUNCT 2 punct

Sinds sinds ADP 4 case
de de DET 4 det
Russische Russisch ADJ 4 amod M=RUS
annexatie annexatie NOUN 9 obl
van van ADP 7 case
de de DET 7 det
Krim Krim PROPN 4 nmod M=UKR
zijn zijn AUX 9 aux
bekoeld bekoelen VERB 0 root
. . PUNCT 9 punct

In in ADP 2 case
Bakoe Bakoe PROPN 3 obl M=AZE
wezen wijzen VERB 0 root
regeringsfunctionarissen regeringsfunctionaris NOUN 3 nsubj
de de DET 6 det
kritiek kritiek NOUN 3 obj
van van ADP 9 case
de de DET 9 det
Russen Rus PROPN 6 nmod M=RUS
af af ADP 3 compound:prt
. . PUNCT 3 punct

De de DET 3 det
regering regering NOUN 4 nsubj
zelf zelf ADV 2 advmod
sprak spreken VERB 0 root
er er ADV 4 advmod
niet niet ADV 4 advmod
over over ADP 5 compound:prt
. . PUNCT 4 punct
";

/// A 40-sentence article: the sample sentences repeated.
fn article() -> Document {
    let text: String = (0..8).map(|_| SENTENCES).collect::<Vec<_>>().join("\n");
    conll::parse("bench", &text)
}

fn main() {
    divan::main();
}

#[divan::bench]
fn code_article(bencher: divan::Bencher) {
    let doc = article();
    let lexicon = Lexicon::builtin().expect("lexicon");
    bencher.bench(|| code(divan::black_box(&doc), lexicon));
}

#[divan::bench]
fn parse_builtin_lexicon() -> usize {
    let files = [
        ("verbs.tsv", include_str!("../../../data/lexicon/verbs.tsv")),
        (
            "idioms.tsv",
            include_str!("../../../data/lexicon/idioms.tsv"),
        ),
        ("nouns.tsv", include_str!("../../../data/lexicon/nouns.tsv")),
        ("words.tsv", include_str!("../../../data/lexicon/words.tsv")),
    ];
    Lexicon::parse(divan::black_box(&files))
        .map(|l| l.len())
        .unwrap_or(0)
}

#[divan::bench]
fn cluster_1000_events(bencher: divan::Bencher) {
    let doc = article();
    let lexicon = Lexicon::builtin().expect("lexicon");
    let one = code(&doc, lexicon);
    let events: Vec<_> = (0..1000 / one.len().max(1) + 1)
        .flat_map(|i| {
            one.iter().cloned().map(move |mut e| {
                e.doc_id = format!("d{i}");
                e.event_id = format!("{}#{i}", e.event_id);
                e
            })
        })
        .take(1000)
        .collect();
    bencher.bench(|| cluster_stories(divan::black_box(&events)));
}
