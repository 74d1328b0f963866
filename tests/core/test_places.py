from kd.core.places import MUNICIPALITIES, countries, country_name, municipality, municipality_choices


def test_kosovo_is_a_country_in_both_languages():
    assert ("XK", "Kosovo") in countries("en")
    assert ("XK", "Kosovë") in countries("sq")
    assert country_name("xk", "sq") == "Kosovë"


def test_country_lists_hold_countries_only():
    codes = {code for code, _ in countries("en")}
    assert {"DE", "CH", "US", "SE"} <= codes
    assert not codes & {"EU", "UN", "ZZ", "QO"}
    assert len(codes) > 240


def test_albanian_country_list_is_sorted_in_albanian_order():
    names = [name for _, name in countries("sq")]
    assert names.index("Çeki") > names.index("Cuba") if "Cuba" in names else True
    assert names.index("Çeki") < names.index("Danimarkë")
    assert names.index("Zvicër") < names.index("Zhibuti") if "Zhibuti" in names else True


def test_there_are_38_municipalities_with_both_names():
    assert len(MUNICIPALITIES) == 38
    assert len({m.code for m in MUNICIPALITIES}) == 38
    assert municipality("gjakova").name("sq") == "Gjakovë"
    assert municipality("prishtina").name("en") == "Prishtina"
    assert municipality_choices("sq")[0][1] == "Deçan"
