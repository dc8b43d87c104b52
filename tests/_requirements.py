"""Skip a test when an external component is missing, unless CI requires it.

``require(ok, reason, "OKRAINA_REQUIRE_BROWSER")`` skips with ``reason`` when ``ok``
is false, but fails instead when that environment variable is ``1``.
"""

import os

import pytest


def required(env_var):
    return os.environ.get(env_var, "").strip() == "1"


def require(condition, reason, env_var):
    if condition:
        return
    if required(env_var):
        pytest.fail(f"{reason} (and {env_var}=1 requires it)", pytrace=False)
    pytest.skip(f"{reason} (set {env_var}=1 to make this a failure)")
