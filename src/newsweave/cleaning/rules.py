"""Decide, paragraph by paragraph, what is article and what is page furniture.

Text extraction (trafilatura, or a copy-paste) leaves debris that looks like short paragraphs: prompts
("Czytaj więcej"), paywall counters, related-headline lists, captions with their photo credit, share
buttons. A cue word alone is not enough — "Diskussion" is also a word in prose — so each rule pairs a
cue with a shape: short, not a sentence, next to other debris, or at the end of the article. Prose (a
long block ending like a sentence) is never removed except as an exact repeat.

Rules run in two passes: first each block on its own, then rules that look at neighbours (the headline
after "read more", the caption above a photo credit, everything after a paywall notice, the list of
headlines closing the page). Every decision names its rule and a reason a person can read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsweave.cleaning import cues
from newsweave.dates import find_numeric, parse_textual
from newsweave.model import ParagraphKind
from newsweave.textnorm import fold

_SENTENCE_END = re.compile(r"[.!?…:;][\"'”»“)\]]*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-–•*·▪►]|\d{1,2}[.)])\s+\S")
#: A dialogue paragraph (Polish, Russian, Romanian … style): "- Text - powiedział." / "– Text – a spus el."
_DIALOGUE = re.compile(r"^\s*[-–—]\s+\S.*?[,.!?…]?\s[-–—]\s+[^\W\d_A-ZÀ-ÖØ-ÞА-ЯЁЄІЇҐ]")
_QUOTE_LINE = re.compile(r"^\s*[„“\"«‚‘]")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’.-]*|and|und|și|si|i|un|и|і|&|,|et|y|e|en|a|von|van|de|der)$")

#: Short enough to be a label, caption or headline rather than a paragraph of prose.
SHORT_CHARS = 200
#: Prose: at least this many words and ends like a sentence.
PROSE_WORDS = 8


@dataclass(slots=True)
class Decision:
    keep: bool = True
    rule: str = ""
    reason: str = ""
    moved_to: str | None = None
    kind: ParagraphKind = "text"
    value: str | None = None  # the metadata value a moved line carried (a date, a name)


@dataclass(slots=True)
class Block:
    text: str
    folded: str = field(init=False)
    n_words: int = field(init=False)

    def __post_init__(self) -> None:
        self.folded = fold(self.text)
        self.n_words = len(self.text.split())

    @property
    def sentence(self) -> bool:
        return bool(_SENTENCE_END.search(self.text.rstrip()))

    @property
    def prose(self) -> bool:
        return (self.n_words >= PROSE_WORDS and self.sentence) or self.n_words >= 30

    @property
    def headline(self) -> bool:
        """Headline-shaped: short, not prose. Headlines may end with '?' or a quote, rarely with '.'."""
        if len(self.text) > SHORT_CHARS or self.n_words > 30:
            return False
        return not self.prose or self.text.rstrip().endswith(("?", '"', "”", "»"))


def _drop(decision: Decision, rule: str, reason: str, moved_to: str | None = None, value: str | None = None) -> None:
    decision.keep, decision.rule, decision.reason = False, rule, reason
    decision.moved_to, decision.value = moved_to, value


def _date_line(block: Block) -> tuple[str, str] | None:
    """(field, iso value) when the block is a short publication/update date line."""
    if block.n_words > 12 or len(block.text) > 100:
        return None
    prefix = cues.UPDATED_PREFIX.match(block.folded)
    field_name = "updated" if prefix else "published"
    prefix = prefix or cues.PUBLISHED_PREFIX.match(block.folded)
    prefixed = bool(prefix and prefix.end() > 0)
    found = find_numeric(block.text)
    if found is None and (prefixed or block.n_words <= 6):
        # Hand dateparser the words after the cue ("Publié le 2 octobre 2024" -> "2 octobre 2024").
        skip = len(block.folded[: prefix.end()].split()) if prefix else 0
        found = parse_textual(" ".join(block.text.split()[skip:]))
    if found is None:
        return None
    rest = block.text.replace(found.text, " ")
    leftover = [w for w in re.split(r"[\W\d_]+", rest) if w]
    if prefixed or len(leftover) <= 3:
        return field_name, found.value
    return None


def _byline(block: Block) -> str | None:
    if block.n_words > 8 or len(block.text) > 80 or block.sentence:
        return None
    m = cues.BYLINE_PREFIX.match(block.folded)
    if not m:
        return None
    name = block.text[len(block.text) - len(block.text.lstrip()) :][m.end() :].strip(" :–—-|")
    tokens = name.replace(",", " , ").split()
    if not tokens or not tokens[0][:1].isupper() or not all(_NAME_WORD.match(t) for t in tokens):
        return None
    return name


def _first_pass(block: Block, seen: dict[str, int], index: int) -> Decision:
    d = Decision()
    short = len(block.text) <= SHORT_CHARS and not block.prose
    key = block.folded
    if short and cues.PAGE_COUNTER.match(block.text):
        _drop(d, "counter", "page or article counter")
    elif len(block.text) <= 160 and cues.PAYWALL_PERCENT.search(block.folded):
        _drop(d, "paywall", "paywall notice: share of the article left to read")
    elif short and block.n_words <= 8 and cues.PAYWALL_ANY.search(block.folded):
        _drop(d, "paywall", "subscription or paywall prompt")
    elif short and cues.SPONSORED_LINE.match(block.folded):
        _drop(d, "sponsored", "sponsored-content label")
    elif short and cues.READ_MORE_LINE.match(block.folded):
        _drop(d, "read-more", "'read more' prompt")
    elif (
        len(block.text) <= 300
        and cues.READ_MORE_PREFIX.match(block.folded)
        and (not block.prose or block.n_words <= 25)
    ):
        _drop(d, "more-on-topic", "'more on this topic' trailer with a linked headline")
    elif short and block.n_words <= 6 and cues.SHARE_ANY.search(block.folded):
        _drop(d, "share-comment", "share or comment prompt")
    elif short and block.n_words <= 12 and (cues.PHOTO_PREFIX.match(block.folded) or cues.COPYRIGHT.match(block.text)):
        _drop(d, "photo-credit", "photo credit line", moved_to="photo_credit", value=block.text.strip())
    elif (dated := _date_line(block)) is not None:
        _drop(d, f"{dated[0]}-line", f"{dated[0]} date line", moved_to=dated[0], value=dated[1])
    elif (name := _byline(block)) is not None:
        _drop(d, "byline", "byline", moved_to="byline", value=name)
    elif key in seen and (len(key) >= 20 or short):
        _drop(d, "repeated", f"repeats paragraph {seen[key] + 1}")
    if key not in seen:
        seen[key] = index
    return d


def _context_pass(blocks: list[Block], out: list[Decision]) -> None:
    n = len(blocks)
    # A caption: a short non-sentence line repeated at once, or standing beside a photo credit.
    for i in range(n):
        if not out[i].keep or not blocks[i].headline or blocks[i].sentence:
            continue
        nxt = i + 1
        while nxt < n and out[nxt].rule == "repeated" and blocks[nxt].folded == blocks[i].folded:
            nxt += 1
        repeated_now = nxt > i + 1
        beside_credit = (nxt < n and out[nxt].rule == "photo-credit") or (i > 0 and out[i - 1].rule == "photo-credit")
        if repeated_now or beside_credit:
            _drop(out[i], "caption", "photo caption" + (" repeated as a paragraph" if repeated_now else ""))
            for j in range(i + 1, nxt):
                out[j].rule, out[j].reason = "caption", "photo caption repeated as a paragraph"
    # The headline a prompt points to: "Czytaj więcej" / "Sponsored" followed by a linked title.
    for i in range(n - 1):
        if out[i].rule in ("read-more", "sponsored") and out[i + 1].keep and blocks[i + 1].headline:
            _drop(out[i + 1], "related-headline", f"linked headline after a '{out[i].rule}' prompt")
    # After a paywall notice the article is cut: what follows, short of prose, is page chrome.
    cut = next((i for i in range(n) if out[i].rule == "paywall"), None)
    if cut is not None:
        for j in range(cut + 1, n):
            if out[j].keep and not (blocks[j].prose and len(blocks[j].text) > SHORT_CHARS):
                _drop(out[j], "after-paywall", "page chrome after the paywall notice")
    # The closing run of headline-shaped lines: a list of related stories or section links.
    j = n
    while j > 0 and (not out[j - 1].keep or blocks[j - 1].headline):
        j -= 1
    tail = range(j, n)
    kept_tail = [k for k in tail if out[k].keep]
    debris_in_tail = any(not out[k].keep and out[k].moved_to is None for k in tail)
    if kept_tail and j > 0 and (len(kept_tail) >= 3 or debris_in_tail):
        for k in kept_tail:
            if cues.READ_MORE_START.match(blocks[k].folded):
                _drop(out[k], "read-more", "'read more' pointer at the end of the article")
            else:
                _drop(out[k], "related-list", "list of linked headlines closing the page")
    # A lone fragment between two pieces of debris ("artykułów" between counters) is debris too.
    for i in range(1, n - 1):
        lone = out[i].keep and blocks[i].n_words <= 3 and not blocks[i].sentence
        if lone and not out[i - 1].keep and not out[i + 1].keep:
            _drop(out[i], "fragment", "fragment between removed page elements")


def _kinds(blocks: list[Block], out: list[Decision]) -> None:
    kept = [i for i, d in enumerate(out) if d.keep]
    for pos, i in enumerate(kept):
        b = blocks[i]
        if _DIALOGUE.match(b.text):
            out[i].kind = "quote"
        elif _LIST_ITEM.match(b.text):
            out[i].kind = "list-item"
        elif _QUOTE_LINE.match(b.text) and b.sentence:
            out[i].kind = "quote"
        elif b.headline and not b.sentence and pos + 1 < len(kept) and blocks[kept[pos + 1]].prose:
            out[i].kind = "heading"


def classify(texts: list[str], title_hint: str | None = None) -> tuple[list[Decision], str | None]:
    """Decisions for each block, and the title found in the body (if no hint gave one)."""
    blocks = [Block(t) for t in texts]
    seen: dict[str, int] = {}
    out = [_first_pass(b, seen, i) for i, b in enumerate(blocks)]
    title = None
    first = next((i for i, d in enumerate(out) if d.keep), None)
    if first is not None:
        b = blocks[first]
        has_more = any(d.keep for d in out[first + 1 :])
        if title_hint and fold(title_hint) == b.folded:
            _drop(out[first], "title", "title repeated at the top of the body", moved_to="title", value=b.text)
        elif not title_hint and has_more and b.headline and not b.sentence and b.n_words >= 2:
            _drop(out[first], "title", "headline at the top of the body", moved_to="title", value=b.text)
            title = b.text
    _context_pass(blocks, out)
    _kinds(blocks, out)
    return out, title
