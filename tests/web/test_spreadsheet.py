import pandas as pd

from web.spreadsheet import no_formula, no_formulas


def test_formula_like_text_is_quoted_and_numbers_are_not():
    assert no_formula("=1+1") == "'=1+1"
    assert no_formula("@SUM(A1)") == "'@SUM(A1)"
    assert no_formula("-cmd") == "'-cmd"
    assert no_formula("-5") == "-5" and no_formula("+1.5") == "+1.5"
    assert no_formula("plain") == "plain" and no_formula(None) is None


def test_frames_keep_numeric_columns_and_quote_a_text_index():
    frame = pd.DataFrame({"n": [-1, 2], "t": ["=x", "y"]}, index=pd.Index(["+a", "b"], name="id"))
    quoted = no_formulas(frame)
    assert quoted["n"].tolist() == [-1, 2] and quoted["t"].tolist() == ["'=x", "y"]
    assert quoted.index.tolist() == ["'+a", "b"] and quoted.index.name == "id"
