"""DNS verification of a sender domain: SPF, DKIM, DMARC and MX.

Each check answers a `CheckResult`: a status, a message in plain French
saying what is wrong, and the record to publish instead. The resolver is
injectable (`make_resolver(["127.0.0.1:5353"])`) so tests ask a local
server; by default it asks settings.DNS_NAMESERVERS or the system's.
"""

import ipaddress
import logging
import re
from dataclasses import dataclass

import dns.exception
import dns.resolver
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import dkim
from .models import CheckKind, CheckStatus, DnsCheck, SenderDomain
from .notifications import send_regression_notice

logger = logging.getLogger(__name__)

# RFC 7208, 4.6.4: more DNS-querying terms than this and receivers answer
# "permerror", which most of them treat as a failed SPF check.
SPF_LOOKUP_LIMIT = 10
# RFC 7208, 4.6.4: lookups answering no record ("void") beyond this are a
# permerror too; the limit stops records that make receivers chase names
# that do not exist.
SPF_VOID_LIMIT = 2
# Includes nested deeper than this are abandoned: real records nest two
# or three levels, and a loop must not run forever.
SPF_MAX_DEPTH = 10
SPF_LOOKUP_TERMS = {"include", "a", "mx", "ptr", "exists"}
SPF_MECHANISMS = SPF_LOOKUP_TERMS | {"all", "ip4", "ip6"}
DMARC_POLICIES = {"none", "quarantine", "reject"}


@dataclass
class CheckResult:
    kind: str
    status: str
    message: str
    expected_record: str = ""

    @property
    def ok(self):
        return self.status == CheckStatus.OK


class DnsUnavailable(Exception):
    """The DNS servers did not answer in time."""


class SpfError(Exception):
    """A malformed SPF record, or an include that does not resolve."""


def make_resolver(nameservers=None, timeout=None):
    """A resolver asking `nameservers` ("IP" or "IP:port") or the system's."""
    nameservers = settings.DNS_NAMESERVERS if nameservers is None else nameservers
    resolver = dns.resolver.Resolver(configure=not nameservers)
    if nameservers:
        addresses = [_split_server(server) for server in nameservers]
        resolver.nameservers = [ip for ip, _port in addresses]
        resolver.port = addresses[0][1]
    resolver.timeout = resolver.lifetime = timeout or settings.DNS_TIMEOUT
    return resolver


def _split_server(server):
    # "IP:port" for IPv4 only; a bare IPv6 address has several colons.
    if server.count(":") != 1:
        return server, 53
    host, _sep, port = server.partition(":")
    return host, int(port)


def txt_records(resolver, name):
    """Each TXT record at `name`, its strings joined; [] if none."""
    try:
        answer = resolver.resolve(name, "TXT")
    except dns.resolver.NoAnswer:
        return []
    except (dns.exception.Timeout, dns.resolver.NoNameservers) as error:
        raise DnsUnavailable(name) from error
    return [b"".join(rdata.strings).decode("utf-8", "replace") for rdata in answer]


def txt_records_if_any(resolver, name):
    """Like txt_records, with a name missing from the DNS read as none."""
    try:
        return txt_records(resolver, name)
    except dns.resolver.NXDOMAIN:
        return []


# SPF ---------------------------------------------------------------------


@dataclass
class SpfTerm:
    qualifier: str
    name: str
    value: str


def parse_spf(record):
    """The terms of a `v=spf1` record; SpfError says which term is wrong."""
    return [_parse_term(token) for token in record.split()[1:]]


def _parse_term(token):
    modifier = re.fullmatch(r"([a-zA-Z][a-zA-Z0-9_.-]*)=(.*)", token)
    if modifier:
        return SpfTerm("", modifier[1].lower(), modifier[2])

    qualifier = token[0] if token[0] in "+-~?" else ""
    body = token[len(qualifier) :]
    name = re.match(r"[a-zA-Z0-9]*", body)[0].lower()
    value = body[len(name) :]
    if name not in SPF_MECHANISMS:
        raise SpfError(_("le terme « %(term)s » n'existe pas") % {"term": token})
    if value.startswith(":"):
        value = value[1:]
    _check_value(name, value, token)
    return SpfTerm(qualifier or "+", name, value)


def _check_value(name, value, token):
    wrong = _("le terme « %(term)s » est mal écrit") % {"term": token}
    if name == "all" and value:
        raise SpfError(wrong)
    if name in {"include", "exists"} and not value:
        raise SpfError(wrong)
    if name in {"ip4", "ip6"}:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            raise SpfError(wrong) from None


def spf_records(resolver, name):
    return [
        record
        for record in txt_records(resolver, name)
        if re.match(r"v=spf1(\s|$)", record, re.IGNORECASE)
    ]


def count_lookups(terms, resolver, depth=0, seen=None, domain="", voids=None):
    """(DNS lookups, every domain included) for `terms`, nesting counted.

    With `voids` (a list) and the record's `domain`, the a, mx and exists
    terms are resolved too, and each one answering nothing is appended to
    `voids` (RFC 7208, 4.6.4).
    """
    seen = set() if seen is None else seen
    total, included = 0, set()
    for term in terms:
        if term.name not in SPF_LOOKUP_TERMS and term.name != "redirect":
            continue
        total += 1
        if term.name in {"include", "redirect"} and total <= SPF_LOOKUP_LIMIT:
            included.add(term.value.lower())
            nested, more = _nested_lookups(term, resolver, depth, seen, voids)
            total += nested
            included |= more
        elif voids is not None and total <= SPF_LOOKUP_LIMIT:
            if _is_void(term, domain, resolver):
                voids.append(_term_text(term, domain))
    return total, included


def _nested_lookups(term, resolver, depth, seen, voids=None):
    target = term.value.lower()
    if target in seen or depth >= SPF_MAX_DEPTH:
        return 0, set()
    seen.add(target)
    try:
        records = spf_records(resolver, target)
    except dns.resolver.NXDOMAIN:
        records = []
    if len(records) != 1:
        raise SpfError(
            _("%(term)s:%(target)s ne renvoie pas un enregistrement SPF valide")
            % {"term": term.name, "target": target}
        )
    terms = parse_spf(records[0])
    return count_lookups(terms, resolver, depth + 1, seen, target, voids)


# The lookup each void-checkable term makes, and what an empty answer is.
VOID_QUERIES = {"a": ("A", "AAAA"), "mx": ("MX",), "exists": ("A",)}


def _is_void(term, domain, resolver):
    """Whether the term's lookup answers NXDOMAIN or no record at all."""
    if term.name not in VOID_QUERIES:
        return False
    target = _term_target(term, domain)
    if not target or "%" in target:
        # Macros (%{i}...) depend on the sender: nothing to resolve here.
        return False
    return not _answers(resolver, target, VOID_QUERIES[term.name])


def _term_target(term, domain):
    # "a", "a:host", "a/24", "a:host/24//64": the name before any prefix.
    return (term.value.split("/")[0] or domain).lower().rstrip(".")


def _term_text(term, domain):
    return f"{term.name}:{_term_target(term, domain)}"


def required_includes(sender_domain):
    """Each include the record needs, as a tuple of accepted names."""
    required = []
    if sender_domain.preset.spf_includes:
        required.append(sender_domain.preset.spf_includes)
    if settings.PLATFORM_SPF_INCLUDE:
        required.append((settings.PLATFORM_SPF_INCLUDE,))
    return required


def suggested_spf(required, records=()):
    """One record keeping what the current ones allow, plus what is missing."""
    kept, ending = [], "~all"
    for record in records:
        for token in record.split()[1:]:
            bare = token.lstrip("+-~?").lower()
            if bare == "all":
                ending = "-all" if token.startswith("-") else ending
            elif not bare.startswith("redirect=") and token not in kept:
                kept.append(token)
    present = {token.lower() for token in kept}
    missing = [
        f"include:{names[0]}"
        for names in required
        if not any(f"include:{name}" in present for name in names)
    ]
    return " ".join(["v=spf1", *missing, *kept, ending])


def check_spf(sender_domain, resolver):
    required = required_includes(sender_domain)
    try:
        records = spf_records(resolver, sender_domain.domain)
    except dns.resolver.NXDOMAIN:
        return _domain_missing(CheckKind.SPF, sender_domain.domain)
    except DnsUnavailable:
        return _unavailable(CheckKind.SPF)

    suggestion = suggested_spf(required, sorted(records))
    if not records:
        message = _(
            "Aucun enregistrement SPF sur %(domain)s : les destinataires ne "
            "savent pas quels serveurs peuvent envoyer pour vous. Publiez ce TXT."
        ) % {"domain": sender_domain.domain}
        return CheckResult(CheckKind.SPF, CheckStatus.ERROR, message, suggestion)
    if len(records) > 1:
        message = _(
            "%(count)s enregistrements SPF sur %(domain)s : un seul est permis, "
            "sinon les destinataires les ignorent tous. Remplacez-les par "
            "celui-ci, qui les réunit."
        ) % {"count": len(records), "domain": sender_domain.domain}
        return CheckResult(CheckKind.SPF, CheckStatus.ERROR, message, suggestion)
    return _judge_spf(records[0], required, resolver, suggestion, sender_domain.domain)


def _judge_spf(record, required, resolver, suggestion, domain=""):
    voids = []
    try:
        terms = parse_spf(record)
        lookups, included = count_lookups(terms, resolver, domain=domain, voids=voids)
    except SpfError as error:
        message = _("Votre enregistrement SPF est invalide : %(why)s.") % {"why": error}
        return CheckResult(CheckKind.SPF, CheckStatus.ERROR, message, suggestion)
    except DnsUnavailable:
        return _unavailable(CheckKind.SPF)

    problems = _spf_problems(terms, lookups, included, required)
    if len(voids) > SPF_VOID_LIMIT:
        problems.append(_void_problem(voids))
        suggestion = suggested_spf(required, [_without(record, voids, domain)])
    if problems:
        message = " ".join(problems)
        return CheckResult(CheckKind.SPF, CheckStatus.ERROR, message, suggestion)
    message = ngettext(
        "SPF correct (%(count)s requête DNS sur 10 permises).",
        "SPF correct (%(count)s requêtes DNS sur 10 permises).",
        lookups,
    ) % {"count": lookups}
    return CheckResult(CheckKind.SPF, CheckStatus.OK, message)


def _spf_problems(terms, lookups, included, required):
    problems = []
    for names in required:
        if not included & set(names):
            problems.append(
                _("Il manque « include:%(name)s », nécessaire à votre fournisseur.")
                % {"name": names[0]}
            )
    if lookups > SPF_LOOKUP_LIMIT:
        problems.append(
            _(
                "Votre SPF demande %(count)s requêtes DNS (includes imbriqués "
                "compris) alors que la limite est de 10 : les destinataires le "
                "rejettent. Retirez les include des services que vous "
                "n'utilisez plus, ou remplacez-les par leurs adresses ip4:."
            )
            % {"count": lookups}
        )
    problems.extend(_ending_problems(terms))
    return problems


def _void_problem(voids):
    return _(
        "%(count)s termes de votre SPF renvoient à des noms qui n'existent pas "
        "ou n'ont aucun enregistrement (%(terms)s) : au-delà de 2, les "
        "destinataires rejettent le SPF (RFC 7208, 4.6.4). Retirez-les."
    ) % {"count": len(voids), "terms": ", ".join(voids)}


def _without(record, voids, domain):
    """The record minus its own terms that are void (nested ones stay)."""
    void = set(voids)
    kept = [record.split()[0]]
    for token in record.split()[1:]:
        try:
            term = _parse_term(token)
        except SpfError:
            kept.append(token)
            continue
        if term.name in VOID_QUERIES and _term_text(term, domain) in void:
            continue
        kept.append(token)
    return " ".join(kept)


def _ending_problems(terms):
    endings = [term for term in terms if term.name == "all"]
    redirect = any(term.name == "redirect" for term in terms)
    if not endings:
        if redirect:
            return []
        return [_("Le SPF doit se terminer par « ~all » ou « -all ».")]
    if endings[-1].qualifier == "+":
        return [
            _(
                "« +all » autorise n'importe quel serveur du monde à envoyer "
                "en votre nom : remplacez-le par « ~all » ou « -all »."
            )
        ]
    if endings[-1].qualifier == "?":
        return [_("« ?all » ne protège rien : remplacez-le par « ~all » ou « -all ».")]
    return []


# DKIM --------------------------------------------------------------------


def dkim_tags(record):
    tags = {}
    for part in record.split(";"):
        name, sep, value = part.partition("=")
        if sep:
            tags[name.strip().lower()] = value.strip()
    return tags


def check_dkim(sender_domain, resolver):
    name = dkim.record_name(sender_domain.dkim_selector, sender_domain.domain)
    expected = dkim.txt_record(sender_domain.dkim_public_key)
    try:
        records = txt_records_if_any(resolver, name)
    except DnsUnavailable:
        return _unavailable(CheckKind.DKIM)

    if not records:
        message = _(
            "Aucun enregistrement TXT à %(name)s : sans lui, vos emails ne "
            "peuvent pas prouver qu'ils viennent de vous. Publiez ce TXT."
        ) % {"name": name}
        return CheckResult(CheckKind.DKIM, CheckStatus.ERROR, message, expected)
    keys = [_published_key(record) for record in records]
    if sender_domain.dkim_public_key in keys:
        message = _("DKIM correct : la clé publiée à %(name)s est la nôtre.") % {
            "name": name
        }
        return CheckResult(CheckKind.DKIM, CheckStatus.OK, message)
    return CheckResult(
        CheckKind.DKIM, CheckStatus.ERROR, _dkim_mismatch(name, keys), expected
    )


def _published_key(record):
    tags = dkim_tags(record)
    if "p" not in tags:
        return None
    return re.sub(r"\s+", "", tags["p"])


def _dkim_mismatch(name, keys):
    if all(key is None for key in keys):
        return _(
            "L'enregistrement à %(name)s n'est pas une clé DKIM (pas de « p= ») : "
            "remplacez-le par celui-ci."
        ) % {"name": name}
    if "" in keys:
        return _("La clé publiée à %(name)s est vide (révoquée).") % {"name": name}
    return _(
        "La clé publiée à %(name)s ne correspond pas à la nôtre (copie "
        "incomplète ou ancienne clé ?) : remplacez-la par celle-ci, en entier."
    ) % {"name": name}


# DMARC -------------------------------------------------------------------


def suggested_dmarc(domain):
    return f"v=DMARC1; p=quarantine; rua=mailto:dmarc@{domain}; adkim=r; aspf=r"


def check_dmarc(sender_domain, resolver):
    name = f"_dmarc.{sender_domain.domain}"
    expected = suggested_dmarc(sender_domain.domain)
    try:
        records = txt_records_if_any(resolver, name)
    except DnsUnavailable:
        return _unavailable(CheckKind.DMARC)

    records = [r for r in records if re.match(r"v=DMARC1\s*(;|$)", r, re.I)]
    if not records:
        message = _(
            "Aucun enregistrement DMARC à %(name)s : Gmail et Yahoo l'exigent "
            "des expéditeurs en nombre. Publiez ce TXT."
        ) % {"name": name}
        return CheckResult(CheckKind.DMARC, CheckStatus.ERROR, message, expected)
    if len(records) > 1:
        message = _(
            "%(count)s enregistrements DMARC à %(name)s : un seul est permis, "
            "sinon ils sont tous ignorés. Gardez-en un seul."
        ) % {"count": len(records), "name": name}
        return CheckResult(CheckKind.DMARC, CheckStatus.ERROR, message, expected)
    return _judge_dmarc(dkim_tags(records[0]), expected, records[0])


def _judge_dmarc(tags, expected, record=""):
    policy = tags.get("p", "").lower()
    if policy not in DMARC_POLICIES:
        message = _(
            "La politique DMARC « p= » manque ou est invalide (« %(value)s ») : "
            "elle doit valoir none, quarantine ou reject."
        ) % {"value": tags.get("p", "")}
        return CheckResult(CheckKind.DMARC, CheckStatus.ERROR, message, expected)

    pct = tags.get("pct")
    if pct is not None and not _valid_pct(pct):
        message = _(
            "La valeur « pct=%(value)s » est invalide : pct est un nombre "
            "entier de 0 à 100, le pourcentage d'emails en échec soumis à la "
            "politique. Publiez cet enregistrement, qui l'applique à tous."
        ) % {"value": pct}
        fixed = _with_pct(record, "100") if record else expected
        return CheckResult(CheckKind.DMARC, CheckStatus.ERROR, message, fixed)

    explained = _policy_explanation(policy)
    reports = _reports_note(tags.get("rua", ""))
    message = f"{explained} {reports}"
    if policy == "none":
        return CheckResult(CheckKind.DMARC, CheckStatus.WARNING, message, expected)
    if pct is not None and int(pct) < 100:
        message = f"{_partial_pct_note(policy, int(pct))} {message}"
        fixed = _with_pct(record, "100") if record else expected
        return CheckResult(CheckKind.DMARC, CheckStatus.WARNING, message, fixed)
    return CheckResult(CheckKind.DMARC, CheckStatus.OK, message)


def _valid_pct(value):
    """RFC 7489, 6.3: pct is a whole number from 0 to 100."""
    return bool(re.fullmatch(r"\d{1,3}", value)) and int(value) <= 100


def _partial_pct_note(policy, pct):
    return _(
        "« pct=%(pct)s » : seuls %(pct)s %% des emails qui échouent à DMARC "
        "reçoivent la politique « %(policy)s », les autres passent comme avec "
        "une politique plus faible. Quand vos rapports sont propres, passez à "
        "pct=100 (ou retirez pct)."
    ) % {"pct": pct, "policy": policy}


def _with_pct(record, value):
    """The record with its pct= tag set to `value`, other tags as they are."""
    parts = [part.strip() for part in record.split(";") if part.strip()]
    fixed = [
        f"pct={value}" if part.partition("=")[0].strip().lower() == "pct" else part
        for part in parts
    ]
    return "; ".join(fixed)


def _policy_explanation(policy):
    if policy == "none":
        return _(
            "Politique « none » : les destinataires vous envoient des rapports "
            "mais laissent passer les emails qui usurpent votre domaine. Une "
            "fois les rapports propres, passez à « p=quarantine »."
        )
    if policy == "quarantine":
        return _(
            "Politique « quarantine » : un email qui prétend venir de vous "
            "sans passer SPF ni DKIM va dans les indésirables."
        )
    return _(
        "Politique « reject » : un email qui prétend venir de vous sans "
        "passer SPF ni DKIM est refusé. C'est la protection la plus forte."
    )


def _reports_note(rua):
    if not rua:
        return _(
            "Aucune adresse « rua= » : vous ne recevrez pas les rapports qui "
            "montrent qui envoie en votre nom."
        )
    return _("Rapports envoyés à %(rua)s.") % {"rua": rua}


# MX ----------------------------------------------------------------------


def check_mx(sender_domain, resolver):
    domain = sender_domain.reply_domain
    try:
        answer = resolver.resolve(domain, "MX")
        hosts = sorted(answer, key=lambda mx: mx.preference)
    except (dns.resolver.NXDOMAIN, dns.resolver.NoAnswer):
        hosts = []
    except (dns.exception.Timeout, dns.resolver.NoNameservers):
        return _unavailable(CheckKind.MX)

    names = [mx.exchange.to_text(omit_final_dot=True) for mx in hosts]
    if not names or names == [""]:
        message = _(
            "Aucun serveur de messagerie (MX) pour %(domain)s : les réponses de "
            "vos destinataires seront perdues. Ajoutez les MX de votre "
            "messagerie, ou choisissez une adresse de réponse sur un autre "
            "domaine."
        ) % {"domain": domain}
        return CheckResult(CheckKind.MX, CheckStatus.ERROR, message)
    try:
        unresolved = [name for name in names if not _has_address(resolver, name)]
    except DnsUnavailable:
        return _unavailable(CheckKind.MX)
    if unresolved:
        return _unresolved_mx(domain, names, unresolved)
    message = _("Les réponses arrivent sur %(hosts)s.") % {"hosts": ", ".join(names)}
    return CheckResult(CheckKind.MX, CheckStatus.OK, message)


def _has_address(resolver, name):
    """Whether a mail server's name resolves to an A or AAAA record."""
    return _answers(resolver, name, ("A", "AAAA"))


def _answers(resolver, name, rdtypes):
    """Whether `name` has a record of one of `rdtypes`; False as soon as
    the name does not exist. A server that cannot answer raises."""
    for rdtype in rdtypes:
        try:
            resolver.resolve(name, rdtype)
            return True
        except dns.resolver.NXDOMAIN:
            return False
        except dns.resolver.NoAnswer:
            continue
        except (dns.exception.Timeout, dns.resolver.NoNameservers) as error:
            raise DnsUnavailable(name) from error
    return False


def _unresolved_mx(domain, names, unresolved):
    """Every MX name dead is an error; some, a warning (the others receive)."""
    hosts = ", ".join(unresolved)
    if len(unresolved) == len(names):
        message = _(
            "Les serveurs MX de %(domain)s (%(hosts)s) n'ont pas d'adresse "
            "(aucun enregistrement A ni AAAA) : les réponses de vos "
            "destinataires seront perdues. Corrigez le nom des MX ou ajoutez "
            "leurs adresses."
        ) % {"domain": domain, "hosts": hosts}
        return CheckResult(CheckKind.MX, CheckStatus.ERROR, message)
    message = ngettext(
        "Le serveur MX %(hosts)s n'a pas d'adresse (aucun enregistrement A "
        "ni AAAA) : les réponses passent par les autres, avec du retard. "
        "Corrigez-le ou retirez-le.",
        "Les serveurs MX %(hosts)s n'ont pas d'adresse (aucun enregistrement "
        "A ni AAAA) : les réponses passent par les autres, avec du retard. "
        "Corrigez-les ou retirez-les.",
        len(unresolved),
    ) % {"hosts": hosts}
    return CheckResult(CheckKind.MX, CheckStatus.WARNING, message)


# Shared answers ----------------------------------------------------------


def _domain_missing(kind, domain):
    message = _(
        "Le domaine %(domain)s n'existe pas dans le DNS : vérifiez son "
        "orthographe, ou qu'il est bien enregistré chez votre registraire."
    ) % {"domain": domain}
    return CheckResult(kind, CheckStatus.ERROR, message)


def _unavailable(kind):
    message = _(
        "Les serveurs DNS n'ont pas répondu à temps : rien n'a pu être "
        "vérifié. Réessayez dans quelques minutes."
    )
    return CheckResult(kind, CheckStatus.PENDING, message)


# Verification ------------------------------------------------------------

CHECKS = (check_spf, check_dkim, check_dmarc, check_mx)


def run_checks(sender_domain, resolver=None):
    resolver = resolver or make_resolver()
    return [check(sender_domain, resolver) for check in CHECKS]


def verify_domain(sender_domain, resolver=None):
    """Run every check, store the results, and flag a regression."""
    results = run_checks(sender_domain, resolver)

    with transaction.atomic():
        store_results(sender_domain, results)
        regressed = _update_verification(sender_domain, results)

    logger.info(
        "sender domain %s checked: %s",
        sender_domain.pk,
        ", ".join(f"{r.kind}={r.status}" for r in results),
    )
    if regressed:
        logger.warning("sender domain %s regressed", sender_domain.pk)
        transaction.on_commit(lambda: _notify(sender_domain.pk))
    return results


def store_results(sender_domain, results):
    now = timezone.now()
    for result in results:
        DnsCheck.objects.update_or_create(
            sender_domain=sender_domain,
            kind=result.kind,
            defaults={
                "status": result.status,
                "message": result.message,
                "expected_record": result.expected_record,
                "checked_at": now,
            },
        )


def _update_verification(sender_domain, results):
    statuses = {result.status for result in results}
    if CheckStatus.PENDING in statuses:
        return False

    now = timezone.now()
    if CheckStatus.ERROR not in statuses:
        sender_domain.verified_at = sender_domain.verified_at or now
        sender_domain.save(update_fields=["verified_at", "updated_at"])
        return False
    if sender_domain.verified_at is None:
        return False
    sender_domain.verified_at = None
    sender_domain.last_regressed_at = now
    sender_domain.save(update_fields=["verified_at", "last_regressed_at", "updated_at"])
    return True


def _notify(sender_domain_pk):
    send_regression_notice(SenderDomain.objects.get(pk=sender_domain_pk))


def domains_needing_attention(company):
    """The company's domains whose records were right and are not any more."""
    return SenderDomain.objects.filter(
        company=company, verified_at__isnull=True, last_regressed_at__isnull=False
    )
