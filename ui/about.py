"""The About box's text: what a support person asks for first."""

from __future__ import annotations

import html
import platform

from PySide6.QtCore import QCoreApplication

from models.app_info import app_version, database_in_use, log_path
from ui.words import spoken


def about_text() -> str:
    """The About box: the version, the database in use, where the log is, and the versions of
    what the program runs on — what a support person asks for first."""
    import PySide6
    from PySide6.QtCore import qVersion

    rows = [(QCoreApplication.translate("about", "Database"), spoken(database_in_use())),
            (QCoreApplication.translate("about", "Log"), str(log_path())),
            ("Python", platform.python_version()),
            ("Qt", f"{qVersion()} (PySide6 {PySide6.__version__})")]
    table = "".join(f"<tr><td style='padding-right:12px'><b>{html.escape(label)}</b></td>"
                    f"<td>{html.escape(value)}</td></tr>" for label, value in rows)
    summary = QCoreApplication.translate(
        "about", "How each client may be contacted, STOP/START enforced without exception, "
        "and the record of every consent.")
    return (f"<h3>Opt-In Desk {html.escape(app_version())}</h3>"
            f"<p>{html.escape(summary)}</p><table>{table}</table>")
