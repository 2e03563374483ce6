"""The bot's own words in Czech, Ukrainian and English (Czech is the default and the documents' language).

Only fixed phrases live here: what the bot says around the knowledge (not known, who to ask, that the
documents are Czech) and around the MAS tables' data (the MAS cards: names and contacts stay as given).
Facts are never translated by the bot: they come from the documents (Czech) or from staff-written
translations of curated answers (knowledge/odpovedi/uk, /en).
"""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["cs", "uk", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT: Lang = "cs"

_TEXTS: dict[str, dict[Lang, str]] = {
    "not_known": {
        "cs": "Na tohle bohužel v našich podkladech nemám spolehlivou odpověď.",
        "uk": "На жаль, у наших матеріалах немає надійної відповіді на це запитання.",
        "en": "Unfortunately, our documents do not give a reliable answer to this.",
    },
    "empty": {
        "cs": "Napište mi prosím otázku slovy, třeba: „Co je Fond pro spravedlivou transformaci?“ "
        "nebo „Kdo mi poradí s dotací v Žatci?“",
        "uk": "Напишіть, будь ласка, запитання словами, наприклад: «Що таке Фонд справедливої трансформації?» "
        "або «Хто допоможе з дотацією в Жатці?»",
        "en": "Please write your question in words, for example: “What is the Just Transition Fund?” "
        "or “Who can advise me on a grant in Žatec?”",
    },
    "czech_sources": {
        "cs": "",
        "uk": "Мої матеріали є лише чеською мовою, тому відповідь нижче – цитата з них чеською.",
        "en": "My documents are in Czech only, so the answer below is quoted from them in Czech.",
    },
    "your_mas": {
        "cs": "Obec {obec} patří do {contact}.",
        "uk": "Населений пункт {obec} належить до місцевої групи дій {contact}.",
        "en": "{obec} belongs to the local action group {contact}.",
    },
    "no_mas": {
        "cs": "Obec {obec} nepatří do území žádné MAS; poradí vám {contact}.",
        "uk": "Населений пункт {obec} не входить до території жодної місцевої групи дій (MAS); порадить вам {contact}.",
        "en": "{obec} is not in the territory of any local action group (MAS); ask {contact}.",
    },
    "mas_unknown": {
        "cs": "MAS pro obec {obec} zatím nemáme ověřenou; poradí vám {contact}.",
        "uk": "Місцеву групу дій (MAS) для населеного пункту {obec} ми ще не перевірили; порадить вам {contact}.",
        "en": "We have not yet verified which local action group (MAS) covers {obec}; ask {contact}.",
    },
    "contact": {
        "cs": "S dotazem vám poradí místní akční skupina (MAS) ve vašem okolí. Napište mi, ve které obci "
        "bydlíte, nebo se obraťte na {contact}.",
        "uk": "З вашим запитанням допоможе місцева група дій (MAS) поблизу вас. Напишіть мені, в якому "
        "населеному пункті ви живете, або зверніться до {contact}.",
        "en": "Your local action group (MAS) can help with your question. Tell me which municipality you "
        "live in, or contact {contact}.",
    },
    "greeting": {
        "cs": "Dobrý den! Jsem Průvodce transformací a odpovídám na otázky o spravedlivé transformaci Ústeckého "
        "kraje. Zeptejte se třeba: „Kdo může žádat o peníze z OPST?“, „Jak začít s komunitní energetikou "
        "v obci?“ nebo „Která MAS pomáhá v Žatci?“",
        "uk": "Добрий день! Я Průvodce transformací і відповідаю на запитання про справедливу трансформацію "
        "Устецького краю. Запитайте, наприклад: «Хто може подати заявку на гроші з OPST?» або «Яка MAS "
        "допомагає в Жатці?»",
        "en": "Hello! I am Průvodce transformací and I answer questions about the just transition of the Ústí "
        "Region. Ask, for example: “Who can apply for OPST funding?” or “Which MAS helps in Žatec?”",
    },
    "thanks": {
        "cs": "Rádo se stalo. Kdybyste potřebovali ještě něco, stačí napsat.",
        "uk": "Будь ласка. Якщо вам ще щось знадобиться, просто напишіть.",
        "en": "You are welcome. If you need anything else, just write.",
    },
    "how_are_you": {
        "cs": "Děkuji, jsem tu a rád pomůžu. Odpovídám na otázky o spravedlivé transformaci Ústeckého kraje – "
        "třeba „Kdo může žádat o peníze z OPST?“ nebo „Která MAS pomáhá v Žatci?“",
        "uk": "Дякую, я тут і радо допоможу. Відповідаю на запитання про справедливу трансформацію "
        "Устецького краю – наприклад, «Хто може подати заявку на гроші з OPST?»",
        "en": "Thank you, I am here and glad to help. I answer questions about the just transition of the "
        "Ústí Region – for example, “Who can apply for OPST funding?”",
    },
    "opinion": {
        "cs": "Názory ani hodnocení neposkytuji – odpovídám jen fakty z ověřených podkladů o spravedlivé "
        "transformaci Ústeckého kraje.",
        "uk": "Я не висловлюю думок чи оцінок – відповідаю лише фактами з перевірених матеріалів про "
        "справедливу трансформацію Устецького краю.",
        "en": "I do not give opinions or ratings – I answer only with facts from verified documents about the "
        "just transition of the Ústí Region.",
    },
    "personal_advice": {
        "cs": "Tohle za vás rozhodnout neumím: jde o vaše osobní rozhodnutí nebo spor a moje podklady o "
        "spravedlivé transformaci k tomu radu nedávají. S prací a penězi po ztrátě zaměstnání vám poradí "
        "Úřad práce ČR (pobočky najdete na uradprace.cz), se spory advokát nebo právní poradna a s projekty "
        "a dotacemi {contact}.",
        "uk": "Це я не можу вирішити за вас: йдеться про ваше особисте рішення або спір, а мої матеріали про "
        "справедливу трансформацію порад щодо цього не дають. З роботою та грошима після втрати роботи "
        "допоможе Úřad práce ČR (відділення на uradprace.cz), зі спорами – адвокат або юридична консультація, "
        "з проєктами та дотаціями – {contact}.",
        "en": "I cannot decide this for you: it is your personal decision or dispute, and my documents about "
        "the just transition give no advice on it. For work and money after a job loss ask Úřad práce ČR "
        "(offices at uradprace.cz), for disputes a lawyer or legal advice centre, and for projects and "
        "grants {contact}.",
    },
    "sources": {"cs": "Zdroje", "uk": "Джерела", "en": "Sources"},
    "source": {"cs": "Zdroj", "uk": "Джерело", "en": "Source"},
    "context": {"cs": "Z podkladů:", "uk": "З матеріалів:", "en": "From the documents:"},
    "suggestions": {"cs": "Možná vás zajímá:", "uk": "Можливо, вас зацікавить:", "en": "You may be interested in:"},
    "as_of": {"cs": "stav k {date}", "uk": "станом на {date}", "en": "as of {date}"},
    "long_question": {
        "cs": "Zpráva je hodně dlouhá, odpovídám na její začátek.",
        "uk": "Повідомлення дуже довге, відповідаю на його початок.",
        "en": "The message is very long; I am answering its beginning.",
    },
    # A call's status on a day (bot.eligibility.call_status); dates stay in the Czech form "9. 12. 2026".
    "call_opens": {
        "cs": "příjem žádostí začne {date}",
        "uk": "прийом заявок почнеться {date}",
        "en": "applications open on {date}",
    },
    "call_ongoing": {
        "cs": "průběžný program (podle zdroje z {date})",
        "uk": "постійна програма (за джерелом від {date})",
        "en": "ongoing programme (per a source of {date})",
    },
    "call_ongoing_old": {
        "cs": "průběžný program, ale náš údaj je z {date} – ověřte, zda stále běží",
        "uk": "постійна програма, але наші дані від {date} – перевірте, чи вона ще діє",
        "en": "ongoing programme, but our data is from {date} – check that it still runs",
    },
    "call_ongoing_undated": {
        "cs": "průběžný program, datum zdroje neznáme – ověřte, zda stále běží",
        "uk": "постійна програма, дата джерела невідома – перевірте, чи вона ще діє",
        "en": "ongoing programme, source date unknown – check that it still runs",
    },
    "call_ended": {
        "cs": "příjem skončil {date}",
        "uk": "прийом заявок завершився {date}",
        "en": "applications closed on {date}",
    },
    "call_until": {"cs": "příjem do {date}", "uk": "прийом заявок до {date}", "en": "applications until {date}"},
    "call_deadline": {
        "cs": "uzávěrka {date}, začátek příjmu neznáme",
        "uk": "кінцевий термін {date}, початок прийому невідомий",
        "en": "deadline {date}, start of applications unknown",
    },
    "call_ended_by": {
        "cs": "skončila nejpozději {date}, přesné datum neznáme",
        "uk": "завершився не пізніше {date}, точна дата невідома",
        "en": "closed by {date} at the latest, exact date unknown",
    },
    "call_started": {
        "cs": "příjem začal {date}, konec příjmu neznáme",
        "uk": "прийом почався {date}, кінець прийому невідомий",
        "en": "applications opened on {date}, end unknown",
    },
    "call_no_dates": {
        "cs": "termíny příjmu neznáme",
        "uk": "терміни прийому невідомі",
        "en": "application dates unknown",
    },
    # How fresh the calls data is, and the note a reply quoting a call carries ("95. výzva: příjem do …").
    "data_site": {
        "cs": "podle údajů {site} k {date}",
        "uk": "за даними {site} станом на {date}",
        "en": "per {site} data as of {date}",
    },
    "data_ours": {
        "cs": "podle údajů našich zdrojů k {date}",
        "uk": "за нашими джерелами станом на {date}",
        "en": "per our sources as of {date}",
    },
    "call_note": {
        "cs": "{number}. výzva: {detail}",
        "uk": "Конкурс № {number}: {detail}",
        "en": "Call {number}: {detail}",
    },
    # The short lead of a funding answer (bot.eligibility.summary); call names, applicant and topic labels,
    # amounts and rates are the calls table's Czech data and stay as they are.
    "amount_range": {"cs": "{low} až {high}", "uk": "від {low} до {high}", "en": "{low} to {high}"},
    "amount_max": {"cs": "až {high}", "uk": "до {high}", "en": "up to {high}"},
    "amount_min": {"cs": "od {low}", "uk": "від {low}", "en": "from {low}"},
    "amount_unknown": {
        "cs": "výši podpory na projekt zdroj neuvádí",
        "uk": "суму підтримки на проєкт джерело не вказує",
        "en": "the source does not give the amount per project",
    },
    "terms_support": {"cs": "podpora {amount}", "uk": "підтримка {amount}", "en": "support {amount}"},
    "terms_applicants": {
        "cs": "žádat mohou: {who}",
        "uk": "подавати заявки можуть: {who}",
        "en": "who may apply: {who}",
    },
    "verify_site": {
        "cs": "ověřte na {site}, výzva mohla skončit dřív",
        "uk": "перевірте на {site}, конкурс міг завершитися раніше",
        "en": "check on {site}, the call may have closed earlier",
    },
    "verify_issuer": {
        "cs": "ověřte u vyhlašovatele",
        "uk": "перевірте в організатора конкурсу",
        "en": "check with the issuer",
    },
    "summary_open_one": {
        "cs": "Ano – teď (k {day}) je otevřená {name}: {detail} ({notes}).",
        "uk": "Так – зараз (станом на {day}) відкритий конкурс {name}: {detail} ({notes}).",
        "en": "Yes – as of {day}, {name} is open: {detail} ({notes}).",
    },
    "summary_open_many": {
        "cs": "Ano – teď (k {day}) jsou otevřené tyto výzvy: {listed}.",
        "uk": "Так – зараз (станом на {day}) відкриті такі конкурси: {listed}.",
        "en": "Yes – now (as of {day}) these calls are open: {listed}.",
    },
    "summary_dates": {
        "cs": "Termíny jsou {fresh}; ověřte je u vyhlašovatele, výzva mohla skončit dřív.",
        "uk": "Терміни наведено {fresh}; перевірте їх в організатора, конкурс міг завершитися раніше.",
        "en": "The dates are {fresh}; check them with the issuer, a call may have closed earlier.",
    },
    "summary_planned": {
        "cs": "Teď (k {day}) otevřená výzva pro tento záměr není; připravuje se {name}: {detail}.",
        "uk": "Зараз (станом на {day}) відкритого конкурсу для цього задуму немає; готується {name}: {detail}.",
        "en": "There is no open call for this plan now (as of {day}); in preparation: {name}: {detail}.",
    },
    "summary_none_fits": {
        "cs": "Výzvu ani program, který by výslovně uváděl žadatele typu {who} na téma {what}, v našich datech "
        "(k {day}) nemáme.",
        "uk": "У наших даних (станом на {day}) немає конкурсу чи програми, які прямо називали б заявників типу "
        "{who} на тему {what}.",
        "en": "Our data (as of {day}) has no call or programme that explicitly names applicants of the type {who} "
        "for the topic {what}.",
    },
    "summary_maybe": {
        "cs": "Tématem se hodí {name} ({detail}), zdroj ale neuvádí, kdo smí žádat.",
        "uk": "За темою підходить {name} ({detail}), але джерело не вказує, хто може подавати заявки.",
        "en": "By topic, {name} fits ({detail}), but the source does not say who may apply.",
    },
    "summary_standing": {
        "cs": "Pro žadatele typu {who} na téma {what} je {name} – {detail}.",
        "uk": "Для заявників типу {who} на тему {what} є {name} – {detail}.",
        "en": "For applicants of the type {who} on the topic {what} there is {name} – {detail}.",
    },
    "summary_none_open": {
        "cs": "Teď (k {day}) podle našich údajů není otevřená žádná výzva pro žadatele typu {who} na téma {what}.",
        "uk": "Зараз (станом на {day}) за нашими даними немає відкритого конкурсу для заявників типу {who} "
        "на тему {what}.",
        "en": "According to our data, no call for applicants of the type {who} on the topic {what} is open now "
        "(as of {day}).",
    },
    "summary_last": {
        "cs": "Naposledy to byla {name} – {detail}; {terms}",
        "uk": "Останнім був конкурс {name} – {detail}; {terms}",
        "en": "The last one was {name} – {detail}; {terms}",
    },
    "summary_unverified": {
        "cs": "U programu {name} termíny nemáme ověřené – zjistěte je u vyhlašovatele.",
        "uk": "Терміни програми {name} ми не перевірили – дізнайтеся їх в організатора.",
        "en": "We have not verified the dates of the programme {name} – ask its issuer.",
    },
    "next_retraining": {
        "cs": "Co dál: o rekvalifikaci se domluvte na svém úřadu práce.",
        "uk": "Що далі: про перекваліфікацію домовтеся у відділенні уряду праці (Úřad práce) за місцем проживання.",
        "en": "Next step: arrange the retraining at your labour office (Úřad práce).",
    },
    "next_mas": {
        "cs": "Co dál: poraďte se se svou MAS – {line}",
        "uk": "Що далі: порадьтеся зі своєю місцевою групою дій (MAS) – {line}",
        "en": "Next step: ask your local action group (MAS) – {line}",
    },
    "next_where": {
        "cs": "Co dál: napište mi, ve které obci projekt bude, a řeknu vám, která místní akční skupina (MAS) vám "
        "s žádostí pomůže; jinak poradí {contact}.",
        "uk": "Що далі: напишіть мені, в якому населеному пункті буде проєкт, і я скажу, яка місцева група дій "
        "(MAS) допоможе вам із заявкою; інакше порадить {contact}.",
        "en": "Next step: tell me in which municipality the project will be and I will tell you which local "
        "action group (MAS) can help with the application; otherwise ask {contact}.",
    },
    "note_live_call": {
        "cs": "Výzvy: {name} – {detail} (stav k {day}; podrobnosti v ověření nároku).",
        "uk": "Конкурси: {name} – {detail} (станом на {day}; подробиці в перевірці права на підтримку).",
        "en": "Calls: {name} – {detail} (as of {day}; details in the eligibility check).",
    },
    "note_no_call": {
        "cs": "Otevřenou výzvu pro žadatele typu {who} na téma {what} teď (k {day}) v našich datech nemáme.",
        "uk": "Відкритого конкурсу для заявників типу {who} на тему {what} зараз (станом на {day}) у наших "
        "даних немає.",
        "en": "Our data has no open call for applicants of the type {who} on the topic {what} now (as of {day}).",
    },
    # The MAS cards (bot.places.cards): the sentences around names, addresses, URLs and phone numbers, which stay
    # as the MAS tables give them. The Czech texts are what `bot mas` prints and the answers have always said.
    "card_where": {"cs": "{obec} (okres {okres})", "uk": "{obec} (округ {okres})", "en": "{obec} ({okres} district)"},
    "card_fuzzy": {
        "cs": "Beru to jako obec {where}.",
        "uk": "Вважаю, що йдеться про {where}.",
        "en": "I take this to mean {where}.",
    },
    "card_belongs": {
        "cs": "Obec {where} patří do místní akční skupiny {mas}.",
        "uk": "Населений пункт {where} належить до місцевої групи дій (MAS) {mas}.",
        "en": "{where} belongs to the local action group (MAS) {mas}.",
    },
    "card_contact": {"cs": "Kontakt: {contacts}.", "uk": "Контакти: {contacts}.", "en": "Contacts: {contacts}."},
    "card_advise": {
        "cs": "S přípravou projektu a žádostí o dotaci vám MAS poradí.",
        "uk": "MAS порадить вам із підготовкою проєкту та заявкою на дотацію.",
        "en": "The MAS will advise you on preparing a project and applying for a grant.",
    },
    "card_missing": {
        "cs": "{what} této MAS v našich zdrojích nemáme – aktuální kontakty najdete na jejím webu.",
        "uk": "{what} цієї MAS у наших джерелах немає – актуальні контакти знайдете на її вебсайті.",
        "en": "Our sources have no {what} for this MAS – you will find its current contacts on its website.",
    },
    "card_missing_email": {"cs": "e-mail", "uk": "електронної пошти", "en": "e-mail"},
    "card_missing_phone": {"cs": "telefon", "uk": "телефону", "en": "phone number"},
    "card_missing_nor": {"cs": " ani ", "uk": " і ", "en": " or "},
    "card_no_mas": {
        "cs": "Obec {where} podle našich zdrojů nepatří do území žádné místní akční skupiny (MAS){reason}.",
        "uk": "За нашими джерелами, населений пункт {where} не входить до території жодної місцевої групи дій (MAS).",
        "en": "According to our sources, {where} is not in the area of any local action group (MAS).",
    },
    "card_helpers": {
        "cs": "S projekty a dotacemi vám pomohou:",
        "uk": "З проєктами та дотаціями вам допоможуть:",
        "en": "These can help you with projects and grants:",
    },
    "card_unknown": {
        "cs": "Obec {where} v našich datech zatím nemá ověřenou místní akční skupinu (MAS).",
        "uk": "Для населеного пункту {where} ми ще не маємо перевіреної місцевої групи дій (MAS).",
        "en": "We have not verified the local action group (MAS) of {where} yet.",
    },
    "card_area": {
        "cs": "Rozumím, že jde o {area}, ale ne o konkrétní obec. MAS se určuje podle obce – napište mi prosím její "
        "název.",
        "uk": "Я зрозумів, що йдеться про {area}, але не про конкретний населений пункт. MAS визначається за "
        "населеним пунктом – напишіть, будь ласка, його назву.",
        "en": "I understand you mean {area}, but not a particular municipality. The MAS depends on the "
        "municipality – please write its name.",
    },
    "card_area_okres": {"cs": "okres {okres}", "uk": "округ {okres}", "en": "the {okres} district"},
    "card_area_region": {
        "cs": "oblast {region} (okres {okres})",
        "uk": "місцевість {region} (округ {okres})",
        "en": "the {region} area (the {okres} district)",
    },
    "card_in_okres": {
        "cs": "V okrese {okres} podle našich zdrojů působí:",
        "uk": "В окрузі {okres} за нашими джерелами працюють:",
        "en": "According to our sources, these MAS work in the {okres} district:",
    },
    "card_none_in_okres": {
        "cs": "Pro okres {okres} v našich zdrojích žádnou doloženou MAS nemáme.",
        "uk": "Для округу {okres} у наших джерелах немає підтвердженої MAS.",
        "en": "Our sources name no MAS for the {okres} district.",
    },
    "card_ask_office": {
        "cs": "Ke které MAS obec patří, ověříte na obecním úřadě nebo u {association} ({contacts}).",
        "uk": "До якої MAS належить населений пункт, підкажуть у місцевій раді (obecní úřad) або в організації "
        "{name} ({contacts}).",
        "en": "The municipal office (obecní úřad) or {name} ({contacts}) can tell you which MAS the municipality "
        "belongs to.",
    },
    "card_same_name": {
        "cs": "Obec {name} je v Ústeckém kraji víckrát: {listed}. Kterou myslíte? Napište prosím název i s okresem, "
        "např. „{name}, okres {okres}“.",
        "uk": "Населених пунктів з назвою {name} в Устецькому краї кілька: {listed}. Який ви маєте на увазі? "
        "Напишіть, будь ласка, назву разом з округом, наприклад «{name}, okres {okres}».",
        "en": "There is more than one {name} in the Ústí Region: {listed}. Which one do you mean? Please write the "
        "name with its district, e.g. “{name}, okres {okres}”.",
    },
    "card_ambiguous": {
        "cs": "Nevím jistě, kterou obec myslíte: {listed}. Napište prosím přesný název obce, případně i s okresem.",
        "uk": "Я не впевнений, який населений пункт ви маєте на увазі: {listed}. Напишіть, будь ласка, точну "
        "назву, за потреби з округом.",
        "en": "I am not sure which municipality you mean: {listed}. Please write the exact name, with its district "
        "if needed.",
    },
    "card_not_found": {
        "cs": "V textu jsem nenašel žádnou obec Ústeckého kraje. Zkontrolujte prosím, že je název napsaný správně "
        "(klidně i bez diakritiky), nebo napište jen název obce, např. „Libouchec“.",
        "uk": "У тексті я не знайшов жодного населеного пункту Устецького краю. Перевірте, будь ласка, написання "
        "назви (можна й без діакритики) або напишіть лише назву, наприклад «Libouchec».",
        "en": "I did not find any municipality of the Ústí Region in the text. Please check the spelling "
        "(diacritics are optional), or write just the name, e.g. “Libouchec”.",
    },
    "card_did_you_mean": {
        "cs": "Myslíte {options}?",
        "uk": "Можливо, ви мали на увазі: {options}?",
        "en": "Did you mean {options}?",
    },
    "card_or": {"cs": ", nebo ", "uk": " або ", "en": " or "},
    "card_mas_contact": {
        "cs": "Kontakt na {name}{where}: {contacts}.",
        "uk": "Контакти {name}{where}: {contacts}.",
        "en": "Contacts of {name}{where}: {contacts}.",
    },
    "card_mas_okres": {
        "cs": " (působí v okrese {okresy})",
        "uk": " (працює в окрузі {okresy})",
        "en": " (active in the {okresy} district)",
    },
    "card_mas_okresy": {
        "cs": " (působí v okresech {okresy})",
        "uk": " (працює в округах {okresy})",
        "en": " (active in the districts of {okresy})",
    },
    "card_which_mas": {
        "cs": "Do které MAS patří vaše obec, vám řeknu, když mi napíšete její název.",
        "uk": "Напишіть мені назву свого населеного пункту, і я скажу, до якої MAS він належить.",
        "en": "Write me the name of your municipality and I will tell you which MAS it belongs to.",
    },
    "card_members": {
        "cs": "Do {mas} patří podle našich ověřených údajů tyto obce Ústeckého kraje ({count}): {names}.",
        "uk": "За нашими перевіреними даними до {mas} належать такі населені пункти Устецького краю ({count}): "
        "{names}.",
        "en": "According to our verified data, these municipalities of the Ústí Region belong to {mas} ({count}): "
        "{names}.",
    },
    "card_no_members": {
        "cs": "Obce, které patří do {mas}, v našich údajích zatím ověřené nemáme.",
        "uk": "Які населені пункти належать до {mas}, ми в наших даних ще не перевірили.",
        "en": "We have not verified yet which municipalities belong to {mas}.",
    },
    "card_members_partial": {
        "cs": "Seznam nemusí být úplný: v okresech, kde MAS působí ({okresy}), máme {count} obcí, u kterých MAS "
        "zatím ověřenou nemáme, a některé z nich mohou patřit i do {mas}. Úplný seznam má MAS sama.",
        "uk": "Список може бути неповним: в округах, де працює MAS ({okresy}), є населені пункти, для яких ми ще "
        "не перевірили MAS (їх кількість: {count}), і деякі з них теж можуть належати до {mas}. Повний список "
        "має сама MAS.",
        "en": "The list may be incomplete: the districts where the MAS works ({okresy}) have municipalities whose "
        "MAS we have not verified yet ({count} of them), and some of them may also belong to {mas}. The MAS "
        "itself has the full list.",
    },
    # How a MAS's contacts are written (bot.places.contacts).
    "contact_web": {"cs": "web", "uk": "вебсайт", "en": "web"},
    "contact_email": {"cs": "e-mail", "uk": "e-mail", "en": "e-mail"},
    "contact_phone": {"cs": "tel.", "uk": "тел.", "en": "phone"},
    "contact_address": {"cs": "adresa", "uk": "адреса", "en": "address"},
    "contact_old": {"cs": "údaj z roku {year}", "uk": "дані {year} року", "en": "data from {year}"},
    "contact_none": {
        "cs": "kontakt v našich zdrojích zatím nemáme",
        "uk": "контактів у наших джерелах поки немає",
        "en": "our sources have no contact yet",
    },
}


def as_lang(code: str | None) -> Lang:
    """One of our languages (Czech for anything else)."""
    return next((lang for lang in LANGUAGES if lang == code), DEFAULT)


def text(key: str, lang: str = DEFAULT, **values: str) -> str:
    """A fixed phrase in `lang` (Czech when the language or the phrase is missing), with values filled in."""
    phrases = _TEXTS[key]
    chosen = phrases[as_lang(lang)] or phrases[DEFAULT]
    return chosen.format(**values) if values else chosen
