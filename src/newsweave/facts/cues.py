"""Words that signal a fact, per language, as folded stems: who said, on whose report, what happened.

Each table maps a language to its cues, separated by "|" (one line per language, easy to extend).
Stems are compared with the start of folded words ("powiedzial" matches "powiedział", "powiedziała"),
so one entry covers a verb's forms. The lists are the project's own, written for the languages it is
tuned on; a language missing here still gets direct quotes (the quotation marks are universal) and
dates, but no reported speech or event triggers. Keep each list short and unambiguous: these cues
decide facts that an analyst will trust, and a wrong fact costs more than a missing one.
"""

from __future__ import annotations

from functools import lru_cache

from newsweave.textnorm import fold

#: Verbs of saying, and "according to".
SAY: dict[str, str] = {
    "en": "said|says|told|stated|added|declared|announced|according to|wrote|stressed|insisted|warned|claimed",
    "de": "sagte|sagt|erklarte|erklart|teilte|betonte|meinte|so |laut|zufolge|schrieb|kundigte|warnte|behauptete|bestatigte|nach angaben",
    "pl": "powiedzial|mowi|stwierdzil|oswiadczyl|dodal|podkreslil|napisal|zapowiedzial|przekazal|ocenil|wedlug|zdaniem|poinformowal|zapewnil|ostrzegl",
    "ro": "a declarat|a spus|a afirmat|a precizat|a adaugat|a subliniat|potrivit|spune|a anuntat|a scris|a transmis|a explicat|a avertizat|sustine|declara|a sugerat|a calificat|a descris|a clarificat|precizand",
    "lv": "norada|sacija|pazinoja|teica|uzsvera|piebilda|rakstija|sacits|pauda|apgalvoja|bridinaja|saka|raksturoja|uzskata|atzina|saskana ar|apstiprina|zino",
    "ru": "сказал|заявил|отметил|добавил|сообщил|по словам|подчеркнул|написал",
    "uk": "сказав|заявив|зазначив|додав|повідомив|за словами|наголосив",
    "cs": "rekl|uvedl|prohlasil|dodal|podle|zduraznil|napsal",
    "fr": "a declare|a dit|selon|a affirme|a ajoute|a souligne|a ecrit|a annonce",
    "es": "dijo|afirmo|segun|declaro|anadio|senalo|escribio|anuncio",
    "it": "ha detto|ha dichiarato|secondo|ha affermato|ha aggiunto|ha sottolineato",
    "bg": "каза|заяви|посочи|добави|съобщи|по думите на|подчерта|написа|според",
    "sk": "povedal|povedala|uviedol|uviedla|vyhlásil|dodal|podľa|zdôraznil|napísal",
    "sl": "je dejal|je dejala|je povedal|je izjavil|je dodal|po besedah|je poudaril|je zapisal|je sporočil|meni",
    "hr": "rekao je|rekla je|izjavio je|izjavila je|dodao je|prema riječima|naglasio je|napisao je|kazao je|je rekao|je izjavio|je dodao",
    "nl": "zei|zegt|verklaarde|stelde|voegde|benadrukte|schreef|volgens|waarschuwde|kondigde",
    "pt": "disse|afirmou|declarou|segundo|acrescentou|sublinhou|escreveu|anunciou|salientou",
}
#: Words that make what follows a reported statement ("said that ...").
THAT: dict[str, str] = {
    "en": "that",
    "de": "dass",
    "pl": "ze",
    "ro": "ca",
    "lv": "ka",
    "ru": "что",
    "uk": "що",
    "cs": "ze",
    "fr": "que|qu",
    "es": "que",
    "it": "che",
    "bg": "че",
    "sk": "že",
    "sl": "da",
    "hr": "da",
    "nl": "dat",
    "pt": "que",
}
#: An outlet relays a statement: "told The Moscow Times", "gegenüber der Zeitung", "pentru Reuters".
RELAY: dict[str, str] = {
    "en": "told|to|in an interview with",
    "de": "gegenuber|im interview mit|der|dem",
    "pl": "dla|w rozmowie z",
    "ro": "pentru|intr-un interviu",
    "lv": "intervija",
    "ru": "для|в интервью",
    "fr": "a",
    "es": "a",
}
#: An article gives an outlet as its source: "kā norāda The Wall Street Journal", "notează The Moscow
#: Times", "Nach Informationen des Telegraph", "zitiert von Tass".
CITE: dict[str, str] = {
    "en": "according to|reported|reports|citing|cited by|wrote|writes|quoted by|told",
    "de": "nach informationen|berichtet|berichtete|zitiert|laut|meldet|meldete|schreibt|schrieb|zufolge|unter berufung",
    "pl": "podaje|podal|informuje|poinformowal|wedlug|pisze|napisal|donosi|powolujac|cytowany|cytowana|za ",
    "ro": "potrivit|noteaza|relateaza|scrie|informeaza|a relatat|citat de|citata de|transmite|conform|a scris|pentru",
    "lv": "ka norada|norada|zino|raksta|vestija|citejot|rakstija|zinoja|pec",
    "ru": "сообщает|по данным|пишет|передает|со ссылкой|по информации",
    "uk": "повідомляє|за даними|пише|з посиланням",
    "cs": "podle|informuje|pise|uvedl|uvadi",
    "fr": "selon|rapporte|ecrit|d'apres|cite par",
    "es": "segun|informa|informo|publico|citado por",
    "bg": "съобщава|съобщи|според|пише|предава|позовавайки се",
    "sk": "podľa|informuje|píše|uvádza",
    "sl": "poroča|po poročanju|piše|navaja",
    "hr": "prenosi|javlja|piše|prema pisanju|izvijestio|izvijestila",
    "nl": "volgens|meldt|meldde|schrijft|schreef|bericht",
    "pt": "segundo|noticiou|informou|escreve|citado por|de acordo com",
    "it": "secondo|riporta|scrive|riferisce|citato da",
}
#: Negation and modality near an event's trigger.
NEGATION: dict[str, str] = {
    "en": "not|no|never|n't|without",
    "de": "nicht|kein|keine|keinen|keinem|keiner|nie|ohne",
    "nl": "niet|geen|nooit|zonder",
    "pl": "nie|bez|żaden|żadne|żadnych|żadnego|żadnej",
    "ro": "nu|fără|niciun|nicio",
    "lv": "ne|nav|nebija|bez|nekādas|nekāda|nekādu",
    "lt": "ne|nebuvo|be|jokių|joks|jokia",
    "ru": "не|нет|без|никаких|никакой|никакого",
    "uk": "не|немає|без|жодних|жодної|жодного|жодна",
    "bg": "не|няма|без|никакви|никакво",
    "cs": "ne|bez|žádné|žádná|žádný|žádnou",
    "sk": "nie|bez|žiadne|žiadna|žiadny|žiadnu",
    "sl": "ne|ni|brez|nobenega|nobene|noben",
    "hr": "ne|nije|bez|nikakav|nikakvog|nikakvi|nikakve",
    "fr": "pas|sans|jamais|aucun|aucune",
    "es": "no|sin|nunca|ningún|ninguna|ninguno",
    "pt": "não|sem|nunca|nenhum|nenhuma",
    "it": "non|senza|mai|nessun|nessuna|nessuno",
}

#: Definite and demonstrative words: "the talks", "diese Gespräche", "Šīs sarunas", "la reunión" point back
#: to an event the article has just told (facts/events.py continues it). Languages that mark definiteness
#: with a suffix (ro, bg) are covered by their demonstratives only.
DEFINITE: dict[str, str] = {
    "en": "the|this|these|that|those",
    "de": "der|die|das|dem|den|des|dieser|diese|dieses|diesem|diesen",
    "nl": "de|het|deze|dit|die",
    "fr": "le|la|les|l'|cette|ce|ces|cet",
    "es": "el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas",
    "pt": "o|a|os|as|este|esta|estes|estas|esse|essa|esses|essas",
    "it": "il|lo|la|i|gli|le|l'|questo|questa|questi|queste",
    "ro": "acest|această|aceste|acestei|acestor|acel|acea|acele",
    "pl": "te|ta|ten|tych|tej|tym|tymi|tego|owe|owa|owych",
    "cs": "ten|ta|to|ty|tento|tato|toto|tyto|tech|tomto|teto",
    "sk": "ten|ta|to|tie|tento|tato|toto|tieto|tych",
    "sl": "ta|to|te|ti|tega|teh|tej",
    "hr": "taj|ta|to|ti|te|ovaj|ova|ovo|ovi|ove|tih|tog",
    "lv": "šis|šī|šie|šīs|šo|šai|šajā|šajos|šajās|tas|tā|tie|tās|to",
    "lt": "šis|ši|šie|šios|tas|ta|tie|tos",
    "ru": "этот|эта|это|эти|этих|этой|этом|этого|эту|те|тот|та",
    "uk": "цей|ця|це|ці|цих|цієї|цього|цю|ті|той|та",
    "bg": "този|тази|това|тези|тоя",
}

#: Words for "the two" or "both" as a subject ("os dois líderes assinaram um acordo", "cei doi au
#: discutat"): the sentence goes on about the people of the event just told.
BOTH: dict[str, str] = {
    "en": "both|the two",
    "de": "beide|beiden|die zwei|die beiden",
    "nl": "beide|de twee",
    "fr": "les deux",
    "es": "ambos|ambas|los dos|las dos",
    "pt": "ambos|ambas|os dois|as duas",
    "it": "entrambi|entrambe|i due|le due",
    "ro": "cei doi|cele două|ambii|ambele",
    "pl": "obaj|obie|oboje|obydwaj|obu",
    "cs": "oba|obě|oba dva",
    "sk": "obaja|obe|oba",
    "sl": "oba|obe|obadva",
    "hr": "oba|obje|obojica|dvojica",
    "lv": "abi|abas|abu",
    "lt": "abu|abi|abiejų",
    "ru": "оба|обе|стороны",
    "uk": "обидва|обидві|сторони",
    "bg": "двамата|двете|двата",
}
#: Words that make an event noun a kind rather than an occurrence: "such meetings", "Takie spotkania".
GENERIC: dict[str, str] = {
    "en": "such|any",
    "de": "solche|solcher|solchen|derartige|jegliche",
    "nl": "zulke|zo'n|dergelijke",
    "fr": "tels|telles|tel|telle",
    "es": "tales|cualquier",
    "pt": "tais|qualquer",
    "it": "tali|simili|qualsiasi",
    "ro": "asemenea|astfel|orice",
    "pl": "takie|takich|taki|taka|takim|takimi|jakiekolwiek",
    "cs": "takové|takových|takový|jakékoli",
    "sk": "takéto|takých|akékoľvek",
    "sl": "takšna|takšni|takšne|taka|taki",
    "hr": "takvi|takve|takva|takav",
    "lv": "šādas|šādi|šāda|šādu|jebkādas",
    "lt": "tokie|tokios|toks",
    "ru": "такие|таких|такой|подобные|подобных|любые",
    "uk": "такі|таких|такий|подібні|будь-які",
    "bg": "такива|такъв|такава|подобни",
}

PLANNED: dict[str, str] = {
    "en": "will |plans|planned|expected|to hold|scheduled|set to|would|next |upcoming",
    "de": "wird|werden|soll|sollen|geplant|plant|will |wollen|kunftig|demnachst|bevorstehend|vorgesehen|strebt",
    "nl": "zal |zullen|gepland|plant|verwacht|volgende|komende",
    "pl": "ma sie|maja sie|planowan|zaplanowan|odbedzie|bedzie|beda|planuje|zamierza",
    "ro": "va |vor |urmeaza|planific|programat|ar urma|preconiz",
    "lv": "plano|notiks|paredzet|gaidams|grasas|varetu",
    "ru": "будет|планир|состоится|намерен|собира",
    "uk": "відбудеться|буде |будуть|планує|планують|має відбутися",
    "bg": "ще |предстои|планира|планиран|насрочен",
    "cs": "uskutecni|bude |budou|planuj|ma se |maji se |chysta",
    "sk": "uskutoční|bude |budú|plánuj|plánovan|chystá",
    "sl": "bo |bodo|bosta|načrtuj|načrtovan|predviden|naslednj",
    "hr": "će |planira|planiran|predviđen|sljedeć|održat će",
    "fr": "va |vont|prevu|devrait|aura lieu|prochain|prochaine",
    "es": "va a|van a|prevista|previsto|próxim",
    "pt": "vai |vão |prevista|previsto|próxim|deverá|terá lugar|terão lugar|realizará|decorrerá",
    "it": "sarà|saranno|previsto|prevista|prossim|si terrà|dovrebbe",
}

HYPOTHETICAL: dict[str, str] = {
    "en": "if |could|might|may |possible|possibly|proposed|suggested",
    "de": "falls|wenn|konnte|moglich|wurde|ware|vorgeschlagen|schlug",
    "nl": "als |indien|zou |zouden|kunnen|mogelijk|voorgesteld",
    "pl": "jesli|jezeli|gdyby|moglby|mogloby|ewentualn|mozliw|bylby|zasugerowa|proponowa|sugeruj",
    "ro": "daca|ar putea|posibil|eventual|ar fi|a sugerat|a propus",
    "lv": "ja |varetu|iespejam|butu|ierosin",
    "ru": "если|может|возможн|бы ",
    "uk": "якщо|може|можлив|би ",
    "bg": "ако |може|възможн|би ",
    "cs": "pokud|kdyby|mohl|možn|by ",
    "sk": "ak |keby|mohol|možn|by ",
    "sl": "če |lahko|morda|mogoč|bi ",
    "hr": "ako |mogao|moguć|bi ",
    "fr": "si |pourrait|eventuel",
    "es": "si |podria|posible",
    "pt": "caso |poderia|possível|eventual",
    "it": "se |potrebbe|possibil|eventual",
}


#: Assessments of talks or a meeting (summaries.py finds where sources disagree): a positive one ...
ASSESS_POSITIVE: dict[str, str] = {
    "en": "productive|constructive|successful|breakthrough|progress was made|good progress|useful|positive talks|fruitful",
    "de": "produktiv|konstruktiv|erfolgreich|durchbruch|fortschritt|nützlich|positiv|fruchtbar",
    "fr": "productive|productif|constructi|fructueu|succès|percée|progrès|utile|positi",
    "es": "productiv|constructiv|fructífer|éxito|avance|progreso|útil|positiv",
    "it": "produttiv|costruttiv|proficu|successo|svolta|progress|utile|positiv",
    "pl": "produktywn|konstruktywn|owocn|sukces|przełom|postęp|użyteczn|pozytywn",
    "cs": "produktivní|konstruktivní|plodn|úspěšn|průlom|pokrok|užitečn|pozitivní",
    "ro": "productiv|constructiv|fructuoas|succes|progres|pozitiv",
    "lv": "produktīv|konstruktīv|auglīg|veiksmīg|izrāviens|progress|noderīg|pozitīv",
    "ru": "продуктивн|конструктивн|плодотворн|успешн|прорыв|прогресс|полезн|позитивн",
    "uk": "продуктивн|конструктивн|плідн|успішн|прорив|прогрес|корисн|позитивн",
    "bg": "продуктивн|конструктивн|плодотворн|успешн|пробив|напредък|полезн|позитивн",
    "sl": "produktivn|konstruktivn|ploden|uspešn|preboj|napredek|koristn|pozitivn",
}
#: ... and a negative one, looked for first: most contain a positive word ("no major progress").
ASSESS_NEGATIVE: dict[str, str] = {
    "en": "no progress|no major progress|no breakthrough|without agreement|without a deal|failed|deadlock|stalled|fruitless|disappointing|no agreement|collapsed",
    "de": "kein fortschritt|keine fortschritte|ohne einigung|ohne ergebnis|kein durchbruch|gescheitert|festgefahren|ergebnislos|enttäusch",
    "fr": "aucun progrès|sans accord|sans résultat|échec|échoué|impasse|bloqué|décevant|pas de percée",
    "es": "sin avances|ningún avance|sin acuerdo|sin resultados|fracas|estancad|punto muerto|decepcionante",
    "it": "nessun progresso|senza accordo|nessun accordo|fallit|stallo|bloccat|deludent|nessuna svolta",
    "pl": "bez postępu|bez postępów|bez porozumienia|bez przełomu|fiasko|nie przyniosł|impas|utknęł|rozczarowując",
    "cs": "bez pokroku|bez dohody|bez průlomu|selhal|ztroskotal|patov|uvázl|zklamání",
    "ro": "niciun progres|fără progres|fără acord|fără rezultat|eșec|eșuat|impas|blocat|dezamăg",
    "lv": "bez progresa|bez vienošanās|nevienojas|bez rezultāta|izgāz|strupceļ|neveiksm|vilšan",
    "ru": "без прогресса|никакого прогресса|без соглашения|без результата|провал|тупик|зашли в тупик|разочаров",
    "uk": "без прогресу|жодного прогресу|без угоди|без результату|провал|глухий кут|розчаров",
    "bg": "без напредък|без споразумение|без резултат|провал|задънена улица|разочаров",
    "sl": "brez napredka|brez dogovora|brez rezultata|neuspe|zastoj|razočar",
}


#: Languages written with another's words here: Bosnian, Serbian (Latin script) and Montenegrin share
#: Croatian's verbs and prepositions; lingua tells them apart on short texts no better than chance.
SAME_WORDS = {"bs": "hr", "sr": "hr", "sh": "hr", "cnr": "hr", "me": "hr", "nb": "no", "nn": "no"}


def cue_language(language: str | None) -> str:
    """The language whose tables serve ``language`` ("bs" reads Croatian's)."""
    code = (language or "en").split("-")[0]
    return SAME_WORDS.get(code, code)


@lru_cache(maxsize=512)
def cues(table_name: str, language: str | None) -> tuple[str, ...]:
    table: dict[str, str] = globals()[table_name]
    words = table.get(cue_language(language), "")
    # A trailing space marks a whole word ("will " must not match "William"); fold() would drop it.
    return tuple(fold_stem(c) for c in words.split("|") if c.strip())


def fold_stem(stem: str) -> str:
    """A cue folded like the text, keeping its trailing space (a whole-word mark that fold() drops)."""
    return fold(stem) + (" " if stem.endswith(" ") else "")


def all_cues(folded: str, stems: tuple[str, ...], whole: bool = False) -> list[tuple[int, int]]:
    """Every cue in a text folded with ``fold_aligned`` as (start, end), in order, starting at a word
    start. A stem extends to the end of its word ("powiedzial" covers "powiedziała"); a stem written
    with a trailing space, or every stem when ``whole`` is set, must be a whole word ("will " is not
    "William", "nie" is not "niemiecki"); one written with a leading "*" may also start inside a word
    (the hit then begins there, not at the word's start)."""
    found = []
    for stem in stems:
        word_only = whole or stem.endswith(" ")
        inside = stem.startswith("*")  # may end a compound: "*angriff" finds "Luftangriff"
        core = stem.strip(" *")
        at = 0
        while core and (i := folded.find(core, at)) >= 0:
            at = i + 1
            if i > 0 and folded[i - 1].isalnum() and not inside:
                continue
            end = i + len(core)
            if word_only:
                if end < len(folded) and folded[end].isalnum():
                    continue
            elif core[-1].isalnum():
                while end < len(folded) and folded[end].isalnum():
                    end += 1
            found.append((i, end))
    return sorted(set(found))
