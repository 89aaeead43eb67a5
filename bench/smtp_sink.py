"""A minimal SMTP responder that accepts and discards, as fast as it can.

    python bench/smtp_sink.py --port 2626 --procs 4

Several processes share the port (SO_REUSEPORT), so the sink is never the
bottleneck of a benchmark. Each prints its count on SIGTERM. It offers
PIPELINING and 8BITMIME, as the providers' relays do; replies are written
in the order the commands arrive, so a pipelining client reads them all.
"""

import argparse
import asyncio
import multiprocessing
import os
import signal
import socket

END = b"\r\n.\r\n"
# asyncio's default 64 KiB stream limit is enough: a message is read whole.
LIMIT = 1 << 22


async def session(reader, writer, counter):
    # Replies wait while more pipelined commands are already read, then go
    # out in one write, as Postfix does: one small write after another
    # would wait on the client's delayed ACK (Nagle), 40 ms each time.
    replies = bytearray(b"220 bench ESMTP\r\n")

    async def answer():
        writer.write(bytes(replies))
        replies.clear()
        await writer.drain()

    while True:
        if not reader._buffer:  # nothing more is waiting to be read
            await answer()
        line = await reader.readline()
        if not line:
            break
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            replies += b"250-bench\r\n250-PIPELINING\r\n250 8BITMIME\r\n"
        elif verb == b"DATA":
            replies += b"354 go\r\n"
            await answer()
            await reader.readuntil(END)
            counter[0] += 1
            replies += b"250 2.0.0 Ok\r\n"
        elif verb == b"QUIT":
            replies += b"221 bye\r\n"
            await answer()
            break
        else:
            replies += b"250 Ok\r\n"
    writer.close()


async def serve(port, counter):
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", port))
    server = await asyncio.start_server(
        lambda r, w: session(r, w, counter), sock=sock, limit=LIMIT
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()


def run(port):
    counter = [0]
    asyncio.run(serve(port, counter))
    print(f"sink {os.getpid()} received {counter[0]}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--procs", type=int, default=4)
    args = parser.parse_args()
    procs = [
        multiprocessing.Process(target=run, args=(args.port,))
        for _ in range(args.procs)
    ]
    for proc in procs:
        proc.start()
    signal.signal(signal.SIGTERM, lambda *a: [p.terminate() for p in procs])
    for proc in procs:
        proc.join()


if __name__ == "__main__":
    main()
