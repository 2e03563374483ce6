"""Finding municipalities, okresy and regions named in free text (Czech, and Cyrillic or English).

The index maps every folded (lowercase, no diacritics) case form of every municipality name, and
every canonical Cyrillic spelling (cyrillic.py), to the municipalities it can mean. Recognition
walks the tokens of a message once, trying the longest n-gram that can start at each word, so it
costs a handful of dict look-ups per word. Typos are handled with a single-deletion ("SymSpell")
index verified by OSA edit distance, only where a place name is plausible (capitalised word,
after a preposition, or a message of a few words); a typo too far for that gets suggestions
(`suggest`, "Myslíte …?"), computed only when nothing else was recognised.

Names that are also ordinary words (Most, Hrob, Obora, Raná, Místo, Cyrillic мост, …) need
evidence; the levels and word lists are in words.py. Two patterns are decided here:
"X u Y" ("Lom u Mostu", "Jílové u Děčína") names X, and Y only hints at X's okres; a name followed by
"nad/pod" and words that are not part of it ("Chlumec nad Cidlinou") is a namesake outside the kraj.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from kb.places import OKRESY, Municipality

from .cyrillic import canonical, cyrillic_forms, cyrillic_short_head, has_cyrillic
from .czech import all_forms, declensions, fold, short_head
from .words import (
    AREA_WORDS,
    COMMON_WORD_NAMES,
    CONTEXT_BEFORE_PREP,
    CONTEXT_NOUNS,
    CYRILLIC_COMMON,
    FOREIGN_TAIL,
    FUZZY_PREPOSITIONS,
    IGNORABLE,
    KRAJ_TOWN,
    NO_CYRILLIC,
    NOT_AFTER_NA,
    OKRES_WORDS,
    PHRASE,
    PHRASE_NAMES,
    PREPOSITIONS,
    RIVER_WORDS,
    STRICT,
    STRONG,
    WEAK,
)

MAX_TOKENS = 4000  # longer messages are cut (a question is never that long)
MAX_SUGGESTIONS = 3

# Regional names people use instead of a municipality → okresy (nominative; declined by rule).
REGIONS: dict[str, tuple[str, ...]] = {
    "Mostecko": ("Most",),
    "Litvínovsko": ("Most",),
    "Lounsko": ("Louny",),
    "Žatecko": ("Louny",),
    "Podbořansko": ("Louny",),
    "Postoloprtsko": ("Louny",),
    "Chomutovsko": ("Chomutov",),
    "Kadaňsko": ("Chomutov",),
    "Jirkovsko": ("Chomutov",),
    "Klášterecko": ("Chomutov",),
    "Vejprtsko": ("Chomutov",),
    "Děčínsko": ("Děčín",),
    "Šluknovsko": ("Děčín",),
    "Šluknovský výběžek": ("Děčín",),
    "Varnsdorfsko": ("Děčín",),
    "Rumbursko": ("Děčín",),
    "Českokamenicko": ("Děčín",),
    "České Švýcarsko": ("Děčín",),
    "Benešovsko": ("Děčín",),
    "Litoměřicko": ("Litoměřice",),
    "Roudnicko": ("Litoměřice",),
    "Podřipsko": ("Litoměřice",),
    "Lovosicko": ("Litoměřice",),
    "Úštěcko": ("Litoměřice",),
    "Štětsko": ("Litoměřice",),
    "Teplicko": ("Teplice",),
    "Duchcovsko": ("Teplice",),
    "Bílinsko": ("Teplice",),
    "Krupsko": ("Teplice",),
    "Ústecko": ("Ústí nad Labem",),
    "Chabařovicko": ("Ústí nad Labem",),
}

_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['ʼ’-][^\W\d_]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?\n]")
_LATIN_SPLIT = re.compile(r"[-'ʼ’]")
# "Hora Sv. Kateřiny": the abbreviation people write on signs and in addresses.
_SAINT = {"svata": "sv", "svate": "sv", "svateho": "sv", "svatou": "sv", "svatem": "sv", "svatemu": "sv"}


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    norm: str
    capital: bool
    sentence_start: bool = False  # first word of the text or after . ! ? or a line break


@dataclass
class Hit:
    """One place named in the text."""

    start: int
    end: int  # token span [start, end)
    municipalities: list[int]  # indices into Index.municipalities (several = ambiguous)
    fuzzy: bool = False


@dataclass
class Found:
    hits: list[Hit] = field(default_factory=list)
    # okresy named ("okres Louny", "na Lounsku") or implied by a qualifier ("Lom u Mostu" → Most)
    okresy: list[str] = field(default_factory=list)
    region: str | None = None  # nominative of the first regional name ("Lounsko")
    tokens: list[Token] = field(default_factory=list)


def _norm(part: str) -> str:
    return canonical(part) if has_cyrillic(part) else fold(part)


def tokenize(text: str) -> list[Token]:
    out: list[Token] = []
    last_end = 0
    for m in _TOKEN_RE.finditer(text):
        start = not out or _SENTENCE_END.search(text, last_end, m.start()) is not None
        last_end = m.end()
        word = m.group(0)
        # an apostrophe belongs to a Ukrainian word (Кам'яниця) but separates Latin ones (Most's, I'm)
        parts = word.split("-") if has_cyrillic(word) else _LATIN_SPLIT.split(word)
        for k, part in enumerate(parts):
            if part:
                out.append(Token(part, _norm(part), part[0].isupper(), start and k == 0))
        if len(out) >= MAX_TOKENS:
            break
    return out


def form_key(form: str) -> str:
    return " ".join(t.norm for t in tokenize(form))


def name_level(name: str) -> int:
    folded = fold(name)
    if folded in PHRASE_NAMES:
        return PHRASE
    return WEAK if folded in COMMON_WORD_NAMES else STRONG


class Index:
    """Precomputed forms of all municipality names (Czech and Cyrillic), regions and okresy."""

    def __init__(self, municipalities: tuple[Municipality, ...]) -> None:
        self.municipalities = municipalities
        # key → {muni index: (rank, level)}; rank 0 = base name, 1 = inflected, 2 = short head
        entries: dict[str, dict[int, tuple[int, int]]] = defaultdict(dict)
        for i, muni in enumerate(municipalities):
            level = name_level(muni.name)
            self._add(entries, form_key(muni.name), i, 0, level)
            for form in all_forms(muni.name):
                self._add(entries, form_key(form), i, 1, level)
            head = short_head(muni.name) or _hyphen_head(muni.name)
            head_level = max(level, name_level(head)) if head else level
            if head:
                for form in all_forms(head):
                    self._add(entries, form_key(form), i, 2, head_level)
                    for abbr in _abbreviations(muni.name, form):
                        self._add(entries, abbr, i, 1, level)
            if muni.name not in NO_CYRILLIC:
                common = level != STRONG or muni.name in CYRILLIC_COMMON
                for form in cyrillic_forms(muni.name):  # already canonical keys
                    self._add(entries, form, i, 1, STRICT if common else STRONG)
                for form in cyrillic_short_head(muni.name):
                    self._add(entries, form, i, 2, STRICT if common or head_level else STRONG)
        for key in [k for k in entries if any(w in _SAINT for w in k.split())]:
            short = " ".join(_SAINT.get(w, w) for w in key.split())
            for i, (rank, level) in entries[key].items():
                self._add(entries, short, i, rank, level)
        self.entries: dict[str, tuple[tuple[int, ...], int]] = {}
        for key, by_muni in entries.items():
            best = min(rank for rank, _ in by_muni.values())
            chosen = tuple(sorted(i for i, (rank, _) in by_muni.items() if rank == best))
            self.entries[key] = (chosen, max(by_muni[i][1] for i in chosen))
        # first token of a key → the most tokens a key starting with it has (most words start none)
        self._starts: dict[str, int] = {}
        for key in self.entries:
            words = key.split(" ")
            self._starts[words[0]] = max(self._starts.get(words[0], 0), len(words))
        self.regions: dict[str, str] = {}
        for name in REGIONS:
            for form in all_forms(name):
                self.regions[form_key(form)] = name
        self._region_starts = frozenset(key.split(" ")[0] for key in self.regions)
        self.okres_forms: dict[str, str] = {}
        for okres in OKRESY:
            self.okres_forms[form_key(okres)] = okres
            for form in all_forms(okres):
                self.okres_forms.setdefault(form_key(form), okres)
        self._deletes: dict[str, set[str]] | None = None
        self._by_shape: dict[tuple[str, int], list[str]] | None = None
        self._folded_names = {i: fold(m.name) for i, m in enumerate(municipalities)}
        self._not_after_na = frozenset(i for i, m in enumerate(municipalities) if fold(m.name) in NOT_AFTER_NA)

    @staticmethod
    def _add(entries: dict[str, dict[int, tuple[int, int]]], key: str, i: int, rank: int, level: int) -> None:
        if not key:
            return
        old = entries[key].get(i)
        if old is None or rank < old[0] or (rank == old[0] and level < old[1]):
            entries[key][i] = (rank, level)

    # ------------------------------------------------------------ fuzzy support

    def _delete_index(self) -> dict[str, set[str]]:
        if self._deletes is None:
            deletes: dict[str, set[str]] = defaultdict(set)
            for key, (_, level) in self.entries.items():
                if level >= WEAK or len(key) < 5:
                    continue
                deletes[key].add(key)
                for d in _deletions(key):
                    deletes[d].add(key)
            self._deletes = dict(deletes)
        return self._deletes

    def fuzzy_lookup(self, query: str) -> tuple[int, list[str]]:
        """(distance, keys) of the closest known forms within the allowed edit distance."""
        if len(query) < 5:
            return 99, []
        deletes = self._delete_index()
        candidates: set[str] = set()
        for d in (query, *_deletions(query)):
            candidates |= deletes.get(d, set())
        limit = 1 if len(query) < 9 else 2
        best, keys = 99, []
        for key in candidates:
            if key[0] != query[0]:  # typos in the first letter are rare; guessing there misfires
                continue
            dist = OSA.distance(query, key, score_cutoff=limit)
            if dist <= limit:
                if dist < best:
                    best, keys = dist, [key]
                elif dist == best:
                    keys.append(key)
        return best, keys

    # ------------------------------------------------------------ recognition

    def find(self, text: str, *, whole_name: bool = False, fuzzy: bool = True) -> Found:
        tokens = tokenize(text)
        found = Found(tokens=tokens)
        norms = [t.norm for t in tokens]
        n_tokens = len(tokens)
        used = [False] * n_tokens
        # explicit okres ("okres Louny", "okresu Děčín")
        for i in range(n_tokens):
            if norms[i] in OKRES_WORDS and not used[i]:
                for n in range(min(3, n_tokens - i - 1), 0, -1):
                    okres = self.okres_forms.get(" ".join(norms[i + 1 : i + 1 + n]))
                    if okres:
                        found.okresy.append(okres)
                        for j in range(i, i + 1 + n):
                            used[j] = True
                        break
        # municipalities, exact forms, longest first
        deferred: list[Hit] = []  # weak names without evidence (yet)
        i = 0
        while i < n_tokens:
            if used[i] or (i > 0 and norms[i - 1] in RIVER_WORDS):
                i += 1
                continue
            longest = self._starts.get(norms[i], 0)
            matched = False
            for n in range(min(longest, n_tokens - i), 0, -1):
                if any(used[i : i + n]):
                    continue
                entry = self.entries.get(" ".join(norms[i : i + n]))
                if entry is None:
                    continue
                if i + n + 1 < n_tokens and norms[i + n] in FOREIGN_TAIL:
                    continue  # "Chlumec nad Cidlinou": a namesake outside the kraj
                munis, level = entry
                capital = tokens[i].capital and not tokens[i].sentence_start
                if i + n < n_tokens and norms[i + n] in AREA_WORDS and (level == STRONG or capital):
                    # "the Most region" is the okres; "the Ústí nad Labem Region" is the whole kraj
                    okres = self._okres_town(munis)
                    if okres and okres != KRAJ_TOWN:
                        found.okresy.append(okres)
                    for j in range(i, i + n + 1):
                        used[j] = True
                    i += n
                    matched = True
                    break
                if level != STRONG and not (whole_name or self._weak_ok(tokens, i, i + n, used, munis, level)):
                    deferred.append(Hit(i, i + n, list(munis)))
                    continue
                found.hits.append(Hit(i, i + n, list(munis)))
                for j in range(i, i + n):
                    used[j] = True
                i += n
                matched = True
                break
            if not matched:
                i += 1
        # regional names ("na Lounsku", "Šluknovský výběžek") on the tokens left
        for i in range(n_tokens):
            if norms[i] not in self._region_starts:
                continue
            for n in (2, 1):
                if i + n > n_tokens or any(used[i : i + n]):
                    continue
                region = self.regions.get(" ".join(norms[i : i + n]))
                if region and i + n < n_tokens and norms[i + n].startswith("kraj"):
                    # "v Ústeckém kraji" is the whole kraj, not Ústecko (instrumental "Ústeckem"), nor Úštěk
                    for j in range(i, i + n + 1):
                        used[j] = True
                    break
                if region:
                    found.okresy.extend(REGIONS[region])
                    found.region = found.region or region
                    for j in range(i, i + n):
                        used[j] = True
                    break
        self._accept_deferred(tokens, used, deferred, found)
        found.hits.sort(key=lambda h: h.start)
        self._drop_qualifiers(norms, found)
        if not found.hits and fuzzy:
            self._fuzzy(tokens, used, found, whole_name)
        return found

    def _okres_town(self, munis: tuple[int, ...]) -> str | None:
        names = {self.municipalities[i].name for i in munis}
        name = names.pop() if len(names) == 1 else None
        return name if name in OKRESY else None

    def _weak_ok(
        self, tokens: list[Token], start: int, end: int, used: list[bool], munis: tuple[int, ...], level: int
    ) -> bool:
        prev = tokens[start - 1].norm if start > 0 else None
        if prev == "na" and all(m in self._not_after_na for m in munis):
            return False
        if prev in CONTEXT_NOUNS:
            return True
        if level == PHRASE and prev in PREPOSITIONS:
            return True
        if end - start > 1 and all(t.capital for t in tokens[start + 1 : end]):
            return True  # "Krásné Lípě", "Nová Ves": a capital inside a phrase marks a name
        if prev in PREPOSITIONS:
            if tokens[start].capital:
                return True
            before = tokens[start - 2].norm if start > 1 else None
            if level < STRICT and before in CONTEXT_BEFORE_PREP:
                return True
        rest = [t.norm for j, t in enumerate(tokens) if not (start <= j < end) and not used[j]]
        # the whole message is just the name ("/obec most", "Most", "obec Raná")
        return all(r in IGNORABLE for r in rest)

    def _accept_deferred(self, tokens: list[Token], used: list[bool], deferred: list[Hit], found: Found) -> None:
        """Weak names that still count: "Lom u Mostu", or beside other places in a message of only names."""
        norms = [t.norm for t in tokens]
        n_tokens = len(tokens)
        in_deferred = [False] * n_tokens
        for hit in deferred:
            for j in range(hit.start, hit.end):
                in_deferred[j] = True
        for hit in deferred:
            if any(used[hit.start : hit.end]):
                continue
            end = hit.end
            # "Lom u Mostu", "lipno u loun": a weak name qualified by a place after "u"
            before_u = end + 1 < n_tokens and norms[end] == "u" and (used[end + 1] or in_deferred[end + 1])
            rest = [j for j in range(n_tokens) if not (hit.start <= j < end or used[j] or in_deferred[j])]
            only_names = (
                n_tokens <= 8
                and (any(used) or before_u)
                and all(
                    norms[j] in IGNORABLE
                    or (norms[j] in PREPOSITIONS and j + 1 < n_tokens and (used[j + 1] or in_deferred[j + 1]))
                    for j in rest
                )
            )
            if (before_u and used[end + 1] and tokens[hit.start].capital) or only_names:
                found.hits.append(hit)
                for j in range(hit.start, end):
                    used[j] = True

    def _drop_qualifiers(self, norms: list[str], found: Found) -> None:
        """ "Lom u Mostu", "Jílové u Děčína": the place after "u" only says where X is (its okres hints)."""
        kept: list[Hit] = []
        for hit in found.hits:
            prev = kept[-1] if kept else None
            if prev is not None and not prev.fuzzy and hit.start == prev.end + 1 and norms[prev.end] == "u":
                okresy = {self.municipalities[i].okres for i in hit.municipalities}
                if len(okresy) == 1:
                    found.okresy.append(okresy.pop())
                continue
            kept.append(hit)
        found.hits = kept

    def _plausible(self, tokens: list[Token], i: int) -> bool:
        """Could token i start a (misspelt) place name? Capitalised mid-sentence, or after a preposition."""
        prev = tokens[i - 1].norm if i > 0 else None
        if prev in RIVER_WORDS:
            return False
        plain = tokens[i].text.isascii()
        return (tokens[i].capital and not tokens[i].sentence_start) or (
            plain and (prev in FUZZY_PREPOSITIONS or prev in CONTEXT_NOUNS)
        )

    def _fuzzy(self, tokens: list[Token], used: list[bool], found: Found, whole_name: bool) -> None:
        n_tokens = len(tokens)
        short_message = n_tokens <= 3 or whole_name
        plain = all(t.text.isascii() for t in tokens)  # typed without diacritics
        best: tuple[int, int, int, list[int]] | None = None  # (distance, start, end, munis)
        for i in range(n_tokens):
            if used[i]:
                continue
            prev = tokens[i - 1].norm if i > 0 else None
            if prev in RIVER_WORDS:
                continue
            strong = (tokens[i].capital and not tokens[i].sentence_start) or (
                plain and (prev in FUZZY_PREPOSITIONS or prev in CONTEXT_NOUNS)
            )
            if not (strong or short_message):
                continue
            for n in range(1, min(3, n_tokens - i) + 1):
                if any(used[i : i + n]):
                    break
                if not strong:
                    # a short message must be just the name (plus words like "obec")
                    rest = [t.norm for j, t in enumerate(tokens) if not i <= j < i + n]
                    if not all(r in IGNORABLE for r in rest):
                        continue
                query = " ".join(t.norm for t in tokens[i : i + n])
                dist, keys = self.fuzzy_lookup(query)
                if not keys:
                    continue
                munis = sorted({m for k in keys for m in self.entries[k][0]})
                if best is None or dist < best[0] or (dist == best[0] and n > best[2] - best[1]):
                    best = (dist, i, i + n, munis)
        if best is not None:
            found.hits.append(Hit(best[1], best[2], best[3], fuzzy=True))

    # ------------------------------------------------------------ suggestions

    def _shape_index(self) -> dict[tuple[str, int], list[str]]:
        """Known forms by (initial letter, length): a typo keeps both within a letter or two."""
        if self._by_shape is None:
            by_shape: dict[tuple[str, int], list[str]] = defaultdict(list)
            for key in self.entries:
                by_shape[(key[0], len(key))].append(key)
            self._by_shape = dict(by_shape)
        return self._by_shape

    def suggest(self, text: str, limit: int = MAX_SUGGESTIONS) -> list[int]:
        """Municipalities whose name looks like a word of the text ("Libouchov" → Libouchec).

        Used only when nothing was recognised: compares the words where a place name is plausible
        (capitalised, after a preposition, or the whole of a short message) with every known form of
        the same initial letter and similar length, and keeps the closest ones (fewest edits per
        letter): one edit allowed in words of up to five letters, two up to nine, three in longer ones.
        """
        tokens = tokenize(text)[:200]
        if not tokens:
            return []
        short_message = len(tokens) <= 3
        by_shape = self._shape_index()
        best: dict[int, float] = {}  # municipality → smallest edits per letter of one of its forms
        for i in range(len(tokens)):
            if not (short_message or self._plausible(tokens, i)):
                continue
            for n in range(1, min(3, len(tokens) - i) + 1):
                query = " ".join(t.norm for t in tokens[i : i + n])
                if len(query) < 4 or not query[0].isalpha():
                    continue
                allowed = 1 if len(query) <= 5 else (2 if len(query) < 10 else 3)
                choices = [
                    key
                    for length in range(len(query) - allowed, len(query) + allowed + 1)
                    for key in by_shape.get((query[0], length), ())
                ]
                for key, dist, _ in process.extract(
                    query, choices, scorer=OSA.distance, score_cutoff=allowed, limit=10
                ):
                    score = dist / len(query)  # two slips in "krasna lypka" beat two in "krasna"
                    for m in self.entries[key][0]:
                        best[m] = min(score, best.get(m, score))
        whole = fold(text).strip()
        if not best and short_message and len(whole) >= 6:  # typos spread over a multi-word name
            result = process.extract(whole, self._folded_names, scorer=fuzz.ratio, limit=limit, score_cutoff=80)
            return [key for _, _, key in result]
        closest = min(best.values(), default=0.0)
        near = (m for m, score in best.items() if score <= closest + 0.05)
        return sorted(near, key=lambda m: (best[m], self._folded_names[m]))[:limit]


def _hyphen_head(name: str) -> str | None:
    """'Straškov-Vodochody' → 'Straškov', 'Mšené-lázně' → 'Mšené' (people name the first part)."""
    if "-" in name and " " not in name:
        return name.split("-", 1)[0]
    return None


def _deletions(word: str) -> set[str]:
    return {word[:k] + word[k + 1 :] for k in range(len(word))}


def _abbreviations(name: str, head_form: str) -> list[str]:
    """'Ústí nad Labem' → 'usti n l' (people write 'Ústí n. L.', 'Roudnice n.L.')."""
    words = name.split()
    for k, w in enumerate(words):
        if w.lower() in ("nad", "pod") and k + 1 < len(words):
            tail = f"{w[0]} {words[k + 1][0]}"
            return [form_key(f"{head_form} {tail}")]
    return []


__all__ = ["REGIONS", "Found", "Hit", "Index", "Token", "declensions", "tokenize"]
