"""``requirements.lock`` agrees with ``pyproject.toml``, so the README's commands install
what the suite last passed with.

The lock is written by pip-compile (the command is in its header and in the README).
A requirement added to or changed in ``pyproject.toml`` without refreshing the lock
fails here, before anyone installs a set of versions that CI never ran.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
REFRESH = re.compile(r"^#\s+(pip-compile .*)$", re.MULTILINE)


def locked_versions(text):
    """``{canonical name: version}`` of every ``name==version`` line of a lock."""
    pins = {}
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def project_requirements():
    """The install requirements and the ``test`` extra, as :class:`Requirement` objects."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = project["dependencies"] + project["optional-dependencies"]["test"]
    return [Requirement(text) for text in texts]


def disagreements(requirements, pins):
    """What the lock lacks or pins outside a requirement's range, one line each."""
    environment = default_environment() | {"extra": "test"}
    problems = []
    for requirement in requirements:
        if requirement.marker and not requirement.marker.evaluate(environment):
            continue
        name = canonicalize_name(requirement.name)
        if name not in pins:
            problems.append(f"{requirement.name}: not in the lock")
        elif not requirement.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{requirement.name}: locked {pins[name]}, pyproject asks "
                            f"{requirement.specifier}")
    return problems


def test_every_requirement_is_locked_within_its_range():
    problems = disagreements(project_requirements(), locked_versions(LOCK.read_text()))
    assert not problems, ("requirements.lock is stale; refresh it with the command in its "
                          "header (also in the README):\n" + "\n".join(problems))


def test_every_lock_line_is_an_exact_pin():
    lines = [line for line in LOCK.read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines and all(PIN.match(line) for line in lines), "a lock line is not name==version"


def test_the_readme_gives_the_refresh_command_and_both_commands_use_the_lock():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    refresh = REFRESH.search(LOCK.read_text())
    assert refresh, "the lock's header names no pip-compile command"
    assert refresh.group(1) in readme
    assert "pip install -c requirements.lock -e . && okraina serve" in readme
    assert "pip install -c requirements.lock -e '.[test]' && pytest" in readme


@pytest.mark.parametrize("requirement, pins, expected", [
    ("flask>=3.0,<4", {"flask": "3.1.3"}, []),
    ("flask>=3.0,<4", {"flask": "4.0.0"}, ["flask: locked 4.0.0, pyproject asks <4,>=3.0"]),
    ("Flask_Babel>=4", {}, ["Flask_Babel: not in the lock"]),
    ("psycopg[binary]>=3.1", {"psycopg": "3.2.0"}, []),
    ("tomli>=2; python_version < '3.0'", {}, []),
])
def test_disagreements_are_named(requirement, pins, expected):
    assert disagreements([Requirement(requirement)], pins) == expected
