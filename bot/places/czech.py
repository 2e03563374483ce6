"""Czech text helpers for place names: folding (case + diacritics) and declension by rule.

`declensions(name)` generates the case forms of a municipality name from Czech declension
patterns (no hand-written lists of forms): it deliberately over-generates (e.g. both the
singular and the plural reading of names in -ice), because a form nobody writes costs nothing,
while a missing form means a missed municipality. Forms are returned with diacritics; the
matcher folds them with `fold()`.

Patterns covered (examples from Ústecký kraj):
- feminine -a: Bílina → Bíliny, Bílině, Bílinu, Bílinou (k→c, h→z, ch→š, r→ř before -e/-ě)
- neuter -o: Blatno → Blatna, Blatnu, Blatně, Blatnem; Hřensko → v Hřensku
- soft -e/-ě: Rokle → Rokli, Roklí; Rtyně → Rtyni
- neuter -í: Dubí, Ústí (invariant; instrumental -ím)
- adjectival nouns: Raná → Rané, Ranou; Jílové → Jílového, Jílovém; Klapý → Klapém
- plural -ice: Teplice → Teplic, Teplicím, Teplicích, Teplicemi (plus the singular reading,
  Roudnice → v Roudnici)
- plural -y/-i: Louny → Loun, Lounům, Lounech; Nové Dvory → Nových Dvorů
- masculine hard: Chomutov → Chomutova, Chomutovu, Chomutově, Chomutovem; Most → Mostu, Mostě
- fleeting -e-: Libouchec → Libouchce, Libouchci, Libouchcem; Vroutek → Vroutku
- soft consonant: Kadaň → Kadaně, Kadani, Kadaní; Peruc → Peruci
- "Ves" and names in -ves (Nová Ves → v Nové Vsi; Martiněves → v Martiněvsi)
- inserted vowel in the genitive plural: Kozly → z Kozel, Dolní Zálezly → z Dolních Zálezel,
  Brzánky → z Brzánek
- a small table of irregular nouns (Kámen → z Kamene, v Kameni)
- adjective + noun agree in case: Horní Jiřetín → v Horním Jiřetíně, z Horního Jiřetína
- invariant tails: "nad Labem", "pod Řípem", "u Loun", "v Horách", genitive attributes
  ("Hora Svaté Kateřiny" → v Hoře Svaté Kateřiny)
- hyphenated names decline both parts: Straškov-Vodochody → ve Straškově-Vodochodech
"""

from __future__ import annotations

import itertools

from kb.text import fold_lower

CASES = ("nom", "gen", "dat", "acc", "loc", "ins")
VOWELS = frozenset("aáeéěiíoóuúůyý")

# Head nouns whose forms no rule here produces (folded-lowercase key → extra forms by case).
# Kámen declines like the noun "kámen": z Kamene, v Kameni (with a short a).
IRREGULAR: dict[str, dict[str, tuple[str, ...]]] = {
    "kámen": {
        "gen": ("Kamene", "Kámenu", "Kamenu"),
        "dat": ("Kameni", "Kamenu"),
        "loc": ("Kameni", "Kámeni", "Kamenu"),
        "ins": ("Kamenem", "Kámenem"),
    },
}
TAIL_PREPOSITIONS = frozenset({"nad", "pod", "u", "v", "na", "při"})

fold = fold_lower  # lowercase, no diacritics: the form every name form is indexed under


Forms = dict[str, set[str]]


def _empty() -> Forms:
    return {case: set() for case in CASES}


def _soften_e(stem: str) -> str:
    """Stem + the vowel 'ě/e' as Czech spells it in dative/locative (Krupka → Krupce)."""
    if stem.endswith("ch"):
        return stem[:-2] + "še"
    last = stem[-1]
    if last == "k":
        return stem[:-1] + "ce"
    if last in "hg":
        return stem[:-1] + "ze"
    if last == "r":
        return stem[:-1] + "ře"
    if last in "dtnbpvmf":
        return stem + "ě"
    return stem + "e"


def _soft_e(stem: str) -> str:
    """Genitive 'e' after soft consonants (ň+e → ně, ť+e → tě): Kadaň → Kadaně."""
    if stem[-1] in "ňťď":
        return stem[:-1] + {"ň": "n", "ť": "t", "ď": "d"}[stem[-1]] + "ě"
    return stem + "e"


def _unsoft(stem: str) -> str:
    """ň/ť/ď are written n/t/d before i/í (Kadaň → Kadani)."""
    if stem and stem[-1] in "ňťď":
        return stem[:-1] + {"ň": "n", "ť": "t", "ď": "d"}[stem[-1]]
    return stem


def _adjective(word: str, plural: bool) -> Forms:
    """Case forms of an adjective (attribute or adjectival noun)."""
    f = _empty()
    f["nom"].add(word)
    low = word[-1]
    if word.endswith("ovy"):  # possessive plural: Kryštofovy Hamry
        stem = word[:-1]
        f["acc"].add(word)
        f["gen"] |= {stem + "ých"}
        f["dat"] |= {stem + "ým"}
        f["loc"] |= {stem + "ých"}
        f["ins"] |= {stem + "ými"}
        return f
    stem = word[:-1]
    if low == "í":  # soft: Horní, Dolní
        f["acc"].add(word)
        if plural:
            f["gen"] |= {stem + "ích"}
            f["dat"] |= {stem + "ím"}
            f["loc"] |= {stem + "ích"}
            f["ins"] |= {stem + "ími"}
        else:
            f["gen"] |= {stem + "ího", word}
            f["dat"] |= {stem + "ímu", word}
            f["loc"] |= {stem + "ím", word}
            f["ins"] |= {stem + "ím", word}
        return f
    if low in "ýáé":  # hard: Velký, Malá, Nové
        if plural:
            f["acc"].add(word)
            f["gen"] |= {stem + "ých"}
            f["dat"] |= {stem + "ým"}
            f["loc"] |= {stem + "ých"}
            f["ins"] |= {stem + "ými"}
        else:
            f["acc"] |= {word, stem + "ou", stem + "ého"}
            f["gen"] |= {stem + "ého", stem + "é"}
            f["dat"] |= {stem + "ému", stem + "é"}
            f["loc"] |= {stem + "ém", stem + "é"}
            f["ins"] |= {stem + "ým", stem + "ou"}
        return f
    for case in CASES:
        f[case].add(word)
    return f


def is_adjective(word: str) -> bool:
    return len(word) > 2 and (word[-1] in "ýáéí" or word.endswith("ovy")) and word[0].isupper()


def is_plural_noun(word: str) -> bool:
    w = word.lower()
    return w[-1] in "yi" and len(w) > 3


def _noun(word: str) -> Forms:
    """Case forms of the head noun of a name, by its ending."""
    f = _empty()
    f["nom"].add(word)
    f["acc"].add(word)
    w = word.lower()
    last = w[-1]
    if w in IRREGULAR:
        for case, forms in IRREGULAR[w].items():
            f[case] |= set(forms)
        return f
    if w.endswith("ves"):  # Ves → Vsi, Martiněves → Martiněvsi (the e drops out)
        stem = word[:-2] + "s"
        f["gen"] |= {stem + "i"}
        f["dat"] |= {stem + "i"}
        f["loc"] |= {stem + "i"}
        f["ins"] |= {stem + "í"}
        return f
    if w.endswith("ice") or w.endswith("ce"):
        stem = word[:-1]  # Teplic
        f["gen"] |= {stem, word}
        f["dat"] |= {stem + "ím", stem + "i"}
        f["loc"] |= {stem + "ích", stem + "i"}
        f["acc"] |= {stem + "i"}
        f["ins"] |= {stem + "emi", stem + "í"}
        return f
    if last in "eě":  # Rokle, Rtyně, Homole, lázně (soft fem, singular and plural)
        stem = word[:-1]
        f["gen"] |= {word, stem + "í"}
        f["dat"] |= {stem + "i", stem + "ím"}
        f["loc"] |= {stem + "i", stem + "ích"}
        f["ins"] |= {stem + "í", stem + "emi", stem + "ěmi"}
        return f
    if last == "í":  # Dubí, Ústí
        for case in ("gen", "dat", "loc"):
            f[case].add(word)
        f["ins"] |= {word + "m"}
        return f
    if last in "áéý":
        return _adjective(word, plural=False)
    if last == "a":
        stem = word[:-1]
        f["gen"] |= {stem + "y"}
        f["dat"] |= {_soften_e(stem)}
        f["loc"] |= {_soften_e(stem)}
        f["acc"] |= {stem + "u"}
        f["ins"] |= {stem + "ou"}
        if stem[-1] in "cčřšžjďťň":  # soft stems: -e, -i
            f["gen"].add(stem + "e")
            f["dat"].add(stem + "i")
            f["loc"].add(stem + "i")
        return f
    if last == "o":
        stem = word[:-1]
        f["gen"] |= {stem + "a"}
        f["dat"] |= {stem + "u"}
        f["loc"] |= {stem + "u", _soften_e(stem)}
        f["ins"] |= {stem + "em"}
        return f
    if last in "yi" and len(w) > 3:  # plural: Louny, Podbořany, Vejprty, Hamry
        stem = word[:-1]
        f["gen"] |= {stem, stem + "ů"}
        if len(stem) > 2 and stem[-1] not in VOWELS and stem[-2] not in VOWELS and not stem.endswith("ch"):
            # a vowel is inserted into a final cluster: Kozly → z Kozel, Brzánky → z Brzánek, Pětipsy → z Pětipes
            f["gen"].add(stem[:-1] + "e" + stem[-1])
        f["dat"] |= {stem + "ům", stem + "ám"}
        f["loc"] |= {stem + "ech", stem + "ách", stem + "ích"}
        f["ins"] |= {stem + "y", stem + "ami"}
        if stem.endswith("k"):
            f["loc"].add(stem[:-1] + "cích")
        return f
    stems = [word]
    if w.endswith(("ec", "ek", "eč")) and len(w) > 3:  # fleeting e: Libouchec → Libouchc-
        stems.append(word[:-2] + word[-1])
    if "ů" in w[-3:]:  # Dvůr → Dvora
        stems.append(word[:-3] + word[-3:].replace("ů", "o"))
    for stem in stems:
        s = stem[-1].lower()
        if s in "cčřšžjňťď":
            soft = _unsoft(stem)
            f["gen"] |= {_soft_e(stem)}
            f["dat"] |= {soft + "i", stem + "u"}
            f["loc"] |= {soft + "i", stem + "u"}
            f["ins"] |= {_soft_e(stem) + "m", soft + "í"}
        else:
            f["gen"] |= {stem + "a", stem + "u"}
            f["dat"] |= {stem + "u"}
            f["loc"] |= {stem + "u"}
            if s not in "kgh" and not stem.endswith("ch"):
                f["loc"].add(_soften_e(stem))
            f["ins"] |= {stem + "em"}
    return f


def _merge(a: Forms, b: Forms) -> Forms:
    return {case: a[case] | b[case] for case in CASES}


def _head_forms(words: list[str]) -> Forms:
    """Adjectives + head noun, agreeing in case."""
    noun = words[-1]
    low = noun.lower()
    parts: list[Forms] = []
    for word in words[:-1]:
        if low.endswith("ce"):  # Teplice (plural) or Kamenice (singular): both readings
            parts.append(_merge(_adjective(word, plural=True), _adjective(word, plural=False)))
        else:
            parts.append(_adjective(word, plural=is_plural_noun(noun)))
    parts.append(_noun(noun))
    out = _empty()
    for case in CASES:
        for combo in itertools.product(*(sorted(p[case]) for p in parts)):
            out[case].add(" ".join(combo))
    return out


def split_name(name: str) -> tuple[list[str], list[str]]:
    """(declinable head words, invariant tail words) of a municipality name."""
    words = name.split()
    head: list[str] = []
    for i, word in enumerate(words):
        if word.lower() in TAIL_PREPOSITIONS and i > 0:
            return head, words[i:]
        head.append(word)
        if not is_adjective(word) or "-" in word:
            return head, words[i + 1 :]
    return head, []


def _part_forms(name: str) -> Forms:
    head, tail = split_name(name)
    forms = _head_forms(head)
    if tail:
        suffix = " " + " ".join(tail)
        forms = {case: {f + suffix for f in fs} for case, fs in forms.items()}
    return forms


def declensions(name: str) -> Forms:
    """All case forms of a municipality name, with diacritics, by case."""
    if "-" in name and " " not in name:
        left, right = name.split("-", 1)
        lf, rf = _part_forms(left), _part_forms(right)
        return {case: {f"{a}-{b}" for a in lf[case] for b in rf[case]} for case in CASES}
    return _part_forms(name)


def short_head(name: str) -> str | None:
    """'Ústí nad Labem' → 'Ústí' (people drop 'nad Labem'); None when the name has no such tail."""
    head, tail = split_name(name)
    if tail and tail[0].lower() in TAIL_PREPOSITIONS:
        return " ".join(head)
    return None


def all_forms(name: str) -> set[str]:
    return set().union(*declensions(name).values())
