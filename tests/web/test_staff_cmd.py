"""``okraina staff add`` (password prompted twice, stored hashed) and ``okraina staff purge``."""

from sqlalchemy import select

from web.ops.cli import main
from web.write.models import StaffAccount


def run(runner, tmp_path, *args, input=None):
    return runner.invoke(main, ["staff", *args], input=input, env={"OKRAINA_INSTANCE": str(tmp_path)})


def account(tmp_path, email):
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    engine = create_engine(f"sqlite:///{tmp_path / 'okraina.sqlite3'}")
    with Session(engine) as session:
        found = session.scalars(select(StaffAccount).where(StaffAccount.email == email)).first()
    engine.dispose()
    return found


def test_staff_add_prompts_twice_and_stores_a_scrypt_hash(runner, tmp_path):
    result = run(runner, tmp_path, "add", "Akim.Staff@example.kz", "--role", "admin",
                 input="a long staff password\na long staff password\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") + result.output.count("Repeat") >= 2
    stored = account(tmp_path, "akim.staff@example.kz")
    assert stored.role == "admin" and stored.password_hash.startswith("scrypt:")
    assert "a long staff password" not in stored.password_hash


def test_staff_add_refuses_a_short_or_mismatched_password(runner, tmp_path):
    assert run(runner, tmp_path, "add", "a@example.kz", input="short\nshort\n").exit_code == 1
    mismatch = run(runner, tmp_path, "add", "b@example.kz", input="a long staff password\nanother long one!\n"
                   "a long staff password\na long staff password\n")
    assert mismatch.exit_code == 0 and "do not match" in mismatch.output.lower()
    assert account(tmp_path, "a@example.kz") is None


def test_staff_purge_reports_what_it_deleted(runner, tmp_path):
    result = run(runner, tmp_path, "purge")
    assert result.exit_code == 0 and "older than 365 days" in result.output
