"""Problems found in a data folder, and the error raised when some are fatal."""

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One problem in the data: where it is and what is wrong.

    ``row`` is 1-based (the first data row of a file is row 1; for CSV files this
    is the line after the header) or ``None`` for a file-level problem.
    """

    level: str
    file: str
    row: int | None
    id: str | None
    message: str

    @property
    def fatal(self):
        return self.level == ERROR

    def as_dict(self):
        return asdict(self)

    def __str__(self):
        where = self.file + (f", row {self.row}" if self.row is not None else "")
        who = f" [{self.id}]" if self.id not in (None, "") else ""
        return f"{self.level.upper()}: {where}{who}: {self.message}"


class ProblemLog:
    """Collects every problem instead of stopping at the first."""

    def __init__(self):
        self._items = []

    def error(self, file, message, row=None, id=None):
        self._items.append(Problem(ERROR, str(file), row, _text(id), message))

    def warning(self, file, message, row=None, id=None):
        self._items.append(Problem(WARNING, str(file), row, _text(id), message))

    def extend(self, problems):
        self._items.extend(problems)

    @property
    def problems(self):
        return tuple(self._items)

    @property
    def has_errors(self):
        return any(p.fatal for p in self._items)


def _text(value):
    if value is None:
        return None
    try:
        if value != value:  # NaN
            return None
    except TypeError:
        pass
    return str(value)


class DataError(Exception):
    """The data could not be loaded: ``problems`` holds every problem found."""

    def __init__(self, problems):
        self.problems = tuple(problems)
        errors = [p for p in self.problems if p.fatal]
        first = "; ".join(str(p) for p in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        super().__init__(f"{len(errors)} fatal problem(s) in the data: {first}{more}")
