"""What the words around a mention say about it: a person's role, an organisation being a news outlet.

Roles stand right before a name ("US-Finanzminister Scott Bessent", "purtătorul de cuvânt al
Kremlinului, Dmitri Peskov", "Polijas premjers Donalds Tusks") or in an apposition after it ("Kirill
Dmitriev, directorul Fondului Rus de Investiții Directe,"). A phrase is a role when it holds a role word:
the stems below, folded (no case, no diacritics), for the languages newsweave covers.

An ORG or PRO mention is a news outlet or agency when its name is built like one (Times, News,
Zeitung, Agency, TV …), is a well-known agency, or is what a citation verb points to ("told The Moscow
Times", "notează The Moscow Times", "kā norāda The Wall Street Journal", "zitiert von Tass").
"""

from __future__ import annotations

import re

from newsweave.entities.lexicon import is_known
from newsweave.entities.names import NAME_PARTICLES
from newsweave.model import Mention
from newsweave.textnorm import fold, fold_aligned

# fmt: off
ROLE_STEMS = (
    "minist", "president", "prezydent", "prezident", "presedint", "prasident", "premier", "premjer", "kanzler",
    "chancellor", "spokes", "sprecher", "rzecznik", "purtator", "emisar", "envoy", "gesandt", "beauftragt",
    "berater", "adviser", "advisor", "doradc", "consilier", "padomniek", "director", "dyrektor", "direktor",
    "vaditaj", "head of", "chef", "leiter", "szef", "secretar", "sekretar", "ambassador", "botschafter",
    "ambasador", "vestniek", "senator", "deputat", "deputy", "zastepc", "vicepre", "wicepre", "wicemin",
    "viceministr", "general", "commander", "dowodc", "governor", "gubernator", "mayor", "burgermeister",
    "primar", "burmistrz", "ceo", "chairman", "vorsitzend", "przewodnicz", "parstavis", "parstave", "vertreter",
    "representative", "przedstawiciel", "reprezentant", "negotiat", "negocjator", "sarunved", "uznemej",
    "unternehmer", "businessman", "biznesmen", "om de afaceri", "znots", "ginere", "ziec", "schwiegersohn",
    "son-in-law", "король", "президент", "министр", "міністр", "премьер", "пресс-секрет", "советник",
    "радник", "посол", "глава", "директор", "генерал", "губернатор", "мэр", "спикер", "депутат",
    "председател", "голова", "помощник", "predsed", "kancler", "chancel", "porte-parole", "portavoz", "mluvci",
    "govornik", "говорител", "premijer", "secretary", "spokesperson", "commissioner", "komisar", "kommissar",
)
MEDIA_WORDS = (
    "times", "news", "journal", "post", "telegraph", "guardian", "press", "herald", "tribune", "gazette",
    "gazeta", "zeitung", "spiegel", "tv", "radio", "agency", "agence", "agentur", "agencja", "agentia",
    "agentura", "nachrichtenagentur", "rundfunk", "fernsehen", "televiz", "rzeczpospolita", "izvesti",
    "известия", "газета", "агентство", "телевид", "новости", "вести", "kommersant", "коммерсант",
    "vedomosti", "ведомости", "daily", "weekly", "magazine", "tageblatt", "allgemeine", "observer",
    "financial", "wire", "ziar", "ziarul", "jurnalul", "adevarul", "avize", "laikraksts", "corriere", "gazzetta",
)
#: Media words that are also common nouns ("die Zeitung", "gazeta", "агентство"): alone, not a name.
COMMON_MEDIA_WORDS = frozenset(
    fold(w)
    for w in (
        "zeitung", "agentur", "nachrichtenagentur", "rundfunk", "fernsehen", "radio", "tv", "agency", "agence",
        "agencja", "agentia", "agentura", "gazeta", "газета", "агентство", "телевидение", "новости", "ziar",
        "ziarul", "daily", "weekly", "magazine", "wire", "press", "presse", "televizija", "laikraksts", "financial",
        "journal", "news", "post", "times", "avize",
    )
)
#: News agencies. The BSNLP guidelines label agencies ORG and newspapers, broadcasters and websites
#: (titles) PRO, while newsweave calls every outlet ORG + media (see ``media_kind``).
AGENCIES = (
    "reuters", "afp", "ap", "associated press", "tass", "ria novosti", "ria", "interfax", "pap", "bloomberg",
    "dpa", "efe", "ansa", "agerpres", "leta", "bta", "ctk", "ukrinform", "unian", "ria fan", "тасс",
    "риа новости", "интерфакс", "укрінформ", "унiан", "бта", "sta", "hina", "tanjug", "fena", "mia", "anp",
    "belga", "tasr", "mti", "apa", "lusa", "bns", "elta", "anadolu", "xinhua", "kyodo", "yonhap", "pti", "ani",
    "belta", "белта", "ntb", "tt", "ritzau", "stt", "sputnik",
)
#: Newspapers, broadcasters and websites.
TITLES = (
    "bbc", "cnn", "nbc", "abc", "cbs", "fox news", "politico", "axios", "meduza", "novaya gazeta", "rbc", "rbk",
    "рбк", "la stampa", "le monde", "el pais", "nyt", "wsj", "ft", "euronews", "politico europe", "digi24",
    "hotnews", "lsm", "delfi", "onet", "tvn24", "spiegel", "bild", "welt", "faz", "sueddeutsche", "rt", "err",
    "yle", "vrt", "rtbf", "orf", "srf", "rai", "hrt", "rtvs", "tvp", "tvn", "tvr", "lrt", "бнр", "бнт", "bnr",
    "bnt", "irozhlas", "euractiv",
)
KNOWN_MEDIA = AGENCIES + TITLES
# Citation cues before an outlet's name ("told X", "potrivit X") and reporting verbs after it ("X reported").
CITE_BEFORE = (
    "according to", "told", "reported by", "cited by", "quoted by", "via", "potrivit", "noteaza", "pentru",
    "scrie", "relateaza", "citat de", "a declarat pentru", "ka norada", "ka zino", "vesta", "laut", "nach angaben",
    "nach informationen", "zitiert von", "berichtet", "berichtete", "wedlug", "cytowan", "dla", "informuje",
    "po danych", "по данным", "как сообщает", "сообщает", "передает", "пишет", "со ссылкой на", "за даними",
    "повідомляє", "podle", "uvedl", "informoval", "sporocil", "poroca", "според", "съобщава", "prenosi", "javlja",
    "po porocanju", "volgens", "segundo", "podla", "selon", "segun", "secondo", "d'apres", "informovala",
    "nach angaben", "precise", "передаёт", "передает агентство", "ha riferito", "riferisce", "съобщи", "meldt",
    "informe",
)
CITE_AFTER = (
    "reported", "reports", "wrote", "writes", "said", "berichtet", "schreibt", "meldet", "a relatat",
    "a scris", "noteaza", "informeaza", "poinformowal", "podal", "pisze", "informuje", "raksta", "zino",
    "сообщил", "сообщает", "пишет", "передает", "повідомив", "пише", "napsal", "informoval", "poroča",
    "meldete", "berichtete", "schrieb", "reported", "meldde",
)
# fmt: on

_ROLE = re.compile("|".join(re.escape(fold(s)) for s in ROLE_STEMS if " " not in s))
_ROLE_PAIR = re.compile("^(?:" + "|".join(re.escape(fold(s)) for s in ROLE_STEMS if " " in s) + ")")
_CLAUSE_BREAK = re.compile(r"[.;:!?()\[\]\"„“”«»]|\s[-–—]\s")
_MEDIA_WORD = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in MEDIA_WORDS) + r")")
_KNOWN = {fold(w) for w in KNOWN_MEDIA}
# fold() drops the space before the name, so the word between cue and name may end the text: "informovala"
_BEFORE = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in CITE_BEFORE) + r")\W*(?:\w+\W*)?$")
_AFTER = re.compile(r"^\W*(?:" + "|".join(re.escape(fold(w)) for w in CITE_AFTER) + r")(?!\w)")
MAX_ROLE_WORDS = 7
#: A name right after one of these is the complement of the phrase ("ginerele lui Donald Trump",
#: "son-in-law of Donald Trump"), not the person the phrase describes.
GENITIVE_LINKS = frozenset(
    {"lui", "of", "des", "der", "al", "ale", "ai", "a", "de", "von", "vom", "do", "od", "dla", "для", "у", "zu"}
)


def _unknown_name_word(word: str, language: str | None) -> bool:
    """A capitalised word the language's dictionary does not know: most likely part of a name."""
    if not language or not word[:1].isupper() or _ROLE.search(fold(word)):
        return False
    return not is_known(word, language)


def _role_before(text: str, mention: Mention, floor: int = 0, language: str | None = None) -> str | None:
    left = text[max(floor, mention.start - 160) : mention.start]
    parts = _CLAUSE_BREAK.split(left)
    segment = parts[-1] if parts else ""
    apposition = segment.rstrip().endswith(",")
    segment = segment.rstrip().rstrip(",").rstrip()
    if not apposition and segment and _unknown_name_word(segment.split()[-1], language):
        return None  # "Verteidigungsminister Andrej Belousow": the tagger cut the name short
    if "," in segment:  # "…, Putins Sonderbeauftragter für … Kirill Dmitriew": the phrase after the last comma
        before_comma, _, after_comma = segment.rpartition(",")
        segment = after_comma if _ROLE.search(fold(after_comma)) else before_comma.rpartition(",")[2]
        if not _ROLE.search(fold(segment)):
            return None
    words = segment.split()[-MAX_ROLE_WORDS:]
    if words and fold(words[-1]) in GENITIVE_LINKS:
        return None
    if len(words) >= 2 and words[-2][:1].isupper() and _unknown_name_word(words[-1], language):
        return None  # the phrase ends in another name the tagger missed ("Finanzminister Anton Siluanow")
    for i, word in enumerate(words):
        if _ROLE.search(fold(word)) or (i + 1 < len(words) and _ROLE_PAIR.match(fold(f"{word} {words[i + 1]}"))):
            role = " ".join(words[i:]).strip(" ,")
            return role or None
    return None


def _role_after(text: str, mention: Mention) -> str | None:
    right = text[mention.end : mention.end + 160]
    if not right.startswith(", "):
        return None
    phrase = re.split(r",|\.|;|\s[-–—]\s", right[2:], maxsplit=1)[0]
    words = phrase.split()
    if 1 <= len(words) <= 10 and _ROLE.search(fold(words[0])):
        return phrase.strip()
    return None


def is_media(text: str, mention: Mention) -> bool:
    """An outlet: an organisation known as one, named like one, or next to a citing word. A known
    outlet the tagger took for a person ("Kako prenosi Hina") counts only beside a citing word."""
    name = fold(mention.text)
    if mention.label == "PER":
        return name in _KNOWN and _cited(text, mention)
    if mention.label not in ("ORG", "PRO"):
        return False
    return name in _KNOWN or bool(_MEDIA_WORD.search(name)) or _cited(text, mention)


def _cited(text: str, mention: Mention) -> bool:
    """A citing word right before the name ("potrivit X", "told X") or a reporting verb after it."""
    before = fold(text[max(0, mention.start - 40) : mention.start])
    after = fold(text[mention.end : mention.end + 25])
    verb = _AFTER.match(after)
    return bool(_BEFORE.search(before) or (verb and not _subject_follows(text, mention.end)))


_AGENCY = {fold(w) for w in AGENCIES}
_AGENCY_WORD = re.compile(
    r"(?<!\w)(?:agenc|agent[uúū]r|agentia|agenti|agencj|presseagentur|nachrichtenagentur|агентств|агенци|агенція"
    r"|агенції|persbureau|nieuwsagentschap)"
)
_ENDING = re.compile(r"(?:a|u|em|om|ie|owi|y)$")


def media_kind(text: str, mention: Mention) -> str | None:
    """What kind of outlet a media mention is: "agency" (Reuters, "agencja Interfax") or "title" (a
    newspaper, broadcaster or website: The Guardian, CNN, Известия); None when only a citing word made
    it media ("according to the ministry"), which says nothing of the kind. Analysts weigh wire copy and
    a paper's own reporting differently, and the BSNLP guidelines label the two ORG and PRO."""
    if not mention.media:
        return None
    name = fold(mention.text)
    stem = _ENDING.sub("", name) if len(name) > 4 else name
    before = fold(text[max(0, mention.start - 30) : mention.start])
    if name in _AGENCY or stem in _AGENCY or _AGENCY_WORD.search(name) or _AGENCY_WORD.search(before[-20:]):
        return "agency"
    if name in _KNOWN or stem in _KNOWN or _MEDIA_WORD.search(name) or _OUTLET_NOUN.search(before[-20:] + " "):
        return "title"
    return None


def _subject_follows(text: str, end: int) -> bool:
    """Whether the reporting verb after a name has its own subject after it: in "…elektrarne Krško, poroča
    STA" the source is STA, not Krško."""
    m = re.match(r"\W*\w+[ \t]+(\w)", text[end : end + 40])
    return bool(m and m.group(1).isupper())


#: A capitalised name right after one of these is an outlet ("agenția Agerpres", "Rundfunksender Yle").
OUTLET_NOUNS = (
    "agency",
    "agence",
    "agencia",
    "agenzia",
    "agencja",
    "agentia",
    "agentura",
    "agentūra",
    "nachrichtenagentur",
    "presseagentur",
    "newspaper",
    "paper",
    "broadcaster",
    "rundfunksender",
    "sender",
    "zeitung",
    "portal",
    "portalu",
    "dziennik",
    "ziarul",
    "diena",
    "laikraksts",
    "агентство",
    "агентства",
    "агентством",
    "газета",
    "телеканал",
    "journal",
    "quotidien",
    "diario",
    "quotidiano",
    "deník",
    "noviny",
    "televize",
    "stanice",
    # inflected and further languages: "agencije STA", "agentúry TASR", "persbureau ANP", "агенция БТА"
    "agencije",
    "agencija",
    "agencji",
    "agentury",
    "agentúry",
    "agentúra",
    "agenției",
    "agenzia",
    "agência",
    "persbureau",
    "nieuwsagentschap",
    "omroep",
    "dagblad",
    "krant",
    "jornal",
    "dnevnik",
    "časopis",
    "denník",
    "агенция",
    "агенцията",
    "агенција",
    "агенція",
    "агенції",
    "server",
    "serveru",
    "webu",
)
_OUTLET_NOUN = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(fold(w)) for w in OUTLET_NOUNS) + r")\s+")
_NAME_RUN = re.compile(r"[^\W\d_][\w’'-]*(?:\s+[A-ZÀ-ÖØ-ÞĀ-ſА-ЯІЇЄ][\w’'-]*)*")
_OPEN_QUOTES = '«„“"‚'
#: Names after "The"/"Die" and the like start with their own word: "the Irish Times" is "Irish Times".
_DETERMINERS = frozenset({"the", "die", "der", "das", "des", "dem", "den", "le", "la", "les", "el", "il", "de", "het"})
#: English puts the outlet word after the name: "the Nation newspaper reported".
OUTLET_NOUNS_AFTER = ("newspaper", "news agency", "agency", "broadcaster", "daily", "weekly", "magazine", "website")
#: The word before a name, and the next word of a name (a particle may come between: "Corriere della Sera").
_LAST_WORD = re.compile(r"([^\W\d_][\w’'-]*) $")
_NEXT_NAME_WORD = re.compile(r" (?:(?:" + "|".join(sorted(NAME_PARTICLES)) + r") )?([^\W\d_][\w’'-]*)")
_OUTLET_AFTER = re.compile(r"\s+(?:" + "|".join(OUTLET_NOUNS_AFTER) + r")(?!\w)")
#: Case endings a known outlet takes in Slavic text ("według Reutersa", "agencji Interfaksu").
_CASE_ENDING = r"(?:a|u|em|om|ie|owi|y)?"
_KNOWN_PATTERN = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted((re.escape(fold(w)) for w in KNOWN_MEDIA), key=len, reverse=True))
    + r")"
    + _CASE_ENDING
    + r"(?!\w)"
)
OUTLET_CONFIDENCE = 0.6


def add_outlets(text: str, mentions: list[Mention]) -> list[Mention]:
    """Outlets the tagger missed: known agencies and outlets written as names (three letters or fewer
    only in capitals: "AP", "EFE", not "ap"), and a capitalised name right after a word for an outlet
    ("l'agence Belga", "Rundfunksender Yle", "the Nation newspaper" is left to the tagger)."""
    taken = [(m.start, m.end) for m in mentions]
    found: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    folded = fold_aligned(text)
    for m in _KNOWN_PATTERN.finditer(folded):
        word = text[m.start() : m.end()]
        if len(word) <= 3 and not word.isupper():
            continue
        if not word[:1].isupper() or not free(m.start(), m.end()):
            continue
        found.append(Mention(m.start(), m.end(), word, "ORG", OUTLET_CONFIDENCE, word, True))
        taken.append((m.start(), m.end()))
    for noun in _OUTLET_NOUN.finditer(folded):
        at = noun.end() + (1 if text[noun.end() : noun.end() + 1] in _OPEN_QUOTES else 0)  # агентство «Тренд»
        run = _NAME_RUN.match(text, at)
        if not run or not any(ch.isupper() for ch in run.group(0).split()[0]):  # "Belga", "iROZHLAS"
            continue
        covering = [m for m in mentions if m.start == run.start()]
        if covering:  # the tagger found the name but not what it is ("l'agence Belga" as a place)
            for tagged in covering:
                tagged.label, tagged.media = "ORG", True
            continue
        name = run.group(0).rstrip("’'-")
        if free(run.start(), run.start() + len(name)):
            found.append(Mention(run.start(), run.start() + len(name), name, "ORG", OUTLET_CONFIDENCE, name, True))
            taken.append((run.start(), run.start() + len(name)))
    dropped: set[int] = set()
    for start, end in _cited_names(text, folded):
        overlapping = [m for m in mentions if m.start < end and start < m.end]
        if any(
            m.label == "PER" or (m.start <= start and end <= m.end and _whole(text, m, start, end)) for m in overlapping
        ):
            continue  # a person ("Spiegel-Reporter Hans Müller"), or a name the tagger has whole ("The Moscow Times")
        if any(f.start < end and start < f.end for f in found):
            continue
        dropped.update(id(m) for m in overlapping)  # "Austria" + "Agentur meldete" is "Austria Presse Agentur"
        name = text[start:end]
        found.append(Mention(start, end, name, "ORG", OUTLET_CONFIDENCE, name, True))
        taken.append((start, end))
    if not found:
        return mentions
    return sorted([*(m for m in mentions if id(m) not in dropped), *found], key=lambda x: x.start)


def _whole(text: str, mention: Mention, start: int, end: int) -> bool:
    """Whether a tagged mention around [start, end) adds only names or an article to it ("The Moscow
    Times"), not a lower-case word the tagger ran on into ("Associated Press reported")."""
    extra = (text[mention.start : start] + " " + text[end : mention.end]).split()
    return all(w[:1].isupper() for w in extra)


def _cited_names(text: str, folded: str) -> list[tuple[int, int]]:
    """Capitalised names built like an outlet ("Irish Times", "Deutsche Presse-Agentur", "Austria Presse
    Agentur", "Izvestia", "the Nation newspaper") that the tagger missed or cut, next to a citing word:
    the citing word keeps "Deutsche Post" and "Financial Stability Board" out."""
    spans = []  # (start, end of the name, end of the phrase a citing word must follow)
    for hit in _MEDIA_WORD.finditer(folded):
        if text[hit.start()].isupper():
            spans.append((*_capitalised_run(text, hit.start()), 0))
    for hit in _OUTLET_AFTER.finditer(folded):
        end = hit.start()
        if end > 0 and text[end - 1].isalnum():
            start, _ = _capitalised_run(text, end - 1)
            if text[start].isupper():
                spans.append((start, end, hit.end()))
    out = []
    for start, end, phrase_end in sorted(set(spans)):
        words = [fold(w) for w in text[start:end].split()]
        if all(w in COMMON_MEDIA_WORDS for w in words):
            continue  # "Zeitung", "Nachrichtenagentur" alone: a common noun, not a name ("Telegraph" is one)
        probe_end = max(end, phrase_end)
        if _cited(text, Mention(start, probe_end, text[start:probe_end], "ORG", OUTLET_CONFIDENCE)):
            out.append((start, end))
    return out


def _capitalised_run(text: str, i: int) -> tuple[int, int]:
    """The run of capitalised words around position ``i`` (no determiner first, one line)."""
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-’'"):
        start -= 1
    end = i
    while end < len(text) and (text[end].isalnum() or text[end] in "-’'"):
        end += 1
    while True:  # left, over capitalised words
        m = _LAST_WORD.search(text[max(0, start - 40) : start])
        if not m or not m.group(1)[:1].isupper() or m.group(1).lower() in _DETERMINERS:
            break
        start -= len(m.group(0))
    while True:  # right, over capitalised words and a particle between two ("Corriere della Sera")
        m = _NEXT_NAME_WORD.match(text[end : end + 40])
        if not m or not m.group(1)[:1].isupper():
            break
        end += len(m.group(0))
    return start, end


def annotate(text: str, mentions: list[Mention], language: str | None = None) -> None:
    """Set ``role`` on person mentions and ``media`` (with category ORG) on outlets, in place."""
    floor = 0
    people = sorted((m for m in mentions if m.label == "PER"), key=lambda x: x.start)
    for m in people:
        m.role = _role_before(text, m, floor, language)
        floor = m.end
    for i, m in enumerate(people):
        nxt = people[i + 1] if i + 1 < len(people) else None
        if m.role is None:
            after = _role_after(text, m)
            # "X, emisarul prezidențial al SUA, Steve Witkoff": the apposition introduces the next name.
            if after and not (nxt is not None and nxt.role == after):
                m.role = after
    for m in mentions:
        if is_media(text, m):
            m.media, m.label = True, "ORG"
