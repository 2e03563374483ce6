"""Personal decisions and disputes: questions the bot must not answer with a quote, however close the words.

"Mám odstupné dát do penzijka, nebo splatit půjčku?" shares words with the documents (odstupné, půjčka),
so the search finds passages and a quote would look like advice. The documents describe programmes; they
never weigh one person's options or judge a dispute. Such a question gets a polite "this I cannot decide
for you" and who can help (bot.i18n "personal_advice"), not an answer.
"""

from __future__ import annotations

import re

from kb.text import fold_lower

# "Should I …" openings: the asker weighs a choice of their own ("mám …", "měl bych …", "vyplatí se mi …").
_SHOULD_I = re.compile(
    r"^(a\s+)?(tak\s+)?("
    r"mam|mame|mela?\s+bych|meli\s+bychom|mel\s+bych|"
    r"vyplati\s+se\s+(mi|nam)|vyplatilo\s+by\s+se\s+(mi|nam)|"
    r"(co\s+)?je\s+(pro\s+(me|mne|nas)\s+)?(lepsi|vyhodnejsi|rozumnejsi)|"
    r"(co\s+)?(bys|byste)\s+(mi\s+)?(doporucil\w*|poradil\w*)|poradte\s+mi|poradis\s+mi"
    r")\b"
)
# "mám nárok / právo / firmu …": having something, not weighing a choice.
_HAVING = re.compile(
    r"^(a\s+)?(tak\s+)?(mam|mame)\s+(narok|pravo|povinnost|moznost|sanci|firm\w*|obec\w*|projekt\w*)\b"
)
_CHOICE = re.compile(r"\b(nebo|anebo|ci)\b")
# "Mám podepsat …?", "Měl bych se soudit?": "should I" straight before an infinitive is a choice too.
_SHOULD_I_DO = re.compile(
    r"^(a\s+)?(tak\s+)?(mam|mame|mela?\s+bych|mel\s+bych|meli\s+bychom)\s+((se|si|to|ho|ji|je|radsi|rovnou)\s+)?"
    r"[^\W\d_]{2,}(at|et|it|yt|ut|ct|ti)\b"
)
# The bot's own topics: a choice between its programmes ("přes MAS, nebo přímo do OPST?") is answered.
_TOPIC = re.compile(
    r"\b(opst|fst|mas|vyzv\w*|dotac\w*|voucher\w*|rekvalifik\w*|preskol\w*|kurz\w*|uradu?\s+prace|pracak\w*|"
    r"podpor\w*\s+v\s+nezamestnan\w*|zadost\w*|zadat|projekt\w*|brownfield\w*|komunitni\s+energ\w*|"
    r"sdileni|spolecenstv\w*|obc\w*|obec|mest\w*|spol\w*|nno|kraj\w*)\b"
)
# A private dispute or family matter: suing, lawyers, divorce, inheritance, debt collection.
_DISPUTE = re.compile(
    r"\b(soudit|soudil\w*|zazalovat|zalovat|zaloba|zalobu|advokat\w*|pravnik\w*|rozvod\w*|rozvest|rozvadim|"
    r"exekuc\w*|exekutor\w*|insolvenc\w*|oddluzeni|osobni\s+bankrot|zavet\w*|dedit|zdedil\w*|sikan\w*)\b"
)


def asks_personal_advice(question: str) -> bool:
    """Does the question ask the bot to weigh the asker's own options or to judge a private dispute?"""
    text = " ".join(re.sub(r"[^\w ]+", " ", fold_lower(question)).split())
    if _DISPUTE.search(text):
        return True
    weighs = (_SHOULD_I.match(text) and _CHOICE.search(text)) or _SHOULD_I_DO.match(text)
    return bool(weighs) and not _HAVING.match(text) and not _TOPIC.search(text)
