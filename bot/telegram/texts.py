"""Staff-only Czech texts of the Telegram layer (HTML, already escaped).

Everything ordinary users read is in `bot.telegram.ui`, in Czech, Ukrainian and English.
"""

from __future__ import annotations

BUTTON_UP = "👍"
BUTTON_DOWN = "👎"

ADMIN_RELOADED = "Načetl jsem nový index a datové tabulky."
ADMIN_NOT_CHANGED = "Index ani datové tabulky se od posledního načtení nezměnily."
ADMIN_IN_MEMORY = (
    "⚠️ Databáze teď běží jen v paměti (složka DATA_DIR není zapisovatelná): statistiky a otázky bez "
    "odpovědi se restartem ztratí."
)
ADMIN_NO_GAPS = "Zatím tu nejsou žádné otázky bez odpovědi."
