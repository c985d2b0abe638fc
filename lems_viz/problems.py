"""What is wrong with a data folder, one problem per line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as possible.

    Attributes
    ----------
    file : str
        File name inside the data folder (or its full path, once the command line adds it).
    row : int or None
        Line number in the file (the header is line 1), when the problem has one.
    column : str or None
        Column name, when the problem has one.
    rule : str
        Short name of the rule that was broken (for example ``maximum``).
    message : str
        The problem in plain words.
    key : str or None
        The descriptor key, such as ``resources[3].path``, for a problem in ``datapackage.json``.
    """

    file: str
    row: int | None
    column: str | None
    rule: str
    message: str
    key: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.key:
            where.append(f"key '{self.key}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        line = f"{', '.join(where)}: {self.message} [{self.rule}]"
        # One problem, one line: whatever a file held, nothing reaches the terminal as a control code.
        return "".join(c if c.isprintable() or c == " " else f"\\x{ord(c):02x}" for c in line)


class DataError(ValueError):
    """Raised when the data breaks its rules; ``problems`` holds every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
