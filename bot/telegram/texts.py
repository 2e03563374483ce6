"""Every Czech text the Telegram layer adds around the engine's answers (HTML, already escaped)."""

from __future__ import annotations

COMMANDS: list[tuple[str, str]] = [
    ("start", "Úvod a co o vás ukládám"),
    ("pomoc", "Nápověda a příklady otázek"),
    ("obec", "Nastavit vaši obec, např. /obec Most"),
    ("mas", "Vaše místní akční skupina (MAS) a kontakty"),
    ("overit", "Na které výzvy a dotace můžete dosáhnout"),
    ("zdroje", "Zdroje poslední odpovědi"),
    ("smazat", "Smazat vše, co je o vás uloženo"),
]

START = (
    "Dobrý den, jsem <b>Průvodce transformací</b>. Odpovídám na otázky o spravedlivé transformaci "
    "Ústeckého kraje: Fond pro spravedlivou transformaci a OPST, dotace a výzvy, strategické projekty "
    "a místní akční skupiny (MAS), které vám se žádostí pomohou.\n\n"
    "Napište otázku vlastními slovy, například: <i>Kdo může žádat o dotaci z OPST?</i> "
    "Odpovídám jen z ověřených zdrojů a u každé odpovědi je uvádím i s datem.\n\n"
    "/obec <i>název</i> – zapamatuji si vaši obec a řeknu vám, která MAS vám pomůže\n"
    "/mas – kontakty na vaši MAS\n"
    "/overit – na které výzvy můžete dosáhnout\n"
    "/zdroje – zdroje poslední odpovědi\n"
    "/pomoc – nápověda\n\n"
    "<b>Soukromí:</b> ukládám jen obec, kterou si zvolíte nebo zmíníte v otázce, označení vaší poslední "
    "odpovědi (kvůli /zdroje) a rozpracované /overit. Hodnocení 👍/👎 a otázky, na které jsem nenašel "
    "odpověď, vidí pracovníci MAS bez vašeho jména i čísla účtu, aby mohli znalosti doplnit. Otázky bez "
    "odpovědi a otázky u hodnocení mažu nejpozději po 90 dnech, odeslané odpovědi (kvůli tlačítkům pod "
    "nimi) po 30 dnech. Příkazem /smazat vymažete vše, co je o vás uloženo, i texty vašich otázek."
)

HELP = (
    "<b>Jak se ptát</b>\n"
    "Napište otázku celou větou, třeba:\n"
    "• <i>Co je Fond pro spravedlivou transformaci?</i>\n"
    "• <i>Může obec dostat dotaci na brownfield?</i>\n"
    "• <i>Jaká MAS působí v Litvínově?</i>\n\n"
    "Pod odpovědí najdete tlačítka: 👍/👎 (hodnocení), <b>Zobrazit zdroj</b> (úryvek, ze kterého "
    "odpověď vychází) a <b>Moje MAS</b>.\n\n"
    "<b>Příkazy</b>\n"
    "/obec <i>název</i> – nastavit vaši obec\n"
    "/mas – vaše MAS a kontakty\n"
    "/overit – ověřit, na které výzvy můžete dosáhnout\n"
    "/zdroje – zdroje poslední odpovědi\n"
    "/smazat – smazat vše, co je o vás uloženo\n\n"
    "Ve skupině odpovídám, jen když mě zmíníte (@{username}), odpovíte na mou zprávu nebo použijete příkaz."
)

ASK_OBEC = "Napište prosím název obce za příkaz, například: <code>/obec Litvínov</code>"
OBEC_CURRENT = "Vaši obec mám uloženou jako <b>{obec}</b>. Změníte ji příkazem <code>/obec název</code>."
OBEC_SAVED = "Zapamatoval jsem si obec <b>{obec}</b>{okres}."
OBEC_REMEMBERED_NOTE = "(Zapamatoval jsem si obec {obec}; změníte ji příkazem /obec, smažete příkazem /smazat.)"
OBEC_AMBIGUOUS = "Obcí s tímto názvem je víc. Kterou myslíte?"
MAS_UNKNOWN_OBEC = (
    "Zatím nevím, ze které obce jste. Napište <code>/obec název</code>, například <code>/obec Most</code>, "
    "a řeknu vám, která místní akční skupina vám pomůže."
)
MAS_FALLBACK = "Než si obec nastavíte, můžete se obrátit na {contact}."

NO_LAST_ANSWER = "Zatím jste se na nic nezeptali. Napište otázku a zdroje vám pak ukážu."
LAST_ANSWER_GONE = "Zdroje poslední odpovědi už nemám k dispozici. Zeptejte se prosím znovu."
NO_SOURCES = "Poslední odpověď nevycházela z žádného konkrétního zdroje."
NO_PASSAGE = "K této odpovědi nemám žádný úryvek ze zdrojů."

DELETED = (
    "Hotovo. Smazal jsem vaši obec, vaše hodnocení, texty vašich otázek i rozpracované ověření. "
    "Otázku, na kterou se zeptal i někdo jiný, jsem ponechal jen v jeho znění."
)
DELETE_FAILED = (
    "Smazání se teď nepovedlo, databáze je chvíli nedostupná. Vaši obec už nepoužívám. "
    "Zkuste prosím /smazat znovu za pár minut."
)

ONLY_TEXT = "Rozumím zatím jen textu. Napište mi prosím otázku slovy."
FORWARDED = "Přeposlané zprávy nezpracovávám. Napište mi prosím svou otázku vlastními slovy."
UNKNOWN_COMMAND = "Tento příkaz neznám. Seznam příkazů najdete v /pomoc."
RATE_LIMITED = (
    "Posíláte mi zpráv víc, než stihnu zpracovat. Zkuste to prosím znovu za chvilku (nejvýš {limit} zpráv za minutu)."
)
ERROR = "Omlouvám se, něco se pokazilo. Zkuste to prosím znovu za chvíli."

BUTTON_UP = "👍"
BUTTON_DOWN = "👎"
BUTTON_SOURCE = "Zobrazit zdroj"
BUTTON_MAS = "Moje MAS"
FEEDBACK_THANKS = "Děkuji za hodnocení!"
FEEDBACK_AGAIN = "Hodnocení už mám, děkuji."
OLD_BUTTON = "Toto tlačítko už neplatí (patří ke starší zprávě). Zeptejte se prosím znovu."

ADMIN_RELOADED = "Načetl jsem nový index a datové tabulky."
ADMIN_NOT_CHANGED = "Index ani datové tabulky se od posledního načtení nezměnily."
ADMIN_IN_MEMORY = (
    "⚠️ Databáze teď běží jen v paměti (složka DATA_DIR není zapisovatelná): statistiky a otázky bez "
    "odpovědi se restartem ztratí."
)
ADMIN_NO_GAPS = "Zatím tu nejsou žádné otázky bez odpovědi."

# --- conversation (bot/telegram/conversation.py, answer_buttons.py) ---------------------------------------
BUTTON_DETAILED_CHECK = "Podrobné ověření"
DID_YOU_MEAN = "Myslíte {label}?"
CHECKING = "Ověřuji…"
