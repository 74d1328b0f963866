from kd.core.text import albanian_sort_key, fold, slugify


def test_fold_removes_albanian_diacritics_and_case():
    assert fold("Prishtinë") == "prishtine"
    assert fold("ÇELIK Gjakovë") == "celik gjakove"
    assert fold("Priština") == "pristina"


def test_slugify_is_ascii_and_readable():
    assert slugify("Gjakovë & Pejë: 2026!") == "gjakove-peje-2026"
    assert slugify("   ") == ""
    assert slugify("Straße in Zürich") == "strasse-in-zurich"
    assert slugify("a" * 200, max_length=10) == "a" * 10


def test_albanian_sorting_follows_the_alphabet():
    words = ["Dhimitër", "Çelik", "Ëndrra", "Dardan", "Cena", "Erza", "Zhaku", "Zana"]
    assert sorted(words, key=albanian_sort_key) == [
        "Cena", "Çelik", "Dardan", "Dhimitër", "Erza", "Ëndrra", "Zana", "Zhaku"]
