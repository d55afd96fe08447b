//! A fast writer for the YAML p3gen emits, byte for byte what serde-saphyr writes for the same value.
//!
//! serde-saphyr decides for every key and string whether it can stand plain; those checks are most
//! of its time. Here a string that is plainly safe (a letter, then letters, digits, `.`, `_`, `/`,
//! `-`, and no YAML 1.1 boolean or null word) is written as it is; any other scalar is written the
//! way serde-saphyr writes it on its own, so every quoting decision stays serde-saphyr's. Block
//! mappings and sequences, `{}`, `[]` and literal `|` blocks are laid out as serde-saphyr lays them
//! out. Anything else (a sequence directly in a sequence, a non-string key, a block string with
//! leading spaces or control characters, serde-saphyr's own wrapper types) is declined: [`emit`]
//! returns `None` and the caller uses serde-saphyr for the whole document.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Write as _};

use serde::ser::{
    self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct, Serializer,
};

/// serde-saphyr's options for every document p3gen writes: no line folding.
pub(super) fn options() -> serde_saphyr::SerializerOptions {
    serde_saphyr::ser_options! {
        folded_wrap_chars: usize::MAX,
    }
}

/// The YAML document body of a value (a mapping at the root), or `None` when the value uses
/// anything outside the subset this writer knows. Every string that serde-saphyr quoted and every
/// `|` block is read back with serde-saphyr (once per thread for each distinct one); the error says
/// which one does not read back as itself.
pub(super) fn emit<T: ?Sized + Serialize>(
    value: &T,
) -> std::result::Result<Option<String>, String> {
    let mut out = String::with_capacity(2048);
    let node = Node {
        out: &mut out,
        at: At::Root,
    };
    match value.serialize(node) {
        Ok(()) => Ok(Some(out)),
        Err(Declined) => Ok(None),
        Err(Stop::Unreadable(problem)) => Err(problem),
    }
}

/// Longer keys are written by serde-saphyr as explicit `? key` entries.
const SIMPLE_KEY_MAX_LEN: usize = 1024;
/// Indentation per nesting level.
const INDENT: usize = 2;

/// Why the writer stopped.
#[derive(Debug)]
enum Stop {
    /// The value is outside the writer's subset, or its `Serialize` failed: serde-saphyr writes it.
    Declined,
    /// A scalar as written does not read back as itself.
    Unreadable(String),
}

use Stop::Declined;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Declined => f.write_str("outside the YAML subset of the fast writer"),
            Stop::Unreadable(problem) => f.write_str(problem),
        }
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Declined
    }
}

type Result<T = ()> = std::result::Result<T, Stop>;

/// Where a node is written.
#[derive(Debug, Clone, Copy)]
enum At {
    /// The document itself.
    Root,
    /// After `key:`, the key at this column.
    Value { column: usize },
    /// After `- `, the dash at this column.
    Item { column: usize },
}

/// Whether serde-saphyr writes a string as it is, in key and value position alike. Conservative:
/// `false` only means "ask serde-saphyr".
fn is_plainly_safe(text: &str) -> bool {
    let bytes = text.as_bytes();
    let Some(first) = bytes.first() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && bytes.iter().all(|&b| PLAIN_BYTES[usize::from(b)])
        && (bytes.len() > 5 || !is_reserved_word(text))
}

/// The bytes of a plainly safe string: ASCII letters and digits, `.`, `_`, `/` and `-`.
const PLAIN_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'/' | b'-');
        b += 1;
    }
    table
};

/// Words that YAML 1.1 or 1.2 readers take for booleans, null or special floats, in any case.
fn is_reserved_word(text: &str) -> bool {
    [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf",
    ]
    .iter()
    .any(|word| text.eq_ignore_ascii_case(word))
}

/// A scalar as serde-saphyr writes it on its own line, without the newline; declined when that is
/// more than one line.
fn saphyr_scalar<T: ?Sized + Serialize>(value: &T) -> Result<String> {
    let mut text = serde_saphyr::to_string_with_options(&value, options()).map_err(|_| Declined)?;
    if text.pop() != Some('\n') || text.contains('\n') {
        return Err(Declined);
    }
    Ok(text)
}

/// Where a string stands: serde-saphyr quotes keys and values by different rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Position {
    Key,
    Value,
}

/// A string that is not plainly safe as serde-saphyr writes it in a position.
fn saphyr_string(text: &str, position: Position) -> Result<String> {
    match position {
        Position::Value => saphyr_scalar(text),
        Position::Key => {
            let entry =
                serde_saphyr::to_string_with_options(&BTreeMap::from([(text, 0u8)]), options())
                    .map_err(|_| Declined)?;
            match entry.strip_suffix(": 0\n") {
                Some(key) if !key.contains('\n') && !key.starts_with("? ") => Ok(key.to_owned()),
                _ => Err(Declined),
            }
        }
    }
}

/// Strings up to this length are remembered, up to this many per thread.
const REMEMBERED_LEN: usize = 64;
const REMEMBERED_COUNT: usize = 4096;

/// How serde-saphyr wrote short strings, by position: the specs of a fleet repeat them (`"4"`,
/// `2x2`, `"@type"`). `None` when it wrote more than one line.
type Remembered = [HashMap<Box<str>, Option<Box<str>>>; 2];

thread_local! {
    static REMEMBERED: RefCell<Remembered> = RefCell::new([HashMap::new(), HashMap::new()]);
}

/// Appends a string as serde-saphyr writes it in a position, and reads it back.
fn push_string(out: &mut String, text: &str, position: Position) -> Result {
    let start = out.len();
    write_string(out, text, position)?;
    if out[start..] == *text && is_plainly_safe(text) {
        // Written as it is by a rule the tests hold against serde-saphyr: no YAML reader takes a
        // letter followed by letters, digits, `.`, `_`, `/` and `-` for anything but that string.
        return Ok(());
    }
    let read_as = match position {
        Position::Key => ReadAs::Key,
        Position::Value => ReadAs::Value,
    };
    check_read_back(text, &out[start..], read_as)
}

/// Appends a string as serde-saphyr writes it in a position, without reading it back.
fn write_string(out: &mut String, text: &str, position: Position) -> Result {
    if text.len() <= SIMPLE_KEY_MAX_LEN && is_plainly_safe(text) {
        out.push_str(text);
        return Ok(());
    }
    if text.len() > REMEMBERED_LEN {
        out.push_str(&saphyr_string(text, position)?);
        return Ok(());
    }
    REMEMBERED.with_borrow_mut(|remembered| {
        let remembered = &mut remembered[position as usize];
        if !remembered.contains_key(text) {
            if remembered.len() >= REMEMBERED_COUNT {
                remembered.clear();
            }
            let written = saphyr_string(text, position).ok().map(Box::from);
            remembered.insert(Box::from(text), written);
        }
        match remembered.get(text) {
            Some(Some(written)) => {
                out.push_str(written);
                Ok(())
            }
            _ => Err(Declined),
        }
    })
}

/// Strings already read back, by where they stand: each string and how it was written. The specs
/// of a fleet repeat most of them.
type ReadBack = [HashMap<Box<str>, Box<str>>; 3];

thread_local! {
    static READ_BACK: RefCell<ReadBack> =
        RefCell::new([HashMap::new(), HashMap::new(), HashMap::new()]);
}

/// Strings read back are remembered up to this many per thread and position.
const READ_BACK_COUNT: usize = 65_536;

/// Reads a string back as serde-saphyr reads it, where it was written: `written` (a key, a
/// value, or a `|` block at two spaces) must read back as `text`; the error says how it does not.
#[cfg(test)]
pub(super) fn read_back(
    text: &str,
    written: &str,
    position: ReadAs,
) -> std::result::Result<(), String> {
    check_read_back(text, written, position).map_err(|stop| stop.to_string())
}

/// [`read_back`], remembering what read back well.
fn check_read_back(text: &str, written: &str, position: ReadAs) -> Result {
    let known = READ_BACK
        .with_borrow(|read| read[position as usize].get(text).map(AsRef::as_ref) == Some(written));
    if known {
        return Ok(());
    }
    let document = match position {
        ReadAs::Key => format!("{written}: 0\n"),
        ReadAs::Value => format!("k: {written}\n"),
        ReadAs::Block => format!("k: {written}"),
    };
    let expected = match position {
        ReadAs::Key => serde_json::json!({ text: 0 }),
        ReadAs::Value | ReadAs::Block => serde_json::json!({ "k": text }),
    };
    match serde_saphyr::from_str::<serde_json::Value>(&document) {
        Ok(read) if read == expected => {}
        Ok(read) => {
            return Err(Stop::Unreadable(format!(
                "{text:?} written as {written:?} reads back as {read}"
            )));
        }
        Err(error) => {
            return Err(Stop::Unreadable(format!(
                "{text:?} written as {written:?} does not parse: {error}"
            )));
        }
    }
    READ_BACK.with_borrow_mut(|read| {
        let read = &mut read[position as usize];
        if read.len() >= READ_BACK_COUNT {
            read.clear();
        }
        read.insert(Box::from(text), Box::from(written));
    });
    Ok(())
}

/// How a written string is read back.
#[derive(Debug, Clone, Copy)]
pub(super) enum ReadAs {
    /// As a mapping key.
    Key,
    /// As a value after `key: `.
    Value,
    /// As a `|` block after `key: `.
    Block,
}

/// A `|` block: `|` for one final newline, `|-` for none, then the lines at `column`.
fn write_block(out: &mut String, content: &str, final_newlines: usize, column: usize) {
    out.push_str(if final_newlines == 0 { "|-\n" } else { "|\n" });
    for line in content.split('\n') {
        if !line.is_empty() {
            indent(out, column);
            out.push_str(line);
        }
        out.push('\n');
    }
}

fn indent(out: &mut String, column: usize) {
    const SPACES: &str = "                                                                ";
    match SPACES.get(..column) {
        Some(spaces) => out.push_str(spaces),
        None => out.extend(std::iter::repeat_n(' ', column)),
    }
}

/// Writes one node at a place.
struct Node<'a> {
    out: &'a mut String,
    at: At,
}

impl<'a> Node<'a> {
    /// A scalar's text after `key:` or `- `.
    fn scalar(self, text: &str) -> Result {
        let out = self.before_scalar()?;
        out.push_str(text);
        out.push('\n');
        Ok(())
    }

    /// A number after `key:` or `- `.
    fn number(self, number: impl fmt::Display) -> Result {
        let out = self.before_scalar()?;
        // Writing into a String cannot fail.
        let _ = writeln!(out, "{number}");
        Ok(())
    }

    /// The space after `key:`; scalars are never the whole document.
    fn before_scalar(self) -> Result<&'a mut String> {
        match self.at {
            At::Root => return Err(Declined),
            At::Value { .. } => self.out.push(' '),
            At::Item { .. } => {}
        }
        Ok(self.out)
    }

    fn string(self, text: &str) -> Result {
        if text.contains('\n') {
            return self.literal_block(text);
        }
        let out = self.before_scalar()?;
        push_string(out, text, Position::Value)?;
        out.push('\n');
        Ok(())
    }

    /// A multi-line string as a `|` block one level deeper than its key or dash: `|` for one final
    /// newline, `|-` for none. Others (more final newlines, leading spaces, characters outside
    /// printable ASCII) are declined.
    fn literal_block(self, text: &str) -> Result {
        let column = match self.at {
            At::Root => return Err(Declined),
            At::Value { column } | At::Item { column } => column + INDENT,
        };
        let content = text.trim_end_matches('\n');
        let final_newlines = text.len() - content.len();
        let printable = text
            .bytes()
            .all(|b| b == b'\n' || (b' '..=b'~').contains(&b));
        if !printable
            || content.is_empty()
            || final_newlines > 1
            || content.starts_with([' ', '\n'])
        {
            return Err(Declined);
        }
        if let At::Value { .. } = self.at {
            self.out.push(' ');
        }
        write_block(self.out, content, final_newlines, column);
        // Read back as a block at two spaces: the same lines, indented less.
        let mut block = String::with_capacity(text.len() + 64);
        write_block(&mut block, content, final_newlines, INDENT);
        check_read_back(text, &block, ReadAs::Block)
    }

    /// Delegates a scalar of another type to serde-saphyr.
    fn other<T: ?Sized + Serialize>(self, value: &T) -> Result {
        let written = saphyr_scalar(value)?;
        self.scalar(&written)
    }
}

impl<'a> Serializer for Node<'a> {
    type Ok = ();
    type Error = Stop;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Impossible<(), Stop>;
    type SerializeTupleStruct = Impossible<(), Stop>;
    type SerializeTupleVariant = Impossible<(), Stop>;
    type SerializeMap = Map<'a>;
    type SerializeStruct = Map<'a>;
    type SerializeStructVariant = Impossible<(), Stop>;

    fn serialize_bool(self, v: bool) -> Result {
        self.scalar(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        self.number(v)
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        self.number(v)
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.other(&v)
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.other(&v)
    }
    fn serialize_char(self, v: char) -> Result {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result {
        self.string(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result {
        Err(Declined)
    }
    fn serialize_none(self) -> Result {
        self.other(&None::<()>)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.other(&())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        // serde-saphyr's wrappers (`__yaml_…`) change how it writes; leave them to it.
        if name.starts_with("__yaml") {
            return Err(Declined);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result {
        Err(Declined)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>> {
        match self.at {
            At::Value { column } => Ok(Seq {
                out: self.out,
                column,
                items: 0,
            }),
            At::Root | At::Item { .. } => Err(Declined),
        }
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Declined)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Declined)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Declined)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map<'a>> {
        let column = match self.at {
            At::Root => 0,
            At::Value { column } | At::Item { column } => column + INDENT,
        };
        Ok(Map {
            out: self.out,
            at: self.at,
            column,
            entries: 0,
        })
    }
    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Map<'a>> {
        if name.starts_with("__yaml") {
            return Err(Declined);
        }
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Declined)
    }
}

/// A block sequence after `key:`: dashes at the key's column, `[]` when empty.
struct Seq<'a> {
    out: &'a mut String,
    column: usize,
    items: usize,
}

impl SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        if self.items == 0 {
            self.out.push('\n');
        }
        self.items += 1;
        indent(self.out, self.column);
        self.out.push_str("- ");
        value.serialize(Node {
            out: self.out,
            at: At::Item {
                column: self.column,
            },
        })
    }

    fn end(self) -> Result {
        if self.items == 0 {
            self.out.push_str(" []\n");
        }
        Ok(())
    }
}

/// A block mapping: keys at `column`, the first one on the dash's line for an item; `{}` when
/// empty.
struct Map<'a> {
    out: &'a mut String,
    at: At,
    column: usize,
    entries: usize,
}

impl Map<'_> {
    fn key(&mut self, key: &str) -> Result {
        match (self.entries, self.at) {
            (0, At::Item { .. }) => {}
            (0, At::Value { .. }) => {
                self.out.push('\n');
                indent(self.out, self.column);
            }
            _ => indent(self.out, self.column),
        }
        self.entries += 1;
        push_string(self.out, key, Position::Key)?;
        self.out.push(':');
        Ok(())
    }

    fn value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(Node {
            out: self.out,
            at: At::Value {
                column: self.column,
            },
        })
    }

    fn finish(self) -> Result {
        if self.entries == 0 {
            self.out.push_str(match self.at {
                At::Value { .. } => " {}\n",
                At::Root | At::Item { .. } => "{}\n",
            });
        }
        Ok(())
    }
}

impl SerializeMap for Map<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        let key = key.serialize(KeyString)?;
        self.key(&key)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

impl SerializeStruct for Map<'_> {
    type Ok = ();
    type Error = Stop;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.key(key)?;
        self.value(value)
    }

    fn end(self) -> Result {
        self.finish()
    }
}

/// Takes a mapping key that is a string; declines any other.
struct KeyString;

impl Serializer for KeyString {
    type Ok = String;
    type Error = Stop;
    type SerializeSeq = Impossible<String, Stop>;
    type SerializeTuple = Impossible<String, Stop>;
    type SerializeTupleStruct = Impossible<String, Stop>;
    type SerializeTupleVariant = Impossible<String, Stop>;
    type SerializeMap = Impossible<String, Stop>;
    type SerializeStruct = Impossible<String, Stop>;
    type SerializeStructVariant = Impossible<String, Stop>;

    fn serialize_str(self, v: &str) -> Result<String> {
        Ok(v.to_owned())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<String> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<String> {
        if name.starts_with("__yaml") {
            return Err(Declined);
        }
        value.serialize(self)
    }
    fn serialize_bool(self, _: bool) -> Result<String> {
        Err(Declined)
    }
    fn serialize_i8(self, _: i8) -> Result<String> {
        Err(Declined)
    }
    fn serialize_i16(self, _: i16) -> Result<String> {
        Err(Declined)
    }
    fn serialize_i32(self, _: i32) -> Result<String> {
        Err(Declined)
    }
    fn serialize_i64(self, _: i64) -> Result<String> {
        Err(Declined)
    }
    fn serialize_u8(self, _: u8) -> Result<String> {
        Err(Declined)
    }
    fn serialize_u16(self, _: u16) -> Result<String> {
        Err(Declined)
    }
    fn serialize_u32(self, _: u32) -> Result<String> {
        Err(Declined)
    }
    fn serialize_u64(self, _: u64) -> Result<String> {
        Err(Declined)
    }
    fn serialize_f32(self, _: f32) -> Result<String> {
        Err(Declined)
    }
    fn serialize_f64(self, _: f64) -> Result<String> {
        Err(Declined)
    }
    fn serialize_char(self, _: char) -> Result<String> {
        Err(Declined)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<String> {
        Err(Declined)
    }
    fn serialize_none(self) -> Result<String> {
        Err(Declined)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, _: &T) -> Result<String> {
        Err(Declined)
    }
    fn serialize_unit(self) -> Result<String> {
        Err(Declined)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String> {
        Err(Declined)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String> {
        Err(Declined)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(Declined)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(Declined)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(Declined)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(Declined)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(Declined)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(Declined)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(Declined)
    }
}
