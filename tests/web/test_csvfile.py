import io

import pandas as pd

from web.opendata.csvfile import excel_csv


def test_one_format_for_excel_in_russian_locales():
    frame = pd.DataFrame({"name": ["Ахмирово", "=HYPERLINK(\"x\")", "-1+2", "@SUM(A1)", "plain"],
                          "amount": [1.5, -2.25, 3.0, 4.0, 5.0]})
    text = excel_csv(frame)
    assert text.startswith("\ufeff") and "\r\n" in text
    assert text.splitlines()[0] == "\ufeffname;amount"
    back = pd.read_csv(io.StringIO(text[1:]), sep=";", decimal=",")
    assert list(back["name"]) == ["Ахмирово", "'=HYPERLINK(\"x\")", "'-1+2", "'@SUM(A1)", "plain"]
    assert list(back["amount"]) == [1.5, -2.25, 3.0, 4.0, 5.0]  # numbers stay numbers


def test_a_text_index_is_formula_safe_too():
    frame = pd.DataFrame({"n": [-1, 2]}, index=pd.Index(["=cmd", "b"], name="id"))
    rows = excel_csv(frame, index=True).lstrip("\ufeff").splitlines()
    assert rows[1:] == ["'=cmd;-1", "b;2"]
