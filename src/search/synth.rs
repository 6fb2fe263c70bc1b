//! A deterministic generator of large interview-like corpora, for the
//! search benchmarks (a million statements do not belong in the repository).
//!
//! Words follow a Zipf distribution over a vocabulary of common English
//! words of politics and security (the most frequent ranks) followed by
//! tens of thousands of invented syllable words; some are capitalised as
//! proper nouns. A small xorshift PRNG with a fixed seed makes every run
//! produce the same corpus, with no `rand` dependency.

use crate::model::{DocKind, Document, LineRange, Pair, Paragraph, Turn, TurnPart, TurnRole, Why};

/// The people of the synthetic corpus: who answers (one per document) and
/// who asks (by document and pair), named with the vocabulary's proper
/// nouns. Taken by position, not drawn: the statements stay those of the
/// seed whether or not anyone is named.
const ANSWERERS: usize = 50;
const ASKERS: usize = 400;

/// xorshift64*: tiny, fast, good enough for text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const COMMON: &str = "the of and to in that we is it for on with as this are be our by \
have not at from was will they which has their an or all but more there been its would \
these can also about one other so countries security what new should very country must \
cooperation organization states important state member president border military \
situation russia question years first work time region international collective \
afghanistan central asia today now only people forces issues treaty development \
government joint threats support must political interests terrorism decision meeting \
economic parliament parliamentary assembly secretary general summit tajik afghan \
kazakhstan kyrgyzstan armenia belarus uzbekistan moscow astana minister defense exercises \
program strengthen peacekeeping crisis response mechanism stability partners dialogue \
nato union europe sanctions influence drug trafficking extremism cyber information \
training rapid reaction headquarters commander staff mission mandate agreement protocol \
charter anniversary council foreign affairs ministers delegation initiative strategy \
conflict settlement negotiations humanitarian aid refugees migration economy trade \
energy transport corridor infrastructure investment challenge answer interview said \
think believe course indeed certainly however because therefore although whether \
example number percent year month week day history future past present world global \
regional national local public private military-political level capacity potential";

const CONSONANTS: &[&str] = &[
    "b", "d", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "ch", "kh", "st", "tr",
    "br", "gr",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ou", "ia"];
const CODAS: &[&str] = &["", "", "", "n", "r", "s", "t", "m", "v", "k"];

/// A vocabulary of `size` distinct lowercase words, most frequent first.
pub fn vocabulary(size: usize, rng: &mut Rng) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(size);
    for w in COMMON.split_whitespace() {
        if seen.insert(w.to_string()) {
            out.push(w.to_string());
        }
    }
    while out.len() < size {
        let syllables = 2 + rng.below(3);
        let mut w = String::new();
        for _ in 0..syllables {
            w.push_str(CONSONANTS[rng.below(CONSONANTS.len())]);
            w.push_str(VOWELS[rng.below(VOWELS.len())]);
        }
        w.push_str(CODAS[rng.below(CODAS.len())]);
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out.truncate(size);
    out
}

/// Samples word ranks with probability ∝ 1 / rank^1.05.
pub struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    pub fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|r| {
                total += 1.0 / (r as f64).powf(1.05);
                total
            })
            .collect();
        Zipf { cumulative }
    }
    pub fn sample(&self, rng: &mut Rng) -> usize {
        let u = rng.unit() * self.cumulative.last().copied().unwrap_or(0.0);
        self.cumulative
            .partition_point(|&c| c < u)
            .min(self.cumulative.len() - 1)
    }
}

/// Statements per generated document.
const PER_DOCUMENT: usize = 500;

/// About `statements` statements of interviews over a vocabulary of
/// `vocabulary` words, the same for the same seed.
pub fn corpus(statements: usize, vocabulary_size: usize, seed: u64) -> Vec<Document> {
    let mut rng = Rng::new(seed);
    let vocab = vocabulary(vocabulary_size, &mut rng);
    // Every 7th invented word is a proper noun.
    let shown: Vec<String> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 300 && i % 7 == 0 {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            } else {
                w.clone()
            }
        })
        .collect();
    let zipf = Zipf::new(vocab.len());
    let proper: Vec<&String> = shown
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let person = |k: usize| {
        let n = proper.len().max(1);
        format!(
            "{} {}",
            proper.get(k % n).map_or("Anon", |s| s.as_str()),
            proper
                .get((k * 31 + 7) % n)
                .map_or("Person", |s| s.as_str())
        )
    };
    let answerers: Vec<String> = (0..ANSWERERS).map(person).collect();
    let askers: Vec<String> = (0..ASKERS).map(|k| person(ANSWERERS + k)).collect();
    let mut docs = Vec::new();
    let mut made = 0;
    let mut line = 1;
    while made < statements {
        let mut doc = Document::empty(format!("synth/interview-{:05}.txt", docs.len()));
        doc.kind = DocKind::Interview;
        doc.title = Some(format!(
            "Interview {} on {}",
            docs.len() + 1,
            shown[zipf.sample(&mut rng)]
        ));
        let mut in_doc = 0;
        while in_doc < PER_DOCUMENT && made + in_doc < statements {
            let mut paragraph = |n: usize, question: bool, rng: &mut Rng| {
                let mut text = String::new();
                for k in 0..n {
                    if k > 0 {
                        text.push(' ');
                    }
                    sentence(&shown, &zipf, rng, question && k + 1 == n, &mut text);
                }
                line += 1;
                Paragraph::new(text, LineRange::single(line))
            };
            let q = 1 + rng.below(2);
            let question = vec![paragraph(q, true, &mut rng)];
            let mut answer = Vec::new();
            let mut a_total = 0;
            for _ in 0..1 + rng.below(3) {
                let n = 1 + rng.below(4);
                a_total += n;
                answer.push(paragraph(n, false, &mut rng));
            }
            in_doc += q + a_total;
            let n = doc.pairs.len();
            let asker = askers[(docs.len() * 7 + n) % ASKERS].clone();
            let answerer = answerers[docs.len() % ANSWERERS].clone();
            let first_turn = doc.turns.len();
            for (role, part, why, who, paras) in [
                (
                    TurnRole::Ask,
                    TurnPart::Question(n),
                    Why::AskerRole,
                    &asker,
                    question.len(),
                ),
                (
                    TurnRole::Answer,
                    TurnPart::Answer(n),
                    Why::Answers,
                    &answerer,
                    answer.len(),
                ),
            ] {
                doc.turns.push(Turn {
                    speaker: Some(who.as_str().into()),
                    role,
                    why,
                    line,
                    part,
                    paragraphs: 0..paras,
                });
            }
            doc.pairs.push(Pair {
                number: n + 1,
                lead: Vec::new(),
                question,
                answer,
                asker: Some(asker.into()),
                answerer: Some(answerer.into()),
                turns: first_turn..doc.turns.len(),
            });
        }
        made += in_doc;
        docs.push(doc);
    }
    docs
}

/// Appends one sentence of 6–24 words.
fn sentence(shown: &[String], zipf: &Zipf, rng: &mut Rng, question: bool, out: &mut String) {
    let n = 6 + rng.below(19);
    for i in 0..n {
        let w = &shown[zipf.sample(rng)];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
            if rng.below(12) == 0 {
                out.push(',');
            }
        }
    }
    if out.ends_with(',') {
        out.pop();
    }
    out.push(if question { '?' } else { '.' });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus() {
        let a = corpus(2_000, 5_000, 7);
        let b = corpus(2_000, 5_000, 7);
        assert_eq!(a.len(), b.len());
        assert_eq!(a[0].pairs[0].answer, b[0].pairs[0].answer);
        assert_eq!(vocabulary(1000, &mut Rng::new(1)).len(), 1000);
    }
}
