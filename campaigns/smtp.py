"""One SMTP session reused for a whole batch, and what each reply means.

`Connection.send` answers an `Outcome` per message: accepted (250),
bounced (5xx for this recipient, at RCPT or after DATA), refused (5xx for
the sender at MAIL FROM: not the recipient's fault), or deferred (4xx,
421, a timeout, a connection that dropped and could not be re-opened). A
connection lost while a message was on its way is re-opened once and the
message sent again: the server never answered 250, so it was not
accepted. Refused authentication raises `AuthRefused`: no message of the
batch can go out until someone fixes the credentials.

When the server offers PIPELINING (RFC 2920), as every large provider
does, MAIL, RCPT and DATA leave in one write and their three replies are
read together: two round trips a message (the envelope, then the message)
instead of four, which on a link with 150 ms of latency halves the time a
connection spends on each message. The message itself
is written as it is unless a line starts with a dot, which SMTP doubles:
smtplib would run a substitution over the whole 50 KB to find none.
"""

import logging
import re
import smtplib
import socket
from dataclasses import dataclass

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

LEADING_DOT = re.compile(rb"(?m)^\.")


class AuthRefused(Exception):
    """The SMTP server refused our credentials; says what to fix."""


@dataclass(frozen=True)
class Outcome:
    ACCEPTED = "accepted"
    BOUNCED = "bounced"
    REFUSED = "refused"
    DEFERRED = "deferred"

    kind: str
    reply: str


def reply_text(code, text):
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return f"{code} {text}"


def classify(code, text, permanent_kind):
    reply = reply_text(code, text)
    if code == 250:
        return Outcome(Outcome.ACCEPTED, reply)
    if 500 <= code < 600:
        return Outcome(permanent_kind, reply)
    return Outcome(Outcome.DEFERRED, reply)


class Connection:
    def __init__(self, smtp_settings):
        self.settings = smtp_settings
        self.smtp = None
        # Whether a session ever worked: only then is a drop worth a retry.
        self.was_open = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def open(self):
        s = self.settings
        cls = smtplib.SMTP_SSL if s.use_ssl else smtplib.SMTP
        smtp = cls(s.host, s.port, timeout=s.timeout)
        # Commands are small writes answered before the next one: without
        # this, Nagle's algorithm can hold one for the peer's delayed ACK
        # (40 ms here), and a pipelined envelope waits on it every time.
        smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            if s.use_tls:
                smtp.starttls()
            if s.username:
                smtp.login(s.username, s.password)
            smtp.ehlo_or_helo_if_needed()
        except smtplib.SMTPAuthenticationError as error:
            smtp.close()
            raise AuthRefused(
                _(
                    "Le serveur d'envoi refuse l'identifiant ou le mot de passe SMTP "
                    "(%(reply)s) : corrigez-les puis reprenez l'envoi."
                )
                % {"reply": reply_text(error.smtp_code, error.smtp_error)}
            ) from None
        except BaseException:
            smtp.close()
            raise
        return smtp

    def send(self, envelope_from, recipient, data):
        for attempt in (1, 2):
            try:
                self.smtp = self.smtp or self.open()
                outcome = self.transaction(envelope_from, recipient, data)
            except (smtplib.SMTPServerDisconnected, ConnectionError) as error:
                self.close()
                # A slow server may still accept what timed out: wait for the
                # back-off rather than resend at once.
                if timed_out(error):
                    return Outcome(Outcome.DEFERRED, failure_text(TimeoutError()))
                if attempt == 1 and self.was_open:
                    logger.info("SMTP connection dropped, reconnecting")
                    continue
                return Outcome(Outcome.DEFERRED, failure_text(error))
            except (OSError, smtplib.SMTPException) as error:
                self.close()
                logger.warning("SMTP failure: %s", error.__class__.__name__)
                return Outcome(Outcome.DEFERRED, failure_text(error))
            if outcome.reply.startswith("421"):
                self.close()
            return outcome

    def transaction(self, envelope_from, recipient, data):
        self.was_open = True
        smtp = self.smtp
        if smtp.has_extn("pipelining") and (envelope_from + recipient).isascii():
            smtp.send(
                b"MAIL FROM:%s\r\nRCPT TO:%s\r\nDATA\r\n"
                % (quoted(envelope_from), quoted(recipient))
            )
            replies = []
            for _command in range(3):
                replies.append(smtp.getreply())
                if replies[-1][0] == 421:  # the server is closing: stop here
                    break
        else:
            replies = [smtp.mail(envelope_from)]
            if replies[0][0] == 250:
                replies.append(smtp.rcpt(recipient))
            if replies[-1][0] in (250, 251) and len(replies) == 2:
                smtp.putcmd("data")
                replies.append(smtp.getreply())
        return self.after_replies(replies, data)

    def after_replies(self, replies, data):
        """Send the message if MAIL, RCPT and DATA were all accepted."""
        (mail, mail_text), *rest = replies
        rcpt, rcpt_text = rest[0] if rest else (0, "")
        start, start_text = rest[1] if len(rest) > 1 else (0, "")
        if start == 354 and (mail != 250 or rcpt not in (250, 251)):
            # A server that opened DATA for a refused envelope gets an
            # empty message, then the session is reset.
            self.smtp.send(b".\r\n")
            self.smtp.getreply()
        if mail != 250:
            outcome = classify(mail, mail_text, Outcome.REFUSED)
        elif rcpt not in (250, 251):
            outcome = classify(rcpt, rcpt_text, Outcome.BOUNCED)
        elif start != 354:
            outcome = classify(start, start_text, Outcome.BOUNCED)
        else:
            self.smtp.send(smtp_payload(data))
            outcome = classify(*self.smtp.getreply(), Outcome.BOUNCED)
        if outcome.kind != Outcome.ACCEPTED:
            self.reset()
        return outcome

    def reset(self):
        try:
            self.smtp.rset()
        except (OSError, smtplib.SMTPException):
            self.close()

    def close(self):
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


def quoted(address):
    """<address> for MAIL and RCPT; smtplib's parser only for odd forms."""
    if "<" in address or ">" in address or " " in address:
        return smtplib.quoteaddr(address).encode()
    return b"<%s>" % address.encode()


def smtp_payload(data):
    """The message as DATA sends it: a dot starting a line doubled, then
    the closing CRLF . CRLF."""
    if data[:1] == b"." or b"\n." in data:
        data = LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def timed_out(error):
    return isinstance(error, TimeoutError) or isinstance(
        error.__context__, TimeoutError
    )


def failure_text(error):
    if isinstance(error, TimeoutError):
        return _("Délai dépassé : le serveur d'envoi ne répond pas.")
    return str(error) or error.__class__.__name__
