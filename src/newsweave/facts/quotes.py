"""Quotes and their speakers: direct quotes in any quotation style, and reported speech.

A direct quote is text between quotation marks that is long enough to be speech (four words or more:
shorter quoted text is a title or a scare quote). Its speaker is the person (or organisation) nearest to
a verb of saying in the same sentences ("„…”, a declarat Peskov", "Peskow sagte: „…“"), or the person
before a colon; a name the tagger missed right beside the verb ("…», a affirmé M. Tremblay") or a
pronoun for the person just named ("…,” she said") will do; a quote with no such evidence keeps no
speaker rather than a guessed one. Dialogue dashes open a quote at a paragraph's start or after a
sentence in it. Reported speech needs a verb of saying followed by "that" (dass, że, că, ka, что) — or,
in English, a clause with its auxiliary ("said Tanzania would …") and, in German, a clause after a
comma ("sagte, beide Länder wollten …") — and a speaker, or an "according to X" phrase. An unnamed
speaker is kept as the words that describe it ("a former US official"); an outlet that relayed the
words ("told The Moscow Times") is kept as ``via``; an outlet's own report is a citation, not a quote.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from newsweave.entities.gazetteer import territory_code
from newsweave.entities.lexicon import is_known
from newsweave.entities.names import NAME_PARTICLES
from newsweave.entities.tokens import fact_sentences
from newsweave.facts.cues import all_cues, cues
from newsweave.model import Mention, Quote
from newsweave.textnorm import fold_aligned

MIN_QUOTE_WORDS = 4
QUOTED = re.compile(
    r"„([^„“”\"\n]+)[“”\"]|“([^“”\n]+)”|«([^«»\n]+)»|»([^»«\n]+)«|‚([^‚‘’\n]+)[‘’]|\"([^\"\n]+)\"|”([^”\n]+)”"
)
#: "according to X": the speaker follows the cue rather than preceding it.
_ACCORDING = (
    "according to",
    "potrivit",
    "wedlug",
    "zdaniem",
    "laut",
    "zufolge",
    "selon",
    "segun",
    "по словам",
    "podle",
    "за словами",
    "pec",
    "secondo",
    "conform",
)
#: Where a reported clause may follow the verb with no "that": English ("Mwakyusa said Tanzania would
#: not accept …"), known by an auxiliary among its first words; German after a comma ("Lund sagte nach
#: dem Treffen, beide Länder wollten …"). Other languages here always say "that".
CLAUSE_AUX = {
    "en": frozenset(
        [
            "would",
            "will",
            "was",
            "were",
            "is",
            "are",
            "had",
            "has",
            "have",
            "could",
            "should",
            "might",
            "must",
            "can",
            "did",
            "does",
            "may",
        ]
    ),
}
COMMA_CLAUSE = frozenset({"de"})
#: Lower-case words that can open a German reported clause (its subject); any other lower-case word is a
#: verb going on with the main clause ("Leavitt bestätigte die Gespräche, hielt sich jedoch … zurück").
COMMA_CLAUSE_SUBJECTS = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "einer",
        "er",
        "sie",
        "es",
        "man",
        "wir",
        "ihr",
        "ich",
        "du",
        "beide",
        "alle",
        "diese",
        "dieser",
        "dieses",
        "kein",
        "keine",
        "keiner",
        "mehrere",
        "viele",
        "jeder",
        "jede",
        "jedes",
        "sein",
        "seine",
        "ihre",
        "unser",
        "unsere",
    ]
)
_EN_NOT_SUBJECT = frozenset(
    [
        "in",
        "on",
        "at",
        "to",
        "during",
        "after",
        "before",
        "with",
        "for",
        "by",
        "from",
        "of",
        "about",
    ]
)
AUX_REACH = 6  # words after the verb that must hold the reported clause's auxiliary
COMMA_REACH = 5  # words between a German verb of saying and the comma that opens the reported clause
MAX_NAME_WORDS = 4
REPORTED_BEFORE_QUOTE = 40  # characters before a quote in its sentence that may hold a reported statement
OUTLET_WORDS = 2  # words beside an outlet's name in a tail that make it the outlet alone ("a agência Lusa")
MAX_DESCRIBED_WORDS = 8
PRONOUN_REACH = 400  # characters back to the person a "he said" refers to
COLON_REACH = 60  # characters between a speaker's name and the colon that opens the quote
TAIL_WORDS = 12  # words after the last separator that may hold the verb and the speaker
ACCORDING_REACH = 25  # characters from "according to" to the name it introduces


class _Text:
    """The article's sentences and speaker candidates, looked up by offset."""

    def __init__(self, text: str, mentions: list[Mention]) -> None:
        self.text = text
        self.folded = fold_aligned(text)
        self.sentences = list(fact_sentences(text))
        self.starts = [s for s, _ in self.sentences]
        self.mentions = sorted(mentions, key=lambda m: m.start)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect_right(self.starts, offset) - 1)
        return self.sentences[i] if self.sentences else (0, len(self.text))

    def window(self, start: int, end: int) -> tuple[int, int]:
        """The sentences that hold [start, end) — a quote may run over several."""
        return self.sentence_at(start)[0], self.sentence_at(max(start, end - 1))[1]

    def speakers(
        self, start: int, end: int, outside: tuple[int, int] | None = None, countries: bool = False
    ) -> list[Mention]:
        """People and organisations in [start, end); with ``countries``, countries instead, which speak
        through their governments ("Węgry zapowiedziały, że …")."""
        found = [m for m in self.mentions if start <= m.start and m.end <= end and _speaks(m, countries)]
        if outside:
            found = [m for m in found if m.end <= outside[0] or m.start >= outside[1]]
        return found


def _speaks(m: Mention, countries: bool) -> bool:
    if countries:
        return m.label == "LOC" and territory_code(m.base or m.text, exact=True) is not None
    return m.label == "PER" or (m.label == "ORG" and not m.media)


def find_quotes(text: str, language: str | None, mentions: list[Mention]) -> list[Quote]:
    doc = _Text(text, mentions)
    say, relay = cues("SAY", language), cues("RELAY", language)
    quotes: list[Quote] = []
    quoted: list[tuple[int, int]] = []
    for m in QUOTED.finditer(text):
        group = next(g for g in range(1, 8) if m.group(g) is not None)
        q_start, q_end = m.start(group), m.end(group)
        if len(text[q_start:q_end].split()) < MIN_QUOTE_WORDS:
            continue
        quoted.append((m.start(), m.end()))
        w_start, w_end = doc.window(m.start(), m.end())
        quote = Quote(q_start, q_end, "direct")
        verbs = [
            (s + w_start, e + w_start)
            for s, e in all_cues(doc.folded[w_start:w_end], say)
            if not (m.start() <= s + w_start < m.end())
        ]
        candidates = doc.speakers(w_start, w_end, outside=(m.start(), m.end()))
        if verbs:
            cue = min(verbs, key=lambda c: min(abs(c[0] - m.end()), abs(m.start() - c[1])))
            quote.cue_start, quote.cue_end = cue
            if candidates:
                speaker = min(candidates, key=lambda s: min(abs(s.start - cue[1]), abs(cue[0] - s.end)))
                quote.speaker = (speaker.start, speaker.end)
            else:
                quote.described = _described(doc, cue, (m.start(), m.end()), w_start, w_end)
                _name_as_speaker(doc, quote, w_start, w_end)
                beside = _name_beside(doc, cue, m.end(), w_end) if quote.speaker is None else None
                if beside is not None:  # "…,” Sato told reporters", "…», a affirmé M. Tremblay à l'issue"
                    quote.speaker, quote.described = beside, None
                between = doc.text[m.end() : cue[0]].strip(' ,.;:"”»“«') if cue[0] > m.end() else ""
                if quote.speaker is None and quote.described is None and _pronoun(between):
                    quote.described = between  # "…,” she said": who "she" is, below
                if quote.described and _pronoun(quote.described):
                    # "…”, a spus el": the person last named before the quote, if one is close.
                    named = [s for s in doc.speakers(max(0, m.start() - PRONOUN_REACH), m.start()) if s.label == "PER"]
                    quote.described = None
                    quote.speaker = (named[-1].start, named[-1].end) if named else None
        else:
            # "Donalds Tusks situāciju raksturoja skaidri: “…”" with no known verb: the name before a colon.
            lead = [s for s in candidates if s.end <= m.start() and text[s.end : m.start()].rstrip().endswith(":")]
            if lead and m.start() - lead[-1].end <= COLON_REACH:
                quote.speaker = (lead[-1].start, lead[-1].end)
        quote.via = _relay(doc, relay, w_start, w_end, quote.speaker)
        quotes.append(quote)
    for dash in _dash_quotes(doc, say):
        if not any(dash.start < e and s < dash.end for s, e in quoted):
            quoted.append((dash.start, dash.end))
            line_end = text.find("\n", dash.end)
            dash.via = dash.via or _relay(
                doc, relay, dash.start, line_end if line_end >= 0 else len(text), dash.speaker
            )
            quotes.append(dash)
    for s_start, s_end in doc.sentences:
        inside = [s for s, e in quoted if s_start < e and s < s_end]
        if inside and min(inside) - s_start < REPORTED_BEFORE_QUOTE:
            continue
        # "…, poinformowało MSZ. – Europa musi … – powiedział": what comes before a quote in the sentence
        s_end = min([s_end, *inside])
        reported = _reported(doc, language, say, s_start, s_end)
        if reported:
            reported.via = _relay(doc, relay, s_start, s_end, reported.speaker)
            quotes.append(reported)
    quotes.sort(key=lambda q: q.start)
    return quotes


_DASH_OPEN = re.compile(r"^[-–—]\s+")
_DASH_CLOSE = re.compile(r"\s[-–—]\s+(?=\S)")
_DASH_INSIDE = re.compile(r"(?<=[.!?…])\s+[–—-]\s+")


def _dash_quotes(doc: _Text, say: tuple[str, ...]) -> list[Quote]:
    """Dialogue dashes, the Polish and Slavic way of quoting: speech that opens with a dash, at the start
    of a paragraph or after a sentence in it, and closes with another dash before the verb ("- Nie
    wiedzą… - powiedział informator", "… poinformowało MSZ. – Europa musi … – powiedział minister")."""
    found: list[Quote] = []
    pos = 0
    for line in doc.text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        first = _DASH_OPEN.match(line)
        openings = ([first.end()] if first else []) + [m.end() for m in _DASH_INSIDE.finditer(line)]
        for k, opened in enumerate(openings):
            limit = openings[k + 1] if k + 1 < len(openings) else len(line)
            quote = _dash_quote(doc, say, start, line[:limit], opened)
            if quote is not None:
                found.append(quote)
    return found


def _dash_quote(doc: _Text, say: tuple[str, ...], start: int, line: str, opened: int) -> Quote | None:
    """The quote opened at ``opened`` in ``line`` (which starts at ``start``), if a dash and a verb of
    saying close it."""
    closings = [c for c in _DASH_CLOSE.finditer(line) if c.start() >= opened]
    if not closings:
        return None
    close = closings[-1]
    tail = start + close.end()
    verbs = [c for c in all_cues(doc.folded[tail : start + len(line)], say) if c[0] <= 2]
    body = (start + opened, start + close.start())
    if not verbs or len(doc.text[body[0] : body[1]].split()) < MIN_QUOTE_WORDS:
        return None
    cue = (tail + verbs[0][0], tail + verbs[0][1])
    quote = Quote(*body, "direct", *cue)
    clause_end = doc.sentence_at(cue[0])[1]
    after = doc.speakers(cue[1], clause_end)
    if after:
        quote.speaker = (after[0].start, after[0].end)
    else:
        described = doc.text[cue[1] : clause_end].strip(" .")
        quote.via = next(((m.start, m.end) for m in doc.mentions if m.media and cue[1] <= m.start < clause_end), None)
        quote.described = described if 0 < len(described.split()) <= MAX_DESCRIBED_WORDS else None
        if quote.described and _pronoun(quote.described):
            quote.described = None
    return quote


def _described(doc: _Text, cue: tuple[int, int], quote: tuple[int, int], w_start: int, w_end: int) -> str | None:
    """The words naming an unnamed speaker: between the cue and the end of the sentence after a quote
    ("…”, a spus un fost oficial american.") or before the cue ("A former US official said …")."""
    after = doc.text[cue[1] : w_end].strip(" ,.;:")
    before = doc.text[w_start : cue[0]].strip(" ,.;:") if cue[0] > quote[1] or cue[1] < quote[0] else ""
    if cue[0] > quote[1] and quote[1] > w_start:
        before = ""
    for phrase in (after, before):
        phrase = phrase.strip(' ,.;:„“”"«»')
        if phrase and len(phrase.split()) <= MAX_DESCRIBED_WORDS and not re.search(r"[„“”\"«»]", phrase):
            return phrase
    return None


def _pronoun(phrase: str) -> bool:
    """A one-word description in lower case ("el", "sie", "он") stands for someone named earlier."""
    return len(phrase.split()) == 1 and phrase.islower() and len(phrase) <= 4


def _relay(
    doc: _Text, relay: tuple[str, ...], start: int, end: int, speaker: tuple[int, int] | None
) -> tuple[int, int] | None:
    for m in doc.mentions:
        if not (m.media and start <= m.start and m.end <= end) or (m.start, m.end) == speaker:
            continue
        lead = doc.folded[max(start, m.start - 30) : m.start]
        if any(lead.rstrip().endswith(c.strip()) or f" {c.strip()} " in f" {lead} " for c in relay):
            return (m.start, m.end)
    return None


def _reported(doc: _Text, language: str | None, say: tuple[str, ...], start: int, end: int) -> Quote | None:
    folded = doc.folded[start:end]
    that = cues("THAT", language)
    according = tuple(c for c in say if c in _ACCORDING)
    for c_start, c_end in all_cues(folded, say):
        cue = (c_start + start, c_end + start)
        if according and folded[c_start:c_end].startswith(according):
            # "Potrivit lui Peskov, discuțiile au fost constructive." The name must follow the cue closely
            # ("Laut einem Bericht, den er teilte, …" names nobody).
            after = [m for m in doc.speakers(cue[1], min(end, cue[1] + ACCORDING_REACH))]
            comma = doc.text.find(",", after[0].end, end) if after else -1
            if after and comma > 0 and end - comma > 20:
                begin = comma + 1 + _lead(doc.text[comma + 1 : end])
                return Quote(begin, end, "reported", *cue, speaker=(after[0].start, after[0].end))
            continue
        tail = _tail_attribution(doc, language, cue, start, end, that)
        if tail is not None:
            return tail
        rest = folded[c_end : c_end + 40].split()
        if rest and any(w.strip(",:") in that for w in rest[:3]):
            comp = doc.folded.find(next(w for w in rest[:3] if w.strip(",:") in that), cue[1])
            content: int | None = comp + len(doc.folded[comp:].split()[0])
        else:
            content = _bare_clause(doc, language, cue, end)
        if content is None or end - content < 15:
            continue
        quote = Quote(content + _lead(doc.text[content:end]), end, "reported", *cue)
        before = doc.speakers(start, cue[0]) or doc.speakers(start, cue[0], countries=True)
        # "A senior Kenyan official, speaking on condition of anonymity, said …": the subject, not its aside
        subject = doc.text[start : cue[0]].strip(" ,").split(",")[0].strip()
        if before:
            people = [m for m in before if m.label == "PER"]  # "Kirill Dmitriev, directorul Fondului …, a sugerat"
            chosen = (people or before)[-1]
            quote.speaker = (chosen.start, chosen.end)
        elif subject and _pronoun(subject.split()[0].lower()) and len(subject.split()) <= 2:
            # "El a precizat că …", "Er erkennt an, dass …": the person last named before the sentence.
            named = [s for s in doc.speakers(max(0, start - PRONOUN_REACH), start) if s.label == "PER"]
            if not named:
                continue
            quote.speaker = (named[-1].start, named[-1].end)
        elif subject and len(subject.split()) <= MAX_DESCRIBED_WORDS and not re.search(r"[„“”\"«»]", subject):
            quote.described = subject  # "Avoti apstiprina, ka …", "Chilean officials said that …"
            _name_as_speaker(doc, quote, start, cue[0], language)
        else:
            continue
        return quote
    return None


def _bare_clause(doc: _Text, language: str | None, cue: tuple[int, int], end: int) -> int | None:
    """Where a reported clause with no "that" starts after the verb, if the language allows one."""
    lang = (language or "").split("-")[0]
    if lang in CLAUSE_AUX:
        words = doc.folded[cue[1] : end].split()
        if (
            words
            and words[0] not in _EN_NOT_SUBJECT
            and words[0] not in CLAUSE_AUX[lang]
            and _is_clause(lang, " ".join(words))
        ):
            return cue[1]
    if lang in COMMA_CLAUSE:
        comma = doc.text.find(",", cue[1], end)
        clause = doc.text[comma + 1 : end].split() if comma > 0 else []
        if (
            len(doc.text[cue[1] : comma].split()) <= COMMA_REACH
            and len(clause) > MIN_QUOTE_WORDS
            and (clause[0][:1].isupper() or clause[0] in COMMA_CLAUSE_SUBJECTS)
        ):
            return comma + 1
    return None


def _is_clause(language: str | None, words: str) -> bool:
    """Whether words after a verb of saying hold a finite verb (an auxiliary), not a speaker's name."""
    aux = CLAUSE_AUX.get((language or "").split("-")[0])
    return aux is not None and any(w.strip(",.").lower() in aux for w in words.split()[:AUX_REACH])


def _capitalised(word: str) -> bool:
    """ "Stan", "Administrația", and "l'Élysée" after an elided article."""
    return word[:1].isupper() or (word[:2].lower() in ("l'", "d'", "l’", "d’") and word[2:3].isupper())


def _name_as_speaker(doc: _Text, quote: Quote, lo: int, hi: int, language: str | None = None) -> None:
    """A speaker the tagger missed but the text names ("…”, a declarat Stan.", "…, a transmis Administrația
    Prezidențială."): capitalised words where a description would stand become the speaker. An outlet
    there is a citation, not a speaker."""
    phrase = quote.described
    if not phrase:
        return
    words = phrase.split()
    if not (
        1 <= len(words) <= MAX_NAME_WORDS
        and _capitalised(words[0])
        and all(_capitalised(w) or w in NAME_PARTICLES for w in words)
        and not any(ch.isdigit() for ch in phrase)
    ):
        return
    at = doc.text.find(phrase, lo, hi)
    if at < 0 or any(m.media and m.start < at + len(phrase) and at < m.end for m in doc.mentions):
        return
    if len(words) == 1 and at == doc.sentence_at(at)[0] and language and is_known(phrase, language):
        return  # "Avoti apstiprina, ka …": a sentence's first word is capitalised anyway, and this one is a word
    quote.speaker, quote.described = (at, at + len(phrase)), None


def _name_beside(doc: _Text, cue: tuple[int, int], lo: int, hi: int) -> tuple[int, int] | None:
    """Capitalised words right after the verb of saying or right before it (after the quote): a name
    the tagger missed, with what follows it cut off ("a affirmé M. Tremblay à l'issue de l'entretien")."""
    after = [w for w in re.finditer(r"\S+", doc.text[cue[1] : hi])]
    run: list[tuple[int, int]] = []
    for w in after[:MAX_NAME_WORDS]:
        word = w.group().rstrip(",.;:!?")
        if not (_capitalised(word) or (run and word in NAME_PARTICLES)):
            break
        run.append((cue[1] + w.start(), cue[1] + w.start() + len(word)))
        if w.group() != word and len(word) > 2:
            break  # a comma or a full stop ends the name ("M." does not)
    if not run:
        before = [w for w in re.finditer(r"\S+", doc.text[lo : cue[0]])]
        for w in reversed(before[-MAX_NAME_WORDS:]):
            word = w.group()
            if not _capitalised(word) or word != word.rstrip(',.;:!?"”»“«'):
                break
            run.insert(0, (lo + w.start(), lo + w.end()))
    if not run:
        return None
    span = (run[0][0], run[-1][1])
    if any(m.media and m.start < span[1] and span[0] < m.end for m in doc.mentions):
        return None
    return span


_SEPARATOR = re.compile(r",\s|\s[-–—]\s")


def _tail_attribution(
    doc: _Text, language: str | None, cue: tuple[int, int], start: int, end: int, that: tuple[str, ...]
) -> Quote | None:
    """What was said first, who said it last: "…, a declarat pentru Izvestia … Dmitri Peskov.", "…,
    teilte der Kreml mit.", "…, Norwegian foreign minister Ingrid Halvorsen told reporters.", "… -
    powiedziało źródło The Moscow Times." The tail after the last separator must be short and hold the
    verb; the speaker is a name in it or, failing one, the words that describe the speaker."""
    separators = list(_SEPARATOR.finditer(doc.text, start, cue[0]))
    if not separators:
        return None
    sep = separators[-1]
    tail_words = doc.text[sep.end() : end].split()
    follows = doc.folded[cue[1] : cue[1] + 40].split()[:3]
    if sep.start() - start < 20 or len(tail_words) > TAIL_WORDS or any(w.strip(",:") in that for w in follows):
        return None
    quote = Quote(start, sep.start(), "reported", *cue)
    named = doc.speakers(sep.end(), end)
    if named:
        after = [m for m in named if m.start >= cue[1]]
        chosen = after[0] if after else named[-1]
        quote.speaker = (chosen.start, chosen.end)
        return quote
    described = doc.text[cue[1] : end].strip(" .")
    subject = doc.text[sep.end() : cue[0]].strip(" ,")
    outlets = [m for m in doc.mentions if m.media and cue[1] <= m.start < end]
    if subject and outlets and len(subject.split()) <= MAX_DESCRIBED_WORDS and not _pronoun(subject):
        # "…, a Canadian government source told CBC News": the source spoke, the outlet relayed
        quote.described, quote.via = subject, (outlets[0].start, outlets[0].end)
        _name_as_speaker(doc, quote, sep.end(), cue[0], language)
        return quote
    if outlets and len(described.replace(outlets[0].text, "").split()) <= OUTLET_WORDS:
        return None  # "…, segundo a agência Lusa", "…, съобщи БТА": an outlet's report is a citation
    if _is_clause(language, described):
        return None  # "…, speaking on condition of anonymity, said the financing was not secured"
    if not described and subject and len(subject.split()) <= MAX_DESCRIBED_WORDS and not _pronoun(subject):
        described = subject  # "Drone strikes hit two refineries …, regional officials said."
    if described and not _pronoun(described) and len(described.split()) <= MAX_DESCRIBED_WORDS:
        quote.described = described
        quote.via = next(((m.start, m.end) for m in doc.mentions if m.media and cue[1] <= m.start < end), None)
        _name_as_speaker(doc, quote, cue[1], end)
        return quote
    return None


def _lead(s: str) -> int:
    return len(s) - len(s.lstrip(" ,:"))
