"""Words that signal a fact, per language, as folded stems: who said, on whose report, what happened.

Each table maps a language to its cues, separated by "|" (one line per language, easy to extend).
Stems are compared with the start of folded words ("powiedzial" matches "powiedział", "powiedziała"),
so one entry covers a verb's forms. The lists are the project's own, written for the languages it is
tuned on; a language missing here still gets direct quotes (the quotation marks are universal) and
dates, but no reported speech or event triggers. Keep each list short and unambiguous: these cues
decide facts that an analyst will trust, and a wrong fact costs more than a missing one.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsweave.textnorm import fold

#: Verbs of saying, and "according to".
SAY: dict[str, str] = {
    "en": "said|says|told|stated|added|declared|announced|according to|wrote|stressed|insisted|warned|claimed|noted|explained|confirmed|assured",
    "de": "sagte|sagt|erklarte|erklart|teilte|betonte|meinte|so |laut|zufolge|schrieb|kundigte|warnte|behauptete|bestatigte|nach angaben|sprach von|hieß es|hiess es",
    "pl": "powiedzial|mowi|stwierdzil|oswiadczyl|dodal|podkreslil|napisal|zapowiedzial|przekazal|ocenil|wedlug|zdaniem|poinformowal|zapewnil|ostrzegl",
    "ro": "a declarat|a spus|a afirmat|a precizat|a adaugat|a subliniat|potrivit|spune|a anuntat|a scris|a transmis|a explicat|a avertizat|sustine|declara|a sugerat|a calificat|a descris|a clarificat|precizand",
    "lv": "norada|sacija|pazinoja|teica|uzsvera|piebilda|rakstija|sacits|pauda|apgalvoja|bridinaja|saka|raksturoja|uzskata|atzina|saskana ar|apstiprina|zino",
    "ru": "сказал|заявил|отметил|добавил|сообщил|по словам|подчеркнул|написал",
    "uk": "сказа|заяви|зазначи|дода|повідоми|за словами|наголоси",
    "cs": "rekl|uvedl|prohlasil|dodal|podle|zduraznil|napsal|oznamil|sdelil",
    "fr": "a declare|a dit|selon|a affirme|a ajoute|a souligne|a ecrit|a annonce|a indiqué|a précisé|a expliqué|a estimé|a assuré|a averti|a confirmé|a rappelé",
    "es": "dijo|afirmo|segun|declaro|anadio|senalo|escribio|anuncio|indicó|explicó|aseguró|precisó|advirtió",
    "it": "ha detto|ha dichiarato|secondo|ha affermato|ha aggiunto|ha sottolineato|ha spiegato|ha precisato|ha assicurato|ha avvertito|ha indicato",
    "bg": "каза|заяви|посочи|добави|съобщи|по думите на|подчерта|написа|според",
    "sk": "povedal|povedala|uviedol|uviedla|vyhlásil|dodal|podľa|zdôraznil|napísal|oznámil|oznámila",
    "sl": "je dejal|je dejala|je povedal|je izjavil|je dodal|po besedah|je poudaril|je zapisal|je sporočil|meni",
    "hr": "rekao je|rekla je|izjavio je|izjavila je|dodao je|prema riječima|naglasio je|napisao je|kazao je|je rekao|je izjavio|je dodao",
    "nl": "zei|zegt|verklaarde|stelde|voegde|benadrukte|schreef|volgens|waarschuwde|kondigde",
    "pt": "disse|afirmou|declarou|segundo|acrescentou|sublinhou|escreveu|anunciou|salientou|indicou|explicou|garantiu|assegurou|advertiu",
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
    "de": "nach informationen|nach angaben|berichtet|berichtete|zitiert|laut|meldet|meldete|schreibt|schrieb|zufolge|unter berufung",
    "pl": "podaje|podal|informuje|poinformowal|wedlug|pisze|napisal|donosi|powolujac|cytowany|cytowana|za ",
    "ro": "potrivit|noteaza|relateaza|scrie|informeaza|a relatat|citat de|citata de|transmite|conform|a scris|pentru",
    "lv": "ka norada|norada|zino|informe|raksta|vestija|vesta|citejot|rakstija|zinoja|pec",
    "ru": "сообщает|по данным|пишет|передает|со ссылкой|по информации",
    "uk": "повідомляє|за даними|пише|з посиланням",
    "cs": "podle|informuje|informoval|pise|uvedl|uvadi|oznamila|oznamil",
    "fr": "selon|rapporte|ecrit|d'apres|cite par|precise",
    "es": "segun|informa|informo|publico|citado por",
    "bg": "съобщава|съобщи|според|пише|предава|позовавайки се",
    "sk": "podľa|informuje|informoval|píše|uvádza",
    "sl": "poroča|po poročanju|piše|navaja",
    "hr": "prenosi|javlja|piše|prema pisanju|izvijestio|izvijestila",
    "nl": "volgens|meldt|meldde|schrijft|schreef|bericht",
    "pt": "segundo|noticiou|informou|escreve|citado por|de acordo com",
    "it": "secondo|riporta|scrive|riferisce|citato da|ha riferito|ha riportato",
}
#: Negation near an event's trigger, refusals included ("Putin odmówił", "declined to join sanctions").
NEGATION: dict[str, str] = {
    "en": "not|no|never|n't|without|failed|declined|refused",
    "de": "nicht|kein|keine|keinen|keinem|keiner|nie|ohne|verweigerte|lehnte",
    "nl": "niet|geen|nooit|zonder|weigerde",
    "pl": "nie|bez|żaden|żadne|żadnych|żadnego|żadnej|odmówił|odmówiła|odmówili|odmawia",
    "ro": "nu|fără|niciun|nicio|a refuzat|au refuzat",
    "lv": "ne|nav|nebija|bez|nekādas|nekāda|nekādu|atteicās",
    "lt": "ne|nebuvo|be|jokių|joks|jokia|atsisakė",
    "ru": "не|нет|без|никаких|никакой|никакого|отказал|отказался|отказалась|отказались",
    "uk": "не|немає|без|жодних|жодної|жодного|жодна|відмовив|відмовився|відмовилася|відмовилися",
    "bg": "не|няма|без|никакви|никакво|отказа",
    "cs": "ne|nebude|nebudou|nebyl|nebyla|nebylo|nebyly|bez|žádné|žádná|žádný|žádnou|odmítl|odmítla|odmítli",
    "sk": "nie|nebude|nebudú|nebol|nebola|nebolo|neboli|bez|žiadne|žiadna|žiadny|žiadnu|odmietol|odmietla|odmietli",
    "sl": "ne|ni|niso|brez|nobenega|nobene|noben|zavrnil|zavrnila",
    "hr": "ne|nije|neće|nisu|bez|nikakav|nikakvog|nikakvi|nikakve|odbio|odbila|odbili",
    "fr": "pas|sans|jamais|aucun|aucune|refusé|refuse",
    "es": "no|sin|nunca|ningún|ninguna|ninguno|se negó|rechazó",
    "pt": "não|sem|nunca|nenhum|nenhuma|recusou|recusaram",
    "it": "non|senza|mai|nessun|nessuna|nessuno|rifiutato|rifiuta",
}

#: A personal pronoun as the subject: the person just named ("El a avut convorbiri cu …", "Вона провела
#: переговори"), so the sentence goes on about the event just told.
PRONOUN_SUBJECT: dict[str, str] = {
    "en": "he|she|they",
    "de": "er|sie",
    "nl": "hij|zij|ze",
    "fr": "il|elle|ils|elles",
    "es": "él|ella|ellos",
    "pt": "ele|ela|eles",
    "it": "lui|lei|egli",
    "ro": "el|ea|ei",
    "pl": "on|ona|oni",
    "cs": "on|ona|oni",
    "sk": "on|ona|oni",
    "sl": "on|ona|onadva",
    "hr": "on|ona|oni",
    "lv": "viņš|viņa|viņi",
    "lt": "jis|ji|jie",
    "ru": "он|она|они",
    "uk": "він|вона|вони",
    "bg": "той|тя|те",
}
#: "But" opening a second clause: the event of the first clause is what the sentence reports ("No se firmó
#: ningún acuerdo, pero ambas delegaciones volverán a reunirse").
BUT: dict[str, str] = {
    "en": "but",
    "de": "aber|doch|jedoch",
    "nl": "maar",
    "fr": "mais",
    "es": "pero|sino",
    "pt": "mas|porém",
    "it": "ma|però",
    "ro": "dar|însă",
    "pl": "ale|lecz",
    "cs": "ale",
    "sk": "ale",
    "sl": "ampak|toda",
    "hr": "ali",
    "lv": "bet",
    "lt": "bet",
    "ru": "но|однако",
    "uk": "але|проте",
    "bg": "но|обаче",
}
#: "No" as a determiner: right after an agreement verb it denies what was agreed ("vereinbarten keine
#: Waffenruhe", "n'ont signé aucun accord", "nie podpisali żadnego porozumienia").
NO_DETERMINER: dict[str, str] = {
    "en": "no",
    "de": "kein|keine|keinen|keinem|keiner",
    "nl": "geen",
    "fr": "aucun|aucune",
    "es": "ningún|ninguna|ninguno",
    "pt": "nenhum|nenhuma",
    "it": "nessun|nessuna|nessuno|alcun|alcuna",
    "ro": "niciun|nicio",
    "pl": "żadnego|żadnej|żadnych|żadne",
    "cs": "žádné|žádnou|žádný",
    "sk": "žiadne|žiadnu|žiadny",
    "sl": "nobenega|nobene",
    "hr": "nikakav|nikakve|nikakvog",
    "lv": "nekādu|nekādas",
    "lt": "jokio|jokių",
    "ru": "никакого|никаких|никакой",
    "uk": "жодної|жодних|жодного",
    "bg": "никакво|никакви",
}

#: Definite and demonstrative words: "the talks", "diese Gespräche", "Šīs sarunas", "la reunión" point back
#: to an event the article has just told (facts/events.py continues it). Languages that mark definiteness
#: with a suffix (ro, bg) are covered by their demonstratives only.
DEFINITE: dict[str, str] = {
    "en": "the|this|these|that|those",
    "de": "der|die|das|dem|den|des|dieser|diese|dieses|diesem|diesen|im|am|beim|vom|zum|zur",
    "nl": "de|het|deze|dit|die",
    "fr": "le|la|les|l'|cette|ce|ces|cet|du|des|au|aux",
    "es": "el|la|los|las|este|esta|estos|estas|ese|esa|esos|esas|del|al",
    "pt": "o|a|os|as|este|esta|estes|estas|esse|essa|esses|essas|do|da|dos|das|no|na|nos|nas|ao",
    "it": "il|lo|la|i|gli|le|l'|questo|questa|questi|queste|del|dello|della|dei|degli|delle|nel|nella|al|alla|dal|sul",
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

#: A group as the subject: "the two", "both", "the sides", "the ministers" ("os dois líderes assinaram
#: um acordo", "стороны обсудили", "sa ministri dohodli"): the sentence goes on about the people of the
#: event just told. Only plural words for the parties of talks, never a single office ("the minister"
#: may be someone new).
BOTH: dict[str, str] = {
    "en": "both|the two|the sides|the two sides|the parties|the leaders|the ministers|the delegations|the presidents",
    "de": "beide|beiden|die zwei|die beiden|die seiten|die minister|die ministerinnen|die delegationen|die regierungschefs|die präsidenten|beide seiten",
    "nl": "beide|de twee|de ministers|de leiders|de delegaties|de presidenten|beide partijen",
    "fr": "les deux|les ministres|les dirigeants|les délégations|les deux parties|les présidents",
    "es": "ambos|ambas|los dos|las dos|los ministros|los líderes|las delegaciones|las partes|los presidentes",
    "pt": "ambos|ambas|os dois|as duas|os ministros|os líderes|as delegações|as partes|os presidentes",
    "it": "entrambi|entrambe|i due|le due|i ministri|i leader|le delegazioni|le parti|i presidenti",
    "ro": "cei doi|cele două|ambii|ambele|miniștrii|liderii|delegațiile|părțile|președinții",
    "pl": "obaj|obie|oboje|obydwaj|obu|ministrowie|przywódcy|delegacje|strony|prezydenci|premierzy",
    "cs": "oba|obě|oba dva|ministři|lídři|delegace|strany|prezidenti|premiéři",
    "sk": "obaja|obe|oba|ministri|lídri|delegácie|strany|prezidenti|premiéri",
    "sl": "oba|obe|obadva|ministra|ministri|voditelja|delegaciji|strani|predsednika",
    "hr": "oba|obje|obojica|dvojica|ministri|čelnici|izaslanstva|strane|predsjednici",
    "lv": "abi|abas|abu|ministri|līderi|delegācijas|puses|prezidenti",
    "lt": "abu|abi|abiejų|ministrai|lyderiai|delegacijos|šalys|prezidentai",
    "ru": "оба|обе|стороны|министры|лидеры|делегации|президенты",
    "uk": "обидва|обидві|сторони|міністри|лідери|делегації|президенти",
    "bg": "двамата|двете|двата|министрите|лидерите|делегациите|страните|президентите",
}
#: "Another", "a new", "the next" before an event noun: one more round between the people just named
#: ("Un nuovo vertice è previsto", "Следующая встреча министров", "kolejna runda rozmów").
ANOTHER: dict[str, str] = {
    "en": "another|new|next|further|second|third",
    "de": "nächste|nächsten|nächster|neue|neuen|neuer|weitere|weiteren|weiterer|zweite|zweiten",
    "nl": "volgende|nieuwe|nieuw|tweede",
    "fr": "prochain|prochaine|nouveau|nouvelle|nouvel|autre|deuxième|second|seconde",
    "es": "próximo|próxima|nuevo|nueva|otra|otro|segunda|segundo",
    "pt": "próximo|próxima|novo|nova|outra|outro|segunda|segundo",
    "it": "prossimo|prossima|nuovo|nuova|altro|altra|secondo|seconda",
    "ro": "următoarea|următorul|nouă|nou|alt|altă|o altă|al doilea|a doua",
    "pl": "następne|następny|następna|następnej|następnego|kolejne|kolejny|kolejna|kolejnej|nowe|nowy|nowa|nowej|druga|drugi",
    "cs": "další|příští|nové|nový|nová|druhé|druhý|druhá",
    "sk": "ďalšie|ďalší|ďalšia|budúce|budúci|nové|nový|nová|druhé|druhý",
    "sl": "naslednje|naslednji|naslednja|novo|novi|nova|drugo|drugi",
    "hr": "sljedeći|sljedeća|sljedeće|novi|nova|novo|drugi|druga",
    "lv": "nākamā|nākamais|nākamās|nākamo|jauna|jauns|jaunā|jaunas|otrā|otrais",
    "lt": "kitas|kita|kitą|naujas|nauja|antrasis|antroji",
    "ru": "следующая|следующий|следующей|следующую|очередной|очередная|очередные|новый|новая|новые|новой|второй|вторая",
    "uk": "наступна|наступний|наступної|наступну|черговий|чергова|новий|нова|нові|другий|друга",
    "bg": "следващата|следващия|следваща|следващ|нов|нова|нови|втора|втори",
}
#: Called off: "the meeting was cancelled", "Treffen … wurde abgesagt", "spotkanie odwołano".
CANCELLED: dict[str, str] = {
    "en": "cancelled|canceled|called off",
    "de": "abgesagt|abgesetzt|sagte ab|sagten ab",
    "nl": "afgelast|geannuleerd|afgezegd",
    "fr": "annulé|annulée|annulés|annulées",
    "es": "cancelad",
    "pt": "cancelad",
    "it": "annullat|cancellat",
    "ro": "anulat|anulată|anulate",
    "pl": "odwołan|odwołał|odwołano",
    "cs": "zrušen|zrušil|odvolán",
    "sk": "zrušen|zrušil|odvolan",
    "sl": "odpovedan|odpovedal",
    "hr": "otkazan|otkazal",
    "lv": "atcelt|atcēla|atcelta|atcelts",
    "lt": "atšaukt",
    "ru": "отменен|отменён|отменил|отменили|отменена",
    "uk": "скасован|скасува",
    "bg": "отменен|отменена|отмени",
}
#: "After", "before", "during" an event: "sagte nach dem Treffen", "al termine dell'incontro", "după
#: întâlnire" mention an event already told as a point in time, not a new report of it.
AROUND: dict[str, str] = {
    "en": "after|before|during|following|ahead of",
    "de": "nach|vor|während|bei|beim|im anschluss an",
    "nl": "na|voor|tijdens|voorafgaand aan",
    "fr": "après|avant|lors de|lors du|au terme de|à l'issue de|à l'issue du|pendant",
    "es": "tras|después de|después del|antes de|antes del|durante",
    "pt": "após|depois de|depois da|depois do|antes de|antes da|antes do|durante",
    "it": "dopo|prima di|prima del|prima dell'|durante|al termine di|al termine del|al termine dell'",
    "ro": "după|înainte de|înaintea|în timpul|la finalul",
    "pl": "po|przed|podczas|w trakcie",
    "cs": "po|před|během|při",
    "sk": "po|pred|počas|pri",
    "sl": "po|pred|med|ob",
    "hr": "nakon|prije|tijekom|poslije|na kraju",
    "lv": "pēc|pirms|laikā",
    "lt": "po|prieš|metu",
    "ru": "после|перед|во время|в ходе|по итогам",
    "uk": "після|перед|під час|в ході|за підсумками",
    "bg": "след|преди|по време на",
}
#: "took place", "was held": after a negation ("did not take place", "nie odbyło się", "gab es nicht"),
#: the event told before them did not happen.
OCCURRED: dict[str, str] = {
    "en": "take place|took place|taken place|held|happen|materialise|materialize|signed|concluded|reached",
    "de": "statt|stattgefunden|stattfinden|zustande|gab es|gegeben|unterzeichnet|erzielt",
    "nl": "plaats|plaatsgevonden|gehouden",
    "fr": "eu lieu|lieu|tenu|tenue|tenus|signé|conclu",
    "es": "celebr|tuvo lugar|tuvieron lugar|produjo|hubo|firmad",
    "pt": "realiz|aconteceu|houve|teve lugar|assinad",
    "it": "svolt|tenut|avvenut|luogo|c'è stato|c'è stata|firmat",
    "ro": "avut loc|a avut loc|au avut loc|desfășur|a existat|semnat",
    "pl": "odbył|odbyło|odbyła|odbyły|doszło|doszła|miało miejsce|miała miejsce|podpisan",
    "cs": "uskutečnil|konal|konala|konalo|došlo|podepsán",
    "sk": "uskutočnil|konal|konala|konalo|došlo|podpísan",
    "sl": "potekal|potekala|potekalo|zgodil|podpisan",
    "hr": "održan|održao|održala|održalo|došlo|potpisan",
    "lv": "notika|notikušas|notikusi|notikuši|izdevās|parakstīt",
    "lt": "įvyko|vyko",
    "ru": "состоял|прошл|прошла|прошли|прошло|подписан",
    "uk": "відбул|пройшл|підписан",
    "bg": "състоя|проведе|проведоха|подписан",
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

#: Plans, schedules and commitments ("will", "is to", "pledged to deliver by June"), and the future
#: forms of trigger verbs where the language marks the future only by aspect ("zorganizuje", "відвідає").
PLANNED: dict[str, str] = {
    "en": "will |on the agenda|plans|planned|expected|to hold|scheduled|set to|would|next |upcoming|pledged|promised|vowed|committed to",
    "de": "wird|werden|werde |auf dem programm|auf der tagesordnung|soll|sollen|geplant|plant|will |wollen|kunftig|demnachst|bevorstehend|vorgesehen|strebt|nächste|nächsten|zugesagt|versprach|versprochen|sagte zu|sagten zu|verpflichtet",
    "nl": "zal |zullen|gepland|plant|verwacht|volgende|komende|beloofde|beloofden|zegde toe|toegezegd",
    "pl": "zagłosuje|zagłosują|ma sie|maja sie|planowan|zaplanowan|odbedzie|bedzie|beda|planuje|zamierza|następn|odwiedzi |spotka się|spotkają się|podpisze|podpiszą|zorganizuje|zorganizują|zobowiąza|obiecał|obiecała|zapowiedzia",
    "ro": "va |vor |urmeaza|planific|programat|ar urma|preconiz|următo|să organizeze|să găzduiască|să semneze|să se întâlnească|să efectueze|s-a angajat|s-au angajat|a promis|au promis",
    "lv": "plano|notiks|paredzet|gaidams|grasas|varetu|nākam|tiksies|apmeklēs|parakstīs|rīkos |apsolīja|apņēmās",
    "ru": "будет|планир|запланир|состоится|намерен|собира|следующ|посетит|посетят|встретится|встретятся|проведет|проведут|подпишет|подпишут|обещал|пообещал|обязал|обязуется",
    "uk": "відбудеться|буде |будуть|планує|планують|заплан|має відбутися|наступн|відвідає|відвідають|зустрінеться|зустрінуться|проведе |проведуть|підпише|підпишуть|пообіцяв|пообіцяла|обіцяє|зобов'язал|зобовязал",
    "bg": "ще |трябва да|предстои|планира|планиран|насрочен|следващ|обеща|се ангажира",
    "cs": "uskutecni|bude |budou|planuj|naplanov|ma se |maji se |chysta|příští|zorganizuje|zorganizují|navštíví |podepíše|podepíšou|setká |setkají|zavázal|zavázala|slíbil|slíbila",
    "sk": "uskutoční|bude |budú|plánuj|plánovan|naplánovan|chystá|budúc|zorganizuje|zorganizujú|navštívi |podpíše|podpíšu|stretne |stretnú|zaviazal|zaviazala|sľúbil|sľúbila",
    "sl": "bo |bodo|bosta|načrtuj|načrtovan|predviden|naslednj|obljubil|obljubila|zavezal|zavezala",
    "hr": "će |neće |planira|planiran|predviđen|sljedeć|održat će|obećao|obećala|obvezao|obvezala",
    "fr": "va |vont|prevu|devrait|aura lieu|prochain|prochaine|doivent|doit |s'est engagé|se sont engagés|a promis|ont promis",
    "es": "va a|van a|prevista|previsto|próxim|se comprometió|se comprometieron|prometió|prometieron",
    "pt": "vai |vão |prevista|previsto|próxim|deverá|terá lugar|terão lugar|realizará|decorrerá|comprometeu|comprometeram|prometeu|prometeram",
    "it": "sarà|saranno|previsto|prevista|prossim|si terrà|dovrebbe|si è impegnat|si sono impegnat|ha promesso|hanno promesso",
}

#: Verb endings that alone say "will" or "would" (French, Spanish and Italian conditionals report a plan:
#: "Benali a indiqué que le Maroc accueillerait en septembre …"): "effectuera", "firmarán", "assinarão",
#: "si terrà". Matched on the unfolded text, as whole words: folded, "firmará" would be "firmara" and
#: match "para". Singular conditionals in -ría/-ria are left out: "mayoría", "secretaria".
FUTURE_TENSE: dict[str, str] = {
    "fr": r"\w{2,}(?:era|eront|erait|eraient|iront|irait|iraient)|\w{4,}ira",
    "es": r"\w{2,}(?:rá|rán|rían)",
    "pt": r"\w{2,}(?:rá|rão)",
    "it": r"\w{2,}(?:rà|ranno|rebbe|rebbero)",
}

#: Conditions, possibilities, proposals and demands: what someone asks for has not happened ("the
#: opposition called for a referendum", "ha chiesto un voto in Parlamento").
HYPOTHETICAL: dict[str, str] = {
    "en": "if |could|might|may |possible|possibly|proposed|suggested|called for|urged|demanded|asked for",
    "de": "falls|wenn|konnte|moglich|wurde|ware|vorgeschlagen|schlug|forderte|fordert|verlangte|verlangt",
    "nl": "als |indien|zou |zouden|kunnen|mogelijk|voorgesteld|riep op|eiste|eist|vroeg om",
    "pl": "jesli|jezeli|gdyby|moglby|mogloby|ewentualn|mozliw|bylby|zasugerowa|proponowa|sugeruj|wezwał|wezwała|zażądał|zażądała|domaga",
    "ro": "daca|ar putea|posibil|eventual|ar fi|a sugerat|a propus|a cerut|au cerut|solicită|a solicitat|au solicitat",
    "lv": "ja |varetu|iespejam|butu|ierosin|aicināja|pieprasīja|aicina|pieprasa",
    "ru": "если|может|возможн|бы |призвал|потребовал|призыва|требует",
    "uk": "якщо|може|можлив|би |закликав|закликала|вимагає|вимагав|вимагала",
    "bg": "ако |може|възможн|би |призова|поиска|настоя",
    "cs": "pokud|kdyby|mohl|možn|by |vyzval|vyzvala|požaduje|požadoval",
    "sk": "ak |keby|mohol|možn|by |vyzval|vyzvala|žiada|požaduje|požadoval",
    "sl": "če |lahko|morda|mogoč|bi |pozval|pozvala|zahteval|zahtevala|zahteva",
    "hr": "ako |mogao|moguć|bi |pozvao|pozvala|zatražio|zatražila|zahtijeva",
    "fr": "si |pourrait|eventuel|a demandé|ont demandé|réclame|exige|a appelé à",
    "es": "si |podria|posible|pidió|pidieron|exigió|exigieron|reclamó",
    "pt": "caso |poderia|possível|eventual|pediu|pediram|exigiu|exigiram|reclamou",
    "it": "se |potrebbe|possibil|eventual|ha chiesto|hanno chiesto|chiede|sollecita",
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


@lru_cache(maxsize=64)
def future_tense(language: str | None) -> re.Pattern[str] | None:
    """Future (and conditional) verb forms of ``language``, to search in the original text."""
    pattern = FUTURE_TENSE.get(cue_language(language))
    return re.compile(rf"\b(?:{pattern})\b") if pattern else None


def fold_stem(stem: str) -> str:
    """A cue folded like the text, keeping its trailing space (a whole-word mark that fold() drops)."""
    return fold(stem) + (" " if stem.endswith(" ") else "")


@lru_cache(maxsize=1024)
def _any_core(stems: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for all the stems' letters: most texts hold none of them, and one search in C
    settles that where a loop of ``str.find`` over a hundred stems took a tenth of the fact stages."""
    cores = sorted({c for stem in stems if (c := stem.strip(" *"))}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, cores))) if cores else None


def all_cues(folded: str, stems: tuple[str, ...], whole: bool = False) -> list[tuple[int, int]]:
    """Every cue in a text folded with ``fold_aligned`` as (start, end), in order, starting at a word
    start. A stem extends to the end of its word ("powiedzial" covers "powiedziała"); a stem written
    with a trailing space, or every stem when ``whole`` is set, must be a whole word ("will " is not
    "William", "nie" is not "niemiecki"); one written with a leading "*" may also start inside a word
    (the hit then begins there, not at the word's start)."""
    pattern = _any_core(stems)
    if pattern is None or pattern.search(folded) is None:
        return []
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
