"""A local SMTP sink: accepts every message and stores it as a .eml file.

    python -m mailcatcher.sink --port 1025 --dir var/mailcatcher

Used by `make run` as the mail catcher and by the process tests as the
real SMTP server campaigns are sent to. Files are written atomically
(temporary name, then rename), so a reader never sees half a message.
"""

import argparse
import asyncio
import logging
import os
import time
import uuid
from pathlib import Path

from aiosmtpd.controller import Controller

logger = logging.getLogger(__name__)


class StoringHandler:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        tmp = self.directory / f".{name}.tmp"
        # Keep the envelope too: Bcc and VERP addresses live only there.
        header = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        ).encode()
        tmp.write_bytes(header + envelope.original_content)
        os.replace(tmp, self.directory / f"{name}.eml")
        logger.info("stored message %s for %d recipients", name, len(envelope.rcpt_tos))
        return "250 Message accepted for delivery"


def serve(host, port, directory):
    controller = Controller(StoringHandler(directory), hostname=host, port=port)
    controller.start()
    logger.info("SMTP sink listening on %s:%s, storing in %s", host, port, directory)
    return controller


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=1025)
    parser.add_argument("--dir", default="var/mailcatcher")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s [sink] %(message)s")
    # aiosmtpd logs every connection at INFO, readiness probes included.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    controller = serve(args.host, args.port, args.dir)
    try:
        asyncio.run(asyncio.Event().wait())
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
