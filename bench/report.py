"""Writes one benchmark's section of docs/BENCHMARKS.md, leaving the others alone."""

import datetime
import os
import platform
import re
from pathlib import Path

DOC = Path(__file__).resolve().parent.parent / "docs" / "BENCHMARKS.md"
HEADER = ("# Benchmarks\n\nMeasured by the scripts in `bench/`; each compares against a named "
          "baseline in the same run. Figures are from a 2-core machine; rerun the command "
          "shown to refresh a section.\n")


def write_section(title, command, lines):
    """Replace (or append) the section ``## title`` with the given table lines."""
    text = DOC.read_text(encoding="utf-8") if DOC.exists() else HEADER
    machine = f"{os.cpu_count()} cores, Python {platform.python_version()}"
    body = "\n".join([f"## {title}", "", f"Command: `{command}`  ",
                      f"Measured: {datetime.date.today().isoformat()}, {machine}.", "",
                      *lines, ""])
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(body + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + body
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(text, encoding="utf-8")
