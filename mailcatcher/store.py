"""Read what the mail catcher stored: one .eml file per message.

The sink names files `<nanoseconds>-<8 hex>.eml`, so sorting names sorts by
arrival. Only names of that shape are ever opened, which keeps a crafted
id from reaching outside the catcher's folder.
"""

import email.parser
import email.policy
import re
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from pathlib import Path

from django.conf import settings

NAME = re.compile(r"^[0-9]{10,25}-[0-9a-f]{8}$")
# The list page parses headers only; two hundred messages keep it under a
# second on a slow disk and cover any demo or manual test session.
LIST_LIMIT = 200


@dataclass
class Summary:
    id: str
    date: object
    sender: str
    to: str
    subject: str


def directory():
    return Path(settings.MAILCATCHER_DIR)


def message_ids():
    """Ids of stored messages, newest first."""
    if not directory().is_dir():
        return []
    names = (p.stem for p in directory().glob("*.eml"))
    return sorted((n for n in names if NAME.match(n)), reverse=True)


def path_for(message_id):
    if not NAME.match(message_id):
        return None
    path = directory() / f"{message_id}.eml"
    return path if path.is_file() else None


def parse(raw, headers_only=False):
    parser = email.parser.BytesParser(policy=email.policy.default)
    return parser.parsebytes(raw, headersonly=headers_only)


def message_date(message):
    try:
        date = parsedate_to_datetime(message["Date"]) if message["Date"] else None
    except (TypeError, ValueError):
        return None
    # "-0000" means UTC with no local time known: parsed as naive.
    if date is not None and date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    return date


def summaries(limit=LIST_LIMIT):
    result = []
    for message_id in message_ids()[:limit]:
        path = path_for(message_id)
        if path is None:
            continue
        message = parse(path.read_bytes(), headers_only=True)
        result.append(
            Summary(
                id=message_id,
                date=message_date(message),
                sender=str(message["From"] or ""),
                to=str(message["To"] or message["X-Envelope-To"] or ""),
                subject=str(message["Subject"] or ""),
            )
        )
    return result


def body_text(message, subtype):
    part = message.get_body(preferencelist=(subtype,))
    if part is None:
        return ""
    try:
        return part.get_content()
    except (LookupError, UnicodeDecodeError):
        return part.get_payload(decode=True).decode("utf-8", errors="replace")


def attachments(message):
    return [
        {
            "filename": part.get_filename() or "",
            "content_type": part.get_content_type(),
            "size": len(part.get_payload(decode=True) or b""),
        }
        for part in message.iter_attachments()
    ]


def load(message_id):
    """Everything about one stored message, or None if there is no such id."""
    path = path_for(message_id)
    if path is None:
        return None
    raw = path.read_bytes()
    message = parse(raw)
    return {
        "id": message_id,
        "date": message_date(message),
        "subject": str(message["Subject"] or ""),
        "headers": [(name, str(value)) for name, value in message.items()],
        "text": body_text(message, "plain"),
        "html": body_text(message, "html"),
        "attachments": attachments(message),
        "raw": raw.decode("utf-8", errors="replace"),
    }


def clear():
    """Delete every stored message; the number deleted."""
    deleted = 0
    for message_id in message_ids():
        path = path_for(message_id)
        if path is not None:
            path.unlink(missing_ok=True)
            deleted += 1
    return deleted
