"""The --detect-language guess: it answers only when the text clearly says which language it is in."""
from __future__ import annotations

import pytest

from kd.wordpress.language import detect

ALBANIAN = ("Ajo u lind në Pejë dhe studioi për mjekësi në Zürich, ku sot punon si kirurge. Në vitin 2019 "
            "ajo fitoi një çmim për punën e saj me fëmijët që kanë ardhur nga Kosova.")
ENGLISH = ("She was born in Pejë and studied medicine in Zürich, where she now works as a surgeon. In 2019 "
           "she won an award for her work with the children who came from Kosovo.")


@pytest.mark.parametrize("text, expected", [
    (ALBANIAN, "sq"),
    (ENGLISH, "en"),
    (ENGLISH.replace("Pejë", "Prishtinë, Gjakovë, Ferizaj, Mitrovicë and Çakorr"), "en"),  # names with ë, ç
    ("Gëzuar!", ""),                         # too short to tell
    ("Jeta Hoti, Stockholm 2019", ""),
    (ALBANIAN + " " + ENGLISH, ""),          # half and half: neither leads
    ("", ""),
])
def test_detect(text, expected):
    assert detect(text) == expected


def test_a_language_the_site_does_not_have_is_no_answer():
    assert detect(ALBANIAN, languages=("en", "de")) == ""
