"""Event frames: what happened (a typed trigger word), who took part, where and when, per sentence.

A sentence reports an event when it holds a trigger of a known type *and* at least one participant (a
person, an organisation or a country): a trigger alone ("talks are important") is not an event an
analyst can use. Participants are the sentence's PER/ORG mentions and countries; the place is a
location after a locative preposition, or a city-like location that is not a participant; the time is
the sentence's date expression. A sentence that names no one but refers back to the event just told
("The talks ended without a deal", "Šīs sarunas …", "Стороны обсудили …") continues it and takes its
participants, place and time; one that names it only as a time ("after the meeting") or inside a quote
does not report it again. Negation, refusals, plans, future verbs and conditions near the trigger set
the modality, so "no talks took place" and "a summit could follow" are not reported as facts. The event
step merges frames of the same real event across articles (steps/events.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.entities.gazetteer import territory_code
from newsweave.entities.tokens import fact_sentences
from newsweave.facts.cues import all_cues, cue_language, cues, fold_stem, future_tense
from newsweave.facts.quotes import MIN_QUOTE_WORDS, QUOTED
from newsweave.facts.triggers import HOST_GUESTS, HOSTS, NOT_TRIGGERS, TRIGGERS
from newsweave.model import EventMention, EventType, Mention, Modality, TimeExpr
from newsweave.textnorm import fold, fold_aligned

#: Prepositions that put a place in the sentence ("in Miami", "w Moskwie", "în Alaska", "im Kreml").
LOCATIVE = {"in", "im", "w", "we", "la", "at", "au", "en", "a", "в", "во", "у", "v", "ve", "na", "nach"}
#: Endings of the locative case where a place takes no preposition ("Rīgā", "Vilniuje"); not folded:
#: Latvian "Rīgā" is the place, "Rīga" and "Krievija" the subject.
LOCATIVE_CASE = {"lv": ("ā", "ē", "ī", "ū", "os", "ās", "ēs"), "lt": ("oje", "uje", "yje", "ije", "ose", "uose")}
DETERMINER_REACH = 3  # words before a trigger that may hold its determiner ("the second round of talks")
CONTINUATION_SENTENCES = 3  # how far back a frame with no participants of its own may look for its event
#: (this frame's type, the last frame's type) pairs where the later sentence can go on about the same event.
#: Of those, the pairs where the later event follows from the earlier one, so it needs no word pointing
#: back: talks, a summit or a working visit lead to a deal ("… in Kopenhagen beraten. Im Februar soll ein
#: Abkommen unterzeichnet werden"; "visitó Quito … ambos gobiernos firmaron un acuerdo").
FOLLOWS = {("agreement", "meeting"), ("agreement", "summit"), ("agreement", "visit")}
CONTINUES = (
    {(t, t) for t in TRIGGERS}
    | FOLLOWS
    | {
        ("meeting", "visit"),
        ("visit", "meeting"),
        ("summit", "meeting"),
        ("meeting", "summit"),
        ("meeting", "agreement"),
        ("agreement", "vote"),  # a treaty put to a vote, a vote on a treaty
        ("vote", "agreement"),
    }
)
ABOUT_REACH = 25  # characters from "agreed" to what was agreed on ("vienojās par sankcijām")
#: Kinds of meeting, most specific first: a summit's talks are the summit, a visit's talks the visit.
MEETING_KINDS = ("summit", "call", "visit", "meeting")
#: A dialogue dash quote inside a paragraph ("… – Rozmowy będą kontynuowane – przekazał rzecznik").
DASH_QUOTED = re.compile(r"(?:^|(?<=[.!?:]\s))[–—-]\s+([^–—\n]{10,}?)\s[–—-]\s", re.M)
#: Languages with no articles: there an event noun that opens the sentence is what the text already
#: spoke of ("Wizyta ma się odbyć wiosną", "Rozmowa dotyczyła …"), as "the visit" would be in English.
NO_ARTICLES = {"pl", "cs", "sk", "sl", "hr", "ru", "uk", "lv", "lt"}
AROUND_REACH = 25  # characters before a trigger searched for "after"/"before" ("nach dem Treffen")
MODALITY_WINDOW = 40  # characters around the trigger searched for negation and modality
NO_REACH = 2  # words after an agreement verb that may deny its object ("vereinbarten keine Waffenruhe")
AFTER_NEGATION = 3  # words between a negation after the trigger and "took place" ("did not take place")
#: Languages that write "not" as part of the verb ("nedohodli", "nevienojās"): triggers are also found
#: with it, and are then negated.
ATTACHED_NEGATION = {"cs": "ne", "sk": "ne", "lv": "ne", "lt": "ne"}
#: Languages that may end a clause with its negation ("Eine Einigung gab es dagegen nicht").
CLAUSE_FINAL_NEGATION = {"de": "nicht", "nl": "niet"}
#: Languages whose subordinate clauses end in their verb: a plan may come last ("… ist für Juni geplant").
VERB_FINAL = frozenset({"de", "nl"})


def find_events(
    text: str,
    language: str | None,
    mentions: list[Mention],
    times: list[TimeExpr],
    published: str | None = None,
) -> list[EventMention]:
    """``published`` (ISO date) marks an event dated after it as planned ("zorganizuje … v apríli")."""
    folded = fold_aligned(text)
    lang = cue_language(language)
    triggers = _folded_triggers(lang)
    modal = _Modal(lang, published)
    both = cues("BOTH", lang)
    generic = frozenset(w.strip() for w in cues("GENERIC", lang))
    back = frozenset(w.strip() for w in (*cues("DEFINITE", lang), *cues("ANOTHER", lang), *modal.negation))
    around = cues("AROUND", lang)
    but = cues("BUT", lang)
    pronouns = frozenset(w.strip() for w in cues("PRONOUN_SUBJECT", lang))
    say = cues("SAY", lang)
    out: list[EventMention] = []
    recent: list[tuple[int, EventMention]] = []
    quoted = [m.span() for m in QUOTED.finditer(text) if len(m.group().split()) >= MIN_QUOTE_WORDS]
    quoted += [m.span(1) for m in DASH_QUOTED.finditer(text)]  # "… porozumienia. – Rozmowy będą … – przekazał"
    for n, (s_start, s_end) in enumerate(fact_sentences(text)):
        sentence = folded[s_start:s_end]
        here = [m for m in mentions if s_start <= m.start and m.end <= s_end]
        time = next((i for i, t in enumerate(times) if s_start <= t.start and t.end <= s_end), None)
        for etype, t_start, t_end in _first_clause_first(
            _triggers(sentence, triggers) or _hosted(sentence, lang, here), sentence, but
        ):
            if any(q0 <= t_start + s_start < q1 for q0, q1 in quoted):
                continue  # the speaker's words: "Nous attendons beaucoup de cette rencontre" reports no meeting
            if _points_back(sentence, t_start, generic):
                continue  # "Takie spotkania są potrzebne": meetings of a kind, not one that happened
            if etype == "statement" and (any(s_start <= q0 < s_end for q0, _ in quoted) or all_cues(sentence, say)):
                continue  # "…”, řekl Horák na tiskové konferenci": the quote is the statement, told as one
            if _told_before(sentence, t_start, around, etype, recent, n):
                continue  # "sagte nach dem Treffen": the meeting just told, named as a time
            place = _place(text, here, lang)
            participants = [m for m in here if _participant(m, place)]
            event = EventMention(etype, t_start + s_start, t_end + s_start, s_start, s_end)
            event.participants = [(m.start, m.end) for m in participants]
            event.place = (place.start, place.end) if place else None
            event.time = time
            modality = modal.of(sentence, text[s_start:s_end], t_start, t_end)
            alone = not participants and not (place and time is not None)
            anaphoric = (
                modality == "negated"
                or (lang in NO_ARTICLES and not sentence[:t_start].strip())
                or (sentence.split(maxsplit=1) or [""])[0].strip(",.") in pronouns  # "El a avut convorbiri cu …"
                or _points_back(sentence, t_start, back)
                or bool(all_cues(sentence, both, whole=True))  # "une réunion entre les deux gouvernements"
            )
            if alone and not _continues(event, recent, n, anaphoric):
                break  # "talks are important": no one, nowhere, never; the sentence's other words are no better
            # Only the sentence's own date makes it a plan: a continued event's date is the first report's.
            event.modality = modal.dated(modality, times[time] if time is not None else None)
            recent.append((n, event))
            out.append(event)
            break  # one frame per sentence
    return out


def _points_back(sentence: str, t_start: int, back: frozenset[str]) -> bool:
    """Whether the trigger is a definite or negated noun phrase ("the talks", "la reunión", "Šīs sarunas",
    "keine Einigung", "la dernière visite"): a bare "talks are needed" is generic, not the event just told."""
    clause = re.split(r"[,;:.!?()\"«»„“”]", sentence[max(0, t_start - 40) : t_start])[-1]
    return any(w in back for w in clause.split()[-DETERMINER_REACH:])


def _told_before(
    sentence: str,
    t_start: int,
    around: tuple[str, ...],
    etype: EventType,
    recent: list[tuple[int, EventMention]],
    n: int,
) -> bool:
    """Whether the trigger names an event the article has just reported, as a time: "after the meeting"
    with a meeting told in the last sentences. A first "after talks in Miami, …" is still reported."""
    if not recent or n - recent[-1][0] > CONTINUATION_SENTENCES or not any(e.type == etype for _, e in recent[-3:]):
        return False
    window = sentence[max(0, t_start - AROUND_REACH) : t_start]
    return bool(all_cues(window, around, whole=True))


def _continues(event: EventMention, recent: list[tuple[int, EventMention]], sentence: int, anaphoric: bool) -> bool:
    """Whether a frame with no one of its own goes on telling an event just reported ("Foreign ministers
    of Norway and Chile met in Oslo. The talks ended without a deal"; "Šīs sarunas …"): it takes that
    event's participants, place and time. Only the last frame, only a few sentences back, only of the
    same type or of the type that talks lead to ("… verhandelt. Es wurde keine Einigung erzielt"); and
    only when a word points back to it (``anaphoric``) or the event follows from it (a deal after talks)."""
    if not recent:
        return False
    n, last = recent[-1]
    if sentence - n > CONTINUATION_SENTENCES or (event.type, last.type) not in CONTINUES:
        return False
    if not anaphoric and (event.type, last.type) not in FOLLOWS:
        return False
    event.participants = list(last.participants)
    event.place = event.place or last.place
    event.time = last.time if event.time is None else event.time
    return bool(event.participants or event.place)


@lru_cache(maxsize=128)
def _folded_triggers(lang: str) -> tuple[list[tuple[EventType, tuple[str, ...]]], tuple[str, ...]]:
    prefix = ATTACHED_NEGATION.get(lang, "")
    stems = [
        (t, tuple(w for s in by_lang.get(lang, ()) for w in _with_negation(fold_stem(s), prefix)))
        for t, by_lang in TRIGGERS.items()
    ]
    return stems, tuple(fold(s) for s in NOT_TRIGGERS.get(lang, ()))


def _first_clause_first(
    found: list[tuple[EventType, int, int]], sentence: str, but: tuple[str, ...]
) -> list[tuple[EventType, int, int]]:
    """Triggers before a ", but …" clause go first: the sentence reports its first clause's event."""
    if len(found) < 2:
        return found  # most sentences: nothing to order, no need to look for "but"
    turns = [s for s, _ in all_cues(sentence, but, whole=True) if sentence[:s].rstrip().endswith(",")]
    if not turns:
        return found
    return sorted(found, key=lambda t: t[1] >= turns[0])


def _with_negation(stem: str, prefix: str) -> tuple[str, ...]:
    """A stem and, where the language attaches "not" to verbs, the stem with it ("dohod", "nedohod")."""
    if not prefix or stem.startswith("*") or " " in stem.strip():
        return (stem,)
    return (stem, prefix + stem)


def _triggers(
    sentence: str, triggers: tuple[list[tuple[EventType, tuple[str, ...]]], tuple[str, ...]]
) -> list[tuple[EventType, int, int]]:
    """The sentence's triggers, the one it reports first: the most specific kind of meeting (a summit's
    talks are the summit), else the kind named first; the others follow, in case the first names an
    event already told ("Aucun accord n'est attendu lors de cette visite").

    One frame per sentence: reporting every type whose word appears (talks *about* lifting sanctions as
    a sanctions event too) raised recall on the gold from 0.78 to 0.83 but cost precision 0.87 -> 0.82,
    and a wrong fact costs an analyst more than a missing one (docs/facts.md). Even a visit made for
    talks ("przyjechał do Wilna na rozmowy") is one frame: a second one cost precision on both golds."""
    by_type, not_triggers = triggers
    meetings: list[tuple[EventType, int, int]] = []
    others: list[tuple[EventType, int, int]] = []
    for etype, stems in by_type:
        hits = [h for h in all_cues(sentence, stems) if not _word_at(sentence, h[0]).startswith(not_triggers)]
        if hits:
            (meetings if etype in MEETING_KINDS else others).append((etype, *hits[0]))
    # Other kinds are not more or less specific than each other: the sentence is about the one it names
    # first ("El Parlamento votó … prorrogar las sanciones" is a vote; "threatened to impose sanctions if
    # no agreement is reached" is sanctions). Choosing the first of all kinds, meetings included, cost
    # precision 0.96 -> 0.95 and recall 0.87 -> 0.86 on the development gold.
    others.sort(key=lambda t: t[1])
    if (
        len(others) > 1
        and others[0][0] == "agreement"
        and others[1][0] != "statement"  # "potpisala su izjavu": a signed declaration is an agreement
        and others[1][1] - others[0][2] <= ABOUT_REACH
    ):
        others[:2] = [others[1], others[0]]  # "Ministri vienojās par sankcijām": what they agreed on
    return meetings[:1] + others + meetings[1:]


def _hosted(sentence: str, lang: str, here: list[Mention]) -> list[tuple[EventType, int, int]]:
    """A meeting told as a host receiving a guest, when the sentence names both people."""
    if sum(1 for m in here if m.label == "PER" and not m.media) < HOST_GUESTS:
        return []
    hits = all_cues(sentence, _folded_hosts(lang))
    return [("meeting", *hits[0])] if hits else []


@lru_cache(maxsize=128)
def _folded_hosts(lang: str) -> tuple[str, ...]:
    return tuple(fold_stem(s) for s in HOSTS.get(lang, ()))


def _word_at(text: str, i: int) -> str:
    """The whole word around position ``i`` (a compound's head can start inside it)."""
    start = i
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    end = i
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _participant(m: Mention, place: Mention | None) -> bool:
    """People and organisations; places only as actors ("Rosja zasugerowała", "talks with Russia"), not
    as the place where it happened."""
    if m.media or m is place:
        return False
    if m.label in ("PER", "ORG"):
        return True
    return m.label == "LOC" and territory_code(m.base or m.text, exact=True) is not None


def _place(text: str, here: list[Mention], lang: str) -> Mention | None:
    """Where it happened: a location after a locative preposition ("in Miami", "w Moskwie", "la Moscova")
    or in a locative case (Latvian "Rīgā", Lithuanian "Vilniuje"), preferring one that is not a country
    (the city says more); failing that, a city the sentence names ("hat Berlin besucht"): cities never
    act, so a city in an event's sentence is where it took place."""
    places = []
    for m in here:
        if m.label != "LOC":
            continue
        before = text[max(0, m.start - 6) : m.start].split()
        if (before and fold(before[-1]) in LOCATIVE) or m.text.lower().endswith(LOCATIVE_CASE.get(lang, ())):
            places.append(m)
    cities = [m for m in places if territory_code(m.base or m.text, exact=True) is None]
    if cities or places:
        return (cities or places)[0]
    return next((m for m in here if m.label == "LOC" and territory_code(m.base or m.text, exact=True) is None), None)


class _Modal:
    """Whether a trigger tells a fact, a denial, a plan or a condition, from the words around it."""

    def __init__(self, lang: str, published: str | None) -> None:
        self.negation, self.planned = cues("NEGATION", lang), cues("PLANNED", lang)
        self.hypothetical, self.occurred = cues("HYPOTHETICAL", lang), cues("OCCURRED", lang)
        self.cancelled = cues("CANCELLED", lang)
        self.no_determiner = cues("NO_DETERMINER", lang)
        self.future = future_tense(lang)
        self.final_negation = CLAUSE_FINAL_NEGATION.get(lang)
        self.verb_final = lang in VERB_FINAL
        self.attached = ATTACHED_NEGATION.get(lang)
        self.published = published

    def of(self, sentence: str, original: str, t_start: int, t_end: int) -> Modality:
        """Negation counts before the trigger in its own clause ("no talks", "keine Einigung", "odmówił";
        "the talks ended without a deal" is still talks), after it when it denies that the event took
        place ("did not take place", "gab es nicht", "nicht vorgesehen"), as "no" after an agreement verb
        ("vereinbarten keine Waffenruhe"), inside the verb ("nedohodli") or as a cancellation ("wurde
        abgesagt"); plans and conditions anywhere in the sentence up to just after the trigger ("geplant
        ist, dass Putin und Trump sich … treffen"; in verb-final languages to the clause's end), a verb in
        the future tense included. Negation wins, then condition, then plan."""
        lo = max(0, t_start - MODALITY_WINDOW)
        clause_start = max(sentence.rfind(",", 0, t_start), sentence.rfind(";", 0, t_start))
        clause = sentence[max(lo, clause_start + 1) : t_start]
        if all_cues(clause, self.negation, whole=True) or self._denied(sentence[t_end:]):
            return "negated"
        if all_cues(" ".join(sentence[t_end:].split()[:NO_REACH]), self.no_determiner, whole=True):
            return "negated"  # "Beide Seiten vereinbarten keine Waffenruhe"
        if self.attached and sentence.startswith(self.attached, t_start):
            return "negated"  # "Ministři se nedohodli", "nevienojās": the trigger carries its negation
        if all_cues(sentence[t_end:], self.cancelled):
            return "negated"  # "Ein für Donnerstag geplantes Treffen … wurde abgesagt"
        lead_end = min(len(sentence), t_end + MODALITY_WINDOW)
        if self.verb_final:  # "Ein Gipfeltreffen … ist für Ende Juni in Brüssel geplant": to the clause's end
            clause_end = re.search(r"[,;:.!?]", sentence[t_end:])
            lead_end = max(lead_end, t_end + clause_end.start() if clause_end else len(sentence))
        lead = sentence[:lead_end]
        if all_cues(lead, self.hypothetical):
            return "hypothetical"
        if all_cues(lead, self.planned) or (self.future and self.future.search(original, 0, lead_end)):
            return "planned"
        return "asserted"

    def _denied(self, after: str) -> bool:
        """ "… did not take place", "Spotkanie nie odbyło się", "Eine Einigung gab es dagegen nicht"."""
        rest = re.split(r"[,;:.!?]", after, maxsplit=1)[0]
        words = rest.split()
        if self.final_negation and words and words[-1] == self.final_negation:
            return True
        for n_start, n_end in all_cues(rest, self.negation, whole=True):
            following = " ".join(rest[n_end:].split()[:AFTER_NEGATION])
            preceding = " ".join(rest[:n_start].split()[-AFTER_NEGATION:])  # "podpísaná nebola"
            if all_cues(following, self.occurred + self.planned) or all_cues(preceding, self.occurred):
                return True
        return False

    def dated(self, modality: Modality, time: TimeExpr | None) -> Modality:
        """An event told as a fact but dated after the article was published is a plan ("Nowak uviedla,
        že Poľsko v apríli zorganizuje stretnutie"): Slavic perfective verbs have no future marker."""
        if modality != "asserted" or time is None or not time.value or not self.published:
            return modality
        return "planned" if time.value[:10] > self.published[:10] else modality
