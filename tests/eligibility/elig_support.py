"""Constants shared by the eligibility tests."""

from __future__ import annotations

from tests.paths import KNOWLEDGE, ROOT

__all__ = ["GOOD_ENTRY", "KNOWLEDGE", "ROOT", "VYZVY"]

VYZVY = KNOWLEDGE / "vyzvy.yaml"

# One valid entry; tests break copies of it on purpose.
GOOD_ENTRY = """\
- id: test-vyzva
  name: "Testovací výzva"
  programme: OPST
  applicants: [obec, svazek]
  topics: [priroda]
  territory:
    type: kraj
    text: "Ústecký kraj."
  amount_min: 50000
  amount_max: 200000
  rate: "až 85 %"
  opens: 2025-01-01
  closes: 2025-06-30
  source: https://opst.cz/dotace/test/
  as_of: 2024-12-01
  note: "Jen pro testy."
"""
