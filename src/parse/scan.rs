//! Text helpers every step of the parser shares: counting words the same
//! way everywhere (Chinese and Japanese included), so that one step's "three
//! words" is another's.

use super::lines::is_cjk;

/// Words in `s`: the pieces between spaces, where a piece written in
/// Chinese or Japanese script counts a word for every two of its ideographs
/// or kana (those scripts put no spaces between words), plus one when it
/// also holds other letters or digits (`Tom很好` is a name and a word).
pub fn word_count(s: &str) -> usize {
    let b = s.as_bytes();
    // Paragraph text has its spaces folded to one, so the pieces are the
    // spaces plus one (less a space at either end). Counted in blocks small
    // enough for a byte counter, which the compiler vectorises (a plain
    // `filter().count()` goes byte by byte); a second fold notes whether any
    // byte could start a CJK character (U+3000 and up start with 0xE3 or
    // more in UTF-8).
    let (mut spaces, mut wide, mut doubled) = (0usize, 0u8, 0u8);
    let next = b.get(1..).unwrap_or_default();
    for (chunk, after) in b
        .chunks(255)
        .zip(next.chunks(255).chain(std::iter::repeat(&[][..])))
    {
        spaces += usize::from(chunk.iter().fold(0u8, |n, &c| n + u8::from(c == b' ')));
        wide |= chunk.iter().fold(0u8, |m, &c| m | u8::from(c >= 0xE3));
        doubled |= chunk
            .iter()
            .zip(after)
            .fold(0u8, |m, (&c, &d)| m | u8::from(c == b' ' && d == b' '));
    }
    if wide == 0 && doubled == 0 {
        let edges = usize::from(b.first() == Some(&b' ')) + usize::from(b.last() == Some(&b' '));
        // `" "` alone: one space at both ends, no piece.
        return (spaces + 1)
            .saturating_sub(edges)
            .min(b.len() - spaces.min(b.len()));
    }
    s.split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let cjk = w.chars().filter(|&c| is_cjk(c)).count();
            if cjk == 0 {
                1
            } else {
                let other = w.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
                cjk.div_ceil(2) + usize::from(other)
            }
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::word_count;

    #[test]
    fn words_are_counted_in_every_script() {
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("one"), 1);
        assert_eq!(word_count("one two three"), 3);
        assert_eq!(word_count("Привет, как дела?"), 3);
        // Seven ideographs and a full-width mark: about four words, not one.
        assert_eq!(word_count("你最近在忙什么？"), 4);
        assert_eq!(word_count("问答 x"), 2);
        assert!(word_count("我在写一本关于城市的书。") >= 3);
        // Mixed: a Latin name inside Chinese text.
        assert_eq!(word_count("我 Tom 很好"), 3);
        assert_eq!(word_count("  two  spaced  "), 2);
        assert_eq!(word_count("Tom很好"), 2);
    }
}
