"""Czech place names as Ukrainian and Russian speakers write them in Cyrillic.

Matching works on a *canonical* Cyrillic spelling that both languages' spellings of one Czech name
collapse to: і/ї/и/ы are one letter, є/е/э/ё one, ґ is г, the soft sign and apostrophes are dropped,
and я/ю/є/ї are split into й + vowel where they stand for it (word start, after a vowel or a soft
sign). So Ukrainian "Теплиці", Russian "Теплице" and "Літвінов"/"Литвинов" meet the same keys.

`cyrillic_forms(name)` transliterates a Czech name by rule (ř → рж, ch → х, h → г, ou → оу, …) into
that canonical spelling and declines it with Ukrainian and Russian case endings chosen by the Czech
ending (over-generating, like the Czech side: a form nobody writes costs nothing). A small table adds
established exonyms the rule cannot produce.
"""

from __future__ import annotations

import itertools
import re

from .czech import is_adjective, split_name

_VOWELS = frozenset("аеиоуйыэюяєіїё")
_IOTATED = {"я": "а", "ю": "у", "є": "е", "ї": "и", "ё": "о"}
_PLAIN = {"і": "и", "ы": "и", "э": "е", "ґ": "г", "щ": "шч"}
_SEPARATORS = frozenset("ьъ'ʼ’")
# Latin letters typed inside a Cyrillic word (keyboard mix-ups): "Устi" with a Latin i.
_LOOKALIKES = str.maketrans({"i": "і", "a": "а", "o": "о", "e": "е", "c": "с", "p": "р", "x": "х", "y": "у", "k": "к"})


_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")


def has_cyrillic(text: str) -> bool:
    return _CYRILLIC_RE.search(text) is not None


def canonical(word: str) -> str:
    """The matching key of one Cyrillic word (lowercase)."""
    word = word.lower().translate(_LOOKALIKES)
    out: list[str] = []
    prev = ""  # previous source letter
    for ch in word:
        if ch in _SEPARATORS:
            prev = ch
            continue
        if ch in _IOTATED:
            after_vowel = not out or prev in _VOWELS or prev in _SEPARATORS
            out.append(("й" if after_vowel or ch == "ї" else "") + _IOTATED[ch])
        else:
            out.append(_PLAIN.get(ch, ch))
        prev = ch
    return "".join(out)


_LATIN = {
    "a": "а", "á": "а", "b": "б", "c": "ц", "č": "ч", "d": "д", "ď": "д", "e": "е", "é": "е", "ě": "е",
    "f": "ф", "g": "г", "h": "г", "i": "и", "í": "и", "j": "й", "k": "к", "l": "л", "m": "м", "n": "н",
    "ň": "н", "o": "о", "ó": "о", "p": "п", "q": "к", "r": "р", "ř": "рж", "s": "с", "š": "ш", "t": "т",
    "ť": "т", "u": "у", "ú": "у", "ů": "у", "v": "в", "w": "в", "x": "кс", "y": "и", "ý": "и", "z": "з",
    "ž": "ж",
}  # fmt: skip


def transliterate(czech: str) -> str:
    """One Czech word → canonical Cyrillic ("Litoměřice" → "литомержице", "Chomutov" → "хомутов")."""
    w = czech.lower()
    out: list[str] = []
    i = 0
    while i < len(w):
        if w.startswith("ch", i):
            out.append("х")
            i += 2
            continue
        out.append(_LATIN.get(w[i], w[i]))
        i += 1
    return "".join(out)


# Established Ukrainian/Russian names that the letter rule does not produce (Czech name → Cyrillic
# spellings, any of the two languages; declined like the rule's output).
EXONYMS: dict[str, tuple[str, ...]] = {
    "Ústí nad Labem": ("Усті-на-Лабі", "Усть-над-Лабем"),
    "Děčín": ("Дєчин",),
    "Žatec": ("Жатець",),
    "Česká Kamenice": ("Чеська Кам'яниця",),
}

# Endings (canonical spelling) added to a stem, by the shape of the Czech word.
_MASC = ("", "а", "у", "ови", "и", "е", "ом", "ем", "йу")  # Мост, Мосту, Мості, Мосте, Мостом
_FEM_A = ("а", "и", "е", "у", "ойу", "ой", "ей", "ейу")  # Біліна, Біліни, Біліні, Біліною
_NEUT_O = ("о", "а", "у", "и", "е", "ом")  # Ліпно, Ліпна, Ліпні, Ліпном
_PLURAL = ("и", "", "ив", "ов", "ам", "ах", "ами")  # Лоуни, Лоун, Лоунам, Лоунах, Лоунами
_ICE = ("е", "и", "", "ам", "ах", "ами", "ей", "а", "у", "ойу")  # Теплице/Теплиці, Теплиць, Теплицях
_ADJ = {
    "á": ("а", "айа", "ойи", "ой", "ий", "ей", "у", "уйу", "ойу"),  # Красна/Красная, Красної, Красній
    "ý": ("и", "ий", "ого", "ому", "им", "ом"),  # Вельки/Великий, Великого
    "é": ("е", "ое", "ого", "ому", "им", "ом"),  # Їлове/Йиловое
    "í": ("и", "ий", "ого", "ему", "ому", "им", "ей", "ойи", "ийи", "ими", "их"),  # Горні, Горнього
}
_ADJ_PLURAL = ("е", "и", "ие", "их", "им", "ими")  # Старі/Старые Кржечани
_SOFTEN = {"к": "ц", "г": "з", "х": "с"}  # Крупка → у Крупці


def _stem_forms(stem: str, endings: tuple[str, ...]) -> set[str]:
    return {stem + e for e in endings}


def _noun_forms(czech: str) -> set[str]:
    w = czech.lower()
    cyr = transliterate(czech)
    forms = {cyr}
    if w.endswith("ce"):
        forms |= _stem_forms(cyr[:-1], _ICE)
    elif w[-1] in "yi" and len(w) > 3:
        forms |= _stem_forms(cyr[:-1], _PLURAL)
    elif w[-1] in "íý" or (w[-1] == "é" and not w.endswith("ové")):
        pass  # Усті, Дубі, Штеті: not declined
    elif w[-1] in "áé":
        forms |= _stem_forms(cyr[:-1], _ADJ[w[-1]])
    elif w[-1] in "eě":
        forms |= _stem_forms(cyr[:-1], ("е", "и", "ей"))
    elif w[-1] == "a":
        stem = cyr[:-1]
        forms |= _stem_forms(stem, _FEM_A)
        if stem[-1] in _SOFTEN:
            forms.add(stem[:-1] + _SOFTEN[stem[-1]] + "и")
    elif w[-1] == "o":
        stem = cyr[:-1]
        forms |= _stem_forms(stem, _NEUT_O)
        if stem[-1] in _SOFTEN:
            forms.add(stem[:-1] + _SOFTEN[stem[-1]] + "и")
    else:
        stems = [cyr]
        if len(cyr) > 3 and cyr[-2] == "е" and cyr[-1] in "цк":  # Жатец → Жатця, Вроутек → Вроутку
            stems.append(cyr[:-2] + cyr[-1])
        for stem in stems:
            forms |= _stem_forms(stem, _MASC)
            forms.add(stem + stem[-1] + "у")  # Кадань → Каданню
            if stem[-1] in _SOFTEN:
                forms.add(stem[:-1] + _SOFTEN[stem[-1]] + "и")
    return forms


def _adjective_forms(czech: str, plural: bool) -> set[str]:
    w = czech.lower()
    cyr = transliterate(czech)
    if w.endswith("ovy"):  # Kryštofovy: left as written
        return {cyr}
    if plural and w[-1] != "í":
        return {cyr} | _stem_forms(cyr[:-1], _ADJ_PLURAL)
    return {cyr} | _stem_forms(cyr[:-1], _ADJ.get(w[-1], ("",)))


def _tail_forms(tail: list[str]) -> set[str]:
    """'nad Labem' → {'над лабем', 'над лабеми'} (Ukrainian writers sometimes decline the tail too)."""
    words = [transliterate(t) for t in tail]
    last = words[-1]
    return {" ".join([*words[:-1], v]) for v in (last, last + "и", last + "у", last + "е")}


def _name_forms(name: str) -> set[str]:
    if "-" in name and " " not in name:  # Straškov-Vodochody: both parts as written
        return {" ".join(transliterate(p) for p in name.split("-"))}
    head, tail = split_name(name)
    plural = head[-1].lower()[-1] in "yi" or head[-1].lower().endswith("ce")
    parts = [_adjective_forms(w, plural) if is_adjective(w) else {transliterate(w)} for w in head[:-1]]
    parts.append(_noun_forms(head[-1]))
    heads = {" ".join(combo) for combo in itertools.product(*parts)}
    if not tail:
        return heads
    return {f"{h} {t}" for h in heads for t in _tail_forms(tail)}


def cyrillic_forms(name: str) -> set[str]:
    """Canonical Cyrillic case forms of a Czech municipality name (words joined by single spaces)."""
    forms = _name_forms(name)
    for exonym in EXONYMS.get(name, ()):
        forms |= _exonym_forms([canonical(w) for w in exonym.replace("-", " ").split()])
    return forms


def _exonym_forms(words: list[str]) -> set[str]:
    """Case forms of an exonym already in canonical Cyrillic: Чеська Кам'яниця → у Чеській Кам'яниці."""
    if any(w in PREPOSITIONS for w in words[1:]):  # Усті-на-Лабі: as written
        return {" ".join(words)}
    parts: list[set[str]] = []
    for k, w in enumerate(words):
        last = k == len(words) - 1
        if w[-1] == "а":
            parts.append({w} | _stem_forms(w[:-1], _FEM_A if last else _ADJ["á"]))
        elif last and w[-1] not in _VOWELS:
            parts.append(_stem_forms(w, _MASC))
        else:
            parts.append({w})
    return {" ".join(combo) for combo in itertools.product(*parts)}


def cyrillic_short_head(name: str) -> set[str]:
    """'Ústí nad Labem' → forms of 'Ústí' alone (Я живу в Усті)."""
    head, tail = split_name(name)
    if not tail or tail[0].lower() not in ("nad", "pod", "u", "v", "na", "při"):
        return set()
    parts = [_adjective_forms(w, False) if is_adjective(w) else {transliterate(w)} for w in head[:-1]]
    parts.append(_noun_forms(head[-1]))
    return {" ".join(combo) for combo in itertools.product(*parts)}


# Prepositions and context words (canonical spelling) that the recogniser treats like the Czech ones.
PREPOSITIONS = frozenset(
    {"в", "во", "у", "з", "зи", "из", "до", "на", "била", "коло", "около", "возле", "поблизу", "под", "пид",
     "над", "от", "вид", "за", "с", "со", "через", "пизла", "после", "перед", "к", "ко", "для"}
)  # fmt: skip
CONTEXT_NOUNS = frozenset(
    {"мисто", "миста", "мисти", "мистом", "город", "города", "городе", "городом", "село", "села", "сели", "селе",
     "селом", "громада", "громади", "громаду", "обец", "обци", "община", "общини", "мистечко", "мистечку",
     "округ", "округа", "окрузи", "район", "району", "окрес", "окресу"}
)  # fmt: skip
CONTEXT_BEFORE_PREP = frozenset(
    {"живу", "живемо", "живем", "живет", "живе", "мешкайу", "мешкайемо", "проживайу", "працуйу", "працуйемо",
     "работайу", "родом"}
)  # fmt: skip
# Words after which a name is a river, not a municipality (річка Біліна).
RIVER_WORDS = frozenset({"ричка", "рички", "ричци", "река", "реки", "реке", "рекой", "ричкойу"})
