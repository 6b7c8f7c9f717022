"""Words that page furniture is made of, per language, never per site.

Web debris repeats the same few prompts in every language ("read more", "subscribe", "share",
"photo:"). A prompt alone does not condemn a paragraph: ``rules.py`` combines a cue with the shape of
the paragraph (short, not a sentence, next to other debris). Everything is matched on folded text
(case and diacritics removed, see ``textnorm.fold``) so "citește și" and "citeste si" are one cue.
Adding a language means adding its words here; nothing else changes.
"""

from __future__ import annotations

import re

from newsweave.textnorm import fold

# Word lists stay compact, several words a line: one per line would bury them.
# fmt: off
READ_MORE = [
    # en
    "read more", "read also", "also read", "see also", "related", "related articles", "related stories",
    "related news", "more on this topic", "more on this story", "more on this", "recommended",
    "further reading", "you may also like", "you might also like", "more from", "most read", "read next",
    "read the full story", "most popular", "top stories", "latest news", "more news",
    # de
    "weiterlesen", "mehr zum thema", "lesen sie auch", "lesen sie mehr", "lesen sie weiter", "auch interessant",
    "mehr dazu", "das konnte sie auch interessieren", "fur mehr informationen lesen sie", "zum thema",
    "mehr informationen", "meistgelesen", "weitere artikel", "mehr aus", "empfehlungen",
    # fr
    "lire aussi", "lire la suite", "a lire aussi", "voir aussi", "sur le meme sujet", "en savoir plus",
    "a lire egalement", "les plus lus",
    # es / pt / it / nl
    "leer mas", "lea tambien", "lee tambien", "lee mas", "ver tambien", "te puede interesar", "noticias relacionadas",
    "mas informacion",
    "lo mas leido", "leia mais", "leia tambem", "veja tambem", "saiba mais", "leggi anche", "leggi di piu",
    "potrebbe interessarti", "approfondisci", "lees meer", "lees ook", "meer over dit onderwerp",
    # pl / cs / sk / sl / hr / sr
    "czytaj wiecej", "czytaj tez", "czytaj takze", "zobacz tez", "zobacz takze", "polecamy",
    "wiecej na ten temat", "przeczytaj tez", "przeczytaj takze", "najczesciej czytane", "ctete take",
    "prectete si take", "souvisejici", "citajte aj", "precitajte si", "preberite se", "preberi tudi",
    "vec o tem", "procitajte jos", "procitajte i", "vezane vijesti", "opsirnije", "povezano",
    # bg / ru / uk (folded: й→и, ё→е, ї→і)
    "прочетете още", "още по темата", "вижте още", "четете още", "читаите также", "читать далее",
    "подробнее", "по теме", "смотрите также", "читать полностью", "читаите еще", "самое читаемое",
    "читаите також", "читати далі", "детальніше", "дивіться також", "більше новин",
    # ro / lv / lt / et / fi / sv / da / no / hu / tr / el
    "citeste si", "citeste mai mult", "cititi si", "vezi si", "mai multe despre", "pe acelasi subiect",
    "citeste mai departe", "cele mai citite", "lasit vairak", "lasi ari", "lasiet ari", "skatit ari",
    "vairak par temu", "vairak lasiet", "skaitykite daugiau", "taip pat skaitykite", "loe lisaks", "loe ka",
    "lue lisaa", "lue myos", "las mer", "las ocksa", "laes mere", "laes ogsa", "les mer", "les ogsa",
    "tovabb olvasom", "olvassa el", "kapcsolodo", "devamini oku", "ilgili haberler", "διαβαστε επισης",
    "διαβαστε περισσοτερα",
]

PAYWALL = [
    "subscribe", "subscribe now", "sign in to read", "log in to continue", "become a member", "continue reading",
    "to continue reading", "for subscribers", "subscribers only", "premium content", "free articles left",
    "abonnieren", "jetzt abonnieren", "abo abschließen", "nur fur abonnenten", "plus-artikel", "jetzt weiterlesen",
    "abonnez-vous", "s'abonner", "reserve aux abonnes", "suscribete", "suscribirse", "exclusivo para suscriptores",
    "abbonati", "assine", "subskrybuj", "zaprenumeruj", "czytaj dalej", "wykup dostep", "prenumerata",
    "abonuj", "aboneaza-te", "abonare", "abone", "abonet", "abonesana", "lai lasitu talak", "подписаться",
    "подпишитесь", "оформить подписку", "оформите подписку", "підписатися", "передплатити", "předplatit",
    "predplatit", "predplatne", "naroci se", "pretplati se", "абонирайте се",
]

#: "N% of the article remains": the word for "article" next to a percentage.
ARTICLE_WORDS = [
    "article", "artykulu", "artikel", "artikels", "articolului", "articol", "статьи", "статті", "raksta",
    "clanku", "clanka", "straipsnio", "artikkelin", "articulo", "articolo", "artigo", "статията",
]

SHARE_COMMENT = [
    "share", "share this", "tweet", "comments", "comment", "leave a comment", "join the discussion", "discuss",
    "print", "email", "teilen", "kommentare", "kommentar", "diskussion", "diskutieren", "drucken", "partager",
    "commentaires", "commenter", "compartir", "comentarios", "condividi", "commenti", "partilhar", "delen",
    "reacties", "udostepnij", "komentarze", "skomentuj", "dyskusja", "distribuie", "comentarii", "comenteaza",
    "dalities", "komentari", "komentaru", "diskusija", "поделиться", "комментарии", "обсудить", "обсуждение",
    "поділитися", "коментарі", "sdilet", "komentare", "diskuse", "podeli", "komentarji", "сподели",
    "коментари", "коментарии", "jaa", "dela", "del", "megosztas", "hozzaszolasok", "paylas", "yorumlar",
    "follow us", "folgen sie uns", "obserwuj nas", "urmareste-ne", "sekojiet mums", "подписывайтесь",
]

SPONSORED = [
    "sponsored", "advertisement", "advertorial", "promoted", "partner content", "paid content", "anzeige",
    "werbung", "publicite", "publicidad", "pubblicita", "material promocyjny", "material partnera",
    "reklama", "publicitate", "articol sponsorizat", "reklama", "реклама", "партнерский материал",
    "на правах рекламы", "комерційний матеріал", "sponzorovano", "oglas",
]

PHOTO = [
    "photo", "photos", "photograph", "foto", "fotos", "fot", "fotografie", "bild", "bilder", "image", "picture",
    "credit", "credits", "photo credit", "sursa foto", "zdjecie", "zrodlo zdjecia", "фото", "снимка", "kuva",
    "billede", "kep", "illustration", "grafik", "quelle", "source", "sursa", "avots", "zrodlo", "источник",
    "джерело", "bildquelle", "fotogalerie", "galeria",
]

PUBLISHED = [
    "published", "posted", "publication", "publikacja", "opublikowano", "data publikacji", "veroffentlicht",
    "veroffentlicht am", "stand", "publie", "publie le", "publicado", "pubblicato", "publicat", "publicat la",
    "publicets", "опубликовано", "опубліковано", "publikovano", "objavljeno", "публикувано", "julkaistu",
    "publicerad", "date", "datum", "data",
]

UPDATED = [
    "updated", "last updated", "aktualizacja", "aktualisiert", "mis a jour", "actualizado", "aggiornato",
    "actualizat", "atjaunots", "atjauninats", "обновлено", "оновлено", "aktualizovano", "azurirano", "paivitetty",
]

BYLINE = [
    "by", "von", "par", "por", "di", "door", "de", "autor", "autorka", "autors", "autore", "auteur", "author",
    "authors", "автор", "авторы", "written by", "text", "tekst", "text von", "reporter", "redakcja", "redaktor",
    "autoare", "autorius", "kirjoittaja",
]

# fmt: on


def _alternation(words: list[str]) -> str:
    folded = sorted({fold(w) for w in words}, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in folded)


def _whole(words: list[str]) -> re.Pattern[str]:
    """The line is the cue and nothing else (punctuation, arrows and counts aside)."""
    return re.compile(rf"^[\W\d_]*(?:{_alternation(words)})[\W\d_]*$")


def _prefix(words: list[str]) -> re.Pattern[str]:
    """The line starts with the cue followed by a separator or the end."""
    return re.compile(rf"^[\W_]*(?:{_alternation(words)})(?:\s*[:|»>→–—-]+\s*|\s*$)")


def _anywhere(words: list[str]) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w)(?:{_alternation(words)})(?!\w)")


READ_MORE_LINE = _whole(READ_MORE)
READ_MORE_PREFIX = _prefix(READ_MORE)
READ_MORE_ANY = _anywhere(READ_MORE)
READ_MORE_START = re.compile(rf"^[\W_]*(?:{_alternation(READ_MORE)})(?!\w)")
PAYWALL_ANY = _anywhere(PAYWALL)
PAYWALL_PERCENT = re.compile(rf"\d{{1,3}}\s*%.{{0,20}}(?<!\w)(?:{_alternation(ARTICLE_WORDS)})")
SHARE_ANY = _anywhere(SHARE_COMMENT)
SPONSORED_LINE = _whole(SPONSORED)
PHOTO_PREFIX = re.compile(rf"^[\W_]*(?:{_alternation(PHOTO)})\.?\s*[:|/–—-]\s*\S")
COPYRIGHT = re.compile(r"^\s*(?:©|\(c\)|copyright)\s*\S", re.I)
PUBLISHED_PREFIX = re.compile(rf"^[\W_]*(?:{_alternation(PUBLISHED)})(?!\w)\s*[:|,–—-]?\s*")
UPDATED_PREFIX = re.compile(rf"^[\W_]*(?:{_alternation(UPDATED)})(?!\w)\s*[:|,–—-]?\s*")
BYLINE_PREFIX = re.compile(rf"^[\W_]*(?:{_alternation(BYLINE)})\s*[:|–—-]?\s+")
PAGE_COUNTER = re.compile(r"^\s*\d{1,3}\s*(?:/|of|z|из|din|no|von)\s*\d{1,3}\s*$", re.I)
