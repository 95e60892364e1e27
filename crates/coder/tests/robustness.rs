//! The coder must end without panicking on any tree, however broken.

mod common;

use kroniek_coder::{Lexicon, cluster_stories, code};
use kroniek_model::{Document, Mention, MentionKind, Sentence, Span, Token};

const WORDS: [(&str, &str, &str); 16] = [
    ("Rusland", "Rusland", "PROPN"),
    ("viel", "vallen", "VERB"),
    ("aan", "aan", "ADP"),
    ("zich", "zich", "PRON"),
    ("niet", "niet", "ADV"),
    ("de", "de", "DET"),
    ("aanval", "aanval", "NOUN"),
    ("op", "op", "ADP"),
    ("heeft", "hebben", "AUX"),
    ("dat", "dat", "SCONJ"),
    ("en", "en", "CCONJ"),
    ("te", "te", "ADP"),
    ("steunen", "steunen", "VERB"),
    ("waar", "waar", "ADV"),
    (",", ",", "PUNCT"),
    ("moeten", "moeten", "AUX"),
];
const RELS: [&str; 14] = [
    "nsubj",
    "obj",
    "iobj",
    "obl",
    "nmod",
    "amod",
    "conj",
    "cc",
    "case",
    "mark",
    "aux",
    "xcomp",
    "acl:relcl",
    "flat",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn random_doc(rng: &mut Rng) -> Document {
    let mut doc = Document {
        id: "fuzz".into(),
        ..Default::default()
    };
    for s in 0..3 {
        let start_tok = doc.tokens.len();
        let start_byte = doc.text.len();
        let n = 1 + rng.next(14);
        for _ in 0..n {
            let (form, lemma, upos) = WORDS[rng.next(WORDS.len())];
            let begin = doc.text.len();
            doc.text.push_str(form);
            let span = Span::new(begin, doc.text.len());
            doc.text.push(' ');
            doc.tokens.push(Token {
                span,
                lemma: lemma.into(),
                upos: upos.into(),
                // Heads may point anywhere, also past the sentence or at the token itself.
                head: rng.next(n + 3) as u32,
                deprel: RELS[rng.next(RELS.len())].into(),
                feats: if rng.next(3) == 0 {
                    "VerbForm=Part".into()
                } else {
                    Default::default()
                },
                ..Default::default()
            });
            if rng.next(3) == 0 {
                let t = doc.tokens.len() as u32 - 1;
                doc.mentions.push(Mention {
                    span,
                    sentence: s,
                    token_start: t,
                    token_end: t + 1 + rng.next(2) as u32,
                    kind: MentionKind::Loc,
                    actor_id: None,
                    name: None,
                    code: Some(["RUS", "UKR", "TUR"][rng.next(3)].into()),
                    sector: None,
                    office: None,
                    rule: String::new(),
                    confidence: 1.0,
                });
            }
        }
        doc.sentences.push(Sentence {
            span: Span::new(start_byte, doc.text.len()),
            token_start: start_tok as u32,
            token_end: doc.tokens.len() as u32,
        });
    }
    doc
}

#[test]
fn random_trees_never_panic_or_hang() {
    let lexicon = Lexicon::builtin().expect("lexicon");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut all = Vec::new();
    for _ in 0..2000 {
        let doc = random_doc(&mut rng);
        all.extend(code(&doc, lexicon));
    }
    let _ = cluster_stories(&all);
}

#[test]
fn empty_and_unannotated_documents_give_nothing() {
    let lexicon = Lexicon::builtin().expect("lexicon");
    assert!(code(&Document::default(), lexicon).is_empty());
    let doc = common::conll::parse("t", "Rusland Rusland PROPN 0 root\n");
    assert!(code(&doc, lexicon).is_empty());
}
