"""Staff accounts: add one, check a login with a lock-out kept in the database."""

from datetime import timedelta

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from web.write.models import StaffAccount, utcnow

ROLES = ("moderator", "admin")
MIN_PASSWORD_LENGTH = 12
# Checked when the e-mail is unknown, so a wrong address takes as long as a wrong password.
_DUMMY_HASH = generate_password_hash("not a password", method="scrypt")


class LoginRefused(Exception):
    """Wrong e-mail or password, or the account is locked (``locked`` is then True)."""

    def __init__(self, locked=False):
        super().__init__("locked" if locked else "wrong e-mail or password")
        self.locked = locked


def normal_email(email):
    return email.strip().lower()


def add_staff(db, email, password, role="moderator"):
    """Create an account (or reset the password and role of an existing one); return its id."""
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    email = normal_email(email)
    if "@" not in email or len(email) > 254:
        raise ValueError("give an e-mail address")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValueError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    with db.writing() as session:
        account = session.scalars(select(StaffAccount).where(StaffAccount.email == email)).first()
        if account is None:
            account = StaffAccount(email=email, role=role, password_hash="")
            session.add(account)
        account.password_hash = generate_password_hash(password, method="scrypt")
        account.role, account.active, account.failed_logins, account.locked_until = role, True, 0, None
        session.flush()
        return account.id


def authenticate(db, email, password, *, max_failures, lock_minutes):
    """The account for a correct login; :class:`LoginRefused` otherwise.

    After ``max_failures`` wrong passwords in a row the account is locked for
    ``lock_minutes``, in the database, so every worker refuses it.
    """
    with db.writing() as session:
        account = session.scalars(select(StaffAccount).where(
            StaffAccount.email == normal_email(email or ""))).first()
        refused = _check(account, password, max_failures, lock_minutes)
    if refused is not None:
        raise refused
    return account


def _check(account, password, max_failures, lock_minutes):
    """None for a correct login, else the LoginRefused to raise (after the commit)."""
    if account is None or not account.active:
        check_password_hash(_DUMMY_HASH, password or "")
        return LoginRefused()
    now = utcnow()
    if account.locked_until is not None and account.locked_until > now:
        return LoginRefused(locked=True)
    if not check_password_hash(account.password_hash, password or ""):
        account.failed_logins += 1
        if account.failed_logins >= max_failures:
            account.locked_until, account.failed_logins = now + timedelta(minutes=lock_minutes), 0
            return LoginRefused(locked=True)
        return LoginRefused()
    account.failed_logins, account.locked_until = 0, None
    return None


def get_account(db, account_id):
    with db.reading() as session:
        account = session.get(StaffAccount, account_id)
        return account if account is not None and account.active else None


def list_accounts(db):
    with db.reading() as session:
        return session.scalars(select(StaffAccount).order_by(StaffAccount.email)).all()


def set_active(db, account_id, active):
    with db.writing() as session:
        account = session.get(StaffAccount, account_id)
        if account is not None:
            account.active = active
