"""The mail catcher, slowed down and able to hold its clients still.

    python -m tests.e2e.parked_sink --port P --dir D --delay 0.01

Each RCPT waits `--delay` seconds. While the file `<dir>/../hold` exists,
every RCPT waits until it is removed: the clients then sit between two
messages (their last one accepted and recorded), so a test can kill them
at a known point. Messages are stored by `mailcatcher.sink`.
"""

import argparse
import asyncio
import logging
from pathlib import Path

from aiosmtpd.controller import Controller

from mailcatcher.sink import StoringHandler


class ParkingHandler(StoringHandler):
    def __init__(self, directory, delay):
        super().__init__(directory)
        self.delay = delay
        self.hold = Path(directory).parent / "hold"
        self.parked = Path(directory).parent / "parked"

    async def handle_RCPT(self, server, session, envelope, address, options):
        await asyncio.sleep(self.delay)
        while self.hold.exists():
            self.parked.touch()
            await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    parser.add_argument("--dir")
    parser.add_argument("--delay", type=float, default=0.01)
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    handler = ParkingHandler(args.dir, args.delay)
    controller = Controller(handler, hostname="127.0.0.1", port=args.port)
    controller.start()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
