"""The Telegram interface in Czech, Ukrainian and English: every text a user reads around the answers.

Texts are HTML (already escaped); values filled in by the handlers are escaped by them. Czech is the
default and stands in for a text missing in another language. The facts themselves (answers, call
names, MAS names, contacts) come from the Czech documents and are never translated here.

A user's language lives in ``user_data[LANG]``: chosen with /jazyk, or remembered from a message whose
text clearly shows its language; until then Telegram's ``language_code`` decides (uk and en get their
language, everyone else Czech). Staff-only texts (texts.py, admin.py) stay Czech.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from bot.i18n import DEFAULT, LANGUAGES, Lang, as_lang
from bot.language import detect, hint_language

LANG = "lang"  # user_data key: the interface language ("cs", "uk", "en")
LANG_CHOSEN = "lang_chosen"  # user_data key: True when set with /jazyk (a message then does not change it)
DETECT_CHARS = 500  # the start of a message tells its language
NAMES: dict[Lang, str] = {"cs": "Čeština", "uk": "Українська", "en": "English"}

COMMANDS: dict[Lang, list[tuple[str, str]]] = {
    "cs": [
        ("start", "Úvod a co o vás ukládám"),
        ("pomoc", "Nápověda a příklady otázek"),
        ("obec", "Nastavit vaši obec, např. /obec Most"),
        ("mas", "Vaše místní akční skupina (MAS) a kontakty"),
        ("overit", "Na které výzvy a dotace můžete dosáhnout"),
        ("zdroje", "Zdroje poslední odpovědi"),
        ("jazyk", "Jazyk: čeština, українська, English"),
        ("smazat", "Smazat vše, co je o vás uloženo"),
    ],
    "uk": [
        ("start", "Початок і що я про вас зберігаю"),
        ("pomoc", "Довідка та приклади запитань"),
        ("obec", "Вказати ваш населений пункт, напр. /obec Most"),
        ("mas", "Ваша місцева група дій (MAS) та контакти"),
        ("overit", "На які програми й дотації ви можете претендувати"),
        ("zdroje", "Джерела останньої відповіді"),
        ("jazyk", "Мова: čeština, українська, English"),
        ("smazat", "Видалити все, що про вас збережено"),
    ],
    "en": [
        ("start", "Introduction and what I store about you"),
        ("pomoc", "Help and example questions"),
        ("obec", "Set your municipality, e.g. /obec Most"),
        ("mas", "Your local action group (MAS) and its contacts"),
        ("overit", "Which calls and grants you could apply for"),
        ("zdroje", "Sources of the last answer"),
        ("jazyk", "Language: čeština, українська, English"),
        ("smazat", "Delete everything stored about you"),
    ],
}

_TEXTS: dict[str, dict[Lang, str]] = {
    "start": {
        "cs": "Dobrý den, jsem <b>Průvodce transformací</b>. Odpovídám na otázky o spravedlivé transformaci "
        "Ústeckého kraje: Fond pro spravedlivou transformaci a OPST, dotace a výzvy, strategické projekty "
        "a místní akční skupiny (MAS), které vám se žádostí pomohou.\n\n"
        "Napište otázku vlastními slovy, například: <i>Kdo může žádat o dotaci z OPST?</i> "
        "Odpovídám jen z ověřených zdrojů a u každé odpovědi je uvádím i s datem.\n\n"
        "/obec <i>název</i> – zapamatuji si vaši obec a řeknu vám, která MAS vám pomůže\n"
        "/mas – kontakty na vaši MAS\n"
        "/overit – na které výzvy můžete dosáhnout\n"
        "/zdroje – zdroje poslední odpovědi\n"
        "/jazyk – čeština, українська, English\n"
        "/pomoc – nápověda\n\n"
        "<b>Soukromí:</b> ukládám jen obec, kterou si zvolíte nebo zmíníte v otázce, jazyk, ve kterém si "
        "píšeme, označení vaší poslední odpovědi (kvůli /zdroje) a rozpracované /overit. Hodnocení 👍/👎 a "
        "otázky, na které jsem nenašel odpověď, vidí pracovníci MAS bez vašeho jména i čísla účtu, aby mohli "
        "znalosti doplnit. Otázky bez odpovědi a otázky u hodnocení mažu nejpozději po 90 dnech, odeslané "
        "odpovědi (kvůli tlačítkům pod nimi) po 30 dnech. Příkazem /smazat vymažete vše, co je o vás "
        "uloženo, i texty vašich otázek.",
        "uk": "Добрий день! Я <b>Průvodce transformací</b> – помічник, який відповідає на запитання про "
        "справедливу трансформацію Устецького краю: Фонд справедливої трансформації та програму OPST, "
        "дотації й конкурси (výzvy), стратегічні проєкти та місцеві групи дій (MAS), які допоможуть вам "
        "із заявкою.\n\n"
        "Напишіть запитання своїми словами, наприклад: <i>Хто може подати заявку на дотацію з OPST?</i> "
        "Я відповідаю лише з перевірених джерел і до кожної відповіді додаю їх разом із датою. Мої "
        "матеріали чеською мовою, тому цитати з них будуть чеською.\n\n"
        "/obec <i>назва</i> – запам’ятаю ваш населений пункт і скажу, яка MAS вам допоможе\n"
        "/mas – контакти вашої MAS\n"
        "/overit – на які конкурси ви можете претендувати\n"
        "/zdroje – джерела останньої відповіді\n"
        "/jazyk – čeština, українська, English\n"
        "/pomoc – довідка\n\n"
        "<b>Приватність:</b> я зберігаю лише населений пункт, який ви вкажете або згадаєте в запитанні, "
        "мову нашого спілкування, позначку вашої останньої відповіді (для /zdroje) і незавершену перевірку "
        "/overit. Оцінки 👍/👎 та запитання, на які я не знайшов відповіді, бачать працівники MAS – без "
        "вашого імені й номера акаунта, щоб доповнити знання. Запитання без відповіді та запитання з "
        "оцінками я видаляю щонайпізніше через 90 днів, надіслані відповіді (через кнопки під ними) – через "
        "30 днів. Командою /smazat ви видалите все, що про вас збережено, зокрема тексти ваших запитань.",
        "en": "Hello, I am <b>Průvodce transformací</b>, a guide to the just transition of the Ústí Region "
        "(Ústecký kraj). I answer questions about the Just Transition Fund and the OPST programme, grants "
        "and calls for proposals, strategic projects, and the local action groups (MAS) that can help you "
        "apply.\n\n"
        "Ask in your own words, for example: <i>Who can apply for an OPST grant?</i> I answer only from "
        "verified sources and list them, with their dates, under every answer. My documents are in Czech, "
        "so quotes from them are in Czech.\n\n"
        "/obec <i>name</i> – I remember your municipality and tell you which MAS can help you\n"
        "/mas – contacts of your MAS\n"
        "/overit – which calls you could apply for\n"
        "/zdroje – sources of the last answer\n"
        "/jazyk – čeština, українська, English\n"
        "/pomoc – help\n\n"
        "<b>Privacy:</b> I store only the municipality you choose or mention in a question, the language we "
        "use, a reference to your last answer (for /zdroje) and an unfinished /overit check. MAS staff see "
        "👍/👎 ratings and questions I could not answer, without your name or account number, so that they "
        "can fill the gaps. Unanswered and rated questions are deleted after 90 days at the latest, sent "
        "answers (for the buttons under them) after 30 days. /smazat deletes everything stored about you, "
        "including the texts of your questions.",
    },
    "help": {
        "cs": "<b>Jak se ptát</b>\n"
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
        "/jazyk – změnit jazyk (čeština, українська, English)\n"
        "/smazat – smazat vše, co je o vás uloženo\n\n"
        "Ve skupině odpovídám, jen když mě zmíníte (@{username}), odpovíte na mou zprávu nebo použijete příkaz.",
        "uk": "<b>Як запитувати</b>\n"
        "Напишіть запитання цілим реченням, наприклад:\n"
        "• <i>Що таке Фонд справедливої трансформації?</i>\n"
        "• <i>Чи може громада отримати дотацію на браунфілд?</i>\n"
        "• <i>Яка MAS працює в Літвінові?</i>\n\n"
        "Під відповіддю є кнопки: 👍/👎 (оцінка), <b>Показати джерело</b> (уривок, на якому ґрунтується "
        "відповідь) і <b>Моя MAS</b>.\n\n"
        "<b>Команди</b>\n"
        "/obec <i>назва</i> – вказати ваш населений пункт\n"
        "/mas – ваша MAS і контакти\n"
        "/overit – перевірити, на які конкурси ви можете претендувати\n"
        "/zdroje – джерела останньої відповіді\n"
        "/jazyk – змінити мову (čeština, українська, English)\n"
        "/smazat – видалити все, що про вас збережено\n\n"
        "У групі я відповідаю, лише коли ви мене згадаєте (@{username}), відповісте на моє повідомлення "
        "або скористаєтеся командою.",
        "en": "<b>How to ask</b>\n"
        "Write your question as a full sentence, for example:\n"
        "• <i>What is the Just Transition Fund?</i>\n"
        "• <i>Can a municipality get a grant for a brownfield?</i>\n"
        "• <i>Which MAS works in Litvínov?</i>\n\n"
        "Under each answer there are buttons: 👍/👎 (rating), <b>Show source</b> (the passage the answer "
        "is based on) and <b>My MAS</b>.\n\n"
        "<b>Commands</b>\n"
        "/obec <i>name</i> – set your municipality\n"
        "/mas – your MAS and its contacts\n"
        "/overit – check which calls you could apply for\n"
        "/zdroje – sources of the last answer\n"
        "/jazyk – change the language (čeština, українська, English)\n"
        "/smazat – delete everything stored about you\n\n"
        "In a group I answer only when you mention me (@{username}), reply to my message or use a command.",
    },
    "ask_obec": {
        "cs": "Napište prosím název obce za příkaz, například: <code>/obec Litvínov</code>",
        "uk": "Напишіть, будь ласка, назву населеного пункту після команди, наприклад: <code>/obec Litvínov</code>",
        "en": "Please write the municipality's name after the command, for example: <code>/obec Litvínov</code>",
    },
    "obec_current": {
        "cs": "Vaši obec mám uloženou jako <b>{obec}</b>. Změníte ji příkazem <code>/obec název</code>.",
        "uk": "Ваш населений пункт у мене збережено як <b>{obec}</b>. Змінити його можна командою "
        "<code>/obec назва</code>.",
        "en": "Your municipality is saved as <b>{obec}</b>. To change it, use <code>/obec name</code>.",
    },
    "obec_saved": {
        "cs": "Zapamatoval jsem si obec <b>{obec}</b> (okres {okres}).",
        "uk": "Я запам’ятав ваш населений пункт: <b>{obec}</b> (округ {okres}).",
        "en": "I have saved your municipality: <b>{obec}</b> ({okres} district).",
    },
    "obec_remembered_note": {
        "cs": "(Zapamatoval jsem si obec {obec}; změníte ji příkazem /obec, smažete příkazem /smazat.)",
        "uk": "(Я запам’ятав населений пункт {obec}; змінити його можна командою /obec, видалити – /smazat.)",
        "en": "(I have saved your municipality as {obec}; change it with /obec, delete it with /smazat.)",
    },
    "obec_ambiguous": {
        "cs": "Obcí s tímto názvem je víc. Kterou myslíte?",
        "uk": "Населених пунктів із такою назвою кілька. Який ви маєте на увазі?",
        "en": "There is more than one municipality with this name. Which one do you mean?",
    },
    "place_label": {
        "cs": "{obec} (okres {okres})",
        "uk": "{obec} (округ {okres})",
        "en": "{obec} ({okres} district)",
    },
    "mas_unknown_obec": {
        "cs": "Zatím nevím, ze které obce jste. Napište <code>/obec název</code>, například "
        "<code>/obec Most</code>, a řeknu vám, která místní akční skupina vám pomůže.",
        "uk": "Я ще не знаю, з якого ви населеного пункту. Напишіть <code>/obec назва</code>, наприклад "
        "<code>/obec Most</code>, і я скажу, яка місцева група дій (MAS) вам допоможе.",
        "en": "I do not know your municipality yet. Write <code>/obec name</code>, for example "
        "<code>/obec Most</code>, and I will tell you which local action group (MAS) can help you.",
    },
    "mas_fallback": {
        "cs": "Než si obec nastavíte, můžete se obrátit na {contact}.",
        "uk": "Поки ви не вказали населений пункт, можете звернутися до {contact}.",
        "en": "Until you set your municipality, you can contact {contact}.",
    },
    "no_last_answer": {
        "cs": "Zatím jste se na nic nezeptali. Napište otázku a zdroje vám pak ukážu.",
        "uk": "Ви ще нічого не запитували. Напишіть запитання, і я покажу вам джерела.",
        "en": "You have not asked anything yet. Ask a question and I will show you its sources.",
    },
    "last_answer_gone": {
        "cs": "Zdroje poslední odpovědi už nemám k dispozici. Zeptejte se prosím znovu.",
        "uk": "Джерела останньої відповіді вже недоступні. Запитайте, будь ласка, ще раз.",
        "en": "The sources of the last answer are no longer available. Please ask again.",
    },
    "no_sources": {
        "cs": "Poslední odpověď nevycházela z žádného konkrétního zdroje.",
        "uk": "Остання відповідь не ґрунтувалася на жодному конкретному джерелі.",
        "en": "The last answer was not based on any particular source.",
    },
    "no_passage": {
        "cs": "K této odpovědi nemám žádný úryvek ze zdrojů.",
        "uk": "До цієї відповіді в мене немає уривка з джерел.",
        "en": "I have no passage from the sources for this answer.",
    },
    "last_sources": {
        "cs": "Zdroje poslední odpovědi",
        "uk": "Джерела останньої відповіді",
        "en": "Sources of the last answer",
    },
    "deleted": {
        "cs": "Hotovo. Smazal jsem vaši obec, vaše hodnocení, texty vašich otázek i rozpracované ověření. "
        "Otázku, na kterou se zeptal i někdo jiný, jsem ponechal jen v jeho znění.",
        "uk": "Готово. Я видалив ваш населений пункт, ваші оцінки, тексти ваших запитань і незавершену "
        "перевірку. Запитання, яке ставив і хтось інший, залишилося лише в його формулюванні.",
        "en": "Done. I have deleted your municipality, your ratings, the texts of your questions and any "
        "unfinished check. A question someone else also asked is kept only in their wording.",
    },
    "delete_failed": {
        "cs": "Smazání se teď nepovedlo, databáze je chvíli nedostupná. Vaši obec už nepoužívám. "
        "Zkuste prosím /smazat znovu za pár minut.",
        "uk": "Зараз видалити не вдалося: база даних тимчасово недоступна. Ваш населений пункт я вже не "
        "використовую. Спробуйте, будь ласка, /smazat ще раз за кілька хвилин.",
        "en": "Deleting did not work just now: the database is briefly unavailable. I no longer use your "
        "municipality. Please try /smazat again in a few minutes.",
    },
    "only_text": {
        "cs": "Rozumím zatím jen textu. Napište mi prosím otázku slovy.",
        "uk": "Поки що я розумію лише текст. Напишіть, будь ласка, запитання словами.",
        "en": "For now I understand only text. Please write your question in words.",
    },
    "forwarded": {
        "cs": "Přeposlané zprávy nezpracovávám. Napište mi prosím svou otázku vlastními slovy.",
        "uk": "Пересланих повідомлень я не обробляю. Напишіть, будь ласка, своє запитання власними словами.",
        "en": "I do not process forwarded messages. Please write your question in your own words.",
    },
    "unknown_command": {
        "cs": "Tento příkaz neznám. Seznam příkazů najdete v /pomoc.",
        "uk": "Такої команди я не знаю. Список команд є в /pomoc.",
        "en": "I do not know this command. See /pomoc for the list of commands.",
    },
    "rate_limited": {
        "cs": "Posíláte mi zpráv víc, než stihnu zpracovat. Zkuste to prosím znovu za chvilku "
        "(nejvýš {limit} zpráv za minutu).",
        "uk": "Ви надсилаєте більше повідомлень, ніж я встигаю обробити. Спробуйте, будь ласка, трохи "
        "пізніше (не більше {limit} повідомлень на хвилину).",
        "en": "You are sending more messages than I can handle. Please try again in a moment "
        "(at most {limit} messages a minute).",
    },
    "error": {
        "cs": "Omlouvám se, něco se pokazilo. Zkuste to prosím znovu za chvíli.",
        "uk": "Вибачте, щось пішло не так. Спробуйте, будь ласка, ще раз трохи згодом.",
        "en": "Sorry, something went wrong. Please try again in a moment.",
    },
    "button_source": {"cs": "Zobrazit zdroj", "uk": "Показати джерело", "en": "Show source"},
    "button_mas": {"cs": "Moje MAS", "uk": "Моя MAS", "en": "My MAS"},
    "button_detailed_check": {"cs": "Podrobné ověření", "uk": "Детальна перевірка", "en": "Detailed check"},
    "did_you_mean": {"cs": "Myslíte {label}?", "uk": "Ви мали на увазі {label}?", "en": "Did you mean {label}?"},
    "checking": {"cs": "Ověřuji…", "uk": "Перевіряю…", "en": "Checking…"},
    "feedback_thanks": {
        "cs": "Děkuji za hodnocení!",
        "uk": "Дякую за оцінку!",
        "en": "Thank you for the rating!",
    },
    "feedback_again": {
        "cs": "Hodnocení už mám, děkuji.",
        "uk": "Вашу оцінку я вже отримав, дякую.",
        "en": "I already have your rating, thank you.",
    },
    "old_button": {
        "cs": "Toto tlačítko už neplatí (patří ke starší zprávě). Zeptejte se prosím znovu.",
        "uk": "Ця кнопка вже не діє (вона належить до старішого повідомлення). Запитайте, будь ласка, ще раз.",
        "en": "This button no longer works (it belongs to an older message). Please ask again.",
    },
    "choose_language": {
        "cs": "Vyberte jazyk, ve kterém vám budu psát:",
        "uk": "Виберіть мову, якою я вам писатиму:",
        "en": "Choose the language I should write to you in:",
    },
    "language_set": {
        "cs": "Dobře, budu vám psát česky.",
        "uk": "Добре, тепер я писатиму вам українською. Мої матеріали чеською мовою, тому цитати з них будуть чеською.",
        "en": "All right, I will write to you in English. My documents are in Czech, so quotes from them "
        "stay in Czech.",
    },
    # --- /overit ----------------------------------------------------------------------------------
    "ov_title": {"cs": "Ověření nároku", "uk": "Перевірка можливостей", "en": "Eligibility check"},
    "ov_step": {"cs": "krok {step} ze 3", "uk": "крок {step} з 3", "en": "step {step} of 3"},
    "ov_ask_applicant": {
        "cs": "Kdo bude o peníze žádat?",
        "uk": "Хто подаватиме заявку на фінансування?",
        "en": "Who will apply for the money?",
    },
    "ov_applicant": {
        "cs": "Žadatel: <b>{applicant}</b>",
        "uk": "Заявник: <b>{applicant}</b>",
        "en": "Applicant: <b>{applicant}</b>",
    },
    "ov_topic": {"cs": "Téma: <b>{topic}</b>", "uk": "Тема: <b>{topic}</b>", "en": "Topic: <b>{topic}</b>"},
    "ov_ask_topic": {
        "cs": "Na co peníze potřebujete?",
        "uk": "На що вам потрібні гроші?",
        "en": "What do you need the money for?",
    },
    "ov_ask_obec": {
        "cs": "Ve které obci projekt bude? Napište název obce, nebo zvolte <i>Přeskočit</i>.",
        "uk": "У якому населеному пункті буде проєкт? Напишіть його назву або виберіть <i>Пропустити</i>.",
        "en": "In which municipality will the project be? Write its name, or choose <i>Skip</i>.",
    },
    "ov_czech_names": {
        "cs": "",
        "uk": "<i>Назви програм і дані з джерел наводжу чеською, як в оригіналі.</i>",
        "en": "<i>Call names and data from the sources are given in Czech, as in the original.</i>",
    },
    "ov_group_hint": {
        "cs": "<i>Ve skupině název napište jako odpověď na tuto zprávu.</i>",
        "uk": "<i>У групі напишіть назву як відповідь на це повідомлення.</i>",
        "en": "<i>In a group, write the name as a reply to this message.</i>",
    },
    "ov_cancelled": {
        "cs": "Ověření jsem zrušil. Nové začnete příkazem /overit.",
        "uk": "Перевірку скасовано. Нову можна почати командою /overit.",
        "en": "The check is cancelled. Start a new one with /overit.",
    },
    "ov_expired": {
        "cs": "Toto ověření už vypršelo. Nové začnete příkazem /overit.",
        "uk": "Час цієї перевірки вже минув. Нову можна почати командою /overit.",
        "en": "This check has expired. Start a new one with /overit.",
    },
    "ov_nothing_to_cancel": {
        "cs": "Žádné ověření teď neprobíhá. Nové začnete příkazem /overit.",
        "uk": "Зараз жодна перевірка не триває. Нову можна почати командою /overit.",
        "en": "No check is running now. Start a new one with /overit.",
    },
    "ov_place_not_found": {
        "cs": "Obec „{obec}“ jsem mezi obcemi Ústeckého kraje nenašel. Napište název znovu (třeba i bez "
        "diakritiky), nebo zvolte <i>Přeskočit</i>.",
        "uk": "Населеного пункту «{obec}» серед громад Устецького краю я не знайшов. Напишіть назву ще раз "
        "(можна й без діакритики, латиницею), або виберіть <i>Пропустити</i>.",
        "en": "I could not find “{obec}” among the municipalities of the Ústí Region. Write the name again "
        "(diacritics are optional), or choose <i>Skip</i>.",
    },
    "ov_place_ambiguous": {
        "cs": "{message}\n\nNapište prosím název přesněji (např. s okresem), nebo zvolte <i>Přeskočit</i>.",
        "uk": "{message}\n\nНапишіть, будь ласка, назву точніше (наприклад, з округом) або виберіть <i>Пропустити</i>.",
        "en": "{message}\n\nPlease write the name more precisely (e.g. with the district), or choose <i>Skip</i>.",
    },
    "ov_working": {"cs": "Hledám výzvy…", "uk": "Шукаю конкурси…", "en": "Looking for calls…"},
    "ov_back": {"cs": "« Zpět", "uk": "« Назад", "en": "« Back"},
    "ov_cancel": {"cs": "✖ Zrušit", "uk": "✖ Скасувати", "en": "✖ Cancel"},
    "ov_skip": {"cs": "Přeskočit", "uk": "Пропустити", "en": "Skip"},
    "ov_mine": {"cs": "Moje obec: {obec}", "uk": "Мій населений пункт: {obec}", "en": "My municipality: {obec}"},
    "ov_new": {"cs": "Nové ověření", "uk": "Нова перевірка", "en": "New check"},
}

# Applicant types and topics of the calls table (kb.calls), as the /overit buttons say them.
APPLICANTS: dict[Lang, dict[str, str]] = {
    "uk": {
        "obec": "громада/місто",
        "svazek": "об’єднання громад",
        "kraj": "край",
        "po": "бюджетна установа",
        "skola": "школа",
        "nno": "НУО/спілка/фонд",
        "cirkev": "церква",
        "msp": "мале чи середнє підприємство",
        "velky_podnik": "велике підприємство",
        "osvc": "ФОП/самозайнята особа",
        "obcan": "фізична особа",
        "mas": "місцева група дій (MAS)",
    },
    "en": {
        "obec": "municipality/town",
        "svazek": "association of municipalities",
        "kraj": "region",
        "po": "public-funded organisation",
        "skola": "school",
        "nno": "NGO/association/foundation",
        "cirkev": "church",
        "msp": "small or medium business (SME)",
        "velky_podnik": "large business",
        "osvc": "self-employed person",
        "obcan": "private person",
        "mas": "local action group (MAS)",
    },
}
TOPICS: dict[Lang, dict[str, str]] = {
    "uk": {
        "energie": "енергетика",
        "brownfieldy": "браунфілди",
        "podnikani": "підприємництво та інновації",
        "vzdelavani": "освіта та перекваліфікація",
        "priroda": "природа та ландшафт",
        "infrastruktura": "інфраструктура та велодоріжки",
        "kultura_sport": "культура та спорт",
        "priprava": "підготовка проєктів",
        "kreativni": "креативні послуги",
        "socialni": "соціальна сфера",
        "digitalizace": "цифровізація",
    },
    "en": {
        "energie": "energy",
        "brownfieldy": "brownfields",
        "podnikani": "business and innovation",
        "vzdelavani": "education and retraining",
        "priroda": "nature and landscape",
        "infrastruktura": "infrastructure and cycle paths",
        "kultura_sport": "culture and sport",
        "priprava": "project preparation",
        "kreativni": "creative services",
        "socialni": "social services",
        "digitalizace": "digitalisation",
    },
}


def text_keys() -> frozenset[str]:
    return frozenset(_TEXTS)


def raw(key: str, lang: str) -> str:
    """The text as written for `lang` ("" when missing there), unformatted: for checks of the table."""
    return _TEXTS[key].get(as_lang(lang), "")


def text(key: str, lang: str = DEFAULT, **values: Any) -> str:
    """The interface text `key` in `lang` (Czech when the language or the text is missing), values filled in."""
    phrases = _TEXTS[key]
    chosen = phrases.get(as_lang(lang)) or phrases[DEFAULT]
    return chosen.format(**values) if values else chosen


def label(table: Mapping[Lang, Mapping[str, str]], czech: Mapping[str, str], code: str, lang: str) -> str:
    """An applicant or topic label in `lang`, the Czech one when there is no translation."""
    return table.get(as_lang(lang), {}).get(code) or czech[code]


def parse_language(value: str | None) -> Lang | None:
    """`/jazyk uk`, `/jazyk English`, `/jazyk čeština`… → a language, or None."""
    folded = (value or "").strip().casefold()
    if not folded:
        return None
    for lang in LANGUAGES:
        if folded in (lang, NAMES[lang].casefold()):
            return lang
    aliases = {"cz": "cs", "czech": "cs", "cestina": "cs", "ua": "uk", "ukrainian": "uk", "english": "en"}
    return as_lang(aliases[folded]) if folded in aliases else None


def default_language(language_code: str | None) -> Lang:
    """The interface language of a user who has not chosen one: Ukrainian and English Telegram users get
    theirs; Slovak, Czech and everyone else Czech (a Russian interface is no sign that a person reads
    Ukrainian)."""
    hinted = hint_language(language_code)
    return hinted if hinted is not None else DEFAULT


def user_language(user_data: Mapping[str, Any] | None, language_code: str | None) -> Lang:
    """The user's interface language: remembered or chosen, else from Telegram's language_code."""
    stored = (user_data or {}).get(LANG)
    if isinstance(stored, str) and stored in LANGUAGES:
        return as_lang(stored)
    return default_language(language_code)


def remember_language(user_data: MutableMapping[str, Any] | None, message: str, current: Lang) -> Lang:
    """The interface language after the user's `message`: the message's own language when its text shows it
    clearly (letters, everyday words or the model, not a guess from the hint), unless the user chose one with /jazyk."""
    if user_data is None or user_data.get(LANG_CHOSEN):
        return current
    found = detect(message[:DETECT_CHARS], current)
    if found.reason not in ("letters", "words", "model"):
        return current
    user_data[LANG] = found.language
    return found.language
