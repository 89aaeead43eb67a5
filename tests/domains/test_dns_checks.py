"""Each DNS check against a real DNS server on 127.0.0.1."""

import pytest

from domains import dkim
from domains.dns_checks import (
    check_dkim,
    check_dmarc,
    check_mx,
    check_spf,
    run_checks,
)

from .conftest import DOMAIN
from .local_dns import txt


def spf(server, *values):
    server.records.setdefault(DOMAIN, {})["TXT"] = [txt(v) for v in values]


def test_it_accepts_a_good_zone(good_zone, sender_domain, resolver):
    results = run_checks(sender_domain, resolver)

    assert [(r.kind, r.status) for r in results] == [
        ("spf", "ok"), ("dkim", "ok"), ("dmarc", "ok"), ("mx", "ok"),
    ]  # fmt: skip
    assert results[0].message == "SPF correct (1 requête DNS sur 10 permises)."
    assert results[3].message == (
        f"Les réponses arrivent sur mx1.{DOMAIN}, mx2.{DOMAIN}."
    )


def test_it_says_when_there_is_no_spf(good_zone, sender_domain, resolver):
    spf(good_zone, "google-site-verification=abc")

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"Aucun enregistrement SPF sur {DOMAIN}")
    assert result.expected_record == "v=spf1 include:sendgrid.net ~all"


def test_it_refuses_two_spf_records_and_merges_them(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net ~all", "v=spf1 ip4:10.1.2.3 -all")

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"2 enregistrements SPF sur {DOMAIN}")
    assert result.expected_record == "v=spf1 include:sendgrid.net ip4:10.1.2.3 -all"


def test_it_counts_lookups_through_nested_includes(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net include:a.example mx ~all")
    good_zone.add("a.example", "TXT", txt("v=spf1 include:b.example a mx ptr ~all"))
    good_zone.add(
        "b.example", "TXT", txt("v=spf1 a mx exists:x.example a:c.example ~all")
    )
    good_zone.add("c.example", "A", "10.0.0.1")

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert "Votre SPF demande 11 requêtes DNS" in result.message
    assert "la limite est de 10" in result.message


def test_it_counts_a_redirect_as_a_lookup(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net redirect=r.example")
    good_zone.add("r.example", "TXT", txt("v=spf1 mx ~all"))

    result = check_spf(sender_domain, resolver)

    assert result.status == "ok"
    assert result.message == "SPF correct (3 requêtes DNS sur 10 permises)."


def test_it_refuses_plus_all(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net +all")

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith("« +all » autorise n'importe quel serveur")
    assert result.expected_record == "v=spf1 include:sendgrid.net ~all"


def test_it_names_the_missing_provider_include(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:_spf.google.com -all")
    good_zone.add("_spf.google.com", "TXT", txt("v=spf1 ip4:35.190.247.0/24 ~all"))

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message == (
        "Il manque « include:sendgrid.net », nécessaire à votre fournisseur."
    )
    assert result.expected_record == (
        "v=spf1 include:sendgrid.net include:_spf.google.com -all"
    )


def test_it_requires_the_platform_include_when_configured(
    settings, good_zone, sender_domain, resolver
):
    settings.PLATFORM_SPF_INCLUDE = "spf.afrimail.test"

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert "include:spf.afrimail.test" in result.message
    assert result.expected_record == (
        "v=spf1 include:spf.afrimail.test include:sendgrid.net ~all"
    )


def test_it_accepts_brevo_old_include_name(good_zone, sender_domain, resolver):
    sender_domain.provider = "brevo"
    spf(good_zone, "v=spf1 include:spf.sendinblue.com ~all")
    good_zone.add("spf.sendinblue.com", "TXT", txt("v=spf1 ip4:1.179.112.0/20 ~all"))

    assert check_spf(sender_domain, resolver).status == "ok"


@pytest.mark.parametrize(
    "record, term",
    [
        ("v=spf1 include:sendgrid.net inclde:foo.example ~all", "inclde:foo.example"),
        ("v=spf1 include:sendgrid.net ip4:300.1.1.1 ~all", "ip4:300.1.1.1"),
        ("v=spf1 include: ~all", "include:"),
    ],
)
def test_it_points_at_the_malformed_spf_term(
    good_zone, sender_domain, resolver, record, term
):
    spf(good_zone, record)

    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert f"« {term} »" in result.message
    assert result.message.startswith("Votre enregistrement SPF est invalide")


def test_it_requires_an_ending(good_zone, sender_domain, resolver):
    spf(good_zone, "v=spf1 include:sendgrid.net")

    result = check_spf(sender_domain, resolver)

    assert result.message == "Le SPF doit se terminer par « ~all » ou « -all »."


def test_it_reports_a_domain_missing_from_dns(dns_server, sender_domain, resolver):
    result = check_spf(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"Le domaine {DOMAIN} n'existe pas dans le DNS")


def test_it_marks_a_timeout_pending(dns_server, sender_domain, resolver):
    dns_server.silent.add(DOMAIN)

    result = check_spf(sender_domain, resolver)

    assert result.status == "pending"
    assert result.message.startswith("Les serveurs DNS n'ont pas répondu à temps")


def test_it_joins_dkim_chunks(good_zone, sender_domain, resolver):
    name = dkim.record_name(sender_domain.dkim_selector, DOMAIN)
    chunks = good_zone.records[name]["TXT"][0]
    assert chunks.count('" "') == 1

    result = check_dkim(sender_domain, resolver)

    assert result.status == "ok"


def test_it_refuses_another_dkim_key(good_zone, sender_domain, resolver):
    name = dkim.record_name(sender_domain.dkim_selector, DOMAIN)
    _private, other = dkim.generate_key_pair()
    good_zone.records[name]["TXT"] = [txt(*dkim.txt_chunks(dkim.txt_record(other)))]

    result = check_dkim(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(
        f"La clé publiée à {name} ne correspond pas à la nôtre"
    )
    assert result.expected_record == dkim.txt_record(sender_domain.dkim_public_key)


def test_it_refuses_a_dkim_record_without_key(good_zone, sender_domain, resolver):
    name = dkim.record_name(sender_domain.dkim_selector, DOMAIN)
    good_zone.records[name]["TXT"] = [txt("v=DKIM1; k=rsa; MIIBIjANBgkq")]

    result = check_dkim(sender_domain, resolver)

    assert result.status == "error"
    assert "n'est pas une clé DKIM (pas de « p= »)" in result.message


def test_it_says_where_the_missing_dkim_record_goes(
    dns_server, sender_domain, resolver
):
    result = check_dkim(sender_domain, resolver)

    name = f"{sender_domain.dkim_selector}._domainkey.{DOMAIN}"
    assert result.status == "error"
    assert result.message.startswith(f"Aucun enregistrement TXT à {name}")


def test_it_requires_dmarc(good_zone, sender_domain, resolver):
    del good_zone.records[f"_dmarc.{DOMAIN}"]

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"Aucun enregistrement DMARC à _dmarc.{DOMAIN}")
    assert result.expected_record == (
        f"v=DMARC1; p=quarantine; rua=mailto:dmarc@{DOMAIN}; adkim=r; aspf=r"
    )


def test_it_explains_dmarc_none_as_a_warning(good_zone, sender_domain, resolver):
    good_zone.records[f"_dmarc.{DOMAIN}"]["TXT"] = [txt("v=DMARC1; p=none")]

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "warning"
    assert result.message.startswith("Politique « none » : les destinataires")
    assert result.message.endswith(
        "Aucune adresse « rua= » : vous ne recevrez pas les rapports qui "
        "montrent qui envoie en votre nom."
    )


def test_it_explains_dmarc_reject_and_notes_reports(good_zone, sender_domain, resolver):
    result = check_dmarc(sender_domain, resolver)

    assert result.status == "ok"
    assert result.message.startswith("Politique « reject » : un email")
    assert result.message.endswith(f"Rapports envoyés à mailto:d@{DOMAIN}.")


def test_it_refuses_a_dmarc_policy_it_cannot_read(good_zone, sender_domain, resolver):
    good_zone.records[f"_dmarc.{DOMAIN}"]["TXT"] = [txt("v=DMARC1; p=rejet")]

    result = check_dmarc(sender_domain, resolver)

    assert result.status == "error"
    assert "(« rejet »)" in result.message


def test_it_requires_mx_on_the_reply_domain(good_zone, sender_domain, resolver):
    del good_zone.records[DOMAIN]["MX"]

    result = check_mx(sender_domain, resolver)

    assert result.status == "error"
    assert result.message.startswith(f"Aucun serveur de messagerie (MX) pour {DOMAIN}")
