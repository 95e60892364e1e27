//! Dependency trees from Frog's parser turned into UD Dutch trees, for
//! uptraining (Petrov et al. 2010): kroniek's fast parser learns from a slower
//! parser's analyses of news text, the domain its treebank lacks.
//!
//! Frog writes Alpino-style trees (the CoNLL-X conversion of the Alpino
//! treebank): prepositions head their object, auxiliaries and the copula
//! head the verb or predicate, complementisers and relative pronouns head
//! their clause, coordinators head the conjuncts. UD makes the content word
//! the head in every one of these, so each is turned around, bottom-up, and
//! the Alpino relations are mapped to UD ones by the part of speech of the
//! dependent and its new head. Arcs the conversion cannot vouch for
//! (punctuation, Frog's `None` relation, fragments with several roots, rare
//! relations) stay unknown: training neither rewards nor penalises them.

/// A converted sentence; `None` marks an arc or label left unknown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SilverTree {
    pub forms: Vec<String>,
    /// 0 is the root; 1-based otherwise.
    pub heads: Vec<Option<usize>>,
    pub labels: Vec<Option<&'static str>>,
}

/// Auxiliaries whose verbal complement UD makes the head (UD Dutch `aux`).
const AUXILIARIES: [&str; 7] = [
    "hebben", "zijn", "worden", "zullen", "kunnen", "moeten", "mogen",
];

/// Relations whose UD counterpart the conversion cannot tell.
const UNKNOWN_RELATIONS: [&str; 11] = [
    "None", "obcomp", "hdf", "crd", "cnj", "sat", "nucl", "tag", "dlink", "dp", "body",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Rel<'a> {
    Frog(&'a str),
    /// A non-first part of a multiword unit Frog joined with `_`.
    Part,
    /// Converted: the UD label is set.
    Done,
}

struct Node<'a> {
    form: &'a str,
    tag: &'a str,
    pos: &'a str,
    lemma: String,
    head: usize,
    rel: Rel<'a>,
    label: Option<&'static str>,
    known: bool,
}

impl Node<'_> {
    fn tag_has(&self, feature: &str) -> bool {
        self.tag
            .split(['(', ')', ','])
            .skip(1)
            .any(|f| f == feature)
    }
}

/// Reads Frog's tab-separated output (`frog -n --skip=tacn`: one token a
/// line, the head and relation in the last two columns, a blank line between
/// sentences) and converts every sentence whose tree is well formed.
pub fn read_frog_parses(text: &str) -> Vec<SilverTree> {
    let mut out = Vec::new();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !rows.is_empty() {
                out.extend(convert(&rows));
                rows.clear();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() >= 7 {
            rows.push(cols);
        }
    }
    out
}

/// Splits multiword units and builds the Alpino-style tree.
fn nodes<'a>(rows: &[Vec<&'a str>]) -> Option<Vec<Node<'a>>> {
    let mut first_part = vec![0usize; rows.len() + 1];
    let mut nodes: Vec<Node> = Vec::new();
    let mut frog_heads = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let id: usize = row[0].parse().ok()?;
        if id != i + 1 {
            return None;
        }
        let (form, lemma, tag) = (row[1], row[2], row[4]);
        let head = row[row.len() - 2].parse::<usize>().ok();
        let rel = row[row.len() - 1];
        let parts: Vec<&str> = form.split('_').filter(|p| !p.is_empty()).collect();
        let tags: Vec<&str> = tag.split('_').collect();
        let lemmas: Vec<&str> = lemma.split('_').collect();
        first_part[id] = nodes.len() + 1;
        for (k, part) in parts.iter().enumerate() {
            let tag = if tags.len() == parts.len() {
                tags[k]
            } else {
                tag
            };
            let lemma = if lemmas.len() == parts.len() {
                lemmas[k]
            } else {
                part
            };
            nodes.push(Node {
                form: part,
                tag,
                pos: tag.split('(').next().unwrap_or(tag),
                lemma: lemma.to_lowercase(),
                head: 0,
                rel: if k == 0 { Rel::Frog(rel) } else { Rel::Part },
                label: None,
                known: true,
            });
            frog_heads.push(if k == 0 { head } else { Some(usize::MAX) });
        }
    }
    let count = nodes.len();
    for (d, head) in frog_heads.into_iter().enumerate() {
        nodes[d].head = match head {
            // Parts of a unit hang from its first part.
            Some(usize::MAX) => (0..=d).rev().find(|&k| nodes[k].rel != Rel::Part)? + 1,
            Some(0) => 0,
            Some(h) if h <= rows.len() => first_part[h],
            _ => {
                nodes[d].known = false;
                0
            }
        };
        if nodes[d].head > count {
            return None;
        }
    }
    Some(nodes)
}

struct Tree<'a> {
    n: Vec<Node<'a>>,
}

impl<'a> Tree<'a> {
    /// 1-based access.
    fn at(&self, x: usize) -> &Node<'a> {
        &self.n[x - 1]
    }

    fn at_mut(&mut self, x: usize) -> &mut Node<'a> {
        &mut self.n[x - 1]
    }

    fn len(&self) -> usize {
        self.n.len()
    }

    fn children(&self, head: usize, rel: &str) -> Vec<usize> {
        (1..=self.len())
            .filter(|&d| self.at(d).head == head && self.at(d).rel == Rel::Frog(rel))
            .collect()
    }

    fn has_label(&self, head: usize, label: &str) -> bool {
        (1..=self.len()).any(|d| self.at(d).head == head && self.at(d).label == Some(label))
    }

    fn depth(&self, mut x: usize) -> usize {
        let mut depth = 0;
        while x != 0 && depth <= self.len() {
            x = self.at(x).head;
            depth += 1;
        }
        depth
    }

    /// `new` takes the place of `old` (its head and relation); `old` and its
    /// other dependents move under `new`.
    fn promote(&mut self, old: usize, new: usize, old_label: &'static str) {
        let (head, rel) = (self.at(old).head, self.at(old).rel);
        let node = self.at_mut(new);
        node.head = head;
        node.rel = rel;
        for d in 1..=self.len() {
            if d != new && self.at(d).head == old && self.at(d).rel != Rel::Part {
                self.at_mut(d).head = new;
            }
        }
        let node = self.at_mut(old);
        node.head = new;
        node.rel = Rel::Done;
        node.label = Some(old_label);
    }

    fn is_nominal(&self, x: usize) -> bool {
        x != 0 && matches!(self.at(x).pos, "N" | "SPEC" | "VNW" | "TW") && !self.has_label(x, "cop")
    }

    fn acyclic(&self) -> bool {
        (1..=self.len()).all(|d| self.depth(d) <= self.len())
    }
}

fn convert(rows: &[Vec<&str>]) -> Option<SilverTree> {
    let mut t = Tree { n: nodes(rows)? };
    if !t.acyclic() {
        return None;
    }
    label_unit_parts(&mut t);
    let mut relative_clauses = Vec::new();
    for _ in 0..5 {
        if !head_switch_pass(&mut t, &mut relative_clauses) {
            break;
        }
    }
    coordination(&mut t);
    for d in 1..=t.len() {
        if t.at(d).label.is_none() {
            let label = relation(&t, d, &relative_clauses);
            let node = t.at_mut(d);
            match label {
                Some(l) => node.label = Some(l),
                None => node.known = false,
            }
        }
        if t.at(d).label == Some("punct") {
            // Frog and UD attach punctuation by different conventions.
            t.at_mut(d).known = false;
        }
    }
    let roots: Vec<usize> = (1..=t.len()).filter(|&d| t.at(d).head == 0).collect();
    if roots.len() > 1 {
        for r in roots {
            t.at_mut(r).known = false;
        }
    }
    if !t.acyclic() {
        return None;
    }
    Some(SilverTree {
        forms: t.n.iter().map(|n| n.form.to_string()).collect(),
        heads: t.n.iter().map(|n| n.known.then_some(n.head)).collect(),
        labels: t
            .n
            .iter()
            .map(|n| n.known.then_some(n.label).flatten())
            .collect(),
    })
}

fn label_unit_parts(t: &mut Tree) {
    for d in 1..=t.len() {
        if t.at(d).rel != Rel::Part {
            continue;
        }
        let first = t.at(d).head;
        if t.at(first).pos == "SPEC" && t.at(d).pos == "SPEC" {
            t.at_mut(d).label = Some("flat");
        } else if t.at(d).pos == "LID" {
            // `aan_het NK`: the article belongs to the preposition's object.
            match t.children(first, "obj1").first() {
                Some(&object) => {
                    let node = t.at_mut(d);
                    node.head = object;
                    node.label = Some("det");
                }
                None => t.at_mut(d).known = false,
            }
        } else {
            t.at_mut(d).label = Some("fixed");
        }
        t.at_mut(d).rel = Rel::Done;
    }
}

/// One bottom-up pass over the function-word heads; true when one changed.
fn head_switch_pass(t: &mut Tree, relative_clauses: &mut Vec<usize>) -> bool {
    let mut order: Vec<usize> = (1..=t.len()).collect();
    order.sort_by_key(|&x| std::cmp::Reverse(t.depth(x)));
    let mut changed = false;
    for x in order {
        if t.at(x).rel == Rel::Done {
            continue;
        }
        if let Some(&body) = t.children(x, "body").first() {
            let node = t.at(x);
            let label = if node.pos == "VNW" && (node.tag_has("betr") || node.tag_has("vb")) {
                relative_clauses.push(body);
                let has_subject =
                    !t.children(x, "su").is_empty() || !t.children(body, "su").is_empty();
                if has_subject { "obj" } else { "nsubj" }
            } else if node.pos == "BW" {
                "advmod"
            } else {
                "mark"
            };
            t.promote(x, body, label);
            changed = true;
            continue;
        }
        let node = t.at(x);
        if node.pos == "VZ" {
            let object = t.children(x, "obj1").first().copied();
            let object = object.or_else(|| t.children(x, "pobj1").first().copied());
            if let Some(object) = object {
                t.promote(x, object, "case");
                changed = true;
                continue;
            }
        }
        if node.pos == "WW" {
            let verb = t.children(x, "vc").into_iter().find(|&c| {
                let c = t.at(c);
                c.pos == "WW" && (c.tag_has("inf") || c.tag_has("vd"))
            });
            if let (Some(verb), true) = (verb, AUXILIARIES.contains(&node.lemma.as_str())) {
                let passive = node.lemma == "worden" && t.at(verb).tag_has("vd");
                t.promote(x, verb, if passive { "aux:pass" } else { "aux" });
                changed = true;
                continue;
            }
            if node.lemma == "zijn"
                && let Some(&predicate) = t.children(x, "predc").first()
            {
                t.promote(x, predicate, "cop");
                changed = true;
            }
        }
    }
    changed
}

/// Frog: the coordinator heads the conjuncts. UD: the first conjunct heads
/// the others (`conj`), a coordinator or comma hangs from the next conjunct.
fn coordination(t: &mut Tree) {
    for x in 1..=t.len() {
        let conjuncts = t.children(x, "cnj");
        if conjuncts.is_empty() || t.at(x).rel == Rel::Done {
            continue;
        }
        let first = conjuncts[0];
        let (head, rel) = (t.at(x).head, t.at(x).rel);
        let node = t.at_mut(first);
        node.head = head;
        node.rel = rel;
        for &other in &conjuncts[1..] {
            let node = t.at_mut(other);
            node.head = first;
            node.label = Some("conj");
            node.rel = Rel::Done;
        }
        let next_after = |p: usize| conjuncts.iter().copied().find(|&c| c > p).unwrap_or(first);
        let node = t.at_mut(x);
        node.head = next_after(x);
        node.label = Some("cc");
        node.rel = Rel::Done;
        for d in 1..=t.len() {
            if t.at(d).head != x || conjuncts.contains(&d) {
                continue;
            }
            let label = match t.at(d).rel {
                Rel::Frog("crd") => Some("cc"),
                Rel::Frog("punct") => Some("punct"),
                _ => None,
            };
            let node = t.at_mut(d);
            match label {
                Some(l) => {
                    node.head = next_after(d);
                    node.label = Some(l);
                    node.rel = Rel::Done;
                }
                None => node.head = first,
            }
        }
    }
}

/// The UD relation of an arc that kept its Alpino relation.
fn relation(t: &Tree, d: usize, relative_clauses: &[usize]) -> Option<&'static str> {
    let node = t.at(d);
    let Rel::Frog(rel) = node.rel else {
        return Some("dep");
    };
    let head = node.head;
    let nominal_head = t.is_nominal(head);
    let prepositional = t.has_label(d, "case");
    let marked = t.has_label(d, "mark");
    let label = match rel {
        "ROOT" => "root",
        "punct" => "punct",
        r if UNKNOWN_RELATIONS.contains(&r) => return None,
        "su" if marked => "csubj",
        "su" if t.has_label(head, "aux:pass") => "nsubj:pass",
        "su" => "nsubj",
        "obj1" if prepositional && nominal_head => "nmod",
        "obj1" if prepositional => "obl",
        "obj1" if marked => "ccomp",
        "obj1" => "obj",
        "obj2" if prepositional => "obl",
        "obj2" => "iobj",
        "pc" if nominal_head => "nmod",
        "pc" => "obl:arg",
        "ld" if nominal_head => "nmod",
        "ld" | "me" => "obl",
        "det" if node.pos == "TW" => "nummod",
        "det" if node.pos == "VNW" && node.tag_has("bez") => "nmod:poss",
        "det" => "det",
        "app" => "appos",
        "svp" => "compound:prt",
        "se" => "expl:pv",
        "sup" => "expl",
        "vc" => {
            let mark = (1..=t.len())
                .find(|&k| t.at(k).head == d && t.at(k).label == Some("mark"))
                .map(|k| t.at(k).lemma.as_str());
            match mark {
                Some("te" | "om") => "xcomp",
                Some(_) => "ccomp",
                None if node.pos == "WW" => "xcomp",
                None => "ccomp",
            }
        }
        "predc" => "xcomp",
        "predm" if prepositional => "obl",
        "predm" if matches!(node.pos, "BW" | "ADJ") => "advmod",
        "predm" => "xcomp",
        "mod" => modifier(t, d, nominal_head, prepositional, marked, relative_clauses),
        _ => return None,
    };
    Some(label)
}

fn modifier(
    t: &Tree,
    d: usize,
    nominal_head: bool,
    prepositional: bool,
    marked: bool,
    relative_clauses: &[usize],
) -> &'static str {
    let node = t.at(d);
    let prenominal = node.tag_has("prenom");
    if prepositional {
        return if nominal_head { "nmod" } else { "obl" };
    }
    if marked || (node.pos == "WW" && !prenominal) {
        if !nominal_head {
            return "advcl";
        }
        let relative = relative_clauses.contains(&d)
            || (1..=t.len()).any(|k| {
                let k = t.at(k);
                k.head == d && k.pos == "VNW" && (k.tag_has("betr") || k.tag_has("vb"))
            });
        return if relative { "acl:relcl" } else { "acl" };
    }
    match node.pos {
        "ADJ" | "WW" if nominal_head => "amod",
        "ADJ" | "WW" => "advmod",
        "BW" if nominal_head => "amod",
        "BW" => "advmod",
        "TW" if nominal_head => "nummod",
        "TW" => "obl",
        "N" | "SPEC" if nominal_head => "nmod",
        "N" | "SPEC" => "obl",
        "VNW" if matches!(node.lemma.as_str(), "er" | "daar" | "hier" | "waar") => "advmod",
        "VNW" if nominal_head => "nmod",
        "VNW" => "obl",
        _ => "advmod",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: usize, form: &str, lemma: &str, tag: &str, head: usize, rel: &str) -> String {
        format!("{id}\t{form}\t{lemma}\t\t{tag}\t0.99\t\t\t\t\t{head}\t{rel}")
    }

    fn tree(rows: &[String]) -> SilverTree {
        let text = rows.join("\n");
        let mut trees = read_frog_parses(&text);
        assert_eq!(trees.len(), 1, "one sentence converts");
        trees.remove(0)
    }

    #[test]
    fn auxiliary_preposition_and_subject_follow_ud() {
        // "De minister heeft op het verzoek gereageerd ."
        let t = tree(&[
            row(1, "De", "de", "LID(bep,stan,rest)", 2, "det"),
            row(
                2,
                "minister",
                "minister",
                "N(soort,ev,basis,zijd,stan)",
                3,
                "su",
            ),
            row(3, "heeft", "hebben", "WW(pv,tgw,met-t)", 0, "ROOT"),
            row(4, "op", "op", "VZ(init)", 7, "pc"),
            row(5, "het", "het", "LID(bep,stan,evon)", 6, "det"),
            row(
                6,
                "verzoek",
                "verzoek",
                "N(soort,ev,basis,onz,stan)",
                4,
                "obj1",
            ),
            row(7, "gereageerd", "reageren", "WW(vd,vrij,zonder)", 3, "vc"),
            row(8, ".", ".", "LET()", 7, "punct"),
        ]);
        assert_eq!(t.heads[6], Some(0), "the participle is the root");
        assert_eq!(t.labels[6], Some("root"));
        assert_eq!((t.heads[2], t.labels[2]), (Some(7), Some("aux")));
        assert_eq!((t.heads[1], t.labels[1]), (Some(7), Some("nsubj")));
        assert_eq!((t.heads[3], t.labels[3]), (Some(6), Some("case")));
        assert_eq!((t.heads[5], t.labels[5]), (Some(7), Some("obl:arg")));
        assert_eq!(t.heads[7], None, "punctuation is left unknown");
    }

    #[test]
    fn passive_copula_and_complementiser() {
        // "Hij zei dat het plan werd afgewezen ."
        let t = tree(&[
            row(
                1,
                "Hij",
                "hij",
                "VNW(pers,pron,nomin,vol,3,ev,masc)",
                2,
                "su",
            ),
            row(2, "zei", "zeggen", "WW(pv,verl,ev)", 0, "ROOT"),
            row(3, "dat", "dat", "VG(onder)", 2, "vc"),
            row(4, "het", "het", "LID(bep,stan,evon)", 5, "det"),
            row(5, "plan", "plan", "N(soort,ev,basis,onz,stan)", 6, "su"),
            row(6, "werd", "worden", "WW(pv,verl,ev)", 3, "body"),
            row(7, "afgewezen", "afwijzen", "WW(vd,vrij,zonder)", 6, "vc"),
            row(8, ".", ".", "LET()", 2, "punct"),
        ]);
        assert_eq!((t.heads[6], t.labels[6]), (Some(2), Some("ccomp")));
        assert_eq!((t.heads[2], t.labels[2]), (Some(7), Some("mark")));
        assert_eq!((t.heads[5], t.labels[5]), (Some(7), Some("aux:pass")));
        assert_eq!((t.heads[4], t.labels[4]), (Some(7), Some("nsubj:pass")));
        // "Zij is premier ."
        let t = tree(&[
            row(
                1,
                "Zij",
                "zij",
                "VNW(pers,pron,nomin,vol,3,ev,fem)",
                2,
                "su",
            ),
            row(2, "is", "zijn", "WW(pv,tgw,ev)", 0, "ROOT"),
            row(
                3,
                "premier",
                "premier",
                "N(soort,ev,basis,zijd,stan)",
                2,
                "predc",
            ),
        ]);
        assert_eq!(t.heads[2], Some(0));
        assert_eq!((t.heads[1], t.labels[1]), (Some(3), Some("cop")));
        assert_eq!((t.heads[0], t.labels[0]), (Some(3), Some("nsubj")));
    }

    #[test]
    fn coordination_and_multiword_units() {
        // "Armenië en Azerbeidzjan tekenden in_de hoofdstad ."
        let t = tree(&[
            row(1, "Armenië", "Armenië", "SPEC(deeleigen)", 2, "cnj"),
            row(2, "en", "en", "VG(neven)", 4, "su"),
            row(
                3,
                "Azerbeidzjan",
                "Azerbeidzjan",
                "SPEC(deeleigen)",
                2,
                "cnj",
            ),
            row(4, "tekenden", "tekenen", "WW(pv,verl,mv)", 0, "ROOT"),
            row(5, "in_de", "in_de", "VZ(init)_LID(bep,stan,rest)", 4, "mod"),
            row(
                6,
                "hoofdstad",
                "hoofdstad",
                "N(soort,ev,basis,zijd,stan)",
                5,
                "obj1",
            ),
        ]);
        assert_eq!(t.forms.len(), 7, "the unit is split into its words");
        assert_eq!((t.heads[0], t.labels[0]), (Some(4), Some("nsubj")));
        assert_eq!((t.heads[2], t.labels[2]), (Some(1), Some("conj")));
        assert_eq!((t.heads[1], t.labels[1]), (Some(3), Some("cc")));
        assert_eq!((t.heads[4], t.labels[4]), (Some(7), Some("case")));
        assert_eq!((t.heads[5], t.labels[5]), (Some(7), Some("det")));
        assert_eq!((t.heads[6], t.labels[6]), (Some(4), Some("obl")));
    }

    #[test]
    fn malformed_input_is_skipped_not_a_panic() {
        assert!(read_frog_parses("1\tx\n\n2\ta\tb\tc\td\te\tf\n").is_empty());
        let cycle = [
            row(1, "a", "a", "N()", 2, "su"),
            row(2, "b", "b", "WW(pv)", 1, "vc"),
        ];
        assert!(read_frog_parses(&cycle.join("\n")).is_empty());
        let out_of_range = [row(1, "a", "a", "N()", 9, "su")];
        let t = read_frog_parses(&out_of_range.join("\n"));
        assert_eq!(t[0].heads, vec![None]);
    }
}
