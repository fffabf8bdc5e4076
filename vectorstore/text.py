"""Shared text utilities of the lower layer: stop words, folding, content words, sentences, evidence units,
whitespace."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "the of and to in is are was were what which who whom how many much when where why does did do "
        "has have had with for on by from this that these those it its be been an as at or not there "
        "their they than more most about into"
        .split()
    ),
    "fr": frozenset(
        "le la les des du de un une et est sont était quel quelle quels quelles qui que quoi combien "
        "quand où pourquoi comment dans pour par sur avec au aux ce cette ces il elle ils elles se sa son "
        "ses leur leurs plus ont été a à ne pas y en l d qu c s n"
        .split()
    ),
    "de": frozenset(
        "der die das den dem des ein eine einer eines und ist sind war waren wie viele viel wann wo warum "
        "was wer welche welcher welches hat haben mit für auf von im in zu zum zur bei aus nicht es sie "
        "er auch als mehr über durch dass sich wurde wurden wird werden"
        .split()
    ),
}

_TOKEN = re.compile(r"\w+", re.UNICODE)
_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f'’.](?=\d{3}(?!\d))")


def fold(text: str) -> str:
    """Lowercase, strip accents, join digit groups ("10 000" -> "10000")."""
    text = _DIGIT_GROUP.sub("", text)
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ß", "ss")


FOLDED_STOPWORDS = frozenset(fold(w) for ws in STOPWORDS.values() for w in ws)


def words(text: str) -> list[str]:
    """Folded content words (stop words removed)."""
    return [w for w in _TOKEN.findall(fold(text)) if w not in FOLDED_STOPWORDS and (len(w) > 1 or w.isdigit())]


def normalize(text: str) -> str:
    """NFKC and collapsed whitespace (what embedders see)."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


# ---------------------------------------------------------------------------------------------------------------
# Sentences and evidence units.
#
# Two kinds of text reach this module: news prose, where every paragraph is one (long) line, and technical
# documentation hard-wrapped at ~80 columns (man pages: indented option lists, tables, examples). The text is first
# cut into blocks (paragraphs, headings, list/option items, tables, code/example lines), then each block into
# spans: sentences for prose and items, rows for tables and code, the whole line for a heading. The rules are in
# the docstrings of `split_sentences` and `evidence_units`.

# A sentence ends at . ! ? … (possibly repeated), followed by closing quotes/brackets, then whitespace.
_END = re.compile(r"[.!?…]+(?:[ \u00a0\u202f]?[\"'»”“’)\]])*(?=\s|$)")
_ABBREV = {
    "z", "b", "d", "h", "u", "a", "s", "o", "dr", "mr", "mrs", "ms", "st", "m", "mm", "mme", "mlle", "etc",
    "vgl", "bzw", "ca", "nr", "inkl", "usw", "p", "pp", "vol", "no", "fig", "cf", "env", "av", "j.-c", "prof",
    "vs", "resp", "evtl", "ggf", "bspw", "sog", "ex", "approx", "incl",
}
# "z.B", "e.g", "i.e", "d.h", "p.ex", "u.a": letters joined by dots (the final dot is the one being judged).
_DOTTED_ABBREV = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]{1,2}")
# "Tabelle 1. Einstellungen…": a caption's number is not the end of a sentence.
_CAPTION = re.compile(r"\b(?:Tab(?:elle|le|leau)?|Abb(?:ildung)?|Fig(?:ure)?|Bild|Beispiel|Ex(?:ample|emple)?)\s+\d+$")
# A line that ends like this does not continue its sentence on the next line.
_COMPLETE = re.compile(r"[.!?…:;][\"'»”“’)\]]*$")

_WRAPPED_MAX = 100  # a text whose long lines are at most this wide is hard-wrapped (man pages: 78)
_WRAPPED_MIN_LINES = 4
_TAG_LINES = 2  # at most this many lines of tag before the indented body of an option/list item
_LITERAL_STEP = 3  # a block indented this much deeper than the one before it is an example
_UNIT_MAX = 400  # an item longer than this (characters) is quoted sentence by sentence

_BULLET = re.compile(r"(?:[-*+•◦▪‣·–—]|\d{1,3}[.)])\s+(\S)")
_OPTION = re.compile(r"-(?:-?[\w?]|,)")
_INLINE_TAG = re.compile(r"\S{1,24} {2,}\S")  # "debug  sets RES_DEBUG…": a term, a gap, its description
_MD_HEADING = re.compile(r"#{1,6}\s+\S")
_BOX_DRAWING = re.compile(r"[\u2500-\u257f]")
_BOX = set("┌┬┐├┼┤└┴┘│║╔╗╚╝╠╣╦╩╬═─━┃┏┓┗┛┣┫┳┻╋+|")
_CODE = re.compile(
    r"\$\s"  # shell prompt
    r"|[A-Za-z_][A-Za-z0-9_]*=[^\s,]"  # VAR=value, LABEL=… / ext4 … (not "OnClockChange=, OnTimezoneChange=")
    r"|@\w+\s|[\d*][\d*,/-]*(?:\s+[\d*][\d*,/-]*){3}\s+(?:[\d*][\d*,/-]*|[a-z]{3})\s"  # crontab entry
    r"|(?:\d{1,3}\.){3}\d{1,3}\s|[0-9a-f]*::[0-9a-f:]*\s"  # hosts entry
    r"|[a-z][\w.+-]*\s+(?:[\[{]|--?\w)"  # command line: "tar -cvf …", "crontab [ -u user ]"
    r"|(?:/|~/|\./|<?[a-z]+://)\S*$"  # a lone path or URL
)


@dataclass(frozen=True)
class Span:
    """A half-open character range of the document text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int = 0


@dataclass(frozen=True)
class Unit:
    """Evidence to quote, `text[start:end]`, and what it needs to be understood, `text[context_start:context_end]`."""

    start: int
    end: int
    context_start: int
    context_end: int


def _is_abbreviation(text: str, dot_at: int) -> bool:
    """The period at `dot_at` closes an abbreviation ('z.B.', 'etc.', 'M.'), not a sentence."""
    if text[dot_at] != ".":
        return False
    m = re.search(r"([^\W\d_][\w.-]*)$", text[:dot_at])
    if not m:
        return False
    word = m.group(1)
    return (
        word.lower() in _ABBREV
        or (len(word) == 1 and word.isupper())
        or _DOTTED_ABBREV.fullmatch(word) is not None
    )


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the terminator `m` (found in `text`) really ends a sentence."""
    # A period inside a token ("3.14", "crontab.5", "/etc/cron.d/x") is never a candidate: an end needs a space.
    # One followed by a lowercase word is not an end either ("am 1. und am 15. jedes Monats"). One followed by a
    # digit is: news sentences start with numbers ("… ses essais. 29 plateformes …").
    if text[m.end():].lstrip()[:1].islower():
        return False
    if m.group().startswith("...") and text[m.start() - 1:m.start()] in ("]", "}"):
        return False  # synopsis syntax: "[OPTION]... MODE"
    return not _is_abbreviation(text, m.start()) and not _CAPTION.search(text, 0, m.start())


def _line_ends(s: str) -> bool:
    """The line ends its sentence or clause (so the next line does not continue it): '…:', but not '(z.B.'."""
    m = _COMPLETE.search(s)
    if m is None:
        return False
    return s[m.start()] != "." or not (_is_abbreviation(s, m.start()) or _CAPTION.search(s, 0, m.start()))


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without surrounding whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of `text[start:end]`, which may cross line breaks."""
    part = text[start:end]
    ranges: list[tuple[int, int]] = []
    cursor = 0
    for m in _END.finditer(part):
        if not _ends_sentence(part, m):
            continue
        s, e = _strip(text, start + cursor, start + m.end())
        if e > s:
            ranges.append((s, e))
        cursor = m.end()
    s, e = _strip(text, start + cursor, end)
    if e > s:
        ranges.append((s, e))
    return ranges


# ---------------------------------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Line:
    """A non-blank line: `text[start:end]` is its content without surrounding whitespace."""

    start: int
    end: int
    indent: int  # column of `start` (tabs to the next multiple of 8)
    gap_before: bool  # a blank line, or the start of the text, comes before it
    cut: bool = False  # maybe the tail of a longer line (a chunk starting mid-line): its width is unknown

    @property
    def width(self) -> int:
        """The column just after the line's last character."""
        return self.indent + self.end - self.start


def _columns(whitespace: str) -> int:
    """Width of leading whitespace in columns."""
    col = 0
    for c in whitespace:
        col = (col // 8 + 1) * 8 if c == "\t" else col + 1
    return col


def _scan(text: str) -> list[_Line]:
    """The non-blank lines of `text`."""
    lines: list[_Line] = []
    gap, pos = True, 0
    for raw in text.split("\n"):
        content = raw.strip()
        if content:
            lead = len(raw) - len(raw.lstrip())
            lines.append(_Line(pos + lead, pos + lead + len(content), _columns(raw[:lead]), gap))
        gap = not content
        pos += len(raw) + 1
    return lines


def _wrap_width(lines: list[_Line]) -> int:
    """The column text is wrapped at: the 90th percentile of line widths (a few long code lines do not count)."""
    widths = sorted(line.width for line in lines)
    return widths[max(0, -(-9 * len(widths) // 10) - 1)]


def _is_hard_wrapped(lines: list[_Line], width: int) -> bool:
    """Short lines, and indented (man pages) or mostly filled up to the wrap column: a few short lines of a news
    item ('french.beijing.gov.cn', '2026-02-05') are not."""
    if width > _WRAPPED_MAX:
        return False
    filled = sum(line.width >= 0.8 * width for line in lines)
    return any(line.indent for line in lines) or (len(lines) >= _WRAPPED_MIN_LINES and 2 * filled >= len(lines))


def _is_caps_heading(s: str) -> bool:
    """'BESCHREIBUNG', 'VOIR AUSSI': a short all-capitals line that is not code nor a sentence."""
    letters = [c for c in s if c.isalpha()]
    return (
        len(letters) >= 3
        and len(s) <= 60
        and all(c.isupper() for c in letters)
        and not _COMPLETE.search(s)
        and not re.search(r"[_=/<>@$#\[\]{}|:]|^-", s)
    )


def _is_bullet(s: str) -> bool:
    """'- ', '• ', '— ', '1. ' opening a list item (but not '15. jedes Monats', a wrapped ordinal)."""
    m = _BULLET.match(s)
    return m is not None and not (s[0].isdigit() and m.group(1).islower())


def _opens_item(s: str) -> bool:
    """A bullet or an option entry ('-e', '--file=ARCHIVE', '-, -l, --login')."""
    return _is_bullet(s) or _OPTION.match(s) is not None


def _word_columns(text: str, line: _Line) -> set[int]:
    """Columns where a word after the first one starts."""
    return {line.indent + m.start() for m in re.finditer(r"(?<=\s)\S", text[line.start:line.end])}


@dataclass
class _Doc:
    """A text, its non-blank lines and what is known about them."""

    text: str
    lines: list[_Line]
    width: int
    wrapped: bool
    code: list[bool] = field(default_factory=list)

    def s(self, i: int) -> str:
        """The content of line `i`."""
        return self.text[self.lines[i].start:self.lines[i].end]

    def adjacent(self, i: int) -> bool:
        """Line `i` directly follows line `i - 1`, at the same indentation."""
        return 0 < i < len(self.lines) and not self.lines[i].gap_before and (
            self.lines[i].indent == self.lines[i - 1].indent
        )

    def full(self, i: int) -> bool:
        """The first word of line `i + 1` would not have fitted on line `i`: the line was wrapped there."""
        line = self.lines[i]
        if line.cut:
            return True
        nxt = self.s(i + 1).split(maxsplit=1)[0] if i + 1 < len(self.lines) else ""
        return line.width + 1 + len(nxt) > self.width

    def wraps(self, i: int, known: bool = False) -> bool:
        """Line `i` is prose wrapped onto line `i + 1` (`known`: only if its width is known to say so)."""
        if known and self.lines[i].cut:
            return False
        return self.adjacent(i + 1) and not _line_ends(self.s(i)) and self.full(i)

    def continues(self, i: int) -> bool:
        """Line `i` continues the sentence of line `i - 1` (a wrapped line, not a new block)."""
        if not self.adjacent(i) or _line_ends(self.s(i - 1)):
            return False
        if self.full(i - 1):
            return True
        s = self.s(i)
        # A short line followed by a capital is a title or a byline; by a lowercase word, a forced line break.
        return not s[0].isupper() and not _opens_item(s) and not self.code[i]

    def hangs(self, i: int) -> bool:
        """Line `i + 1` is indented under line `i` (the body of a tag or list item)."""
        return i + 1 < len(self.lines) and not self.lines[i + 1].gap_before and (
            self.lines[i + 1].indent > self.lines[i].indent
        )

    def alone(self, i: int) -> bool:
        """Line `i` is a paragraph by itself."""
        return i + 1 == len(self.lines) or self.lines[i + 1].gap_before


@dataclass
class _Block:
    """Consecutive lines read as one unit of layout."""

    kind: str  # "prose", "heading", "item", "code" or "table"
    lines: list[_Line]
    tag_lines: int = 0  # an item whose description hangs below its name: how many lines the name takes

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def indent(self) -> int:
        return self.lines[0].indent

    @property
    def body(self) -> int | None:
        """Index of the first line indented under the first one (the body of an item), if any."""
        return next((k for k, line in enumerate(self.lines) if line.indent > self.indent), None)


def _mark_cut_first_line(text: str, lines: list[_Line]) -> list[_Line]:
    """A text starting mid-line (a chunk) has a first line of unknown width and indentation: take the next one's."""
    first = lines[0]
    if first.start != 0 or len(lines) < 2 or lines[1].gap_before or lines[1].indent == 0:
        return lines
    s = text[first.start:first.end]
    # A subheading ('Styles des options') cannot be told from the tail of a wrapped line ('Wenn der'): joining a
    # title to the first sentence is the lesser harm.
    nxt = text[lines[1].start:lines[1].end]
    if _is_caps_heading(s) or _opens_item(s) or (_CODE.match(s) and not _CODE.match(nxt)):
        return lines  # a line start for sure; a lone code line is the name of the item indented below it
    return [replace(first, indent=lines[1].indent, cut=True), *lines[1:]]


def _code_flags(doc: _Doc) -> list[bool]:
    """Lines of examples: commands, config entries, their comments and what a command prints."""
    n = len(doc.lines)
    looks = [_CODE.match(doc.s(i)) is not None for i in range(n)]
    # "crontab -l affichera…" opening a wrapped sentence is prose, unless the next line is code too.
    code = [looks[i] and (not doc.wraps(i, known=True) or looks[i + 1]) for i in range(n)]
    prompt = False
    for i in range(n):
        prompt = doc.s(i).startswith("$ ") or (prompt and doc.adjacent(i))
        code[i] = code[i] or prompt
    for i in reversed(range(n - 1)):  # a comment heads the config line below it
        code[i] = code[i] or (doc.s(i).startswith("#") and doc.adjacent(i + 1) and code[i + 1])
    for i in range(1, n):  # or follows one
        code[i] = code[i] or (doc.s(i).startswith("#") and doc.adjacent(i) and code[i - 1])
    return code


def _is_box(s: str) -> bool:
    """A line of a box-drawn table: '│a │ b │', '├──┼──┤'."""
    return s[0] in _BOX and s[-1] in _BOX


def _is_column_table(doc: _Doc, first: int, stop: int) -> bool:
    """Lines `first..stop-1` share a column where a word starts, mostly after a gap: 'Minute   0-59'."""
    rows = range(first, stop)
    if len(rows) < 2 or sum(doc.code[i] for i in rows) * 2 > len(rows):
        return False
    # A justified paragraph's double spaces can line up by chance: but it has sentences, or every line wraps.
    if any(re.search(r"[.!?](?:\s|$)", doc.s(i)) for i in rows) or all(doc.wraps(i) for i in rows[:-1]):
        return False
    common = set.intersection(*(_word_columns(doc.text, doc.lines[i]) for i in rows))
    gapped = sum(
        any(doc.text[doc.lines[i].start + c - doc.lines[i].indent - 2].isspace() for c in common) for i in rows
    )
    # Two lines must both show the gap (a chunk may hold only part of a table); more lines, half of them.
    return bool(common) and gapped * 2 >= len(rows) and (len(rows) > 2 or gapped == 2)


def _box_tables(doc: _Doc, first: int, stop: int) -> dict[int, int]:
    """Runs of box-drawn lines among lines `first..stop-1` (a caption above and text below may share the run)."""
    tables: dict[int, int] = {}
    k = first
    while k < stop:
        end = k
        while end < stop and _is_box(doc.s(end)):
            end += 1
        if end - k >= 2 or (end > k and _BOX_DRAWING.search(doc.s(k))):
            tables[k] = end
        k = max(end, k + 1)
    return tables


def _tables(doc: _Doc) -> dict[int, int]:
    """Tables as {first line: line after the last}: aligned columns, or box-drawn."""
    tables: dict[int, int] = {}
    i, n = 0, len(doc.lines)
    while i < n:
        stop = i + 1
        while stop < n and doc.adjacent(stop):
            stop += 1
        tables.update({i: stop} if _is_column_table(doc, i, stop) else _box_tables(doc, i, stop))
        i = stop
    return tables


def _is_heading(doc: _Doc, i: int) -> bool:
    """A section title: all capitals, a Markdown '#', or a short line at the margin with text indented below it."""
    s, line = doc.s(i), doc.lines[i]
    if doc.code[i]:
        return False
    if _is_caps_heading(s) or (_MD_HEADING.match(s) is not None and doc.alone(i)):
        return True
    return (
        doc.wrapped
        and line.indent <= 3
        and doc.hangs(i)
        and doc.lines[i + 1].indent >= line.indent + 2
        and len(s) <= 60
        and len(s.split()) <= 8
        and not s.endswith((",", ";", ":"))
        and not _opens_item(s)
    )


def _kind(doc: _Doc, blocks: list[_Block], i: int) -> str:
    """The kind of the block that line `i` opens."""
    s, line = doc.s(i), doc.lines[i]
    if _is_heading(doc, i):
        return "heading"
    if doc.hangs(i):
        return "item"  # "/etc/pam.d/su" with its description indented below: a term, not an example
    if doc.code[i]:
        return "code"
    if _opens_item(s) or (doc.alone(i) and _INLINE_TAG.match(s)):
        return "item"
    deeper = bool(blocks) and line.indent >= blocks[-1].lines[-1].indent + _LITERAL_STEP
    if doc.wrapped and line.gap_before and deeper and not doc.wraps(i):
        return "code"  # an example set off by its indentation: "    Name = Wert"
    return "prose"


def _joins(doc: _Doc, block: _Block, i: int) -> bool:
    """Whether line `i` belongs to `block` (which holds line `i - 1`)."""
    line, prev = doc.lines[i], block.lines[-1]
    if not doc.wrapped or line.gap_before or block.kind in ("heading", "table"):
        return False
    if line.indent > prev.indent:
        # The body of an option or list item hangs under its first line(s).
        if block.kind in ("prose", "item") and len(block.lines) <= _TAG_LINES and block.body is None:
            block.kind = "item"
            # "-l      Activer les noms…" starts its description on the name's line, aligned with the lines below
            # and wrapped like them; "search Suchliste für Rechnernamen" is a name line of its own.
            aligned = line.indent in _word_columns(doc.text, prev) and doc.full(i - 1)
            inline = len(block.lines) == 1 and (_is_bullet(doc.s(i - 1)) or aligned)
            block.tag_lines = 0 if inline else len(block.lines)
            return True
        return False
    if line.indent < prev.indent:
        return False
    if block.kind == "code":
        return doc.code[i] or not (doc.wraps(i) or _opens_item(doc.s(i)) or _is_heading(doc, i))
    if doc.continues(i):
        return True
    if _opens_item(doc.s(i)) or doc.code[i] or _is_heading(doc, i):
        return False
    return _line_ends(doc.s(i - 1))  # the next sentence of the same paragraph


def _layout(text: str) -> list[_Block]:
    """Cut `text` into blocks: every non-blank line belongs to exactly one, in order."""
    lines = _scan(text)
    if not lines:
        return []
    width = _wrap_width(lines)
    wrapped = _is_hard_wrapped(lines, width)
    doc = _Doc(text, _mark_cut_first_line(text, lines) if wrapped else lines, width, wrapped)
    doc.code = _code_flags(doc) if wrapped else [False] * len(lines)
    tables = _tables(doc) if wrapped else {}
    blocks: list[_Block] = []
    i = 0
    while i < len(lines):
        if i in tables:
            blocks.append(_Block("table", doc.lines[i:tables[i]]))
            i = tables[i]
        elif blocks and _joins(doc, blocks[-1], i):
            blocks[-1].lines.append(doc.lines[i])
            i += 1
        else:
            blocks.append(_Block(_kind(doc, blocks, i), [doc.lines[i]]))
            i += 1
    return blocks


def _code_rows(text: str, block: _Block) -> list[tuple[int, int]]:
    """One row per line, a line ending with a backslash continuing on the next."""
    rows: list[tuple[int, int]] = []
    for line in block.lines:
        if rows and text[rows[-1][1] - 1] == "\\":
            rows[-1] = (rows[-1][0], line.end)
        else:
            rows.append((line.start, line.end))
    return rows


def _continues_row(line: str) -> bool:
    """'│          │ relativ zu dem Moment, zu │': an empty first cell continues the row above."""
    cells = re.split(r"[│║┃|]", line)
    return len(cells) > 2 and not cells[1].strip()


def _table_parts(text: str, block: _Block) -> list[tuple[str, int, int]]:
    """("rule" | "header" | "row", start, end) in order; a row of a boxed table may span several lines."""
    lines = block.lines
    rule = [not any(c.isalnum() for c in text[line.start:line.end]) for line in lines]
    parts: list[tuple[str, int, int]] = []
    for line, is_rule in zip(lines, rule, strict=True):
        if is_rule:
            parts.append(("rule", line.start, line.end))
        elif parts and parts[-1][0] == "row" and _continues_row(text[line.start:line.end]):
            parts[-1] = ("row", parts[-1][1], line.end)
        else:
            parts.append(("row", line.start, line.end))
    rows = [k for k, p in enumerate(parts) if p[0] == "row"]
    if len(rows) < 2:
        return parts
    first_rule = next((k for k, p in enumerate(parts) if p[0] == "rule" and k > rows[0]), None)
    if first_rule is not None and rows[-1] > first_rule:
        header = [k for k in rows if k < first_rule]  # the rows above the first rule
    elif first_rule is None and _looks_like_header(text, parts, rows):
        header = rows[:1]
    else:
        header = []
    return [("header", s, e) if k in header else (kind, s, e) for k, (kind, s, e) in enumerate(parts)]


def _looks_like_header(text: str, parts: list[tuple[str, int, int]], rows: list[int]) -> bool:
    """Without a rule, the first row is a header if it has no digit where most other rows have some."""
    has_digit = [any(c.isdigit() for c in text[parts[k][1]:parts[k][2]]) for k in rows]
    return not has_digit[0] and sum(has_digit[1:]) * 2 >= len(rows) - 1


def _block_pieces(text: str, block: _Block) -> list[tuple[int, int]]:
    """The spans of one block: its sentences, rows or the whole heading."""
    if block.kind == "heading":
        return [(block.start, block.end)]
    if block.kind == "table":
        return [(s, e) for _, s, e in _table_parts(text, block)]
    if block.kind == "code":
        return _code_rows(text, block)
    return _sentence_ranges(text, block.start, block.end)


def split_sentences(text: str) -> list[Span]:
    """Sentence spans, in order, stripped, covering every non-space character; `paragraph` numbers the blocks.

    A text whose lines are long (news: a paragraph per line), or few, short and neither indented nor filled up to a
    common width, keeps one block per line. A hard-wrapped text (90th percentile of line widths <= 100 columns,
    and indented or mostly filled) is cut into blocks; a new block starts at:
    - a blank line, or a line indented less than the one above;
    - a heading: an ALL-CAPS line ('BESCHREIBUNG'), a '# Title' line on its own, or a short line at column <= 3 with
      text indented below it ('   Implizite Abhängigkeiten');
    - a list item or option entry ('- ', '* ', '• ', '— ', '1. ', '-e', '--file=X') or a command/config line
      ('0 4 * * * root cmd', 'UUID=… / ext4 …', 'SHELL=/bin/sh', '$ tar …', 'tar -cvf …', a lone path or URL, a
      '#' comment next to one), unless the line continues a wrapped sentence;
    - a line indented >= 3 columns deeper than the previous block after a blank line (an example), or the first
      line of a table (box-drawn, or columns aligned at the same position on every line with gaps, no sentences);
    - a line after a short line that does not end a sentence, if it starts with a capital (a title, a byline).
    A line indented deeper right under the first line(s) of a block is the body of that option/list item (its name
    line joins the first sentence of the description: "-P, --pty Créer un pseudo-terminal pour la session.").
    A line at the same indentation continues the block: it continues the sentence when the line above does not
    end with . ! ? … : ; and was full (the next word would not have fitted on it) or the line starts in lowercase.
    Spans: sentences for prose and items, crossing line breaks; a sentence ends at . ! ? … followed by a space and
    not by a lowercase word, never inside a token (paths, file names, versions, URLs, options), nor after an
    abbreviation ('z.B.', 'e.g.', 'i.e.', 'd.h.', 'p.ex.', 'bzw.', 'cf.', 'etc.', 'M.') or a caption number
    ('Tabelle 1.'). Tables give one span per row (a boxed row spans its lines) and per rule line, code blocks one per
    line, a heading one. A text starting mid-line (a chunk) takes its first line as a continuation of the next.
    """
    spans: list[Span] = []
    for number, block in enumerate(_layout(text)):
        spans.extend(Span(s, e, number) for s, e in _block_pieces(text, block))
    return spans


# ---------------------------------------------------------------------------------------------- evidence units

_Range = tuple[int, int]


def _unit(start: int, end: int, context: _Range | None) -> Unit:
    """A unit; no context is an empty one at the unit's start."""
    return Unit(start, end, *context) if context else Unit(start, end, start, start)


def _lead_in(text: str, blocks: list[_Block], b: int) -> _Range | None:
    """What introduces block `b`: the last sentence of the block its list hangs from, of the nearest block above at
    its indentation that ends with a colon, or the nearest heading."""
    target = blocks[b]
    for j in range(b - 1, -1, -1):
        other = blocks[j]
        if other.kind == "heading":
            return other.start, other.end
        sibling = other.indent == target.indent and other.kind == target.kind != "prose"
        if other.indent > target.indent or sibling:
            continue  # an earlier item of the same list, or its body
        if other.indent < target.indent or text[other.end - 1] == ":":
            return _block_pieces(text, other)[-1]
    return None


def _item_parts(text: str, block: _Block) -> tuple[_Range | None, int]:
    """(the tag line(s) when the body hangs below them, where the item's own text starts)."""
    first, tag = block.lines[0], block.tag_lines
    if tag:
        return (first.start, block.lines[tag - 1].end), block.lines[tag].start
    m = _BULLET.match(text, first.start, first.end)
    if m and _is_bullet(text[first.start:first.end]):
        return None, m.start(1)  # quote the item, not its bullet
    return None, first.start


def _item_units(text: str, blocks: list[_Block], b: int) -> list[Unit]:
    """The whole item, with its tag or lead-in as context; a long one sentence by sentence."""
    block = blocks[b]
    tag, body = _item_parts(text, block)
    context = tag or _lead_in(text, blocks, b)
    if block.end - body <= _UNIT_MAX:
        return [_unit(body, block.end, context)]
    sentences = _sentence_ranges(text, body, block.end)
    return [_unit(s, e, tag or (context if k == 0 else sentences[0])) for k, (s, e) in enumerate(sentences)]


def _owner(blocks: list[_Block], b: int) -> int | None:
    """The item a paragraph belongs to: the nearest block above it whose body is indented like it."""
    target = blocks[b]
    for j in range(b - 1, -1, -1):
        other = blocks[j]
        if other.kind != "heading" and other.indent >= target.indent:
            continue
        body = other.body
        if other.kind == "item" and body is not None and other.lines[body].indent <= target.indent:
            return j
        return None
    return None


def _prose_units(text: str, blocks: list[_Block], b: int) -> list[Unit]:
    """Sentences; a further paragraph of an option's description gets the option as context."""
    owner = _owner(blocks, b)
    context: _Range | None = None
    if owner is not None:
        tag, body = _item_parts(text, blocks[owner])
        context = tag or _sentence_ranges(text, body, blocks[owner].end)[0]
    return [_unit(s, e, context) for s, e in _sentence_ranges(text, blocks[b].start, blocks[b].end)]


def _code_units(text: str, blocks: list[_Block], b: int) -> list[Unit]:
    """Each line; a comment is the context of the line right below it, else the example's lead-in."""
    lead = _lead_in(text, blocks, b)
    units: list[Unit] = []
    comment: _Range | None = None
    for s, e in _code_rows(text, blocks[b]):
        units.append(_unit(s, e, comment or lead))
        comment = (s, e) if text[s] == "#" else None
    return units


def _table_units(text: str, blocks: list[_Block], b: int) -> list[Unit]:
    """Each row, with the header row (or, without one, the table's lead-in) as context."""
    parts = _table_parts(text, blocks[b])
    header = [(s, e) for kind, s, e in parts if kind == "header"]
    context = (header[0][0], header[-1][1]) if header else _lead_in(text, blocks, b)
    return [_unit(s, e, context) for kind, s, e in parts if kind == "row"]


_UNIT_BUILDERS = {"prose": _prose_units, "item": _item_units, "code": _code_units, "table": _table_units}


def evidence_units(text: str) -> list[Unit]:
    """Self-contained passages to quote as evidence, each with the text it needs to be understood.

    - prose: one sentence; no context (context_start == context_end == start). A further paragraph of an
      option's description gets the option line as context.
    - option or list item: the whole item, all its wrapped lines (without its bullet). Context: the option name
      line(s) when the description hangs below it, else the lead-in: the sentence ending the block that
      introduces the list, or the nearest heading. An item longer than _UNIT_MAX characters is cut into its
      sentences; the first keeps that context, the others get the option line or the item's first sentence.
    - table row: the row (a boxed row may span several lines); context: the header row(s), or without a header
      the table's lead-in. Rules and the header itself are not units.
    - code/example line: the line; context: the comment line right above it, else the example's lead-in.
    - headings are not units, only contexts.
    The context is a contiguous range that ends before the unit starts; units are in text order.
    """
    blocks = _layout(text)
    units: list[Unit] = []
    for b, block in enumerate(blocks):
        builder = _UNIT_BUILDERS.get(block.kind)
        if builder is not None:
            units.extend(builder(text, blocks, b))
    return units
