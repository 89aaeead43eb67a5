"""A small authoritative DNS server on 127.0.0.1 for the checks to ask.

Names it holds answer their records (or an empty answer for another
type); names it does not hold answer NXDOMAIN; `silent` names get no
answer at all, so the resolver times out.
"""

import socket
import threading

import dns.flags
import dns.message
import dns.rcode
import dns.rdataclass
import dns.rdatatype
import dns.rrset


def txt(*strings):
    """One TXT record made of these strings, as zone-file text."""
    return " ".join('"' + s.replace('"', '\\"') + '"' for s in strings)


class LocalDnsServer:
    def __init__(self):
        self.records = {}
        self.silent = set()
        self.queries = 0
        self._stop = threading.Event()
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self._socket.bind(("127.0.0.1", 0))
        self._socket.settimeout(0.1)
        self.port = self._socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def address(self):
        return f"127.0.0.1:{self.port}"

    def add(self, name, rdtype, *values):
        self.records.setdefault(name.lower(), {}).setdefault(rdtype, []).extend(values)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        self._thread.join(timeout=2)
        self._socket.close()

    def _serve(self):
        while not self._stop.is_set():
            try:
                wire, client = self._socket.recvfrom(4096)
            except TimeoutError:
                continue
            answer = self._answer(wire)
            if answer is not None:
                self._socket.sendto(answer, client)

    def _answer(self, wire):
        self.queries += 1
        query = dns.message.from_wire(wire)
        question = query.question[0]
        name = question.name.to_text(omit_final_dot=True).lower()
        if name in self.silent:
            return None
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        if name not in self.records:
            response.set_rcode(dns.rcode.NXDOMAIN)
            return response.to_wire()
        values = self.records[name].get(dns.rdatatype.to_text(question.rdtype), [])
        if values:
            response.answer.append(
                dns.rrset.from_text_list(
                    question.name, 300, dns.rdataclass.IN, question.rdtype, values
                )
            )
        return response.to_wire()
