//! The gazetteer: every known entity name and alias, found in a text in one
//! pass (a trie of names over words, walked from each word that starts one;
//! see [`Gazetteer`]).
//!
//! Normalising: the text is cut into words (maximal runs of letters and digits),
//! each word lowercased, its diacritics folded ([`crate::fold`]) and keyed
//! by the spelling-variant rules ([`crate::variants::word_variant`]:
//! Aleksandr → alexander, Zelenskyy → zelenski, Kiev → kyiv, …); words are joined by one space, or by " | " where
//! punctuation stood between them, so that a name never matches across a
//! sentence or a comma. Names are normalised the same way. A name written
//! in capitals only (an acronym such as `US`, `NATO`) matches only where the
//! text has it in capitals, so that "us" is not the United States.

use crate::fold::fold_word_into;

use crate::variants::{may_vary, rewrite_into, word_variant};

/// One name to look for.
#[derive(Debug, Clone)]
pub struct Name {
    pub entity: i64,
    pub text: String,
}

/// A mention of an entity in a text; offsets in chars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub entity: i64,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The first and last bytes of the words whose variant key may be one of
/// `keys` (see [`Gazetteer::vary`]): the rules turn a first `q` or `g` into
/// `k`, `t` into `c` ("tch"), `p` into `f`, `k` into `x` ("ks"), `i` or `y`
/// into `y` or `e`, `u` into `o`, and a last `y` or `j` into `i`, `h` into
/// `d` or `f` ("dh", "ph"); other first and last letters stay.
fn vary_filter<'a>(keys: impl Iterator<Item = &'a str>) -> Box<[u64]> {
    let mut f = vec![0u64; 1024].into_boxed_slice();
    for k in keys {
        let (Some(&first), Some(&last)) = (k.as_bytes().first(), k.as_bytes().last()) else {
            continue;
        };
        let firsts: &[u8] = match first {
            b'k' => b"kqg",
            b'c' => b"ct",
            b'f' => b"fp",
            b'x' => b"xk",
            b'y' => b"yi",
            b'e' => b"ey",
            b'o' => b"ou",
            _ => std::slice::from_ref(&first),
        };
        let lasts: &[u8] = match last {
            b'i' => b"iyj",
            b'd' => b"dh",
            b'f' => b"fh",
            _ => std::slice::from_ref(&last),
        };
        for &a in firsts {
            for &z in lasts {
                let bit = usize::from(a) << 8 | usize::from(z);
                f[bit >> 6] |= 1u64 << (bit & 63);
            }
        }
    }
    f
}

/// Normalises a text (see the module's documentation).
///
/// Words are maximal runs of alphanumeric chars. An ASCII word is
/// lowercased here directly; a word with other letters goes through
/// [`crate::fold`], so the result is the same as folding the text word by
/// word (`normalise_matches_the_reference` checks it), only faster.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut last_to: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // The next word's start.
        let b = bytes[i];
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            if !c.is_alphanumeric() {
                i += c.len_utf8();
                continue;
            }
        }
        let from = i;
        let mut ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or(' ');
                if !c.is_alphanumeric() {
                    break;
                }
                ascii = false;
                i += c.len_utf8();
            }
        }
        let to = i;
        if let Some(prev) = last_to {
            let gap = &bytes[prev..from];
            let joined = if gap.is_ascii() {
                gap.iter()
                    .all(|&b| b.is_ascii_whitespace() || b == b'-' || b == 0x0b)
            } else {
                text[prev..from]
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-' || c == '\u{2010}')
            };
            out.push_str(if joined { " " } else { " | " });
        }
        word.clear();
        if ascii {
            word.extend(
                bytes[from..to]
                    .iter()
                    .map(|b| b.to_ascii_lowercase() as char),
            );
        } else {
            fold_word_into(&text[from..to], &mut word);
        }
        out.push_str(&word_variant(&word));
        last_to = Some(to);
    }
    out
}

/// Normalises a name: its words, as they would appear in a normalised text.
pub fn normalise_name(name: &str) -> String {
    normalise(name)
}

/// Whether a name is an acronym, matched case-sensitively: 2–6 letters, all capitals.
pub fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len())
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
}

/// Below this much text a second thread costs more than it saves.
const PARALLEL_MIN_BYTES: usize = 256 << 10;

/// Reserved word ids: a word no name has, and the " | " between two words
/// that punctuation separates.
const OTHER: u32 = 0;
const SEP: u32 = 1;
/// "No node" in the trie, and "no pattern" at a node.
const NONE: u32 = u32::MAX;
/// A trie step to a node with no children, where a name ends: the bit, and
/// the name's pattern in the others (no node is looked up).
const LEAF: u32 = 1 << 31;
/// A trie step to a node where a name ends and longer ones go on: the bit,
/// and the node in the others; a step to a node where no name ends is the
/// node alone, so the walk reads a node's pattern only where it has one.
const ENDS: u32 = 1 << 30;

/// What a byte of a text is to the word scanner.
const GAP_JOIN: u8 = 0;
const GAP_SEP: u8 = 1;
const ALNUM: u8 = 2;
const HIGH: u8 = 3;

/// Classes of the 256 bytes: ASCII letters and digits make words; ASCII
/// whitespace (vertical tab included) and `-` join two words; any other ASCII
/// byte separates them; a byte of 0x80 or more starts (or continues) a char
/// that is looked at whole.
static CLASS: [u8; 256] = {
    let mut c = [GAP_SEP; 256];
    let mut b = 0;
    while b < 256 {
        let x = b as u8;
        c[b] = if x >= 0x80 {
            HIGH
        } else if x.is_ascii_alphanumeric() {
            ALNUM
        } else if x.is_ascii_whitespace() || x == b'-' || x == 0x0b {
            GAP_JOIN
        } else {
            GAP_SEP
        };
        b += 1;
    }
    c
};

const LOWER: u64 = 0x2020_2020_2020_2020;
const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

/// `n` (1–8) bytes of `bytes` from `at`, little-endian, each ORed with
/// `or`'s byte, the rest zero. Reads 8 bytes in place where the slice has
/// them (no copy, no branch on `n`).
#[inline(always)]
fn chunk(bytes: &[u8], at: usize, n: usize, or: u64) -> u64 {
    let raw = match bytes.get(at..at + 8) {
        Some(w) => {
            let mut a = [0u8; 8];
            a.copy_from_slice(w);
            u64::from_le_bytes(a)
        }
        None => bytes[at..at + n]
            .iter()
            .enumerate()
            .fold(0, |v, (k, &b)| v | u64::from(b) << (8 * k)),
    };
    (raw | or) & (u64::MAX >> (8 * (8 - n)))
}

/// A word's key in the dictionary. A word of up to 8 bytes is its own key
/// (its bytes, little-endian; no byte of a word is zero, so the length is in
/// the key too); a longer word's key is a hash with the low byte zero, so it
/// is never a short word's key and is checked against the word's spelling.
/// With `lower`, each byte is ORed with 0x20 first: that lowercases an ASCII
/// letter and leaves a digit (and a lowercase word) as it is, so a text's
/// ASCII word is keyed in place, without a copy.
#[inline(always)]
fn key(bytes: &[u8], from: usize, to: usize, lower: bool) -> u64 {
    let len = to - from;
    let or = if lower { LOWER } else { 0 };
    if len <= 8 {
        return chunk(bytes, from, len, or);
    }
    long_key(bytes, from, to, or)
}

/// [`key`] of a word of more than 8 bytes: out of line, so that the loops
/// that key short words keep their values in registers.
#[inline(never)]
fn long_key(bytes: &[u8], from: usize, to: usize, or: u64) -> u64 {
    let len = to - from;
    let mut h = (len as u64).wrapping_mul(MUL);
    let mut at = from;
    while at < to {
        let n = (to - at).min(8);
        h = (h.rotate_left(23) ^ chunk(bytes, at, n, or)).wrapping_mul(MUL);
        at += n;
    }
    // (Never 0, an empty slot's key.)
    ((h ^ (h >> 29)) & !0xff).max(0x100)
}

fn is_long(key: u64) -> bool {
    key & 0xff == 0
}

/// What the dictionary knows of a word: its id and the trie node of the
/// names that start with it, packed as `stands << 63 | id << 32 | !root` so
/// that a word no name has (id [`OTHER`], root [`NONE`]) is 0, what masks
/// leave of a slot that does not match. `stands`
/// ([`Dictionary::mark_standing`]): the spelling is its own variant key (the
/// rules leave it be, or key it to this same entry), so a word of the text
/// found as it is needs no keying by the rules.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
struct Entry(u64);

impl Entry {
    const ABSENT: Entry = Entry(0);
    const STANDS: u64 = 1 << 63;

    fn new(id: u32, root: u32) -> Entry {
        debug_assert!(id < 1 << 31, "the top bit is the STANDS flag's");
        Entry(u64::from(id) << 32 | u64::from(!root))
    }

    #[inline(always)]
    fn id(self) -> u32 {
        (self.0 >> 32) as u32 & !(1 << 31)
    }

    /// Whether a word found with this entry skips the variant rules.
    #[inline(always)]
    fn stands(self) -> bool {
        self.0 & Entry::STANDS != 0
    }

    #[inline(always)]
    fn root(self) -> u32 {
        !(self.0 as u32)
    }
}

/// A slot of the dictionary: a word's key and its entry. Key 0 marks an
/// empty slot (no word's key is 0).
#[derive(Clone, Copy, Default)]
struct Slot {
    key: u64,
    entry: Entry,
}

/// Four slots: one cache line.
#[derive(Clone, Copy, Default)]
#[repr(align(64))]
struct Bucket([Slot; 4]);

/// The words of the names, and the one-word exonyms that stand for one of
/// them: a hash table of 64-byte buckets of four
/// 16-byte slots, at most about a third full, so that a word of the text is
/// looked up in one cache line, with no branch on what is found (a full
/// bucket spills into the next one).
struct Dictionary {
    buckets: Vec<Bucket>,
    shift: u32,
    mask: usize,
    /// For a long word's slot (bucket * 4 + slot): its spelling in `arena`,
    /// to rule out a hash collision.
    spelling: Vec<(u32, u32)>,
    arena: Vec<u8>,
}

impl Dictionary {
    /// `spellings`: (normalised spelling, word id, root node).
    fn new(spellings: &[(&str, u32, u32)]) -> Dictionary {
        let size = (spellings.len() * 3 / 4).max(2).next_power_of_two();
        let mut d = Dictionary {
            buckets: vec![Bucket::default(); size],
            shift: 64 - size.trailing_zeros(),
            mask: size - 1,
            spelling: vec![(0, 0); size * 4],
            arena: Vec::new(),
        };
        for &(text, id, root) in spellings {
            let k = key(text.as_bytes(), 0, text.len(), false);
            let mut i = d.home(k);
            let j = loop {
                if let Some(j) = d.buckets[i].0.iter().position(|s| s.key == 0) {
                    break j;
                }
                i = (i + 1) & d.mask;
            };
            d.buckets[i].0[j] = Slot {
                key: k,
                entry: Entry::new(id, root),
            };
            if is_long(k) {
                let start = d.arena.len() as u32;
                d.arena.extend_from_slice(text.as_bytes());
                d.spelling[i * 4 + j] = (start, d.arena.len() as u32);
            }
        }
        d
    }

    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        // (The top bits of the product: below the table's size.)
        (key.wrapping_mul(MUL) >> self.shift) as usize
    }

    /// The entry of the word `bytes[from..to]`, compared lowercased
    /// (`lower`) or exactly; [`Entry::ABSENT`] if no name has the word.
    #[inline(always)]
    fn get(&self, bytes: &[u8], from: usize, to: usize, lower: bool) -> Entry {
        self.get_key(key(bytes, from, to, lower), bytes, from, to, lower)
    }

    /// [`Dictionary::get`] of the word whose key is `k`.
    #[inline(always)]
    fn get_key(&self, k: u64, bytes: &[u8], from: usize, to: usize, lower: bool) -> Entry {
        // (Never empty: with the mask from the length, no bounds check.)
        if self.buckets.is_empty() {
            return Entry::ABSENT;
        }
        let mask = self.buckets.len() - 1;
        let mut i = self.home(k);
        loop {
            let b = &self.buckets[i & mask].0;
            // The entry of the slot with the key, the others masked out (keys
            // in a table are distinct, and never 0, an empty slot's): no
            // branch on which slot, or whether any, has it.
            let pick = |s: &Slot| std::hint::select_unpredictable(s.key == k, s.entry.0, 0);
            let found = Entry(pick(&b[0]) | pick(&b[1]) | pick(&b[2]) | pick(&b[3]));
            // Found, or not and not to be found: a bucket that is not full
            // holds every word that hashes to it (a full one may have
            // spilled into the next). Nearly always so: one branch that
            // predicts, none on whether the word was found.
            let here = found != Entry::ABSENT;
            if here | (b[3].key == 0) {
                if is_long(k) & here {
                    return self.spelled(i, k, &bytes[from..to], lower);
                }
                return found;
            }
            i = (i + 1) & mask;
        }
    }

    /// Marks the entry of the spelling `word` (a word the dictionary has) as
    /// one that stands ([`Entry::stands`]).
    fn mark_standing(&mut self, word: &[u8]) {
        let k = key(word, 0, word.len(), false);
        if self.get_key(k, word, 0, word.len(), false) == Entry::ABSENT {
            return;
        }
        let mut i = self.home(k);
        loop {
            if let Some(slot) = self.buckets[i].0.iter_mut().find(|s| s.key == k) {
                slot.entry.0 |= Entry::STANDS;
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The entry of the long word `word`, found with key `k` in bucket `i`,
    /// if the word is spelled as the one with that key (not a collision).
    #[cold]
    fn spelled(&self, i: usize, k: u64, word: &[u8], lower: bool) -> Entry {
        let Some(j) = self.buckets[i].0.iter().position(|s| s.key == k) else {
            return Entry::ABSENT;
        };
        let (s, e) = self.spelling[i * 4 + j];
        let known = &self.arena[s as usize..e as usize];
        let same = known.len() == word.len()
            && known
                .iter()
                .zip(word)
                .all(|(k, b)| *k == if lower { b | 0x20 } else { *b });
        if same {
            self.buckets[i].0[j].entry
        } else {
            Entry::ABSENT
        }
    }
}

/// Which of a bucket's four keys is `key`: bit i for key i, no branch.
#[inline(always)]
fn hits4(keys: [u64; 4], key: u64) -> u32 {
    u32::from(keys[0] == key)
        | u32::from(keys[1] == key) << 1
        | u32::from(keys[2] == key) << 2
        | u32::from(keys[3] == key) << 3
}

/// The trie's edges below the first word: (node << 32 | word id + 1) →
/// the next node; buckets of four (key, value) pairs, one cache line, like
/// the [`Dictionary`]'s; grown as names are added. Key 0 is an empty slot.
#[derive(Clone, Copy)]
#[repr(align(64))]
struct EdgeBucket([(u64, u32); 4]);

struct Edges {
    buckets: Vec<EdgeBucket>,
    mask: usize,
    len: usize,
    /// One bit per hash of a key that is in the table ([`Edges::seal`]):
    /// a small bitmap (a sixteenth of the table's size) that answers most
    /// failed steps without a miss in the table's large buckets. Empty
    /// until sealed.
    filter: Box<[u64]>,
    filter_shift: u32,
}

impl Edges {
    fn with_capacity(n: usize) -> Edges {
        let size = (n / 2).max(2).next_power_of_two();
        Edges {
            buckets: vec![EdgeBucket([(0, NONE); 4]); size],
            mask: size - 1,
            len: 0,
            filter: Box::new([]),
            filter_shift: 64,
        }
    }

    /// Builds the filter once every edge is in: about 32 bits an edge, so
    /// that a step no name takes is ruled out by one bit 97 % of the time.
    fn seal(&mut self) {
        let bits = (self.len * 32).max(64).next_power_of_two();
        self.filter = vec![0u64; bits / 64].into_boxed_slice();
        self.filter_shift = 64 - bits.trailing_zeros();
        let keys: Vec<u64> = self
            .buckets
            .iter()
            .flat_map(|b| b.0.iter())
            .map(|(k, _)| *k)
            .filter(|k| *k != 0)
            .collect();
        for k in keys {
            let bit = self.filter_bit(k);
            self.filter[bit >> 6] |= 1 << (bit & 63);
        }
    }

    #[inline(always)]
    fn filter_bit(&self, key: u64) -> usize {
        // Another multiplier than the buckets' hash: the two are independent.
        (key.wrapping_mul(0xD6E8_FEB8_6659_FD93) >> self.filter_shift) as usize
    }

    fn key(node: u32, id: u32) -> u64 {
        u64::from(node) << 32 | (u64::from(id) + 1)
    }

    #[inline(always)]
    fn home(&self, key: u64) -> usize {
        (key.wrapping_mul(MUL) >> 32) as usize & self.mask
    }

    /// The node after `node` by word `id`, or [`NONE`].
    #[inline(always)]
    fn get(&self, node: u32, id: u32) -> u32 {
        let key = Edges::key(node, id);
        if !self.filter.is_empty() {
            let bit = self.filter_bit(key);
            if self.filter[bit >> 6] & (1 << (bit & 63)) == 0 {
                return NONE;
            }
        }
        let mut i = self.home(key);
        loop {
            let b = &self.buckets[i].0;
            let hits = hits4([b[0].0, b[1].0, b[2].0, b[3].0], key);
            let at = (hits.trailing_zeros() & 3) as usize;
            // NONE (all ones) if not found, by a mask rather than a branch.
            let v = b[at].1 | !0u32.wrapping_sub(u32::from(hits != 0));
            if hits != 0 || b[3].0 == 0 {
                return v;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Every (node, word id, next node).
    fn all(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.buckets
            .iter()
            .flat_map(|b| b.0.iter())
            .filter(|(k, _)| *k != 0)
            .map(|&(k, v)| ((k >> 32) as u32, (k as u32) - 1, v))
    }

    fn insert(&mut self, node: u32, id: u32, value: u32) {
        debug_assert!(self.filter.is_empty(), "no edge is added once sealed");
        if (self.len + 1) * 3 > self.buckets.len() * 4 {
            let mut bigger = Edges::with_capacity(self.buckets.len() * 8);
            for (n, w, v) in self.all() {
                bigger.insert(n, w, v);
            }
            *self = bigger;
        }
        let key = Edges::key(node, id);
        let mut i = self.home(key);
        loop {
            let b = &mut self.buckets[i].0;
            if let Some(slot) = b.iter_mut().find(|(k, _)| *k == key || *k == 0) {
                if slot.0 == 0 {
                    self.len += 1;
                }
                *slot = (key, value);
                return;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// A word of a text, as the scanner hands it to the matcher.
#[derive(Clone, Copy, Default)]
struct Tok {
    /// Its id in the dictionary and the trie node of the names it starts.
    entry: Entry,
    /// Its byte span in the text.
    from: usize,
    to: usize,
    /// Whether punctuation (not only spaces and hyphens) stands before it.
    sep_before: bool,
}

/// The high bit of each byte of `m` (0x80 or 0) gathered into the low 8
/// bits (byte i → bit i).
#[inline(always)]
fn gather(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// [`CLASS`] for a block of 64 bytes: the bits of the word bytes (ASCII
/// letters and digits, and every byte of 0x80 or more), the bits of the
/// separating ASCII bytes, and whether a byte is 0x80 or more. Written as
/// plain loops over fixed arrays with no branch, which the compiler turns
/// into 16-byte vector compares.
#[inline(always)]
fn classify64(block: &[u8; 64]) -> (u64, u64, bool) {
    let mut word = [0u8; 64];
    let mut sep = [0u8; 64];
    for ((&c, w), s) in block.iter().zip(&mut word).zip(&mut sep) {
        let is_word =
            ((c | 0x20).wrapping_sub(b'a') < 26) | (c.wrapping_sub(b'0') < 10) | (c >= 0x80);
        let is_join = (c.wrapping_sub(0x09) < 5) | (c == b' ') | (c == b'-');
        *w = u8::from(is_word) << 7;
        *s = u8::from(!(is_word | is_join)) << 7;
    }
    let (mut w, mut s) = (0u64, 0u64);
    for (k, (a, b)) in word
        .as_chunks::<8>()
        .0
        .iter()
        .zip(sep.as_chunks::<8>().0)
        .enumerate()
    {
        w |= gather(u64::from_le_bytes(*a)) << (8 * k);
        s |= gather(u64::from_le_bytes(*b)) << (8 * k);
    }
    let any = block.as_chunks::<8>().0.iter();
    let high = any.fold(0u64, |a, c| a | u64::from_le_bytes(*c)) & 0x8080_8080_8080_8080 != 0;
    (w, s, high)
}

/// Bitmaps of a text, a bit a byte: bytes of words (ASCII letters and
/// digits, and every byte of 0x80 or more, which the slow path looks at as
/// chars) and ASCII punctuation between words; and, for each 64-byte block,
/// whether it has a byte of 0x80 or more. Made in one branch-free pass, so
/// that the scanner finds words with `trailing_zeros` rather than byte by
/// byte.
#[derive(Default)]
struct Bits {
    word: Vec<u64>,
    sep: Vec<u64>,
    high: Vec<bool>,
    len: usize,
}

impl Bits {
    /// The bitmaps of `bytes`, in place of the last text's.
    fn fill(&mut self, bytes: &[u8]) {
        self.word.clear();
        self.sep.clear();
        self.high.clear();
        self.len = bytes.len();
        let (blocks, rest) = bytes.as_chunks::<64>();
        for block in blocks {
            let (w, s, h) = classify64(block);
            self.word.push(w);
            self.sep.push(s);
            self.high.push(h);
        }
        if !rest.is_empty() {
            let mut last = [0u8; 64];
            last[..rest.len()].copy_from_slice(rest);
            let (w, s, h) = classify64(&last);
            let valid = (1u64 << rest.len()) - 1;
            self.word.push(w & valid);
            self.sep.push(s & valid);
            self.high.push(h);
        }
    }

    /// The first clear bit of `word` at or after `from` (the text's length
    /// if none).
    #[inline(always)]
    fn next_clear(&self, from: usize) -> usize {
        let mut i = from / 64;
        let Some(&first) = self.word.get(i) else {
            return self.len;
        };
        let mut w = !first & (!0u64 << (from % 64));
        while w == 0 {
            i += 1;
            match self.word.get(i) {
                Some(&x) => w = !x,
                None => return self.len,
            }
        }
        (i * 64 + w.trailing_zeros() as usize).min(self.len)
    }

    /// Whether a block with bytes in `from..to` has a byte of 0x80 or more.
    #[inline(always)]
    fn any_high(&self, from: usize, to: usize) -> bool {
        from < to && self.high[from / 64..=(to - 1) / 64].iter().any(|&h| h)
    }
}

/// The buffers for words with chars beyond ASCII (folded by [`crate::fold`],
/// as [`normalise`] does).
#[derive(Default)]
struct Fold {
    word: String,
    /// A word lowercased, its variant key, and room to build it.
    lower: Vec<u8>,
    key: Vec<u8>,
    tmp: Vec<u8>,
    /// What [`Gazetteer::vary`] answered for short words already seen.
    known: VaryCache,
}

/// What [`Gazetteer::vary_slow`] answered for words of up to 16 bytes, in
/// a direct-mapped table: running text repeats its common words ("will",
/// "only", "city", "different" pass the variant filter), so most words are
/// answered from here instead of being rewritten by the rules and looked up
/// again. The table belongs to one gazetteer at a time
/// ([`Gazetteer::serial`]).
struct VaryCache {
    owner: u64,
    /// The word's bytes packed little-endian (zeros in an empty slot) and
    /// the answer ([`NO_VARIANT`] for None).
    slots: Box<[([u64; 2], u64)]>,
}

/// 16,384 slots of 24 bytes (384 KB: in the second-level cache).
const VARY_CACHE_BITS: u32 = 14;

/// The answer "no variant key" in a [`VaryCache`] slot (no entry is all
/// ones: word ids are far below 2^32 - 1).
const NO_VARIANT: u64 = u64::MAX;

impl Default for VaryCache {
    fn default() -> Self {
        VaryCache {
            owner: 0,
            slots: vec![([0, 0], NO_VARIANT); 1 << VARY_CACHE_BITS].into_boxed_slice(),
        }
    }
}

/// A word of 1 to 16 bytes packed into two u64s (no word has a NUL byte,
/// so the packing is one-to-one); None for a longer word.
#[inline(always)]
fn pack_short(word: &[u8]) -> Option<[u64; 2]> {
    // Read as whole words, overlapping, not copied byte by byte into a
    // buffer: a copy then a wide load of the same bytes stalls the load
    // until the copy's stores retire.
    let n = word.len();
    let le8 = |at: usize| {
        word[at..]
            .first_chunk::<8>()
            .map_or(0, |c| u64::from_le_bytes(*c))
    };
    let le4 = |at: usize| {
        word[at..]
            .first_chunk::<4>()
            .map_or(0, |c| u64::from(u32::from_le_bytes(*c)))
    };
    match n {
        0 => None,
        1..=3 => {
            let (a, b, c) = (word[0], word[n / 2], word[n - 1]);
            Some([
                u64::from(a) | u64::from(b) << (8 * (n / 2)) | u64::from(c) << (8 * (n - 1)),
                0,
            ])
        }
        4..=7 => Some([le4(0) | le4(n - 4) << (8 * (n - 4)), 0]),
        8 => Some([le8(0), 0]),
        9..=16 => Some([le8(0), le8(n - 8) >> (8 * (16 - n))]),
        _ => None,
    }
}

/// Serial numbers of gazetteers, so that a thread's [`VaryCache`] never
/// answers for another gazetteer than the one that filled it.
static GAZETTEER_SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

thread_local! {
    /// Each thread's buffers for [`Gazetteer::find`], kept from call to call.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Words a thread's buffers keep room for between texts (2 MB of them); a
/// longer text's are given back.
const KEEP_WORDS: usize = 1 << 16;

/// The buffers [`Gazetteer::find`] fills for a text: kept from text to
/// text (one set a thread), so that a text costs no allocation but its
/// mentions.
#[derive(Default)]
struct Scratch {
    bits: Bits,
    words: Vec<Tok>,
    starts: Vec<u32>,
    fold: Fold,
}

impl Scratch {
    /// Gives back the room a long text took.
    fn trim(&mut self) {
        if self.words.capacity() > KEEP_WORDS {
            *self = Scratch::default();
        }
    }
}

/// Char offsets of byte offsets, asked in increasing order.
struct CharCount<'a> {
    /// An ASCII text's chars are its bytes.
    ascii: bool,
    bytes: &'a [u8],
    byte: usize,
    chars: usize,
}

impl CharCount<'_> {
    fn at(&mut self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        self.chars += self.bytes[self.byte..byte]
            .iter()
            .filter(|&&b| (b as i8) >= -0x40)
            .count();
        self.byte = byte;
        self.chars
    }
}

/// Every known name, ready to be found in a text.
///
/// Names are normalised (see [`normalise`]) and cut into words; each
/// distinct word gets an id in a hashed dictionary (keyed by the variant
/// rules; a one-word exonym shares its place's id), and the names
/// form a trie over word ids: the goto function of an Aho–Corasick automaton
/// whose alphabet is words. A text is scanned once, word by word: each word
/// is keyed straight from the text's bytes and looked up (one cache line),
/// and a word that starts some name walks the trie over the words after it,
/// which are kept for the scan to go on from. No copy of the text is made.
/// The result is the same as an anchored, leftmost-longest byte automaton
/// over the normalised text at every word start (the tests check the two
/// against each other), several times faster.
pub struct Gazetteer {
    /// Each word of the names, and each variant of one → its word id (2..;
    /// see [`OTHER`] and [`SEP`]) and root node.
    dict: Dictionary,
    /// (node, word id) → the next node (or, for a node without children,
    /// [`LEAF`] and the pattern that ends there).
    edges: Edges,
    /// For each node: the pattern that ends there, or [`NONE`].
    terminal: Vec<u32>,
    /// For each distinct normalised name: every (entity, acronym to check
    /// case against) that has it.
    patterns: Vec<Vec<(i64, Option<String>)>>,
    /// For each pattern: its first entity when that one is no acronym, so
    /// that a found name is answered from this one small array, without
    /// reading its list (two loads that miss the cache, a fifth of the
    /// walks' time on the corpus set).
    plain_first: Vec<Option<i64>>,
    /// Bit (first byte << 8 | last byte) of a lowercase word is set when a
    /// word so spelled may have a variant key in the dictionary: only such
    /// words are keyed by the rules ([`Gazetteer::vary`]).
    vary_filter: Box<[u64]>,
    /// This gazetteer's number among those made by the process.
    serial: u64,
}

impl Gazetteer {
    pub fn new(names: &[Name]) -> Gazetteer {
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        // Word id → the node of the names that start with it.
        let mut root: Vec<u32> = vec![NONE, NONE];
        let mut edges = Edges::with_capacity(names.len());
        let mut terminal: Vec<u32> = Vec::new();
        let mut patterns: Vec<Vec<(i64, Option<String>)>> = Vec::new();
        for n in names {
            let norm = normalise_name(&n.text);
            if norm.is_empty() {
                continue;
            }
            let acronym = is_acronym(&n.text).then(|| n.text.clone());
            let mut node = NONE;
            for word in norm.split(' ') {
                let id = if word == "|" {
                    SEP
                } else {
                    let next = root.len() as u32;
                    let id = *ids.entry(word.to_string()).or_insert(next);
                    if id == next {
                        root.push(NONE);
                    }
                    id
                };
                let mut next = if node == NONE {
                    root[id as usize]
                } else {
                    edges.get(node, id)
                };
                if next == NONE {
                    next = terminal.len() as u32;
                    terminal.push(NONE);
                    if node == NONE {
                        root[id as usize] = next;
                    } else {
                        edges.insert(node, id, next);
                    }
                }
                node = next;
            }
            let slot = &mut terminal[node as usize];
            if *slot == NONE {
                *slot = patterns.len() as u32;
                patterns.push(Vec::new());
            }
            patterns[*slot as usize].push((n.entity, acronym));
        }
        // A step to a childless node carries its pattern instead, and one
        // to a node where a name ends the bit that says so.
        let mut parent = vec![false; terminal.len()];
        for (node, _, _) in edges.all() {
            parent[node as usize] = true;
        }
        debug_assert!(
            terminal.len() < ENDS as usize,
            "node numbers below the flags"
        );
        let step = |node: u32| {
            if node == NONE || terminal[node as usize] == NONE {
                node
            } else if !parent[node as usize] {
                LEAF | terminal[node as usize]
            } else {
                ENDS | node
            }
        };
        let mut compact = Edges::with_capacity(edges.len);
        for (node, id, next) in edges.all() {
            compact.insert(node, id, step(next));
        }
        compact.seal();
        // A text's word is compared by its variant key (see `normalise`):
        // the dictionary holds the keys of the names' words, less those that
        // are exonyms themselves, and the one-word exonyms of the places
        // among them.
        let mut spellings: Vec<(&str, u32, u32)> = ids
            .iter()
            .filter(|(w, _)| !w.is_empty() && (!w.is_ascii() || crate::names::exonym(w).is_none()))
            .map(|(w, &id)| (w.as_str(), id, step(root[id as usize])))
            .collect();
        for (alt, main) in crate::names::one_word_exonyms() {
            if let Some(&id) = ids.get(main) {
                spellings.push((alt, id, step(root[id as usize])));
            }
        }
        spellings.sort_unstable();
        spellings.dedup_by(|a, b| a.0 == b.0);
        let vary_filter = vary_filter(spellings.iter().map(|s| s.0));
        let mut g = Gazetteer {
            dict: Dictionary::new(&spellings),
            edges: compact,
            terminal,
            plain_first: patterns
                .iter()
                .map(|p| p.first().filter(|(_, a)| a.is_none()).map(|(e, _)| *e))
                .collect(),
            patterns,
            vary_filter,
            serial: GAZETTEER_SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        };
        // Each spelling that is its own variant key is marked so, one by
        // one (not all or none: one odd spelling among thousands would send
        // every word of a text through the rules): a word found as it is,
        // about half the words of running text, then needs no keying.
        let mut fold = Fold::default();
        let standing: Vec<&str> = spellings
            .iter()
            .filter(|&&(w, _, _)| {
                let found = g.dict.get(w.as_bytes(), 0, w.len(), true);
                g.vary_slow(w.as_bytes(), &mut fold)
                    .is_none_or(|keyed| keyed == found)
            })
            .map(|s| s.0)
            .collect();
        for w in standing {
            g.dict.mark_standing(w.as_bytes());
        }
        g
    }

    /// The entry of a lowercase-or-capital ASCII word that may have a
    /// variant key other than itself, or None if its raw lookup stands.
    #[inline(always)]
    fn vary(&self, word: &[u8], fold: &mut Fold) -> Option<Entry> {
        // (The rules leave a word of one or two bytes as it is.)
        if word.len() < 3 {
            return None;
        }
        let (&first, &last) = (word.first()?, word.last()?);
        let bit = usize::from(first | 0x20) << 8 | usize::from(last | 0x20);
        if self.vary_filter[bit >> 6] & (1u64 << (bit & 63)) == 0 {
            return None;
        }
        let Some(packed) = pack_short(word) else {
            return self.vary_slow(word, fold);
        };
        if fold.known.owner != self.serial {
            fold.known.slots.fill(([0, 0], NO_VARIANT));
            fold.known.owner = self.serial;
        }
        let slot = ((packed[0] ^ packed[1].rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
            >> (64 - VARY_CACHE_BITS)) as usize;
        let (seen, answer) = fold.known.slots[slot];
        if seen == packed {
            return (answer != NO_VARIANT).then_some(Entry(answer));
        }
        let answer = self.vary_slow(word, fold);
        fold.known.slots[slot] = (packed, answer.map_or(NO_VARIANT, |e| e.0));
        answer
    }

    #[cold]
    #[inline(never)]
    fn vary_slow(&self, word: &[u8], fold: &mut Fold) -> Option<Entry> {
        if !word.is_ascii() {
            return None;
        }
        fold.lower.clear();
        fold.lower.extend(word.iter().map(u8::to_ascii_lowercase));
        if !may_vary(&fold.lower) || !rewrite_into(&fold.lower, &mut fold.key, &mut fold.tmp) {
            return None;
        }
        Some(self.dict.get(&fold.key, 0, fold.key.len(), false))
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Every word of `text`, looked up. A 64-byte block of ASCII is read
    /// from its bitmaps: word starts are the set bits of `word & !(word <<
    /// 1)`, taken with `trailing_zeros`, and a word's end is the next clear
    /// bit, so there is no branch per byte. A block with a byte of 0x80 or
    /// more is read char by char ([`Gazetteer::next_word_slow`]).
    fn words(&self, text: &str, scratch: &mut Scratch) {
        let bytes = text.as_bytes();
        let Scratch { bits, fold, .. } = scratch;
        bits.fill(bytes);
        // (Moved out while it is filled, so that its length stays in a
        // register.)
        let mut words = std::mem::take(&mut scratch.words);
        let out = &mut words;
        out.clear();
        // Bytes before `pos` are read; `sep` says whether punctuation stood
        // between the last word and `pos`.
        let mut pos = 0usize;
        let mut sep = false;
        let blocks = bits.word.len();
        let mut slow = |pos: &mut usize, sep: &mut bool, out: &mut Vec<Tok>, until: usize| {
            while *pos < until {
                match self.next_word_slow(text, pos, fold) {
                    Some(mut t) => {
                        t.sep_before |= *sep;
                        *sep = false;
                        out.push(t);
                    }
                    None => {
                        *pos = bytes.len();
                        break;
                    }
                }
            }
        };
        for bi in 0..blocks {
            let base = bi * 64;
            let block_end = (base + 64).min(bytes.len());
            if pos >= block_end {
                continue;
            }
            if bits.high[bi] {
                slow(&mut pos, &mut sep, out, block_end);
                continue;
            }
            let word = bits.word[bi];
            let from = !0u64 << (pos - base);
            let gap = !word & from;
            // Which words have punctuation before them, for the whole block
            // at once: a run of gap bits with a separator bit in it, added
            // to that bit, carries into the bit above the run, the first of
            // the next word (`sep`, from the blocks before, is carried in at
            // `pos`; a carry out of the block is the next block's `sep`).
            let (x, c1) = gap.overflowing_add(bits.sep[bi] & from);
            let (x, c2) = x.overflowing_add(u64::from(sep) << (pos - base));
            let sep_before = x & !gap;
            let mut carry = c1 | c2;
            let mut starts = word & !(word << 1) & from;
            // A word that runs to the block's last byte may go on into the
            // next block: the block's last word start, left out of the
            // block's own loop.
            let runs_on = (word >> 63 != 0 && starts != 0).then(|| 63 - starts.leading_zeros());
            if let Some(at) = runs_on {
                starts ^= 1 << at;
            }
            // The block and the 8 bytes after it, which keys read (past
            // the text's end, zeros).
            let padded: [u8; 72];
            let window = match bytes.get(base..).and_then(|b| b.first_chunk::<72>()) {
                Some(w) => w,
                None => {
                    let mut last = [0u8; 72];
                    let rest = &bytes[base..];
                    last[..rest.len()].copy_from_slice(rest);
                    padded = last;
                    &padded
                }
            };
            self.scan_block(window, base, (word, starts, sep_before), out);
            if let Some(at) = runs_on {
                let (at, s) = (at as usize, base + at as usize);
                // Char by char if the blocks it runs into have bytes of 0x80
                // or more.
                let e = bits.next_clear(base + 64);
                if bits.any_high(base + 64, e) {
                    sep = sep_before >> at & 1 != 0;
                    pos = s;
                    slow(&mut pos, &mut sep, out, s + 1);
                    carry = sep;
                } else {
                    out.push(Tok {
                        entry: self.dict.get(bytes, s, e, true),
                        from: s,
                        to: e,
                        sep_before: sep_before >> at & 1 != 0,
                    });
                    pos = e;
                }
            }
            sep = carry;
            pos = pos.max(block_end);
        }
        scratch.words = words;
    }

    /// The words of a 64-byte block of ASCII from `base` that start at the
    /// set bits of `starts` and end in the block (`word`: the block's word
    /// bits; `sep_before`: the bits of the words with punctuation before
    /// them), looked up, onto `out` (room for the block's words is made
    /// first: pushed one by one, not gathered and copied, which was a call
    /// to `memcpy` a block). `window` is the block and the 8 bytes after it.
    /// A loop of its own, with few values live, so that they stay in
    /// registers.
    #[inline(never)]
    fn scan_block(
        &self,
        window: &[u8; 72],
        base: usize,
        (word, mut starts, sep_before): (u64, u64, u64),
        out: &mut Vec<Tok>,
    ) {
        // (A block has at most 32 words: each is followed by a gap.)
        out.reserve(32);
        while starts != 0 {
            let at = starts.trailing_zeros() as usize & 63;
            starts &= starts - 1;
            // (At least 1: the bit at `at` is a word's.)
            let len = (!word >> at).trailing_zeros() as usize;
            let k = if len <= 8 {
                let raw = window[at..]
                    .first_chunk::<8>()
                    .map_or(0, |w| u64::from_le_bytes(*w));
                (raw | LOWER) & u64::MAX.wrapping_shr(8 * (8 - len as u32))
            } else {
                long_key(window, at, at + len, LOWER)
            };
            out.push(Tok {
                entry: self.dict.get_key(k, window, at, at + len, true),
                from: base + at,
                to: base + at + len,
                sep_before: sep_before >> at & 1 != 0,
            });
        }
    }

    /// The next word of `text` from byte `pos` (moved past it), or None at
    /// the end, char by char: for a gap or word with chars beyond ASCII.
    #[cold]
    fn next_word_slow(&self, text: &str, pos: &mut usize, fold: &mut Fold) -> Option<Tok> {
        let bytes = text.as_bytes();
        let mut i = *pos;
        let mut sep_before = false;
        // The gap before the word.
        loop {
            let &b = bytes.get(i)?;
            match CLASS[b as usize] {
                ALNUM => break,
                GAP_JOIN => i += 1,
                GAP_SEP => {
                    sep_before = true;
                    i += 1;
                }
                _ => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if c.is_alphanumeric() {
                        break;
                    }
                    if !(c.is_whitespace() || c == '\u{2010}') {
                        sep_before = true;
                    }
                    i += c.len_utf8();
                }
            }
        }
        let from = i;
        let mut ascii = true;
        while let Some(&b) = bytes.get(i) {
            match CLASS[b as usize] {
                ALNUM => i += 1,
                HIGH => {
                    let c = text[i..].chars().next().unwrap_or(' ');
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        *pos = i;
        let entry = if ascii {
            self.dict.get(bytes, from, i, true)
        } else {
            fold.word.clear();
            fold_word_into(&text[from..i], &mut fold.word);
            let w = std::mem::take(&mut fold.word);
            let entry = match self.vary(w.as_bytes(), fold) {
                Some(e) => e,
                None => self.dict.get(w.as_bytes(), 0, w.len(), false),
            };
            fold.word = w;
            entry
        };
        Some(Tok {
            entry,
            from,
            to: i,
            sep_before,
        })
    }

    /// [`Gazetteer::find`] on each text, the texts shared out among the
    /// machine's cores (one thread if there is little text).
    pub fn find_many(&self, texts: &[&str]) -> Vec<Vec<Found>> {
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(texts.len())
            .min(bytes / PARALLEL_MIN_BYTES)
            .max(1);
        if threads == 1 {
            return texts.iter().map(|t| self.find(t)).collect();
        }
        // Texts are claimed a few at a time from a shared counter, so that a
        // thread given harder texts does not hold the others up; the calling
        // thread takes part (its buffers and variant cache stay warm from
        // call to call, where a new thread's start cold).
        let per_claim = (texts.len() / (threads * 16)).clamp(1, 64);
        let next = std::sync::atomic::AtomicUsize::new(0);
        let work = || {
            let mut done: Vec<(usize, Vec<Vec<Found>>)> = Vec::new();
            loop {
                let from = next.fetch_add(per_claim, std::sync::atomic::Ordering::Relaxed);
                let Some(claim) = texts.get(from..(from + per_claim).min(texts.len())) else {
                    break;
                };
                if claim.is_empty() {
                    break;
                }
                done.push((from, claim.iter().map(|t| self.find(t)).collect()));
            }
            done
        };
        let mut parts = std::thread::scope(|scope| {
            let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
            let mut parts = work();
            for h in helpers {
                parts.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            parts
        });
        parts.sort_unstable_by_key(|(from, _)| *from);
        parts.into_iter().flat_map(|(_, found)| found).collect()
    }

    /// Every mention in `text`: at word boundaries, longest first, not
    /// overlapping. (When the longest name at a word is an acronym the text
    /// does not write in capitals, that word starts no mention.)
    pub fn find(&self, text: &str) -> Vec<Found> {
        SCRATCH.with_borrow_mut(|scratch| {
            let found = self.find_with(text, scratch);
            scratch.trim();
            found
        })
    }

    /// [`Gazetteer::find`], with buffers kept from text to text.
    fn find_with(&self, text: &str, scratch: &mut Scratch) -> Vec<Found> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut chars = CharCount {
            ascii: text.is_ascii(),
            bytes: text.as_bytes(),
            byte: 0,
            chars: 0,
        };
        // First every word, looked up (no lookup waits for another), then
        // the walks over them.
        self.words(text, scratch);
        let Scratch {
            words,
            starts,
            fold,
            ..
        } = scratch;
        // ASCII words keyed by the variant rules, where they may vary (the
        // words with other chars were keyed as they were folded).
        let bytes = text.as_bytes();
        for w in words.iter_mut() {
            if w.entry.stands() {
                continue;
            }
            if let Some(entry) = self.vary(&bytes[w.from..w.to], fold) {
                w.entry = entry;
            }
        }
        // The words that start a name, listed without a branch per word.
        starts.clear();
        starts.resize(words.len(), 0);
        let mut count = 0;
        for (i, w) in words.iter().enumerate() {
            starts[count] = i as u32;
            count += usize::from(w.entry.root() != NONE);
        }
        // Words before `k` are taken by a mention.
        let mut k = 0;
        for &at in &starts[..count] {
            let at = at as usize;
            if at < k {
                continue;
            }
            let first = words[at];
            k = at + 1;
            let mut node = first.entry.root();
            // Walk the trie over the words that follow; keep the longest
            // name that ends at a word: (pattern, its end, words taken).
            let mut best = None;
            let mut end = first.to;
            let mut j = k;
            loop {
                if node & LEAF != 0 {
                    best = Some((node & !LEAF, end, j));
                    break;
                }
                if node & ENDS != 0 {
                    node &= !ENDS;
                    best = Some((self.terminal[node as usize], end, j));
                }
                let Some(t) = words.get(j) else {
                    break;
                };
                j += 1;
                if t.sep_before {
                    node = self.edges.get(node, SEP);
                    // (No name ends at a separator.)
                    if node == NONE || node & LEAF != 0 {
                        break;
                    }
                }
                let id = t.entry.id();
                if id == OTHER {
                    break;
                }
                node = self.edges.get(node, id);
                if node == NONE {
                    break;
                }
                end = t.to;
            }
            let Some((p, to, taken)) = best else {
                continue;
            };
            let original = &text[first.from..to];
            let entity = match self.plain_first[p as usize] {
                Some(e) => e,
                None => {
                    let Some((e, _)) = self.patterns[p as usize]
                        .iter()
                        .find(|(_, acronym)| acronym.as_deref().is_none_or(|a| a == original))
                    else {
                        continue;
                    };
                    *e
                }
            };
            out.push(Found {
                entity,
                start: chars.at(first.from),
                end: chars.at(to),
                text: original.to_string(),
            });
            k = taken;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain way over the whole text, word by word: what `normalise`
    /// must equal.
    fn normalise_reference(text: &str) -> (String, Vec<(usize, usize, usize)>) {
        let mut out = String::new();
        let mut words = Vec::new();
        let mut last_to: Option<usize> = None;
        let mut tokens = Vec::new();
        let mut from: Option<usize> = None;
        for (i, c) in text.char_indices() {
            match (c.is_alphanumeric(), from) {
                (true, None) => from = Some(i),
                (false, Some(f)) => {
                    tokens.push((f, i));
                    from = None;
                }
                _ => {}
            }
        }
        if let Some(f) = from {
            tokens.push((f, text.len()));
        }
        for (offset_from, offset_to) in tokens {
            if let Some(prev) = last_to {
                let gap = &text[prev..offset_from];
                if gap
                    .chars()
                    .all(|c| c.is_whitespace() || c == '-' || c == '\u{2010}')
                {
                    out.push(' ');
                } else {
                    out.push_str(" | ");
                }
            }
            words.push((offset_from, offset_to, out.len()));
            let w = crate::fold::fold_word(&text[offset_from..offset_to]);
            // The same rule as the engine's: each word's variant key.
            out.push_str(&crate::variants::word_variant(&w));
            last_to = Some(offset_to);
        }
        (out, words)
    }

    #[test]
    fn pack_short_is_the_bytes_in_order_at_every_length() {
        let word: Vec<u8> = (1..=17u8).map(|b| b.wrapping_mul(37) | 0x41).collect();
        for n in 1..=16 {
            let w = &word[..n];
            let mut b = [0u8; 16];
            b[..n].copy_from_slice(w);
            let (lo, hi) = b.split_at(8);
            let want = [
                u64::from_le_bytes(lo.try_into().unwrap()),
                u64::from_le_bytes(hi.try_into().unwrap()),
            ];
            assert_eq!(pack_short(w), Some(want), "length {n}");
        }
        assert_eq!(pack_short(b""), None);
        assert_eq!(pack_short(&word), None);
    }

    proptest::proptest! {
        #[test]
        fn normalise_matches_the_reference(
            text in "[a-zA-Z0-9 ,.\\-\n\t\u{b}\u{2010}éÉüßøŁłЁёСергейКиївἈ🎄\u{301}’']{0,80}"
        ) {
            let (text_ref, _) = normalise_reference(&text);
            proptest::prop_assert_eq!(normalise(&text), text_ref);
        }
    }

    /// The previous way of finding names, kept as the oracle: the text
    /// normalised word by word, then a byte automaton (names with a
    /// trailing space, leftmost-longest) anchored at every word start.
    fn find_reference(names: &[Name], text: &str) -> Vec<Found> {
        use aho_corasick::{AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
        let mut texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<(i64, Option<String>)>> = Vec::new();
        for n in names {
            let norm = normalise_name(&n.text);
            if norm.is_empty() {
                continue;
            }
            let key = format!("{norm} ");
            let at = match texts.iter().position(|t| *t == key) {
                Some(at) => at,
                None => {
                    texts.push(key);
                    patterns.push(Vec::new());
                    patterns.len() - 1
                }
            };
            patterns[at].push((n.entity, is_acronym(&n.text).then(|| n.text.clone())));
        }
        if texts.is_empty() {
            return Vec::new();
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&texts)
            .unwrap();
        let (mut norm, words) = normalise_reference(text);
        norm.push(' ');
        let chars = crate::anchor::CharText::new(text);
        let mut out = Vec::new();
        let mut taken_to = 0usize;
        for (k, &(from, _, at)) in words.iter().enumerate() {
            if at < taken_to {
                continue;
            }
            let input = Input::new(&norm)
                .span(at..norm.len())
                .anchored(Anchored::Yes);
            let Some(m) = ac.find(input) else {
                continue;
            };
            let e = m.end() - 1;
            let last = k + words[k..].partition_point(|x| x.2 < e) - 1;
            let to = words[last].1;
            let original = &text[from..to];
            let Some((entity, _)) = patterns[m.pattern().as_usize()]
                .iter()
                .find(|(_, acronym)| acronym.as_deref().is_none_or(|a| a == original))
            else {
                continue;
            };
            taken_to = e;
            out.push(Found {
                entity: *entity,
                start: chars.char_at_byte(from),
                end: chars.char_at_byte(to),
                text: original.to_string(),
            });
        }
        out
    }

    /// Words that names and texts are made of: names that share words,
    /// acronyms, variants, diacritics, digits and non-Latin scripts.
    const VOCABULARY: &[&str] = &[
        "the",
        "The",
        "THE",
        "new",
        "New",
        "York",
        "york",
        "Times",
        "US",
        "us",
        "Us",
        "NATO",
        "Nato",
        "D",
        "C",
        "Alexey",
        "Alexei",
        "ALEKSEI",
        "Kyiv",
        "Kiev",
        "Zürich",
        "Zurich",
        "Сергей",
        "сергей",
        "Київ",
        "1991",
        "G7",
        "g7",
        "bank",
        "of",
        "England",
        "Straße",
        "strasse",
        "Łódź",
        "Lodz",
        "état",
        "Etat",
        "a",
        "A",
        "x9",
        "Bucharest",
        "BUCHAREST",
        "Washington",
        "Tchaikovsky",
        "chaikovsky",
        "Zelenskyy",
        "Zelensky",
        "Международный",
        "Pneumonoultramicroscopicsilicovolcanoconiosis1234567890abcdefghijklmnopqrstuvwxyz",
        "pneumonoultramicroscopicsilicovolcanoconiosis1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "международный",
        "Organisation12",
        "Sécurité",
        "Securite",
    ];
    const GAPS: &[&str] = &[
        " ", "  ", "-", " - ", ", ", ". ", "\n", "\t", "\u{b}", "\u{2010}", "’", "—", " (",
        "\u{301}", "\u{a0}", "🎄",
    ];

    fn names_of(picks: &[(u8, Vec<u8>)]) -> Vec<Name> {
        picks
            .iter()
            .enumerate()
            .map(|(i, (sep, words))| {
                let sep = if sep % 4 == 0 { ", " } else { " " };
                let text = words
                    .iter()
                    .map(|w| VOCABULARY[*w as usize % VOCABULARY.len()])
                    .collect::<Vec<_>>()
                    .join(sep);
                Name {
                    entity: i as i64 % 7,
                    text,
                }
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn find_matches_the_reference(
            picks in proptest::collection::vec(
                (0u8..8, proptest::collection::vec(0u8..64, 1..4)),
                0..12,
            ),
            text in proptest::collection::vec((0u8..64, 0u8..32), 0..60),
            ascii in proptest::bool::ANY,
        ) {
            let names = names_of(&picks);
            // ASCII only half the time, so that the blocks of 64 bytes read
            // from bitmaps (not char by char) are tried as much.
            let text: String = text
                .iter()
                .map(|(w, g)| {
                    let pick = |list: &[&'static str], i: u8| {
                        let list: Vec<&str> =
                            list.iter().copied().filter(|x| !ascii || x.is_ascii()).collect();
                        list[i as usize % list.len()]
                    };
                    format!("{}{}", pick(VOCABULARY, *w), pick(GAPS, *g))
                })
                .collect();
            let fast = Gazetteer::new(&names).find(&text);
            let slow = find_reference(&names, &text);
            proptest::prop_assert_eq!(fast, slow, "names {:?} text {:?}", names, text);
        }
    }

    #[test]
    fn bitmaps_classify_every_byte_as_the_table_does() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).chain(0..77).collect();
        for len in [0, 1, 7, 8, 63, 64, 65, 200, bytes.len()] {
            let mut b = Bits::default();
            b.fill(&bytes[..len]);
            for (i, &x) in bytes[..len].iter().enumerate() {
                let bit = |v: &[u64]| v[i / 64] >> (i % 64) & 1 == 1;
                let c = CLASS[x as usize];
                assert_eq!(bit(&b.word), c >= ALNUM, "byte {x:#x}");
                assert_eq!(bit(&b.sep), c == GAP_SEP, "byte {x:#x}");
            }
            for (k, block) in bytes[..len].chunks(64).enumerate() {
                let has_high = block.iter().any(|&x| CLASS[x as usize] == HIGH);
                assert_eq!(b.high[k], has_high, "block {k} of {len} bytes");
            }
            assert_eq!(b.word.len(), len.div_ceil(64));
            // Nothing past the end.
            if len % 64 != 0 {
                let last = len / 64;
                for v in [&b.word, &b.sep] {
                    assert_eq!(v[last] >> (len % 64), 0);
                }
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]
        /// Any text at all (control chars, long runs, every script), the
        /// names cut from it.
        #[test]
        fn find_matches_the_reference_on_any_text(
            text in "(\\PC|[\\x00-\\x1f]| |[a-zA-Z0-9]{60,80}){0,300}",
            cuts in proptest::collection::vec((0usize..400, 1usize..40), 0..6),
        ) {
            let chars: Vec<char> = text.chars().collect();
            let names: Vec<Name> = cuts
                .iter()
                .enumerate()
                .filter(|(_, (at, _))| *at < chars.len())
                .map(|(i, &(at, len))| Name {
                    entity: i as i64,
                    text: chars[at..(at + len).min(chars.len())].iter().collect(),
                })
                .collect();
            let fast = Gazetteer::new(&names).find(&text);
            let slow = find_reference(&names, &text);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn find_many_is_find_on_each_text() {
        let gz = g(&[
            (1, "Sergei Lavrov"),
            (2, "NATO"),
            (3, "Kyiv"),
            (4, "Bucharest summit"),
        ]);
        // Enough text for several threads, of uneven sizes.
        let texts: Vec<String> = (0..700)
            .map(|i| {
                "Sergey Lavrov told NATO in Kiev, at the Bucharest summit; nato. "
                    .repeat(1 + i % 37)
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert!(refs.iter().map(|t| t.len()).sum::<usize>() > 2 * PARALLEL_MIN_BYTES);
        let many = gz.find_many(&refs);
        let one: Vec<Vec<Found>> = refs.iter().map(|t| gz.find(t)).collect();
        assert_eq!(many.len(), refs.len());
        assert_eq!(many, one);
        assert_eq!(many[0].len(), 4);
    }

    #[test]
    fn a_long_text_gives_its_buffers_back_and_the_next_text_is_read_afresh() {
        let gz = g(&[(1, "Sergei Lavrov"), (2, "NATO")]);
        let long = "Sergey Lavrov told NATO. ".repeat(KEEP_WORDS / 2);
        assert_eq!(gz.find(&long).len(), KEEP_WORDS);
        SCRATCH.with_borrow(|s| assert!(s.words.capacity() <= KEEP_WORDS));
        // A shorter text after it: nothing of the long one's words is left.
        let found = gz.find("nato, and NATO.");
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (10, 14));
        SCRATCH.with_borrow(|s| assert!(s.words.len() == 3));
    }

    #[test]
    fn normalise_folds_and_maps_variants() {
        assert_eq!(
            normalise("Alexey, in KIEV—Zürich"),
            "alexei | in kyiv | zurich"
        );
        // Pairs beyond any one article, by rule: romanisations and doubled
        // letters.
        assert_eq!(normalise("Zelenskyy"), normalise("Zelensky"));
        assert_eq!(normalise("Muhammad"), normalise("Mohammed"));
        assert_eq!(normalise("Qaddafi"), normalise("Gaddafi"));
        assert_eq!(normalise("Sergei Lavrov"), "sergei lavrov");
    }

    fn g(names: &[(i64, &str)]) -> Gazetteer {
        Gazetteer::new(
            &names
                .iter()
                .map(|(e, t)| Name {
                    entity: *e,
                    text: t.to_string(),
                })
                .collect::<Vec<_>>(),
        )
    }

    /// A thread's table of words already keyed by the variant rules holds
    /// one gazetteer's answers: another gazetteer on the same thread (and
    /// the first one again after it) gets its own.
    #[test]
    fn two_gazetteers_on_one_thread_each_answer_by_their_own_names() {
        let first = g(&[(1, "Aleksei Ivanov")]);
        let second = g(&[(2, "Andrei Petrov")]);
        let text = "Alexei Ivanov met Andrey Petrov; then Alexei Ivanov left.";
        let ents = |gz: &Gazetteer| gz.find(text).iter().map(|f| f.entity).collect::<Vec<_>>();
        for _ in 0..2 {
            assert_eq!(ents(&first), vec![1, 1]);
            assert_eq!(ents(&second), vec![2]);
        }
        let third = g(&[(3, "Alexei"), (4, "Ivanov")]);
        assert_eq!(ents(&third), vec![3, 4, 3, 4]);
        assert_eq!(ents(&first), vec![1, 1]);
    }

    #[test]
    fn variants_case_and_boundaries() {
        let gz = g(&[
            (1, "Alexei Makarkin"),
            (2, "US"),
            (3, "Kyiv"),
            (4, "NATO"),
            (5, "North Atlantic Alliance"),
        ]);
        let text = "Alexey Makarkin told us: the US and NATO’s allies, in Kiev. North Atlantic, Alliance. Makarkins";
        let found = gz.find(text);
        let ents: Vec<i64> = found.iter().map(|f| f.entity).collect();
        assert_eq!(ents, vec![1, 2, 4, 3], "{found:?}");
        // Variants the rules fold, in the fast (ASCII) and slow paths.
        let gz2 = g(&[
            (6, "Volodymyr Zelenskyy"),
            (7, "Muammar Gaddafi"),
            (8, "Muhammad Ali"),
        ]);
        let text2 = "Volodymyr Zelensky met Muammar Qaddafi’s son; Mohammed Ali, Volodymyr ZELENSKIY. Ölga and Mohammed Âli";
        let ents2: Vec<i64> = gz2.find(text2).iter().map(|f| f.entity).collect();
        assert_eq!(ents2, vec![6, 7, 8, 6, 8]);
        assert_eq!(found[0].text, "Alexey Makarkin");
        let f = &found[3];
        assert_eq!(
            text.chars()
                .skip(f.start)
                .take(f.end - f.start)
                .collect::<String>(),
            "Kiev"
        );
    }

    #[test]
    fn diacritics_and_longest_match() {
        let gz = g(&[(1, "Zurich"), (2, "Bucharest"), (3, "Bucharest summit")]);
        let found = gz.find("In Zürich and at the Bucharest summit.");
        assert_eq!(
            found.iter().map(|f| f.entity).collect::<Vec<_>>(),
            vec![1, 3]
        );
    }

    /// The names' own spellings are their variant keys, so a word found as
    /// it is skips the rules (the fast path); `find_matches_the_reference`
    /// holds the answers equal either way.
    #[test]
    fn found_words_skip_the_variant_rules_for_names_of_every_family() {
        let names: Vec<Name> = [
            "Bombay",
            "Mumbai",
            "Peking",
            "Beijing",
            "Munich",
            "Cologne",
            "Köln",
            "Qaddafi",
            "Muammar Gaddafi",
            "Mohamed",
            "Iouri",
            "Yury",
            "Aleksei Orlov",
            "Sergey",
            "Zelenskiy",
            "Tchaikovsky",
            "Łódź",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| Name {
            entity: i as i64,
            text: t.to_string(),
        })
        .collect();
        let g = Gazetteer::new(&names);
        // Every word of these names is marked as its own variant key.
        for n in &names {
            for w in normalise_name(&n.text).split(' ') {
                let e = g.dict.get(w.as_bytes(), 0, w.len(), false);
                assert!(e != Entry::ABSENT && e.stands(), "{w}");
            }
        }
        let found = g.find("Iouri and Yuri met Aleksey Orlov in Bombay.");
        let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["Iouri", "Yuri", "Aleksey Orlov", "Bombay"]);
    }
}
