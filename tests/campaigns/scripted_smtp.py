"""An SMTP server whose misbehaviour a test scripts, in a thread.

    with ScriptedSmtp(defer_first=2, bounce={"x@example.test"}) as server:
        settings.EMAIL_PORT = server.port

It speaks just enough SMTP for smtplib on 127.0.0.1 and records what it
accepted per envelope recipient, with the envelope sender and the bytes.
"""

import asyncio
import threading
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Script:
    defer_first: int = 0  # answer 451 to the first N DATA commands
    defer_reply: str = "451 4.3.0 Mailbox busy, try again later"
    bounce: set = field(default_factory=set)  # 550 at RCPT for these
    bounce_after_data: set = field(default_factory=set)  # 554 after DATA
    drop_after: int = 0  # close the connection after K accepted, once
    delay: float = 0.0  # seconds before answering each DATA
    reject_auth: bool = False  # advertise AUTH and refuse every attempt
    shutdown_first: int = 0  # answer 421 to the first N MAIL commands
    pipelining: bool = False  # advertise PIPELINING (RFC 2920)


class ScriptedSmtp:
    def __init__(self, **script):
        self.script = Script(**script)
        self.accepted = []  # (envelope from, recipient, data)
        self.sessions = 0
        self.open_sessions = 0
        self.max_open_sessions = 0
        self.deferred = 0
        self.dropped = False
        self.shutdowns = 0
        # MAIL commands that arrived with the rest of the envelope already
        # behind them, before their reply was written: pipelined ones.
        self.pipelined = 0
        self.ready = threading.Event()

    def __enter__(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        self.ready.wait(5)
        return self

    def __exit__(self, *exc):
        self.loop.call_soon_threadsafe(self.stop_event.set)
        self.thread.join(5)

    def per_recipient(self):
        return Counter(rcpt for _from, rcpt, _data in self.accepted)

    def run(self):
        self.loop = asyncio.new_event_loop()
        self.loop.run_until_complete(self.serve())

    async def serve(self):
        self.stop_event = asyncio.Event()
        server = await asyncio.start_server(self.session, "127.0.0.1", 0)
        self.port = server.sockets[0].getsockname()[1]
        self.ready.set()
        async with server:
            await self.stop_event.wait()
        sessions = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in sessions:
            task.cancel()
        await asyncio.gather(*sessions, return_exceptions=True)

    async def session(self, reader, writer):
        self.sessions += 1
        self.open_sessions += 1
        self.max_open_sessions = max(self.max_open_sessions, self.open_sessions)
        try:
            await Session(self, reader, writer).run()
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            self.open_sessions -= 1
            writer.close()


class Session:
    def __init__(self, server, reader, writer):
        self.server, self.script = server, server.script
        self.reader, self.writer = reader, writer
        self.mail_from, self.rcpt = None, None

    async def reply(self, *lines):
        self.writer.write("".join(line + "\r\n" for line in lines).encode())
        await self.writer.drain()

    async def run(self):
        await self.reply("220 scripted.test ESMTP")
        while True:
            line = (await self.reader.readline()).decode(errors="replace").strip()
            if not line:
                return
            verb, _sp, arg = line.partition(" ")
            handler = getattr(self, "on_" + verb.lower(), None)
            if handler is None:
                await self.reply("502 5.5.2 Command not implemented")
            elif await handler(arg) is False:
                return

    async def on_ehlo(self, arg):
        lines = ["250-scripted.test"]
        if self.script.reject_auth:
            lines.append("250-AUTH PLAIN LOGIN")
        if self.script.pipelining:
            lines.append("250-PIPELINING")
        await self.reply(*lines, "250 8BITMIME")

    on_helo = on_ehlo

    async def on_auth(self, arg):
        await self.reply("535 5.7.8 Authentication credentials invalid")

    async def on_mail(self, arg):
        if b"RCPT" in bytes(self.reader._buffer):
            self.server.pipelined += 1
        if self.server.shutdowns < self.script.shutdown_first:
            self.server.shutdowns += 1
            await self.reply("421 4.3.2 Service shutting down")
            return False
        self.mail_from = arg.removeprefix("FROM:").strip("<> ").split(">")[0]
        await self.reply("250 2.1.0 Ok")

    async def on_rcpt(self, arg):
        rcpt = arg.removeprefix("TO:").strip().strip("<>")
        if rcpt in self.script.bounce:
            await self.reply("550 5.1.1 No such user here")
            return
        self.rcpt = rcpt
        await self.reply("250 2.1.5 Ok")

    async def on_data(self, arg):
        if self.rcpt is None:
            await self.reply("554 5.5.1 No valid recipients")
            return
        await self.reply("354 End data with <CR><LF>.<CR><LF>")
        data = await self.reader.readuntil(b"\r\n.\r\n")
        if self.script.delay:
            await asyncio.sleep(self.script.delay)
        data = (b"\r\n" + data[:-5]).replace(b"\r\n..", b"\r\n.")[2:]
        return await self.after_data(data + b"\r\n")

    async def after_data(self, data):
        server, script = self.server, self.script
        if server.deferred < script.defer_first:
            server.deferred += 1
            await self.reply(script.defer_reply)
        elif self.rcpt in script.bounce_after_data:
            await self.reply("554 5.7.1 Message refused for this recipient")
        elif (
            script.drop_after
            and len(server.accepted) == script.drop_after
            and (not server.dropped)
        ):
            server.dropped = True
            return False
        else:
            server.accepted.append((self.mail_from, self.rcpt, data))
            await self.reply("250 2.0.0 Ok: queued")

    async def on_rset(self, arg):
        self.mail_from, self.rcpt = None, None
        await self.reply("250 2.0.0 Ok")

    async def on_noop(self, arg):
        await self.reply("250 2.0.0 Ok")

    async def on_quit(self, arg):
        await self.reply("221 2.0.0 Bye")
        return False
